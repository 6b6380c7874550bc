// gazette-floor-serve: the floor under gazette-serve's search throughput.
// It answers GET /api/v1/search over the same cpp-httplib server (worker
// threads, keep-alive, no Nagle) with Xapian alone doing the search's work
// (xapian_floor.h) and {"total": N}: no facet counting, hits, snippets or
// JSON beyond that. bench/http_throughput.sh loads it with the same wrk
// script as gazette-serve. A measurement tool, not a service.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>
#include <CLI/CLI.hpp>

#include "bench/xapian_floor.h"
#include "service/api_params.h"

int main(int argc, char** argv) {
  CLI::App app{"Xapian alone behind gazette-serve's HTTP server: the floor under its search throughput."};
  std::string db_path, host = "127.0.0.1";
  int port = 0;
  unsigned threads = std::max(16u, std::thread::hardware_concurrency() * 4);  // gazette-serve's default
  app.add_option("--db", db_path, "Index folder")->required()->check(CLI::ExistingDirectory);
  app.add_option("--port", port, "Port (0: any free one)")->check(CLI::Range(0, 65535));
  app.add_option("--threads", threads, "Worker threads")->check(CLI::Range(1, 256));
  CLI11_PARSE(app, argc, argv);

  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // As gazette-serve (Service::install_limits).
  server.set_keep_alive_timeout(2);
  server.set_tcp_nodelay(true);
  server.Get("/api/v1/search", [&db_path](const httplib::Request& req, httplib::Response& res) {
    // Xapian's objects are not thread-safe: one of each per worker thread.
    thread_local std::unique_ptr<Xapian::Database> db;
    thread_local gazette::QueryBuilder builder;
    if (!db) db = std::make_unique<Xapian::Database>(db_path);
    gazette::SearchParams params;
    if (gazette::Status bad = gazette::parse_search_params(req.params, params)) {
      res.status = 400;
      res.set_content(R"({"error": "bad parameters"})", "application/json");
      return;
    }
    const Xapian::doccount total = gazette::xapian_floor(*db, builder, params.request);
    res.set_content("{\"total\": " + std::to_string(total) + "}", "application/json");
  });
  if (port == 0)
    port = server.bind_to_any_port(host);
  else if (!server.bind_to_port(host, port)) {
    std::cerr << "gazette-floor-serve: cannot listen on " << host << ":" << port << '\n';
    return 2;
  }
  std::cerr << "gazette-floor-serve: listening on http://" << host << ":" << port << "/\n";
  server.listen_after_bind();
  return 0;
}
