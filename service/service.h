// The Gazette HTTP service: the JSON API under /api/v1 and the web page from
// web/, on a cpp-httplib server.
//
// The index is a cluster (cluster_config.h): one local folder (`--db`) or
// shards, local or behind xapian-tcpsrv servers, read as one database.
// Each worker thread of the server owns its own Searcher over its own
// ShardSet (Xapian objects are not thread-safe) and brings it to the latest
// revision at the start of every request, which is cheap when nothing
// changed and makes writes visible at once. While a shard is down, reads
// answer 503 or carry "partial": true and "failed_shards", as the cluster
// file says. Writes go through one LiveWriter per shard, to the shard that
// owns the article's id (shard_route.h), and are committed before they are
// acknowledged; a read that lost its revision to commits twice holds them off
// (commit_gate.h). Every error is a JSON body {"error": {"code", "message"}}.
// With an alerts folder, saved searches are checked against every article
// committed, by the service or by gazette-index (alerts/alerts.h).
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "alerts/alerts.h"
#include "cluster/cluster_config.h"
#include "cluster/shard_set.h"
#include "indexer/live_writer.h"
#include "search/revision_cache.h"
#include "search/searcher.h"
#include "search/suggest_index.h"
#include "service/answer_cache.h"
#include "service/api_error.h"
#include "service/metrics.h"
#include "stories/story_members.h"

namespace gazette {

struct ServiceConfig {
  ClusterConfig cluster;
  std::string web_dir;
  std::string write_token;     // empty: writes are refused
  double query_seconds = 2.0;  // Xapian's time limit for one match
  size_t max_body_bytes = 16u << 20;
  // Web origins (scheme://host[:port]) whose pages may call the API from a
  // browser; empty: none (no CORS headers), "*": any.
  std::vector<std::string> cors_origins;
  bool log_requests = true;
  // The folder of the alerts (alerts/alert_store.h); empty: alerts are off.
  std::string alerts_dir;
  WebhookOptions webhooks;
};

// One route of the API, as the OpenAPI description must list it.
struct RouteSpec {
  std::string method;
  std::string path;                 // OpenAPI template, e.g. /api/v1/articles/{id}
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
  struct Reader;
  static const std::vector<Route>& routes();

  // One handler per route; install() registers them.
  Reply search(const httplib::Request& req);
  Reply article(const httplib::Request& req);
  Reply related(const httplib::Request& req);
  Reply versions(const httplib::Request& req);
  Reply story(const httplib::Request& req);
  // What the searches and related lists of `r` read from memory (each local
  // shard's facet columns and titles' words, every document's story), of
  // the revision with_retries reopened to, fetched by the routes that use
  // it: no other route waits for a build after a commit. Columns are left
  // out when one shard's are not built yet; stories as story_membership()
  // says.
  RevisionMemory revision_memory(Reader& r);
  // The members of every story (stories/story_members.h), at the revision
  // `r` reads, when every shard is local and their members are built for it
  // (a build after a commit is under way: null, and the story is found by
  // scanning its days meanwhile).
  std::optional<StoryMembership> story_membership(Reader& r);
  Reply stories(const httplib::Request& req);
  Reply suggest(const httplib::Request& req);
  Reply entities(const httplib::Request& req);
  Reply quotes(const httplib::Request& req);  // quote_routes.cc
  Reply entity(const httplib::Request& req);
  Reply stats(const httplib::Request& req);
  Reply health(const httplib::Request& req);
  Reply metrics(const httplib::Request& req);
  Reply openapi(const httplib::Request& req);
  Reply post_articles(const httplib::Request& req);
  Reply delete_article(const httplib::Request& req);
  // Feeds and alerts (feed_routes.cc).
  Reply search_feed(const httplib::Request& req);
  Reply post_alert(const httplib::Request& req);
  Reply list_alerts(const httplib::Request& req);
  Reply get_alert(const httplib::Request& req);
  Reply delete_alert(const httplib::Request& req);
  Reply alert_matches(const httplib::Request& req);
  Reply alert_feed(const httplib::Request& req);
  // The alert the route names, when alerts are on and the request may read
  // it (the token, or for its feed the alert's feed key); else the error.
  Result<Alert> named_alert(const httplib::Request& req, bool feed_key_will_do);
  nlohmann::json alert_api_json(const Alert& alert, const httplib::Request& req);
  // The scheme and host that the client reached, for the absolute links of
  // feeds ("http://localhost:8080").
  static std::string public_base(const httplib::Request& req);

  // Whether a secret (token, feed key) was given, never false early.
  static bool constant_time_equal(const std::string& expected, const std::string& given);
  static Reply error_reply(const ApiError& e);
  static Reply error_reply(const Problem& p);

  // The parts of install().
  void install_routes(httplib::Server& server);
  void install_headers(httplib::Server& server) const;
  void install_error_pages(httplib::Server& server) const;
  // Checks the request's parameters, runs the route's handler (with_retries)
  // and writes the reply, its status and its metrics.
  void answer(const Route& route, const httplib::Request& req, httplib::Response& res);
  Reply with_retries(const Route& route, const httplib::Request& req);
  // The calling thread's reader; `refresh`: brought to the latest commit of
  // each shard first (with_retries does it once per request).
  Reader& reader(bool refresh);
  // The calling thread's Searcher, as with_retries left it for this request.
  Searcher& searcher();
  std::optional<ApiError> authorize(const httplib::Request& req) const;
  // The request's Origin when the configuration lets it call the API.
  std::optional<std::string> allowed_origin(const httplib::Request& req) const;
  // 404 for an unknown id, or 503 when the shard that would hold it is down.
  Reply missing_article(const std::string& id);
  nlohmann::json shards_json() const;
  // The articles of `db` by source and by section (one pass over all).
  static nlohmann::json stats_counts(const Xapian::Database& db);
  // Why a shard is down, for error messages: the first failure on record.
  std::string first_shard_error() const;

  ServiceConfig config_;
  SpyKind spies_;
  ClusterHealth health_;
  CommitGate commit_gate_;                            // before the writers that use it
  std::vector<std::unique_ptr<LiveWriter>> writers_;  // per shard
  std::unique_ptr<LiveWriter> global_writer_;         // the global database's spelling data
  Metrics metrics_;
  std::deque<FacetColumnsCache> columns_;  // per shard, shared by the worker threads
  // Per shard, shared by the worker threads: what a story's timeline reads.
  std::deque<RevisionCache<StoryMembers>> story_members_;
  // Likewise, built on a thread of its own, which reads config_ and health_
  // and holds commit_gate_: after them, so that it ends first.
  RevisionCache<SuggestIndex> suggest_indexes_;
  AnswerCache wordless_searches_{64};  // the searches without words, per revision
  AnswerCache stats_counts_{1};        // /stats's counts by source and section, likewise
  std::unique_ptr<Alerts> alerts_;     // null when alerts are off
};

}  // namespace gazette
