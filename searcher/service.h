// The Gazette HTTP service: the JSON API under /api/v1 and the web page from
// web/, on a cpp-httplib server.
//
// Each worker thread of the server owns its own Searcher (Xapian objects are
// not thread-safe) and reopens its database at the start of every request,
// which is cheap when nothing changed and makes writes visible at once.
// Writes go through one LiveWriter and are committed before they are
// acknowledged. Every error is a JSON body {"error": {"code", "message"}}.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "indexer/live_writer.h"
#include "searcher/api_error.h"
#include "searcher/metrics.h"
#include "searcher/searcher.h"

namespace gazette {

struct ServiceConfig {
  std::string db_path;
  std::string web_dir;
  std::string write_token;           // empty: writes are refused
  double query_seconds = 2.0;        // Xapian's time limit for one match
  size_t max_body_bytes = 16u << 20;
  // Web origins (scheme://host[:port]) whose pages may call the API from a
  // browser; empty: none (no CORS headers), "*": any.
  std::vector<std::string> cors_origins;
  bool log_requests = true;
};

// One route of the API, as the OpenAPI description must list it.
struct RouteSpec {
  std::string method;
  std::string path;  // OpenAPI template, e.g. /api/v1/articles/{id}
  std::vector<std::string> params;  // query parameters
};

class Service {
 public:
  explicit Service(ServiceConfig config);

  // Registers routes, limits, logging and error pages on `server`.
  void install(httplib::Server& server);

  struct Reply {
    int status = 200;
    nlohmann::json body;
    std::string text;  // sent instead of `body` when not empty
    std::string content_type = "application/json";
  };

  // The API's routes, as the OpenAPI description must list them.
  static const std::vector<RouteSpec>& route_specs();

 private:
  struct Route;
  static const std::vector<Route>& routes();

  // One handler per route; install() registers them.
  Reply search(const httplib::Request& req);
  Reply article(const httplib::Request& req);
  Reply related(const httplib::Request& req);
  Reply suggest(const httplib::Request& req);
  Reply entities(const httplib::Request& req);
  Reply entity(const httplib::Request& req);
  Reply stats(const httplib::Request& req);
  Reply health(const httplib::Request& req);
  Reply metrics(const httplib::Request& req);
  Reply openapi(const httplib::Request& req);
  Reply post_articles(const httplib::Request& req);
  Reply delete_article(const httplib::Request& req);

  Reply with_retries(const Route& route, const httplib::Request& req);
  // The calling thread's Searcher, its database reopened to the latest commit.
  Searcher& searcher();
  std::optional<ApiError> authorize(const httplib::Request& req) const;
  // The request's Origin when the configuration lets it call the API.
  std::optional<std::string> allowed_origin(const httplib::Request& req) const;

  ServiceConfig config_;
  LiveWriter writer_;
  Metrics metrics_;
};

}  // namespace gazette
