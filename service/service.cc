#include "service/service.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

#include "cluster/shard_route.h"
#include "common/article_json.h"
#include "common/schema.h"
#include "indexer/jsonl_importer.h"
#include "search/entity_directory.h"
#include "search/facets.h"
#include "search/related.h"
#include "search/suggest.h"
#include "service/api_json.h"
#include "service/api_params.h"
#include "service/cursor.h"
#include "service/http_server.h"
#include "service/page_files.h"

namespace gazette {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
using Reply = Service::Reply;

// The metrics label of requests outside the API: the page's files, or 404s.
constexpr char kStaticRoute[] = "static";

// Set per request on the worker thread, for the access log and metrics.
thread_local Clock::time_point request_start;
thread_local std::string request_route;

// An answer's text: broken UTF-8 in an article replaced, never thrown.
std::string json_text(const json& body) { return body.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

// In time that depends only on the length of `given`, so that the answer
// time does not tell how much of a guessed token was right.
bool Service::constant_time_equal(const std::string& expected, const std::string& given) {
  if (expected.empty()) return false;
  unsigned char diff = expected.size() != given.size();
  for (size_t i = 0; i < given.size(); ++i)
    diff |= static_cast<unsigned char>(expected[i % expected.size()] ^ given[i]);
  return diff == 0;
}

Reply Service::error_reply(const ApiError& e) { return {e.status, error_json(e), "", "application/json"}; }
Reply Service::error_reply(const Problem& p) { return error_reply(ApiError::from(p)); }

struct Service::Route {
  RouteSpec spec;
  std::string pattern;  // httplib's regular expression for the path
  Reply (Service::*handler)(const httplib::Request&);
  bool reads_articles = false;  // needs every shard (or answers partial results)
};

struct Service::Reader {
  ShardSet shards;
  std::optional<Xapian::Database> global;
  std::unique_ptr<Searcher> searcher;
};

// The API's routes; api_routes() and the OpenAPI test read the same table.
const std::vector<Service::Route>& Service::routes() {
  static const std::vector<Route> table = {
      {{"GET", "/api/v1/search", search_param_names()}, "/api/v1/search", &Service::search, true},
      {{"GET", "/api/v1/articles/{id}", {}}, R"(/api/v1/articles/([^/]+))", &Service::article, true},
      {{"GET", "/api/v1/articles/{id}/related", {"size"}},
       R"(/api/v1/articles/([^/]+)/related)",
       &Service::related,
       true},
      {{"GET", "/api/v1/articles/{id}/versions", {}}, R"(/api/v1/articles/([^/]+)/versions)", &Service::versions, true},
      {{"GET", "/api/v1/articles/{id}/story", {"size"}}, R"(/api/v1/articles/([^/]+)/story)", &Service::story, true},
      {{"GET", "/api/v1/stories", story_search_param_names()}, "/api/v1/stories", &Service::stories, true},
      {{"GET", "/api/v1/suggest", {"q", "size"}}, "/api/v1/suggest", &Service::suggest, true},
      {{"GET", "/api/v1/entities", {"q", "type", "size"}}, "/api/v1/entities", &Service::entities, true},
      {{"GET", "/api/v1/entities/{id}", {"size"}}, R"(/api/v1/entities/([^/]+))", &Service::entity, true},
      {{"GET", "/api/v1/quotes", quote_param_names()}, "/api/v1/quotes", &Service::quotes, true},
      {{"GET", "/api/v1/stats", {}}, "/api/v1/stats", &Service::stats},
      {{"GET", "/api/v1/healthz", {}}, "/api/v1/healthz", &Service::health},
      {{"GET", "/api/v1/metrics", {}}, "/api/v1/metrics", &Service::metrics},
      {{"GET", "/api/v1/openapi.json", {}}, "/api/v1/openapi.json", &Service::openapi},
      {{"POST", "/api/v1/articles", {}}, "/api/v1/articles", &Service::post_articles},
      {{"DELETE", "/api/v1/articles/{id}", {}}, R"(/api/v1/articles/([^/]+))", &Service::delete_article},
      {{"GET", "/api/v1/search.atom", search_param_names()}, R"(/api/v1/search\.atom)", &Service::search_feed, true},
      {{"POST", "/api/v1/alerts", {}}, "/api/v1/alerts", &Service::post_alert},
      {{"GET", "/api/v1/alerts", {}}, "/api/v1/alerts", &Service::list_alerts},
      {{"GET", "/api/v1/alerts/{id}", {}}, R"(/api/v1/alerts/([^/]+))", &Service::get_alert},
      {{"DELETE", "/api/v1/alerts/{id}", {}}, R"(/api/v1/alerts/([^/]+))", &Service::delete_alert},
      {{"GET", "/api/v1/alerts/{id}/matches", {"cursor", "size"}},
       R"(/api/v1/alerts/([^/]+)/matches)",
       &Service::alert_matches},
      {{"GET", "/api/v1/alerts/{id}/feed", {"key", "size"}}, R"(/api/v1/alerts/([^/]+)/feed)", &Service::alert_feed},
  };
  return table;
}

const std::vector<RouteSpec>& Service::route_specs() {
  static const std::vector<RouteSpec> specs = [] {
    std::vector<RouteSpec> out;
    for (const auto& r : routes()) out.push_back(r.spec);
    return out;
  }();
  return specs;
}

Service::Service(ServiceConfig config)
    : config_(std::move(config)),
      spies_(config_.cluster.has_remote() ? SpyKind::kStock : SpyKind::kInProcess),
      health_(config_.cluster),
      columns_(config_.cluster.shards.size()),
      story_members_(config_.cluster.shards.size()) {
  for (const ShardConfig& shard : config_.cluster.shards)
    writers_.push_back(
        std::make_unique<LiveWriter>([this, &shard] { return open_writer(shard, config_.cluster); }, &commit_gate_));
  if (!config_.cluster.global.empty())
    global_writer_ = std::make_unique<LiveWriter>(config_.cluster.global, &commit_gate_);
  if (!config_.alerts_dir.empty())
    alerts_ = std::make_unique<Alerts>(config_.cluster, AlertsOptions{config_.alerts_dir, config_.webhooks});
}

Reply Service::with_retries(const Route& route, const httplib::Request& req) {
  // A reader's revision can be discarded by two commits made while it reads,
  // and a shard's server can fail while it answers: reader(true) reopens
  // every shard (failing over to replicas) before each new try, after a
  // pause that grows so that a burst of commits can pass; from the third
  // try, a read holds off this service's writes (commit_gate.h), so only
  // another process's writes can still make it fail. Handlers then read
  // through searcher(), which does not reopen again.
  // Glass may also report a block that a racing writer reused as
  // DatabaseCorruptError ("Expected block N to be level L"): retried alike,
  // and reported as corruption only if no try gets past it.
  constexpr int kTries = 6, kNetworkTries = 2, kFirstGatedTry = 3;
  for (int attempt = 1, network_failures = 0;; ++attempt) {
    std::shared_lock<std::shared_mutex> writes_held;
    if (attempt >= kFirstGatedTry && route.spec.method == "GET") writes_held = commit_gate_.hold_writes();
    auto give_way = [&] {
      if (writes_held) writes_held.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(1 << attempt));
    };
    try {
      std::vector<std::string> down = reader(true).shards.down();
      if (!route.reads_articles || down.empty()) return (this->*route.handler)(req);
      // With every shard down there is nothing to answer from, whatever the policy.
      if (config_.cluster.on_failure == FailurePolicy::kUnavailable || down.size() == config_.cluster.shards.size())
        return error_reply({503, "shard_unavailable",
                            "no server answers for shard(s) " + json(down).dump() + ": " + first_shard_error()});
      Reply reply = (this->*route.handler)(req);
      // Answers written as text are read back on this rare path, to say
      // which shards they miss.
      if (reply.status == 200 && !reply.text.empty() && reply.content_type == "application/json") {
        reply.body = json::parse(reply.text);
        reply.text.clear();
      }
      if (reply.status == 200 && reply.body.is_object()) {
        reply.body["partial"] = true;
        reply.body["failed_shards"] = down;
      }
      return reply;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kTries)
        return error_reply({503, "index_busy", "the index changed too often while reading it; retry shortly"});
      give_way();
    } catch (const Xapian::DatabaseCorruptError& e) {
      if (attempt == kTries)
        return error_reply({500, "index_corrupt", e.get_description() + " (run xapian-check on the index)"});
      give_way();
    } catch (const Xapian::NetworkError& e) {
      if (++network_failures == kNetworkTries)
        return error_reply({503, "shard_unavailable", "a shard's server failed: " + e.get_description()});
    }
  }
}

