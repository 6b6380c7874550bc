#include "corpus_fixture.h"

#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_set>

#include <gtest/gtest.h>

#include "common/index_storage.h"
#include "common/schema.h"
#include "indexer/index_writer.h"
#include "indexer/jsonl_importer.h"

namespace gazette::test {
namespace {

namespace fs = std::filesystem;

constexpr size_t kArticlesPerFile = 3000;

// Appends the first `n` lines of a (possibly gzipped) file to `out`.
void copy_lines(const std::string& path, size_t n, std::ofstream& out) {
  gzFile in = gzopen(path.c_str(), "rb");
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::abort();
  }
  std::string line;
  char buf[1 << 16];
  size_t lines = 0;
  while (lines < n && gzgets(in, buf, sizeof buf)) {
    line += buf;
    if (!line.empty() && line.back() == '\n') {
      out << line;
      line.clear();
      ++lines;
    }
  }
  gzclose(in);
}

struct TempDirs {
  std::vector<std::string> paths;
  ~TempDirs() {
    std::error_code ec;
    for (const auto& p : paths) fs::remove_all(p, ec);
  }
};
TempDirs temp_dirs;

}  // namespace

std::string temp_dir(const std::string& name) {
  std::string path = (fs::temp_directory_path() / ("gazette-test-" + std::to_string(getpid()) + "-" + name)).string();
  fs::remove_all(path);
  fs::create_directories(path);
  temp_dirs.paths.push_back(path);
  return path;
}

std::string writable_copy(const std::string& source, const std::string& name) {
  const std::string copy = temp_dir(name) + "/copy";
  fs::copy(source, copy, fs::copy_options::recursive);
  return copy;
}

namespace {

// Indexes the JSON Lines file `jsonl` in `dir`, once: `fill` writes it when
// the folder is not complete yet for this schema version and block size (a
// build folder outlives changes of either). The articles are read back
// either way.
CorpusSlice build(const std::string& dir, const std::function<void(std::ofstream&)>& fill) {
  CorpusSlice s;
  const std::string done =
      dir + "/complete-schema-" + std::to_string(schema::kVersion) + "-blocks-" + std::to_string(kIndexBlockSize);
  s.jsonl = dir + "/slice.jsonl";
  s.db = dir + "/db";
  s.shards = dir + "/shards";
  bool built = fs::exists(done);
  if (!built) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream out(s.jsonl);
    fill(out);
  }
  std::optional<IndexWriter> writer;
  if (!built) writer.emplace(s.db, IndexOptions{}, [](const Report&) {});
  std::unordered_set<std::string> ids;
  import_jsonl_file(s.jsonl, [&](ImportRecord&& r) {
    if (r.article && ids.insert(r.article->id).second) s.articles.push_back(*r.article);
    if (writer) writer->add(std::move(r));
  });
  if (writer) {
    writer->finish();
    writer.reset();
    IndexOptions kept;
    kept.shards = kClusterShards;
    kept.keep_shards = true;
    IndexWriter sharded(s.shards, kept, [](const Report&) {});
    import_jsonl_file(s.jsonl, [&](ImportRecord&& r) { sharded.add(std::move(r)); });
    sharded.finish();
    std::ofstream(done) << s.articles.size() << '\n';
  }
  return s;
}

}  // namespace

const CorpusSlice& CorpusSlice::get() {
  static const CorpusSlice slice = build(GAZETTE_TEST_SLICE_DIR, [](std::ofstream& out) {
    copy_lines(corpus_dir() + "/lemonde2022.jsonl.gz", kArticlesPerFile, out);
    copy_lines(corpus_dir() + "/orangesum.jsonl.gz", kArticlesPerFile, out);
    copy_lines(corpus_dir() + "/wikinews.jsonl", kArticlesPerFile, out);
  });
  return slice;
}

const CorpusSlice& CorpusSlice::committed() {
  static const CorpusSlice fixture = build(GAZETTE_TEST_FIXTURE_DIR, [](std::ofstream& out) {
    copy_lines(test_data_dir() + "/wikinews.jsonl", kFixtureArticles, out);
  });
  return fixture;
}

std::unique_ptr<FixtureShards> open_fixture_shards() {
  Result<ClusterConfig> cluster = ClusterConfig::load(CorpusSlice::committed().shards + "/cluster.json");
  EXPECT_TRUE(cluster) << cluster.problem().str();
  if (!cluster) return nullptr;
  auto opened = std::make_unique<FixtureShards>(std::move(cluster).value());
  EXPECT_EQ(opened->shards.database().size(), kClusterShards);
  if (opened->shards.database().size() != kClusterShards) return nullptr;
  return opened;
}

}  // namespace gazette::test
