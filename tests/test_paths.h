// Where tests find the shared corpus: ../shared next to the repository, as
// CMake passes it in GAZETTE_SHARED_DIR. Tests that read the corpus start with
// GAZETTE_SKIP_IF_NO_CORPUS(), so that a checkout without it still passes.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

inline std::string shared_dir() { return GAZETTE_SHARED_DIR; }

inline std::string corpus_dir() { return shared_dir() + "/corpus"; }

// A macro, because GTEST_SKIP only leaves the function it is written in.
#define GAZETTE_SKIP_IF_NO_CORPUS()                               \
  if (!std::filesystem::is_directory(::corpus_dir()))             \
  GTEST_SKIP() << "shared corpus not found at " << ::corpus_dir() \
               << " (set GAZETTE_SHARED_DIR): test needs the real files"
