// gazette-serve: the JSON API and the web page over HTTP. See README.md.
#include <csignal>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "service/http_server.h"
#include "service/service.h"

namespace {

httplib::Server* running_server = nullptr;

void stop(int) {
  if (running_server) running_server->stop();
}

std::string read_token(const std::string& path) {
  std::ifstream in(path);
  std::string token;
  std::getline(in, token);
  while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
  return token;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Serves a Gazette index over HTTP: the JSON API under /api/v1 and the web page."};
  gazette::ServiceConfig config;
  config.web_dir = GAZETTE_WEB_DIR;
  std::string host = "127.0.0.1", token_file, db_path, cluster_file;
  int port = 8080;
  unsigned threads = gazette::default_worker_threads();
  bool quiet = false;
  auto* db = app.add_option("--db", db_path, "Index folder")->check(CLI::ExistingDirectory);
  app.add_option("--cluster", cluster_file, "Cluster file: shards, replicas, failure policy (JSON)")
      ->check(CLI::ExistingFile)
      ->excludes(db);
  app.add_option("--host", host, "Address to listen on (loopback unless said otherwise)");
  app.add_option("--port", port, "Port")->check(CLI::Range(0, 65535));
  app.add_option("--threads", threads, "Worker threads")->check(CLI::Range(1, 256));
  app.add_option("--web", config.web_dir, "Folder of the web page")->check(CLI::ExistingDirectory);
  app.add_option("--token-file", token_file, "File holding the write token (else $GAZETTE_WRITE_TOKEN)")
      ->check(CLI::ExistingFile);
  app.add_option("--query-timeout", config.query_seconds, "Seconds a match may take (then results are partial)")
      ->check(CLI::Range(0.01, 60.0));
  app.add_option("--cors-origin", config.cors_origins,
                 "Web origin allowed to call the API from a browser (repeatable; * for any; default none)");
  app.add_option("--alerts", config.alerts_dir,
                 "Folder of the saved alerts and their matches (created if needed; default: alerts are off)");
  app.add_option("--webhook-allow", config.webhooks.allowed_hosts,
                 "Host (or host:port) that alerts' webhooks may call (repeatable; default none)");
  app.add_flag("-q,--quiet", quiet, "No access log");
  CLI11_PARSE(app, argc, argv);
  if (db_path.empty() == cluster_file.empty()) {
    std::cerr << "gazette-serve: give --db DIR or --cluster FILE\n";
    return 2;
  }

  config.log_requests = !quiet;
  if (!token_file.empty())
    config.write_token = read_token(token_file);
  else if (const char* env = std::getenv("GAZETTE_WRITE_TOKEN"))
    config.write_token = env;

  gazette::Result<gazette::ClusterConfig> cluster =
      db_path.empty() ? gazette::ClusterConfig::load(cluster_file) : gazette::ClusterConfig::single(db_path);
  if (!cluster) {
    std::cerr << "gazette-serve: " << cluster.problem().str() << '\n';
    return 2;
  }
  config.cluster = std::move(cluster).value();
  {
    // A cluster starts while some of its shards are down: it serves what answers.
    gazette::ClusterHealth health(config.cluster);
    gazette::ShardSet shards(config.cluster, health);
    for (const auto& shard : health.shards())
      if (shard.serving.empty()) std::cerr << "gazette-serve: " << shard.name << ": " << shard.error << '\n';
    if (!db_path.empty() && !shards.down().empty()) return 2;
    std::cerr << "gazette-serve: " << shards.database().get_doccount() << " articles in "
              << (db_path.empty() ? cluster_file : db_path) << '\n';
  }

  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  std::unique_ptr<gazette::Service> service;
  try {
    service = std::make_unique<gazette::Service>(config);
  } catch (const Xapian::DatabaseLockError&) {
    std::cerr << "gazette-serve: the alerts folder " << config.alerts_dir << " is used by another service\n";
    return 2;
  } catch (const Xapian::Error& e) {
    std::cerr << "gazette-serve: cannot open the alerts folder " << config.alerts_dir << ": " << e.get_description()
              << '\n';
    return 2;
  }
  service->install(server);
  running_server = &server;
  std::signal(SIGINT, stop);
  std::signal(SIGTERM, stop);
  const int asked = port;
  port = gazette::bind_server(server, host, port);
  if (port < 0) {
    std::cerr << "gazette-serve: cannot listen on " << host << ":" << asked << '\n';
    return 2;
  }
  std::cerr << "gazette-serve: listening on http://" << host << ":" << port << "/ (writes "
            << (config.write_token.empty() ? "disabled" : "need the token") << ")\n";
  server.listen_after_bind();
  return 0;
}
