// The folder of an index built in shards, as gazette-index leaves it while a
// parallel build runs and, with --keep-shards, for good:
//
//   DB/XAPIANDB      Xapian's stub file listing the shards: the folder opens
//                    as one database (gazette-search --db DB works mid-import)
//   DB/shard-K       one ordinary Gazette index per shard, K = shard_of(id)
//   DB/cluster.json  kept shards only: a cluster file of the local shards
//   DB/global        kept shards only: the cluster's global database
//
// The indexer writes this layout and the tests and tools read it; nothing
// else spells these names. Functions throw std::filesystem::filesystem_error
// when the disk refuses a write.
#pragma once

#include <string>

namespace gazette::layout {

inline constexpr char kStubFile[] = "XAPIANDB";
inline constexpr char kClusterFile[] = "cluster.json";
inline constexpr char kGlobalDb[] = "global";

// "shard-K": the folder of shard K, and its name in the cluster file.
std::string shard_name(size_t shard);
// DB/shard-K.
std::string shard_path(const std::string& dir, size_t shard);

// How many shards the stub file of `dir` lists; 0 when there is none.
size_t stub_shards(const std::string& dir);
// Writes the stub file listing shard-0 .. shard-(shards - 1), atomically.
void write_stub(const std::string& dir, size_t shards);
// Whether `dir` holds kept shards (a cluster file beside the stub).
bool has_cluster_file(const std::string& dir);
// Writes the cluster file of `shards` local shards (paths relative to
// `dir`, with the global database), atomically.
void write_cluster_file(const std::string& dir, size_t shards);

}  // namespace gazette::layout
