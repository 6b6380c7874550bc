// What the entity tests share: the extractors (without and with the data
// file of scripts/fetch-geo-data.sh, which a build folder may lack), and
// helpers to read what they found.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "entities/entity_extractor.h"

namespace gazette::test {

inline std::string data_file() { return std::string(GAZETTE_BIN_DIR) + "/../geo/entities-data.tsv"; }

inline const EntityExtractor& bare() {
  static const EntityExtractor extractor("");
  return extractor;
}

inline const EntityExtractor* with_data() {
  static const EntityExtractor* extractor =
      std::filesystem::exists(data_file()) ? new EntityExtractor(data_file()) : nullptr;
  return extractor;
}

#define SKIP_IF_NO_DATA()                                                                      \
  if (!::gazette::test::with_data())                                                           \
  GTEST_SKIP() << "no " << ::gazette::test::data_file() << " (bash scripts/fetch-geo-data.sh " \
               << "<build folder> makes it)"

inline std::vector<Entity> extract(const EntityExtractor& x, std::string_view body, std::string_view title = "") {
  return x.extract(title, "", body);
}

inline const Entity* find(const std::vector<Entity>& entities, std::string_view id) {
  for (const auto& e : entities)
    if (e.id == id) return &e;
  return nullptr;
}

inline size_t count_id(const std::vector<Entity>& entities, std::string_view id) {
  size_t n = 0;
  for (const auto& e : entities) n += e.id == id;
  return n;
}

inline std::string ids(const std::vector<Entity>& entities) {
  std::string out;
  for (const auto& e : entities) out += e.id + " ";
  return out;
}

inline bool has_alias(const Entity& e, std::string_view alias) {
  return std::find(e.aliases.begin(), e.aliases.end(), alias) != e.aliases.end();
}

// Both extractors, when the data file is there; the bare one otherwise.
inline std::vector<const EntityExtractor*> extractors() {
  std::vector<const EntityExtractor*> all{&bare()};
  if (with_data()) all.push_back(with_data());
  return all;
}

}  // namespace gazette::test