std::string Service::first_shard_error() const {
  for (const ShardStatus& s : health_.shards())
    if (!s.error.empty()) return s.name + ": " + s.error;
  return "no error recorded";
}

Service::Reader& Service::reader(bool refresh) {
  thread_local std::unique_ptr<Reader> own;
  thread_local const Service* owner = nullptr;
  bool changed = !own || owner != this;
  if (!changed && !refresh) return *own;
  if (changed) {
    own = std::make_unique<Reader>(Reader{ShardSet(config_.cluster, health_), std::nullopt, nullptr});
    if (!config_.cluster.global.empty()) own->global = Xapian::Database(config_.cluster.global);
    owner = this;
  } else {
    changed = own->shards.refresh();
    if (own->global) own->global->reopen();
  }
  if (changed) own->searcher = std::make_unique<Searcher>(own->shards.database(), spies_, own->global);
  return *own;
}

Searcher& Service::searcher() { return *reader(false).searcher; }

RevisionMemory Service::revision_memory(Reader& r) {
  RevisionMemory memory;
  for (auto& [i, shard] : r.shards.local_shards()) {
    auto built = columns_[i].get(shard, IndexRevision::of(shard));
    if (!built) {
      memory.columns.clear();  // one shard not built yet: read from the index this time
      break;
    }
    memory.columns.push_back({shard, std::move(built)});
  }
  memory.stories = story_membership(r);
  return memory;
}

