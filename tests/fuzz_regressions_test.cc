// Replays every input saved in tests/fuzz/regressions/<target>/ (crashes the
// fuzzers found, see tests/fuzz/run.sh) through the same entry points and
// invariants as the fuzz targets, in the ordinary build, so that a fixed
// crash stays fixed without clang or libFuzzer.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "fuzz/targets.h"

namespace gazette::fuzz {
namespace {

namespace fs = std::filesystem;

const Target* find_target(const std::string& name) {
  for (const Target& t : kTargets)
    if (name == t.name) return &t;
  return nullptr;
}

void replay(const Target& target, const std::string& bytes) {
  target.run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

TEST(FuzzRegressions, EverySavedInputPasses) {
  const fs::path root = GAZETTE_FUZZ_REGRESSIONS_DIR;
  if (!fs::is_directory(root)) GTEST_SKIP() << "no saved inputs in " << root;
  size_t replayed = 0;
  for (const auto& folder : fs::directory_iterator(root)) {
    if (!folder.is_directory()) continue;
    const Target* target = find_target(folder.path().filename().string());
    ASSERT_NE(target, nullptr) << folder.path() << " is not named after a fuzz target";
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(folder.path()))
      if (f.is_regular_file()) files.push_back(f.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      std::ifstream in(file, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), {});
      try {
        replay(*target, bytes);
      } catch (const std::exception& e) {
        ADD_FAILURE() << target->name << " on " << file << ": " << e.what();
      }
      ++replayed;
    }
  }
  std::cout << "[ replayed ] " << replayed << " saved inputs\n";
}

// The targets themselves must pass on ordinary and empty inputs, or the
// fuzzer would report a harness bug as a crash.
TEST(FuzzRegressions, TargetsAcceptEmptyAndTypicalInputs) {
  const std::string inputs[] = {
      "",
      std::string(1, '\0'),
      R"({"id": "a-1", "title": "L’école", "body": "Les écoles rouvrent.", "published": "1er mars 2022"})",
      "<html><head><title>T</title></head><body><article><p>Texte.</p></article></body></html>",
      "Titre\n\nPublié le 3 mars 2022\n\nLe texte.\n",
      "q=kim+jong-un&size=20&section=Monde&from=2022&to=2022-03",
      std::string("titre:\"L’Élysée\" 2020..2021") + '\0' + "Politique" + '\0' + "2022-01",
      "c1.10.00000000",
  };
  for (const Target& target : kTargets)
    for (const std::string& input : inputs) EXPECT_NO_THROW(replay(target, input)) << target.name << ": " << input;
}

}  // namespace
}  // namespace gazette::fuzz
