#include "bench/xapian_floor.h"

#include "common/schema.h"

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

}  // namespace gazette
