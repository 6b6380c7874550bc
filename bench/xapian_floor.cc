#include "bench/xapian_floor.h"

#include "common/schema.h"
#include "common/stored_document.h"
#include "search/related.h"
#include "search/suggest.h"

namespace gazette {

Xapian::doccount xapian_floor(Xapian::Database& db, QueryBuilder& builder, const SearchRequest& request) {
  ParsedQuery parsed = builder.parse(request.query);
  if (!parsed.ok()) return 0;
  Xapian::Enquire ranked(db);
  ranked.set_query(QueryBuilder::filtered(parsed.query, request.filters));
  ranked.set_weighting_scheme(ranking_weight());
  if (request.sort != SortOrder::kRelevance)
    ranked.set_sort_by_value_then_relevance(
        request.sort == SortOrder::kNewestFirst ? schema::kTimestampSlot : schema::kOldestFirstSlot, true);
  ranked.get_mset(static_cast<Xapian::doccount>(request.offset), static_cast<Xapian::doccount>(request.limit));
  if (request.facets.empty()) return 0;
  Xapian::Enquire counting(db);
  counting.set_query(QueryBuilder::filtered(parsed.matching, request.filters));
  counting.set_weighting_scheme(Xapian::BoolWeight());
  return counting.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

std::optional<size_t> xapian_floor_article(const Xapian::Database& db, const std::string& id) {
  const std::optional<Xapian::docid> doc = find_article(db, id);
  if (!doc) return std::nullopt;
  return db.get_document(*doc).get_value(schema::kRecordSlot).size();
}

std::optional<Xapian::doccount> xapian_floor_related(Xapian::Database& db, const std::string& id, size_t size) {
  const std::optional<Xapian::docid> source = find_article(db, id);
  if (!source) return std::nullopt;
  const std::optional<Xapian::MSet> candidates = related_candidates(db, ShardPlace::kLocal, *source, id, size);
  return candidates ? candidates->size() : 0;
}

Xapian::doccount xapian_floor_suggest(const Xapian::Database& db, const std::string& typed, size_t size) {
  const TypedPrefix prefix = read_typed_prefix(typed);
  if (prefix.last.empty()) return 0;
  const std::string words = schema::kTitle + prefix.last;
  thread_local const Xapian::Stem stemmer("french");  // not thread-safe: it keeps state
  std::string first;
  Xapian::doccount counted = 0;
  for (auto t = db.allterms_begin(words); t != db.allterms_end(words) && counted < size; ++t, ++counted) {
    if (first.empty()) first = *t;
    std::string stem = schema::kStemPrefix;
    stem += stemmer((*t).substr(1));
    db.get_termfreq(stem);
  }
  size_t titles = 0;
  for (auto d = db.postlist_begin(first); !first.empty() && d != db.postlist_end(first) && titles < size; ++d, ++titles)
    db.get_document(*d);
  return counted;
}

}  // namespace gazette
