// Related coverage for editors: the articles about the same story as a given
// one. Candidates come from Xapian's relevance feedback on the article (the
// expansion set of its most telling stemmed words, Enquire::get_eset); a
// word found in many articles (more than a 64th, and more than 100) only
// raises candidates that share a rarer one with the article (when all the
// words it shares with others are common, they bring candidates), and only
// the 10 such words of most expansion weight count. Their
// scores are then weighed by the share of the article's entities they name
// too, by closeness in days, since coverage of one story clusters around its
// dates, and by being in the article's story (stories/stories.h).
// Republished copies of one wire story (same title) count once, and copies
// of the article itself never appear.
//
// Not thread-safe: it uses the caller's Database. Xapian's errors propagate
// (NetworkError from a remote shard, DatabaseModifiedError: reopen and retry).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "common/problem.h"
#include "search/revision_memory.h"

namespace gazette {

struct RelatedHit {
  Article article;
  double score = 0;
};

// Where the shards of the Database are: kRemote when any is remote
// (ClusterConfig::has_remote()), where each look-up of a term's frequency is
// a round trip.
enum class ShardPlace { kLocal, kRemote };

// Problem "not_found" when the index has no article `id`,
// "bad_stored_document" when a candidate cannot be read. With `memory`'s
// columns and stories (of the revision `db` reads), the candidates' folded
// titles, days, entities and stories come from there; the list is the same
// either way.
Result<std::vector<RelatedHit>> find_related(Xapian::Database& db, ShardPlace shards, const std::string& id,
                                             size_t size, const RevisionMemory& memory = {});

// Xapian's part of find_related(): the expansion set of article `id` (at
// `source`), and the match of its weighted terms, copies collapsed, from
// which the `size` related articles are chosen. Nullopt when the article has
// no term to expand. The terms are weighed with the documents' lengths of
// `lengths` when there are any (term_weight.h: the same weights), else by
// Xapian alone: gazette-latency times it so, the floor under related.
std::optional<Xapian::MSet> related_candidates(Xapian::Database& db, ShardPlace shards, Xapian::docid source,
                                               const std::string& id, size_t size,
                                               const std::vector<ShardLengths>& lengths = {});

}  // namespace gazette