std::optional<StoryMembership> Service::story_membership(Reader& r) {
  StoryMembership membership;
  for (auto& [i, shard] : r.shards.local_shards()) {
    auto built = story_members_[i].get(shard, IndexRevision::of(shard));
    if (!built) return std::nullopt;
    membership.shards.push_back(std::move(built));
  }
  if (membership.shards.empty()) return std::nullopt;
  return membership;
}

void Service::install(httplib::Server& server) {
  set_connection_limits(server, config_.max_body_bytes);
  install_routes(server);
  install_headers(server);
  install_error_pages(server);
  server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - request_start).count();
    if (request_route == kStaticRoute) metrics_.record(request_route, res.status, ms);
    if (config_.log_requests)
      std::fprintf(stderr, "%s %s %d %.1f ms\n", req.method.c_str(), req.path.c_str(), res.status, ms);
  });
}

void Service::answer(const Route& route, const httplib::Request& req, httplib::Response& res) {
  request_route = route.spec.path;
  Reply reply;
  // POST bodies sent as forms are parsed into params by httplib: only
  // query strings of reads are checked here.
  Status bad_param;
  if (route.spec.method == "GET") bad_param = check_known_params(req.params, route.spec.params);
  if (bad_param) {
    reply = error_reply(*bad_param);
  } else {
    try {
      reply = with_retries(route, req);
    } catch (const Xapian::DatabaseLockError&) {
      reply = error_reply({503, "index_busy", "the index is being written by another process; retry shortly"});
    } catch (const Xapian::NetworkError& e) {  // a write to a shard's server
      reply = error_reply({503, "shard_unavailable", "a shard's server failed: " + e.get_description()});
    } catch (const Xapian::Error& e) {
      reply = error_reply({500, "index_error", e.get_description()});
    }
  }
  res.status = reply.status;
  if (reply.status == 503) res.set_header("Retry-After", "1");
  // Counted before the answer leaves, so that a client reading the
  // metrics right after sees its own request.
  metrics_.record(route.spec.path, reply.status,
                  std::chrono::duration<double, std::milli>(Clock::now() - request_start).count());
  if (reply.text.empty())
    res.set_content(json_text(reply.body), reply.content_type.c_str());
  else
    res.set_content(reply.text, reply.content_type.c_str());
}

void Service::install_routes(httplib::Server& server) {
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
    request_start = Clock::now();
    request_route = kStaticRoute;
    refuse_brotli(req);
    return httplib::Server::HandlerResponse::Unhandled;
  });
  for (const Route& route : routes()) {
    auto handler = [this, &route](const httplib::Request& req, httplib::Response& res) { answer(route, req, res); };
    if (route.spec.method == "GET")
      server.Get(route.pattern, handler);
    else if (route.spec.method == "POST")
      server.Post(route.pattern, handler);
    else if (route.spec.method == "DELETE")
      server.Delete(route.pattern, handler);
  }
  serve_page_files(server, config_.web_dir);
}

