// Builds the indexes that the end-to-end tests share (corpus_fixture.h), so
// that ctest indexes them once rather than once per test process: always the
// committed fixture of tests/data/, and the slice of the shared corpus when it
// is there. Without the shared corpus it says so and succeeds, except under
// CI (CI=true), where it fails: a CI run must test the real files.
#include <cstdio>

#include "corpus_fixture.h"

int main() {
  // Always from scratch: an index left by an older build would hide changes.
  std::filesystem::remove_all(GAZETTE_TEST_FIXTURE_DIR);
  const auto& fixture = gazette::test::CorpusSlice::committed();
  std::printf("committed fixture: %zu articles indexed in %s\n", fixture.articles.size(), fixture.db.c_str());
  if (fixture.articles.size() != gazette::test::kFixtureArticles) {
    std::printf("the committed fixture should hold %zu articles (tests/data/README.md)\n",
                gazette::test::kFixtureArticles);
    return 1;
  }

  std::filesystem::remove_all(GAZETTE_TEST_SLICE_DIR);
  if (!have_shared_corpus()) {
    if (running_in_ci()) {
      std::printf("shared corpus not found at %s and CI=true: the tests that need it cannot run\n",
                  corpus_dir().c_str());
      return 1;
    }
    std::printf("shared corpus not found at %s: no slice of it (its tests will skip)\n", corpus_dir().c_str());
    return 0;
  }
  const auto& slice = gazette::test::CorpusSlice::get();
  std::printf("shared corpus slice: %zu articles indexed in %s\n", slice.articles.size(), slice.db.c_str());
  return 0;
}
