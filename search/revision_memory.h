// What a reader may take from memory instead of from the index, for one
// revision of a database: each local shard's facet columns (facet_columns.h)
// and every document's story (stories/story_members.h). Searches count
// facets from it; related coverage re-ranks its candidates by their day,
// entities and story from it without reading their values.
//
// It must be of the revision that the reader's database reads during the
// call (the caller fetches it after reopening): columns of another revision
// describe other documents. It holds Xapian::Database handles: it belongs to
// the calling thread; what it points to is shared read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <xapian.h>

#include "search/facet_columns.h"
#include "stories/story_members.h"

namespace gazette {

// The facet columns of one local shard, with that shard's own handle: each
// shard is counted in its own pass.
struct ShardColumns {
  Xapian::Database shard;
  std::shared_ptr<const FacetColumns> columns;
};

struct RevisionMemory {
  // One per local shard of the database, in its order (the shards searched
  // as one number their documents as in common/shard_numbering.h); the
  // facets counted in one pass per shard and summed by key (when the
  // Searcher's spy_kind() is kInProcess). Empty: counted by MatchSpies, and
  // the titles' words read from the index.
  std::vector<ShardColumns> columns;
  // The stories of the database's documents, which give each hit's story;
  // none: read from the index.
  std::optional<StoryMembership> stories;

  // The memory of one local index `db`, or none when `columns` is null.
  static RevisionMemory of(const Xapian::Database& db, std::shared_ptr<const FacetColumns> columns);

  // The column of `facet` holding document `did` of the combined numbering,
  // and that document's codes in it. Requires columns not to be empty.
  struct DocumentCodes {
    const FacetColumn* column;
    FacetColumn::Codes codes;
  };
  DocumentCodes codes(Facet facet, Xapian::docid did) const;
  // title_key_hash() (title_match.h) of the folded title of document `did`
  // of the combined numbering. Requires columns not to be empty.
  uint64_t title_key_hash(Xapian::docid did) const;
  // Each shard's titles' words and documents' lengths, for ranking
  // (title_match.h, term_weight.h); none without columns.
  std::vector<ShardTitles> title_words() const;
  std::vector<ShardLengths> document_lengths() const;
};

}  // namespace gazette
