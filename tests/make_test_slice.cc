// Builds the corpus slice that the end-to-end tests share (corpus_fixture.h),
// so that ctest indexes it once rather than once per test process.
#include <cstdio>

#include "corpus_fixture.h"

int main() {
  if (!std::filesystem::is_directory(corpus_dir())) {
    std::printf("shared corpus not found at %s: nothing to build\n", corpus_dir().c_str());
    return 0;
  }
  // Always from scratch: an index left by an older build would hide changes.
  std::filesystem::remove_all(GAZETTE_TEST_SLICE_DIR);
  const auto& slice = gazette::test::CorpusSlice::get();
  std::printf("%zu articles indexed in %s\n", slice.articles.size(), slice.db.c_str());
  return 0;
}