void Service::install_headers(httplib::Server& server) const {
  if (!config_.cors_origins.empty()) {
    // A browser's preflight before a cross-origin write or a request with
    // an Authorization header; the answer's origin header is set below.
    server.Options(R"(/api/v1/.*)", [](const httplib::Request&, httplib::Response& res) {
      res.status = 204;
      res.set_header("Access-Control-Allow-Methods", "GET, POST, DELETE");
      res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
      res.set_header("Access-Control-Max-Age", "600");
    });
  }
  server.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (auto origin = allowed_origin(req)) {
      res.set_header("Access-Control-Allow-Origin", *origin);
      res.set_header("Vary", "Origin");
    }
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                   "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    res.set_header("Referrer-Policy", "same-origin");
  });
}

void Service::install_error_pages(httplib::Server& server) const {
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    ApiError e{res.status, res.status == 404 ? "not_found" : "http_error",
               res.status == 404 ? "no such route: " + req.method + " " + req.path
                                 : "the request was refused (HTTP " + std::to_string(res.status) + ")"};
    if (res.status == 413) e = {413, "body_too_large", "the request body is over the limit"};
    res.set_content(error_json(e).dump(), "application/json");
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    res.status = 500;
    res.set_content(error_json({500, "internal", what}).dump(), "application/json");
  });
}

std::optional<std::string> Service::allowed_origin(const httplib::Request& req) const {
  if (req.path.rfind("/api/v1/", 0) != 0 || !req.has_header("Origin")) return std::nullopt;
  std::string origin = req.get_header_value("Origin");
  for (const auto& allowed : config_.cors_origins)
    if (allowed == "*" || allowed == origin) return origin;
  return std::nullopt;
}

Reply Service::search(const httplib::Request& req) {
  SearchParams params;
  if (auto e = parse_search_params(req.params, params)) return error_reply(*e);
  SearchRequest& request = params.request;
  if (!params.cursor.empty()) {
    auto offset = decode_cursor(params.cursor, params.fingerprint);
    // Xapian counts documents in 32 bits: a forged offset past that would
    // wrap around to the first pages.
    if (offset && *offset > std::numeric_limits<Xapian::doccount>::max() - kMaxPageSize) offset.reset();
    if (!offset)
      return error_reply({400, "bad_cursor",
                          "parameter 'cursor' is not a cursor of this search (altered, or made for other parameters)"});
    request.offset = *offset;
  }
  request.time_limit_seconds = config_.query_seconds;
  Reader& r = reader(false);
  // A search without words is the same for every reader until the index
  // changes (the page's home page): answered once per revision.
  std::optional<IndexRevision> revision;
  std::string key;
  if (request.query.empty() && (revision = r.shards.local_revision())) {
    for (const auto& [name, value] : req.params) key.append(name).append("=").append(value).append("&");
    if (auto answer = wordless_searches_.find(*revision, key)) return {200, {}, std::move(*answer)};
  }
  SearchResult result = r.searcher->search(request, revision_memory(r));
  if (result.problem) return error_reply(*result.problem);
  size_t next = request.offset + result.hits.size();
  std::optional<std::string> next_cursor;
  if (result.hits.size() == request.limit && next < result.total) next_cursor = encode_cursor(next, params.fingerprint);
  JsonWriter answer;
  write_search(answer, result, request.offset, next_cursor);
  std::string text = answer.text();
  if (revision) wordless_searches_.store(*revision, key, text);
  return {200, {}, std::move(text)};
}

Reply Service::missing_article(const std::string& id) {
  // Not found on the shards that answer: it may be on the one that does not.
  const std::string& owner = config_.cluster.shards[shard_of(id, config_.cluster.shards.size())].name;
  for (const auto& down : reader(false).shards.down())
    if (down == owner)
      return error_reply(
          {503, "shard_unavailable", "article '" + id + "' lives on shard " + owner + ", which is down"});
  return error_reply(Problem{"not_found", "no article with id '" + id + "'", ""});
}

