// The floor under a search on Xapian 1.4: Xapian alone doing the work that a
// Gazette search asks of it, for gazette-latency --xapian-floor (in process)
// and gazette-floor-serve (over HTTP).
#pragma once

#include <xapian.h>

#include "search/query_builder.h"
#include "search/searcher.h"

namespace gazette {

// Runs the ranked pass for the page of `request` and, when it counts
// facets, an unweighted pass over every match; no facet counting, no hit
// decoding, no snippets, and no weight of the words in titles (title_match.h:
// Gazette's, not Xapian's). Returns the matches counted (0 when nothing was
// counted or the query does not parse). `builder` is not thread-safe.
Xapian::doccount xapian_floor(Xapian::Database& db, QueryBuilder& builder, const SearchRequest& request);

}  // namespace gazette
