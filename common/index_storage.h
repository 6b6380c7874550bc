// How a Gazette index is laid out on disk by Xapian: the block size of the
// tables of a new index, and the one way every writer opens a local index
// or compacts into one (the importer's shards and its merge, the service's
// writer, a cluster's local shards), so that each new table gets it. An
// existing table keeps the block size it was created with: an index written
// before is read and written as it is.
//
// Thread-safe (constants and calls of Xapian). open_writable_index() and
// compact_index() throw what Xapian throws.
#pragma once

#include <string>

#include <xapian.h>

namespace gazette {

// 16 KB, where Xapian's default is 8 KB. Each block a search reads is a
// pread: with all facets over the shared corpus, a search read 88 blocks
// at 8 KB and 62 at 16 KB (strace), the kernel's read path fell from 13.5
// to 12.1 % of the server's samples under load, and a search in process
// took 3 % less on average. Adding an article with a commit took as long
// (Xapian alone, 100 adds: p50 36.6 and 40.9 ms at 8 KB, 40.6 and 39.4 at
// 16 KB); at 32 KB it took a quarter longer, each commit writing twice the
// bytes for the same blocks.
inline constexpr int kIndexBlockSize = 16384;

// The local index at `path`, opened for writing with `flags` (Xapian::DB_*).
inline Xapian::WritableDatabase open_writable_index(const std::string& path, int flags) {
  return Xapian::WritableDatabase(path, flags, kIndexBlockSize);
}

// `db` (one index or several shards) compacted into a new index at `path`.
inline void compact_index(Xapian::Database db, const std::string& path) { db.compact(path, 0, kIndexBlockSize); }

}  // namespace gazette
