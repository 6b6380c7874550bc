// gazette-floor-serve: the floor under gazette-serve's throughput. It
// answers the requests of bench/wrk_search.lua and bench/wrk_mix.lua (a
// search, an article page, a related list, suggestions: GET /api/v1/search,
// /api/v1/articles/{id}, /api/v1/articles/{id}/related, /api/v1/suggest) over
// the same cpp-httplib server (worker threads and connection settings:
// service.h) with Xapian alone doing each one's work (xapian_floor.h says
// what that is), and a one-number JSON answer: no reopen, facet counting,
// hits, snippets, metrics or JSON beyond that. Parameters other than `q` and
// the facets are ignored, and not checked as the service checks them.
// bench/run.sh loads it with bench/http_throughput.sh, as gazette-serve. A
// measurement tool, not a service.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <httplib.h>
#include <CLI/CLI.hpp>

#include "bench/xapian_floor.h"
#include "service/api_params.h"
#include "service/http_server.h"
#include "service/service.h"

int main(int argc, char** argv) {
  CLI::App app{"Xapian alone behind gazette-serve's HTTP server: the floor under its throughput."};
  std::string db_path, host = "127.0.0.1";
  int port = 0;
  unsigned threads = gazette::default_worker_threads();
  app.add_option("--db", db_path, "Index folder")->required()->check(CLI::ExistingDirectory);
  app.add_option("--port", port, "Port (0: any free one)")->check(CLI::Range(0, 65535));
  app.add_option("--threads", threads, "Worker threads")->check(CLI::Range(1, 256));
  CLI11_PARSE(app, argc, argv);

  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  gazette::set_connection_limits(server, gazette::ServiceConfig{}.max_body_bytes);
  // Xapian's objects are not thread-safe: one of each per worker thread.
  auto database = [&db_path]() -> Xapian::Database& {
    thread_local std::unique_ptr<Xapian::Database> db;
    if (!db) db = std::make_unique<Xapian::Database>(db_path);
    return *db;
  };
  auto answer = [](httplib::Response& res, const char* name, std::optional<size_t> n) {
    if (!n) {
      res.status = 404;
      res.set_content(R"({"error": "no such article"})", "application/json");
      return;
    }
    res.set_content(std::string("{\"") + name + "\": " + std::to_string(*n) + "}", "application/json");
  };
  server.Get("/api/v1/search", [&](const httplib::Request& req, httplib::Response& res) {
    thread_local gazette::QueryBuilder builder;
    gazette::SearchParams params;
    if (gazette::Status bad = gazette::parse_search_params(req.params, params)) {
      res.status = 400;
      res.set_content(R"({"error": "bad parameters"})", "application/json");
      return;
    }
    answer(res, "total", gazette::xapian_floor(database(), builder, params.request));
  });
  server.Get(R"(/api/v1/articles/([^/]+))", [&](const httplib::Request& req, httplib::Response& res) {
    answer(res, "bytes", gazette::xapian_floor_article(database(), req.matches[1]));
  });
  server.Get(R"(/api/v1/articles/([^/]+)/related)", [&](const httplib::Request& req, httplib::Response& res) {
    answer(res, "candidates", gazette::xapian_floor_related(database(), req.matches[1], 10));
  });
  server.Get("/api/v1/suggest", [&](const httplib::Request& req, httplib::Response& res) {
    answer(res, "words", gazette::xapian_floor_suggest(database(), req.get_param_value("q"), 8));
  });
  port = gazette::bind_server(server, host, port);
  if (port < 0) {
    std::cerr << "gazette-floor-serve: cannot listen on " << host << '\n';
    return 2;
  }
  std::cerr << "gazette-floor-serve: listening on http://" << host << ":" << port << "/\n";
  return server.listen_after_bind() ? 0 : 2;
}