Reply Service::article(const httplib::Request& req) {
  Result<Article> a = searcher().article(req.matches[1]);
  if (!a && a.problem().code == "not_found") return missing_article(req.matches[1]);
  if (!a) return error_reply(a.problem());
  return {200, article_json(*a)};
}

Reply Service::related(const httplib::Request& req) {
  size_t size = 10;
  if (auto e = read_size(req.params, "size", 1, kMaxPageSize, size)) return error_reply(*e);
  Reader& r = reader(false);
  auto hits =
      find_related(r.searcher->database(), config_.cluster.has_remote() ? ShardPlace::kRemote : ShardPlace::kLocal,
                   req.matches[1], size, revision_memory(r));
  if (!hits && hits.problem().code == "not_found") return missing_article(req.matches[1]);
  if (!hits) return error_reply(hits.problem());
  JsonWriter answer;
  write_related(answer, req.matches[1], *hits);
  return {200, {}, answer.text()};
}

Reply Service::versions(const httplib::Request& req) {
  auto found = searcher().versions(req.matches[1]);
  if (!found && found.problem().code == "not_found") return missing_article(req.matches[1]);
  if (!found) return error_reply(found.problem());
  JsonWriter answer;
  write_versions(answer, req.matches[1], *found);
  return {200, {}, answer.text()};
}

Reply Service::story(const httplib::Request& req) {
  size_t size = 100;
  if (auto e = read_size(req.params, "size", 1, kMaxStoryArticles, size)) return error_reply(*e);
  Reader& r = reader(false);
  const std::optional<StoryMembership> members = story_membership(r);
  auto timeline = story_timeline(r.searcher->database(), req.matches[1], size, members ? &*members : nullptr);
  if (!timeline && timeline.problem().code == "not_found") return missing_article(req.matches[1]);
  if (!timeline) return error_reply(timeline.problem());
  return {200, story_timeline_json(req.matches[1], *timeline)};
}

Reply Service::stories(const httplib::Request& req) {
  SearchRequest request;
  size_t size = 10;
  if (auto e = parse_story_search_params(req.params, request, size)) return error_reply(*e);
  request.time_limit_seconds = config_.query_seconds;
  Reader& r = reader(false);
  const std::optional<StoryMembership> members = story_membership(r);
  auto found = r.searcher->stories(request, size, members ? &*members : nullptr);
  if (!found) return error_reply(found.problem());
  return {200, stories_json(*found)};
}

Reply Service::suggest(const httplib::Request& req) {
  size_t size = 8;
  if (auto e = read_size(req.params, "size", 1, 20, size)) return error_reply(*e);
  std::string q = req.get_param_value("q");
  if (q.size() > 200) return error_reply({400, "bad_parameter", "parameter 'q' is over 200 bytes"});
  // From memory (local shards only: a build would read every title posting
  // of remote ones over the network), the SuggestIndex of the latest
  // revision built, while the one of the revision read is built in the
  // background; before the first, from the index.
  Xapian::Database& db = searcher().database();
  std::shared_ptr<const SuggestIndex> index;
  std::optional<IndexRevision> revision;
  if (spies_ == SpyKind::kInProcess && (revision = reader(false).shards.local_revision()))
    index = suggest_indexes_.latest(*revision, [this](int attempt) {
      // Past a first try that commits overtook, with this service's writes
      // held off, as with_retries does for a read.
      std::shared_ptr<void> held;
      if (attempt > 1) held = std::make_shared<std::shared_lock<std::shared_mutex>>(commit_gate_.hold_writes());
      ShardSet shards(config_.cluster, health_);
      std::optional<IndexRevision> at = shards.local_revision();
      if (!at) throw std::runtime_error("no local shard to read");
      return RevisionCache<SuggestIndex>::Opened{shards.database(), *at, std::move(held)};
    });
  Result<Suggestions> found = index ? index->suggest(db, q, size) : gazette::suggest(db, q, size);
  if (!found) return error_reply(found.problem());
  return {200, suggestions_json(*found)};
}

