// gazette-floor-serve: the floor under gazette-serve's search throughput.
// It answers GET /api/v1/search over the same cpp-httplib server (worker
// threads and connection settings: service.h) with Xapian alone doing the
// search's work (xapian_floor.h) and {"total": N}: no reopen, facet
// counting, hits, snippets, metrics or JSON beyond that. bench/run.sh loads
// it with bench/http_throughput.sh, as gazette-serve. A measurement tool, not
// a service.
#include <iostream>
#include <memory>
#include <string>

#include <httplib.h>
#include <CLI/CLI.hpp>

#include "bench/xapian_floor.h"
#include "service/api_params.h"
#include "service/http_server.h"
#include "service/service.h"

int main(int argc, char** argv) {
  CLI::App app{"Xapian alone behind gazette-serve's HTTP server: the floor under its search throughput."};
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
  port = gazette::bind_server(server, host, port);
  if (port < 0) {
    std::cerr << "gazette-floor-serve: cannot listen on " << host << '\n';
    return 2;
  }
  std::cerr << "gazette-floor-serve: listening on http://" << host << ":" << port << "/\n";
  return server.listen_after_bind() ? 0 : 2;
}
