// A real gazette HTTP service on a loopback port, in the test process, over
// a private copy of the corpus slice's index (so that write tests cannot
// disturb other tests) or over a cluster, and a client to talk to it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "service/service.h"

namespace gazette::test {

class RunningService {
 public:
  // Copies `db` to a temp folder and serves it; `token` enables writes,
  // `cors_origins` as in ServiceConfig.
  RunningService(const std::string& db, const std::string& token, std::vector<std::string> cors_origins = {});
  // Serves `cluster` as it is (no copy); `configure` may change the rest of
  // the configuration (alerts, webhooks).
  RunningService(ClusterConfig cluster, const std::string& token,
                 const std::function<void(ServiceConfig&)>& configure = {});
  ~RunningService();

  httplib::Client client() const;
  // GET `path` and parse the JSON body; sets `status`.
  nlohmann::json get(const std::string& path, int* status = nullptr) const;
  const std::string& db() const { return db_; }

 private:
  void start(ClusterConfig cluster, const std::string& token, const std::function<void(ServiceConfig&)>& configure);

  std::string db_;
  httplib::Server server_;
  std::unique_ptr<Service> service_;
  std::thread thread_;
  int port_ = 0;
};

// Where the JSON `text` has an object whose members are not in the order of
// their names (api_json.h), as a path ("hits/0/entities"): "" when none has,
// "not JSON" when it does not parse.
std::string first_unsorted_object(const std::string& text);

}  // namespace gazette::test
