// How Xapian numbers the documents of several databases searched as one (a
// stub file, or Database::add_database): shard i of n numbers its document
// d as (d - 1) * n + i + 1 in the combined database. The indexer writes to
// the shards what it finds in the combined numbering, and the stories of a
// search are read per shard and given in it.
#pragma once

#include <cstddef>

#include <xapian.h>

namespace gazette {

// Document `local` of shard `shard` (of `shards`), in the combined numbering.
inline Xapian::docid combined_docid(Xapian::docid local, size_t shard, size_t shards) {
  return static_cast<Xapian::docid>((local - 1) * shards + shard + 1);
}

// The shard that holds document `combined` (not 0) of the combined numbering.
inline size_t shard_of(Xapian::docid combined, size_t shards) { return (combined - 1) % shards; }

// Its number in that shard.
inline Xapian::docid docid_in_shard(Xapian::docid combined, size_t shards) {
  return static_cast<Xapian::docid>((combined - 1) / shards + 1);
}

}  // namespace gazette
