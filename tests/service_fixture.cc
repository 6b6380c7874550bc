#include "service_fixture.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "corpus_fixture.h"

namespace gazette::test {

RunningService::RunningService(const std::string& db, const std::string& token, std::vector<std::string> cors_origins) {
  db_ = temp_dir("service-" + std::to_string(reinterpret_cast<uintptr_t>(this))) + "/db";
  std::filesystem::copy(db, db_, std::filesystem::copy_options::recursive);
  start(ClusterConfig::single(db_), token, [&cors_origins](ServiceConfig& c) { c.cors_origins = cors_origins; });
}

RunningService::RunningService(ClusterConfig cluster, const std::string& token,
                               const std::function<void(ServiceConfig&)>& configure) {
  start(std::move(cluster), token, configure);
}

void RunningService::start(ClusterConfig cluster, const std::string& token,
                           const std::function<void(ServiceConfig&)>& configure) {
  ServiceConfig config;
  config.cluster = std::move(cluster);
  config.web_dir = std::string(GAZETTE_SOURCE_DIR) + "/web";
  config.write_token = token;
  config.log_requests = false;
  if (configure) configure(config);
  service_ = std::make_unique<Service>(config);
  service_->install(server_);
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ < 0) throw std::runtime_error("the test service cannot bind a loopback port");
  auto listen_returned = std::make_shared<std::atomic<bool>>(false);
  thread_ = std::thread([this, listen_returned] {
    server_.listen_after_bind();
    *listen_returned = true;
  });
  // Bounded: a server that stops at once (listen_returned) or never starts
  // fails the test that made it instead of hanging it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!server_.is_running() && !*listen_returned && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!server_.is_running()) {
    server_.stop();
    thread_.join();
    throw std::runtime_error("the test service did not start listening on port " + std::to_string(port_));
  }
}

RunningService::~RunningService() {
  server_.stop();
  thread_.join();
}

httplib::Client RunningService::client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_read_timeout(30, 0);
  return c;
}

nlohmann::json RunningService::get(const std::string& path, int* status) const {
  auto res = client().Get(path.c_str());
  if (!res) {
    if (status) *status = -1;
    return nullptr;
  }
  if (status) *status = res->status;
  return nlohmann::json::parse(res->body, nullptr, false);
}

namespace {

std::string first_unsorted(const nlohmann::ordered_json& value, const std::string& path) {
  const std::string here = path.empty() ? "/" : path;
  if (value.is_object()) {
    std::string previous;
    bool first = true;
    for (const auto& [name, member] : value.items()) {
      if (!first && name < previous) return here;
      first = false;
      previous = name;
      if (std::string inner = first_unsorted(member, path + "/" + name); !inner.empty()) return inner;
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i)
      if (std::string inner = first_unsorted(value[i], path + "/" + std::to_string(i)); !inner.empty()) return inner;
  }
  return "";
}

}  // namespace

std::string first_unsorted_object(const std::string& text) {
  const auto value = nlohmann::ordered_json::parse(text, nullptr, false);
  if (value.is_discarded()) return "not JSON";
  return first_unsorted(value, "");
}

}  // namespace gazette::test
