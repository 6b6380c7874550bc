#include "cluster/index_layout.h"

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

namespace gazette::layout {
namespace {

namespace fs = std::filesystem;

// Readers never see a half-written file: write beside it, then rename.
void write_atomically(const fs::path& path, const std::string& text) {
  const std::string tmp = path.string() + ".tmp";
  std::ofstream(tmp) << text;
  fs::rename(tmp, path);
}

}  // namespace

std::string shard_name(size_t shard) { return "shard-" + std::to_string(shard); }

std::string shard_path(const std::string& dir, size_t shard) { return (fs::path(dir) / shard_name(shard)).string(); }

size_t stub_shards(const std::string& dir) {
  std::ifstream in(fs::path(dir) / kStubFile);
  size_t shards = 0;
  for (std::string line; std::getline(in, line);) shards += !line.empty();
  return shards;
}

void write_stub(const std::string& dir, size_t shards) {
  std::string listing;
  for (size_t i = 0; i < shards; ++i) listing += "auto " + shard_name(i) + "\n";
  write_atomically(fs::path(dir) / kStubFile, listing);
}

bool has_cluster_file(const std::string& dir) { return fs::exists(fs::path(dir) / kClusterFile); }

void write_cluster_file(const std::string& dir, size_t shards) {
  nlohmann::json list = nlohmann::json::array();
  for (size_t i = 0; i < shards; ++i) list.push_back({{"name", shard_name(i)}, {"master", shard_name(i)}});
  write_atomically(fs::path(dir) / kClusterFile,
                   nlohmann::json{{"shards", list}, {"global", kGlobalDb}}.dump(2) + "\n");
}

}  // namespace gazette::layout
