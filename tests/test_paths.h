// Where tests find their data. The committed fixture (tests/data/, see its
// README) is always there. The shared corpus is ../shared next to the
// repository, as CMake passes it in GAZETTE_SHARED_DIR (or the environment
// variable of that name, see shared_dir()); tests that need it
// start with GAZETTE_SKIP_IF_NO_CORPUS(): outside CI a checkout without it
// skips them with a message, under CI (CI=true) they fail, so that a green CI
// run has run them.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

// The environment variable GAZETTE_SHARED_DIR, when set, overrides the path
// CMake compiled in: `GAZETTE_SHARED_DIR=/nonexistent ctest` runs the suite as
// a checkout without the shared corpus would.
inline std::string shared_dir() {
  const char* env = std::getenv("GAZETTE_SHARED_DIR");
  return env && *env ? env : GAZETTE_SHARED_DIR;
}

inline std::string corpus_dir() { return shared_dir() + "/corpus"; }

// The committed fixture corpus (tests/data/).
inline std::string test_data_dir() { return GAZETTE_TEST_DATA_DIR; }

// True when the environment says CI=true (GitHub Actions, GitLab, .ci/run).
inline bool running_in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::strcmp(ci, "true") == 0;
}

inline bool have_shared_corpus() { return std::filesystem::is_directory(corpus_dir()); }

// A macro, because GTEST_SKIP and GTEST_FAIL only leave the function they are
// written in.
#define GAZETTE_SKIP_IF_NO_CORPUS()                                                                     \
  if (!::have_shared_corpus()) {                                                                        \
    if (::running_in_ci())                                                                              \
      GTEST_FAIL() << "shared corpus not found at " << ::corpus_dir()                                   \
                   << " and CI=true: under CI the tests that need the real files must run, not skip "   \
                      "(set GAZETTE_SHARED_DIR)";                                                       \
    else                                                                                                \
      GTEST_SKIP() << "shared corpus not found at " << ::corpus_dir()                                   \
                   << " (set GAZETTE_SHARED_DIR): test needs the real files; under CI=true this fails"; \
  }
