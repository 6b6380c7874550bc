// What a 2xx to a write promises (DESIGN.md, "Service"): the change is
// committed. gazette-serve is killed with SIGKILL while clients post real
// articles (the committed fixture's, tests/data/); after a restart every acknowledged article is there and the
// index passes xapian-check. Likewise for saved alerts.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include "child_process.h"
#include "corpus_fixture.h"
#include "test_paths.h"

namespace gazette {
namespace {

constexpr char kToken[] = "crash-test-token";

// gazette-serve in its own process, on a free loopback port; its log (named
// after the database and `run`) tells which.
class ServerProcess {
 public:
  // `alerts`: the alerts folder, if any.
  ServerProcess(const std::string& db, int run, const std::string& alerts = "")
      : log_(db + ".serve-" + std::to_string(run) + ".log"),
        process_(arguments(db, alerts), {std::string("GAZETTE_WRITE_TOKEN=") + kToken}, log_) {
    const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
    // Up to a minute for the server to say where it listens (bounded: a
    // server that never does fails the test with port() == 0).
    for (int i = 0; i < 1200 && port_ == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      std::ifstream in(log_);
      std::string text((std::istreambuf_iterator<char>(in)), {});
      std::smatch m;
      if (std::regex_search(text, m, listening)) port_ = std::stoi(m[1]);
    }
  }

  void kill_now() { process_.kill(); }
  int port() const { return port_; }

 private:
  static std::vector<std::string> arguments(const std::string& db, const std::string& alerts) {
    std::vector<std::string> args = {GAZETTE_BIN_DIR "/gazette-serve", "--db", db, "--port", "0", "--quiet"};
    if (!alerts.empty()) args.insert(args.end(), {"--alerts", alerts});
    return args;
  }

  std::string log_;
  test::ChildProcess process_;
  int port_ = 0;
};

// The articles of the committed fixture (tests/data/), posted again and again
// under new ids: write i is article i % 100 as "crash-i".
std::vector<nlohmann::json> fixture_lines() {
  std::ifstream in(test::CorpusSlice::committed().jsonl);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

constexpr size_t kMaxWrites = 2000;

TEST(ServeCrash, EveryAcknowledgedWriteSurvivesKill9) {
  const std::string db = test::temp_dir("serve-crash") + "/db";
  Xapian::WritableDatabase(db, Xapian::DB_CREATE).commit();
  const std::vector<nlohmann::json> lines = fixture_lines();
  ASSERT_EQ(lines.size(), test::kFixtureArticles);
  std::set<std::string> acknowledged;
  std::mutex mutex;
  std::atomic<size_t> next{0};

  constexpr int kRounds = 3, kClients = 4;
  for (int round = 0; round < kRounds; ++round) {
    ServerProcess server(db, round);
    ASSERT_NE(server.port(), 0) << "gazette-serve did not start (round " << round << ")";
    std::atomic<size_t> acked_this_round{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c)
      clients.emplace_back([&] {
        httplib::Client client("127.0.0.1", server.port());
        client.set_bearer_token_auth(kToken);
        client.set_read_timeout(5);
        for (size_t i; (i = next++) < kMaxWrites;) {
          nlohmann::json article = lines[i % lines.size()];
          article["id"] = "crash-" + std::to_string(i);
          auto res = client.Post("/api/v1/articles", article.dump(), "application/json");
          if (!res) return;  // the server is gone
          if (res->status / 100 == 2) {
            std::lock_guard<std::mutex> lock(mutex);
            acknowledged.insert(article["id"].get<std::string>());
            ++acked_this_round;
          }
        }
      });
    // Kill it in the middle of the stream, once some writes are through (or
    // after a minute without them: the ASSERT below then fails). The pause
    // after that only varies the moment of the kill; nothing is timed.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (acked_this_round < 20 && next < kMaxWrites && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(100 * (round + 1)));
    server.kill_now();
    for (auto& t : clients) t.join();
    ASSERT_GT(acked_this_round, 0u);
  }

  ASSERT_EQ(std::system(("timeout 300 xapian-check " + db + " > /dev/null").c_str()), 0) << "xapian-check finds errors";
  ServerProcess restarted(db, kRounds);
  ASSERT_NE(restarted.port(), 0);
  httplib::Client client("127.0.0.1", restarted.port());
  size_t missing = 0;
  for (const auto& id : acknowledged) {
    auto res = client.Get("/api/v1/articles/" + id);
    if (!res || res->status != 200) ++missing;
  }
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged writes";
  std::printf("%zu writes acknowledged over %d kills, %zu missing after the restart\n", acknowledged.size(), kRounds,
              missing);
  // Writes that were in flight at a kill may be there too, but nothing else.
  EXPECT_GE(Xapian::Database(db).get_doccount(), acknowledged.size());
  EXPECT_LE(Xapian::Database(db).get_doccount(), next.load());
}

TEST(ServeCrash, EveryAcknowledgedAlertSurvivesKill9) {
  const std::string dir = test::temp_dir("serve-crash-alerts");
  const std::string db = dir + "/db", alerts = dir + "/alerts";
  Xapian::WritableDatabase(db, Xapian::DB_CREATE).commit();
  std::set<std::string> acknowledged;
  {
    ServerProcess server(db, 0, alerts);
    ASSERT_NE(server.port(), 0) << "gazette-serve did not start";
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::thread client_thread([&] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_bearer_token_auth(kToken);
      client.set_read_timeout(5);
      for (int i = 0; i < 500 && !stop; ++i) {
        nlohmann::json alert = {{"q", "réforme des retraites " + std::to_string(i)},
                                {"name", "alerte " + std::to_string(i)}};
        auto res = client.Post("/api/v1/alerts", alert.dump(), "application/json");
        if (!res) return;  // the server is gone
        if (res->status == 201) {
          std::lock_guard<std::mutex> lock(mutex);
          acknowledged.insert(nlohmann::json::parse(res->body)["id"].get<std::string>());
        }
      }
    });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (acknowledged.size() >= 10 || std::chrono::steady_clock::now() > deadline) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    server.kill_now();
    stop = true;
    client_thread.join();
  }
  ASSERT_GE(acknowledged.size(), 10u);
  ServerProcess restarted(db, 1, alerts);
  ASSERT_NE(restarted.port(), 0);
  httplib::Client client("127.0.0.1", restarted.port());
  client.set_bearer_token_auth(kToken);
  auto res = client.Get("/api/v1/alerts");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const nlohmann::json listed = nlohmann::json::parse(res->body);
  std::set<std::string> kept;
  for (const auto& a : listed["alerts"]) kept.insert(a["id"].get<std::string>());
  size_t missing = 0;
  for (const auto& id : acknowledged) missing += kept.count(id) == 0;
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged alerts";
}

}  // namespace
}  // namespace gazette
