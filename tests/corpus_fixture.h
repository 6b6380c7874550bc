// A slice of the real shared corpus, indexed once for all test binaries: the
// first 3,000 articles of Le Monde 2022 and of Orange Actu, and the Wikinews
// file. ctest builds it first (the make_test_slice fixture); a test binary
// run by hand builds it when it is missing. Tests that use it start with
// GAZETTE_SKIP_IF_NO_CORPUS() (test_paths.h). The same articles are also
// indexed as kClusterShards kept shards (gazette-index --keep-shards), for
// the cluster tests.
#pragma once

#include <string>
#include <vector>

#include "common/article.h"
#include "test_paths.h"

namespace gazette::test {

// A fresh empty folder under the system temp dir, removed at exit.
std::string temp_dir(const std::string& name);

inline constexpr size_t kClusterShards = 3;

struct CorpusSlice {
  std::string jsonl;              // the slice as one JSON Lines file
  std::string db;                 // its index, built with IndexWriter
  std::string shards;             // the same, as kept shards with cluster.json
  std::vector<Article> articles;  // what was indexed, in file order, one per id

  static const CorpusSlice& get();
};

}  // namespace gazette::test
