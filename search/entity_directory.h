// The entities of an index, as readers and editors look them up: by a prefix
// of their name, and one by one with their timeline (articles per month),
// the entities most often found with them, and their latest articles.
// Everything is read from the index (schema::kEntity terms and the
// kEntitiesSlot value), so it stays right as articles come and go.
//
// Not thread-safe: uses the caller's Database. Xapian's errors propagate
// (NetworkError from a remote shard, DatabaseModifiedError: reopen and retry).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "common/entity.h"
#include "common/problem.h"
#include "search/facets.h"

namespace gazette {

struct EntitySummary {
  std::string id, name;
  EntityType type = EntityType::kPlace;
  Xapian::doccount articles = 0;
};

// What a typed name becomes to be compared with slugs (entity.h): "kim jong"
// -> "kim-jong"; a prefix that ends a word ("kim ") asks for that whole word
// ("kim-"). An entity matches when its slug starts so, or holds it right
// after a '-' (the start of another word of its name); "" matches them all.
std::string entity_slug_prefix(std::string_view typed);

// Entities one of whose name's words starts with `prefix` (case and accents
// ignored; entity_slug_prefix), most articles first, then in id order.
std::vector<EntitySummary> find_entities(const Xapian::Database& db, std::string_view prefix,
                                         std::optional<EntityType> type, size_t size);

struct EntityProfile {
  EntitySummary summary;
  std::vector<std::string> aliases;     // written forms seen in its latest articles
  std::vector<FacetValue> per_month;    // "2022-03" -> articles
  std::vector<FacetValue> cooccurring;  // other entities, most shared articles first
  std::vector<Article> latest;          // newest first
};

// `spies`: as the Searcher of `db` counts facets (facets.h). Problem
// "not_found" for an unknown id, "bad_stored_document" for an unreadable one.
Result<EntityProfile> entity_profile(Xapian::Database& db, const std::string& id, size_t latest, SpyKind spies);

}  // namespace gazette
