// Real articles indexed once for all test binaries, in two sets:
//
//   - CorpusSlice::committed(): the fixture committed in tests/data/ (all 100
//     articles of French Wikinews, CC BY 2.5; tests/data/README.md). It is
//     always there: the search, service and cluster tests that run on it need
//     nothing outside the repository.
//   - CorpusSlice::get(): a slice of the real shared corpus, which may not be
//     copied into the repository: the first 3,000 articles of Le Monde 2022
//     and of Orange Actu, and the Wikinews file. Tests that use it start with
//     GAZETTE_SKIP_IF_NO_CORPUS() (test_paths.h).
//
// ctest builds both first (the make_test_slice fixture); a test binary run by
// hand builds what is missing. The same articles are also indexed as
// kClusterShards kept shards (gazette-index --keep-shards), for the cluster
// tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cluster/shard_set.h"
#include "common/article.h"
#include "test_paths.h"

namespace gazette::test {

// A fresh empty folder under the system temp dir, removed at exit.
std::string temp_dir(const std::string& name);
// A copy of the folder `source` (an index, or kept shards) in temp_dir(name),
// that a test may write: its path.
std::string writable_copy(const std::string& source, const std::string& name);

inline constexpr size_t kClusterShards = 3;

struct CorpusSlice {
  std::string jsonl;              // the articles as one JSON Lines file
  std::string db;                 // its index, built with IndexWriter
  std::string shards;             // the same, as kept shards with cluster.json
  std::vector<Article> articles;  // what was indexed, in file order, one per id

  // The slice of the shared corpus.
  static const CorpusSlice& get();
  // The committed fixture of tests/data/.
  static const CorpusSlice& committed();
};

// The number of articles in the committed fixture (tests/data/README.md).
inline constexpr size_t kFixtureArticles = 100;

// The committed fixture's kept shards (CorpusSlice::committed().shards),
// read as one database the way gazette-serve --cluster reads local shards.
struct FixtureShards {
  explicit FixtureShards(ClusterConfig loaded) : config(std::move(loaded)), health(config), shards(config, health) {}
  ClusterConfig config;
  ClusterHealth health;
  ShardSet shards;
};
// Null, with a test failure naming the problem, when its cluster.json cannot
// be read or does not open kClusterShards shards.
std::unique_ptr<FixtureShards> open_fixture_shards();

}  // namespace gazette::test