Reply Service::entities(const httplib::Request& req) {
  size_t size = 10;
  if (auto e = read_size(req.params, "size", 1, kMaxPageSize, size)) return error_reply(*e);
  std::string q = req.get_param_value("q"), type_name = req.get_param_value("type");
  if (q.size() > 200) return error_reply({400, "bad_parameter", "parameter 'q' is over 200 bytes"});
  std::optional<EntityType> type;
  if (!type_name.empty() && !(type = entity_type_from_name(type_name)))
    return error_reply(
        {400, "bad_parameter",
         "parameter 'type' must be person, place or organisation, not '" + type_name.substr(0, 40) + "'"});
  return {200, {{"entities", entities_json(find_entities(searcher().database(), q, type, size))}}};
}

Reply Service::entity(const httplib::Request& req) {
  size_t size = 10;
  if (auto e = read_size(req.params, "size", 1, kMaxPageSize, size)) return error_reply(*e);
  auto profile = entity_profile(searcher().database(), req.matches[1], size, spies_);
  if (!profile) return error_reply(profile.problem());
  json body = entity_profile_json(*profile);
  // What the entity is quoted as saying, latest first.
  QuoteRequest latest_quotes;
  latest_quotes.speaker = req.matches[1];
  latest_quotes.limit = std::min<size_t>(size, 10);
  latest_quotes.facet_size = 0;
  auto quoted = find_quotes(searcher().database(), latest_quotes);
  if (!quoted) return error_reply(quoted.problem());
  body["quotes"] = quotes_json(*quoted, std::nullopt)["quotes"];
  return {200, body};
}

Reply Service::stats(const httplib::Request&) {
  Xapian::Database& db = searcher().database();
  if (db.size() == 0) return error_reply({503, "shard_unavailable", "no shard answers: " + first_shard_error()});
  // The counts take a pass over every article (15 ms for 63,000), and the
  // page asks for them at each visit: once per revision.
  const std::optional<IndexRevision> revision = reader(false).shards.local_revision();
  json counted;
  if (auto kept = revision ? stats_counts_.find(*revision, "") : std::nullopt) {
    counted = json::parse(*kept);
  } else {
    counted = stats_counts(db);
    if (revision) stats_counts_.store(*revision, "", json_text(counted));
  }
  auto day = [](const std::string& compact) {
    auto d = parse_compact_date(compact);
    return d ? json(d->iso()) : json(nullptr);
  };
  return {200,
          {{"articles", db.get_doccount()},
           {"by_source", counted["by_source"]},
           {"by_section", counted["by_section"]},
           {"first_date", day(db.get_value_lower_bound(schema::kDateSlot))},
           {"last_date", day(db.get_value_upper_bound(schema::kDateSlot))},
           {"last_update", db.get_metadata(schema::kLastUpdateKey)},
           {"schema_version", db.get_metadata(schema::kVersionKey)},
           {"shards", shards_json()}}};
}

json Service::stats_counts(const Xapian::Database& db) {
  Xapian::Enquire enquire(db);
  enquire.set_query(match_all_query());
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  // Single values: Xapian's own spy counts them exactly, on remote shards too.
  Xapian::ValueCountMatchSpy sections(schema::kSectionSlot), sources(schema::kSourceSlot);
  enquire.add_matchspy(&sections);
  enquire.add_matchspy(&sources);
  enquire.get_mset(0, 0, db.get_doccount());
  auto counts = [](const Xapian::ValueCountMatchSpy& spy) {
    json out = json::object();
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) out[*v] = v.get_termfreq();
    return out;
  };
  // A section's spellings count as one, under the spelling its facet shows:
  // all of the section facet.
  auto section_counts = [](const Xapian::ValueCountMatchSpy& spy) {
    std::vector<std::pair<std::string, Xapian::doccount>> spellings;
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) spellings.emplace_back(*v, v.get_termfreq());
    FacetTally tally;
    for (const auto& [spelling, n] : spellings) tally[spelling] = n;
    json out = json::object();
    for (const FacetValue& v : facet_result(Facet::kSection, tally, tally.size()).values) out[v.value] = v.count;
    return out;
  };
  return {{"by_source", counts(sources)}, {"by_section", section_counts(sections)}};
}

json Service::shards_json() const {
  json out = json::array();
  for (const ShardStatus& s : health_.shards()) {
    json shard = {{"name", s.name}, {"state", s.serving.empty() ? "down" : s.replica ? "replica" : "ok"}};
    if (!s.serving.empty()) shard["serving"] = s.serving;
    if (!s.error.empty()) shard["error"] = s.error;
    out.push_back(shard);
  }
  return out;
}

