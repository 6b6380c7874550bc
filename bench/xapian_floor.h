// The floor under a request on Xapian 1.4: Xapian alone doing the lookups
// and matches that Gazette asks of it, for gazette-latency --xapian-floor (in
// process) and gazette-floor-serve (over HTTP). As issue 16 defines it for a
// search ("Xapian's own get_mset of the same query with no spies and no hit
// decoding"), the floors of searches, related lists and suggestions read no
// stored record of what they show; those of an article page (here) and of a
// story (gazette-latency) are the reading of the records they show. Nothing
// is unpacked or parsed. A floor does no more than Gazette asks of Xapian
// for the same request, so a target the floor misses is below what Xapian
// 1.4 does, with one caveat: the related floor weighs its words with
// Xapian's BM25, which reads each candidate's length from the index where
// Gazette reads it from memory (term_weight.h).
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

// An article page: the stored record of article `id`, read but neither
// unpacked nor parsed. Its size in bytes; nullopt when the index has no
// such article. (An index older than schema 10 stores it as the document
// data, which this does not read: the bench builds its indexes anew.)
std::optional<size_t> xapian_floor_article(const Xapian::Database& db, const std::string& id);

// A related list: Xapian's part of find_related() (related.h:
// related_candidates, weighed by Xapian alone), without reading or re-ranking
// the candidates. How many were matched (0 when the article has no word to
// expand); nullopt when the index has no article `id`.
std::optional<Xapian::doccount> xapian_floor_related(Xapian::Database& db, const std::string& id, size_t size);

// Suggestions for a typed prefix: what Gazette asks of Xapian for them
// (suggest.h; from a SuggestIndex, it chooses the words and titles in
// memory), with the choosing left out: each of the first `size` title words
// that start with the last typed word counted (a term frequency, as
// Searcher::total counts a word), and the first `size` articles whose title
// holds the first of them looked up. How many words were counted.
Xapian::doccount xapian_floor_suggest(const Xapian::Database& db, const std::string& typed, size_t size);

}  // namespace gazette
