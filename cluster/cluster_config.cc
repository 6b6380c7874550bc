#include "cluster/cluster_config.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "common/index_storage.h"

namespace gazette {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Thrown inside the parser only; load() turns it into a Problem.
struct BadClusterFile {
  std::string what;
};

[[noreturn]] void fail(const std::string&, const std::string& what) { throw BadClusterFile{what}; }

// "host:port" when the part after the last colon is a port number, else a
// folder (relative to `base`).
Endpoint parse_endpoint(const std::string& text, const fs::path& base, const std::string& file) {
  if (text.empty()) fail(file, "empty shard address");
  size_t colon = text.rfind(':');
  std::string port = colon == std::string::npos ? "" : text.substr(colon + 1);
  if (!port.empty() && port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos &&
      text[0] != '/' && text[0] != '.') {
    unsigned n = static_cast<unsigned>(std::stoul(port));
    if (colon == 0 || n == 0 || n > 65535) fail(file, "bad host:port '" + text + "'");
    return {"", text.substr(0, colon), n};
  }
  return {(base / text).lexically_normal().string(), "", 0};
}

unsigned read_ms(const json& j, const char* key, unsigned fallback, const std::string& file) {
  if (!j.contains(key)) return fallback;
  if (!j[key].is_number_unsigned() || j[key].get<unsigned>() == 0 || j[key].get<unsigned>() > 600000)
    fail(file, std::string("'") + key + "' must be milliseconds, 1 to 600000");
  return j[key].get<unsigned>();
}

std::string read_string(const json& j, const char* key, const std::string& file) {
  if (!j.contains(key)) return "";
  if (!j[key].is_string()) fail(file, std::string("'") + key + "' must be a string");
  return j[key].get<std::string>();
}

}  // namespace

std::string Endpoint::str() const { return remote() ? host + ":" + std::to_string(port) : path; }

ClusterConfig ClusterConfig::single(const std::string& path) {
  ClusterConfig c;
  c.shards.push_back({"index", {path, "", 0}, std::nullopt, {}});
  c.on_failure = FailurePolicy::kUnavailable;
  return c;
}

static ClusterConfig parse_cluster_file(const std::string& file);

Result<ClusterConfig> ClusterConfig::load(const std::string& file) {
  try {
    return parse_cluster_file(file);
  } catch (const BadClusterFile& e) {
    return Problem{"bad_cluster_file", e.what, file};
  }
}

static ClusterConfig parse_cluster_file(const std::string& file) {
  std::ifstream in(file);
  if (!in) fail(file, "cannot read the cluster file");
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) fail(file, "not a JSON object");
  const fs::path base = fs::absolute(file).parent_path();
  ClusterConfig c;
  if (!j.contains("shards") || !j["shards"].is_array() || j["shards"].empty())
    fail(file, "'shards' must be a non-empty array");
  for (const json& s : j["shards"]) {
    if (!s.is_object()) fail(file, "each shard must be an object");
    ShardConfig shard;
    shard.name = read_string(s, "name", file);
    if (shard.name.empty()) shard.name = "shard-" + std::to_string(c.shards.size());
    shard.master = parse_endpoint(read_string(s, "master", file), base, file);
    std::string writer = read_string(s, "writer", file);
    if (!writer.empty()) shard.writer = parse_endpoint(writer, base, file);
    if (s.contains("replicas")) {
      if (!s["replicas"].is_array()) fail(file, "'replicas' must be an array of addresses");
      for (const json& r : s["replicas"]) {
        if (!r.is_string()) fail(file, "'replicas' must be an array of addresses");
        shard.replicas.push_back(parse_endpoint(r.get<std::string>(), base, file));
      }
    }
    c.shards.push_back(std::move(shard));
  }
  std::string policy = read_string(j, "on_failure", file);
  if (policy == "unavailable")
    c.on_failure = FailurePolicy::kUnavailable;
  else if (!policy.empty() && policy != "partial")
    fail(file, "'on_failure' must be 'partial' or 'unavailable'");
  c.timeout_ms = read_ms(j, "timeout_ms", c.timeout_ms, file);
  c.connect_timeout_ms = read_ms(j, "connect_timeout_ms", c.connect_timeout_ms, file);
  std::string global = read_string(j, "global", file);
  if (!global.empty()) c.global = (base / global).lexically_normal().string();
  return c;
}

bool ClusterConfig::has_remote() const {
  for (const auto& s : shards) {
    if (s.master.remote()) return true;
    for (const auto& r : s.replicas)
      if (r.remote()) return true;
  }
  return false;
}

Xapian::Database open_reader(const Endpoint& endpoint, const ClusterConfig& config) {
  if (!endpoint.remote()) return Xapian::Database(endpoint.path);
  return Xapian::Remote::open(endpoint.host, endpoint.port, config.timeout_ms, config.connect_timeout_ms);
}

Xapian::WritableDatabase open_writer(const ShardConfig& shard, const ClusterConfig& config) {
  const Endpoint& e = shard.writer ? *shard.writer : shard.master;
  if (!e.remote()) return open_writable_index(e.path, Xapian::DB_CREATE_OR_OPEN);
  return Xapian::Remote::open_writable(e.host, e.port, config.timeout_ms, config.connect_timeout_ms);
}

}  // namespace gazette