Reply Service::health(const httplib::Request&) {
  size_t down = reader(false).shards.down().size();
  return {200,
          {{"status", down == 0                              ? "ok"
                      : down < config_.cluster.shards.size() ? "degraded"
                                                             : "down"},
           {"articles", searcher().database().get_doccount()},
           {"shards", shards_json()}}};
}

Reply Service::metrics(const httplib::Request&) {
  return {200, nullptr, metrics_.prometheus_text(), "text/plain; version=0.0.4"};
}

Reply Service::openapi(const httplib::Request&) {
  std::ifstream in(config_.web_dir + "/openapi.json");
  if (!in) return error_reply({500, "internal", "openapi.json is missing from " + config_.web_dir});
  std::stringstream text;
  text << in.rdbuf();
  return {200, nullptr, text.str(), "application/json"};
}

std::optional<ApiError> Service::authorize(const httplib::Request& req) const {
  if (config_.write_token.empty())
    return ApiError{403, "writes_disabled", "writes are disabled: the service has no write token configured"};
  std::string header = req.get_header_value("Authorization");
  const std::string bearer = "Bearer ";
  if (header.compare(0, bearer.size(), bearer) != 0)
    return ApiError{401, "unauthorized", "missing 'Authorization: Bearer <token>' header"};
  if (!constant_time_equal(config_.write_token, header.substr(bearer.size())))
    return ApiError{403, "forbidden", "wrong write token"};
  return std::nullopt;
}

Reply Service::post_articles(const httplib::Request& req) {
  if (auto e = authorize(req)) return error_reply(*e);
  std::string type = req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  std::vector<ImportRecord> records;
  if (type == "application/json") {
    // An article nests two levels.
    Result<json> parsed = parse_json_body(req.body, 64);
    if (!parsed) return error_reply(parsed.problem());
    const json& value = *parsed;
    std::vector<json> items = value.is_array() ? value.get<std::vector<json>>() : std::vector<json>{value};
    for (size_t i = 0; i < items.size(); ++i) records.push_back(parse_jsonl_line(items[i].dump(), {"body", i + 1}));
  } else if (type == "application/x-ndjson" || type == "application/jsonl" || type == "application/json-lines") {
    std::istringstream lines(req.body);
    std::string line;
    for (size_t n = 1; std::getline(lines, line); ++n)
      if (line.find_first_not_of(" \t\r") != std::string::npos) records.push_back(parse_jsonl_line(line, {"body", n}));
  } else {
    return error_reply(
        {415, "bad_content_type",
         "Content-Type must be application/json (one article or an array) or application/x-ndjson, not '" +
             type.substr(0, 60) + "'"});
  }
  std::vector<Article> articles;
  json errors = json::array();
  for (auto& r : records) {
    if (r.article)
      articles.push_back(std::move(*r.article));
    else
      errors.push_back({{"item", r.where.line}, {"code", r.problem->code}, {"message", r.problem->message}});
  }
  if (articles.empty()) {
    Reply reply = error_reply(Problem{"bad_articles", "no article in the body could be indexed", ""});
    reply.body["errors"] = errors;
    return reply;
  }
  if (global_writer_) global_writer_->add_spelling(articles);
  std::vector<std::vector<Article>> by_shard(writers_.size());
  for (Article& a : articles) by_shard[shard_of(a.id, writers_.size())].push_back(std::move(a));
  WriteCounts outcome;
  for (size_t i = 0; i < writers_.size(); ++i) {
    if (by_shard[i].empty()) continue;
    std::vector<Xapian::docid> replaced;
    outcome += writers_[i]->put(by_shard[i], &replaced);
    if (alerts_) alerts_->written(i, std::move(replaced));
  }
  return {
      200,
      {{"added", outcome.added}, {"replaced", outcome.replaced}, {"unchanged", outcome.unchanged}, {"errors", errors}}};
}

Reply Service::delete_article(const httplib::Request& req) {
  if (auto e = authorize(req)) return error_reply(*e);
  std::string id = req.matches[1];
  if (!writers_[shard_of(id, writers_.size())]->remove(id))
    return error_reply(Problem{"not_found", "no article with id '" + id + "'", ""});
  return {200, {{"deleted", id}}};
}

}  // namespace gazette
