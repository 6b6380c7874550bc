// The floor under a request on Xapian 1.4: Xapian alone doing the work that
// Gazette asks of it, for gazette-latency --xapian-floor (in process) and
// gazette-floor-serve (over HTTP). Nothing read is decoded or shown.
//
// Each function uses the caller's Database (and QueryBuilder), which are not
// thread-safe. Xapian's errors propagate.
#pragma once

#include <optional>
#include <string>

#include <xapian.h>

#include "search/query_builder.h"
#include "search/searcher.h"

namespace gazette {

// A search: the ranked pass for the page of `request` and, when it counts
// facets, an unweighted pass over every match; no facet counting, no hit
// decoding, no snippets, and no weight of the words in titles (title_match.h:
// Gazette's, not Xapian's). Returns the matches counted (0 when nothing was
// counted or the query does not parse).
Xapian::doccount xapian_floor(Xapian::Database& db, QueryBuilder& builder, const SearchRequest& request);

// An article page: the stored record of article `id`, neither unpacked nor
// parsed. Its size in bytes; nullopt when the index has no such article.
std::optional<size_t> xapian_floor_article(const Xapian::Database& db, const std::string& id);

// A related list: Xapian's part of find_related() (related.h:
// related_candidates, weighed by Xapian alone), without reading or re-ranking
// the candidates. How many were matched (0 when the article has no word to
// expand); nullopt when the index has no article `id`.
std::optional<Xapian::doccount> xapian_floor_related(Xapian::Database& db, const std::string& id, size_t size);

// Suggestions for a typed prefix: Xapian's own search as you type, the
// prefix as a partial query of title words (its last word expanded to the
// most frequent title words that start with it, as suggest.h does), the
// `size` newest matches, copies collapsed; no completions counted, no
// entities, no titles read. How many were matched.
Xapian::doccount xapian_floor_suggest(const Xapian::Database& db, const std::string& typed, size_t size);

}  // namespace gazette
