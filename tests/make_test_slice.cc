// Builds the indexes that the end-to-end tests share (corpus_fixture.h), so
// that ctest indexes them once rather than once per test process: always the
// committed fixture of tests/data/, and the slice of the shared corpus when it
// is there. Without the shared corpus it says so and succeeds: the tests that
// need it then skip, or fail under CI (CI=true), each under its own name.
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
    // Not a failure here, even under CI: the tests on the committed fixture
    // still run, and each test that needs the slice fails (CI=true) or skips
    // by itself, under its own name.
    std::printf("shared corpus not found at %s: no slice of it (the tests that need it %s)\n", corpus_dir().c_str(),
                running_in_ci() ? "fail, as CI=true" : "skip");
    return 0;
  }
  const auto& slice = gazette::test::CorpusSlice::get();
  std::printf("shared corpus slice: %zu articles indexed in %s\n", slice.articles.size(), slice.db.c_str());
  return 0;
}
