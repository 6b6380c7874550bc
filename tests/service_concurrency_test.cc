// Many clients at once on one service: readers of every route while writes
// arrive through the API and from another writer on the same index, so that
// each worker thread reopens its database onto new revisions mid-stream.
// Meant for the ThreadSanitizer build (GAZETTE_SANITIZE=thread, see
// tests/tsan.supp) as much as for the ordinary one: it checks answers, TSan
// checks the threads.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include <unistd.h>

#include "corpus_fixture.h"
#include "indexer/commit_gate.h"
#include "indexer/live_writer.h"
#include "service_fixture.h"

namespace gazette {
namespace {

using nlohmann::json;

const char kToken[] = "token-for-concurrency";

constexpr int kApiWrites = 25;

// Waits until `answered` reaches `target`: false after 60 s, so that a
// service that stops answering fails the test rather than hanging it.
bool wait_for_reads(const std::atomic<int>& answered, int target) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (answered < target) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

std::string article_json(const std::string& id, int n) {
  return R"({"id": ")" + id + R"(", "title": "Dépêche concurrente )" + std::to_string(n) +
         R"( sur le gouvernement", "body": "Le gouvernement annonce la mesure numéro )" + std::to_string(n) +
         R"(.", "section": "Politique", "published": "2022-05-04T10:00:00+02:00"})";
}

TEST(ServiceConcurrency, ReadersWritersAndReopens) {
  const auto& slice = test::CorpusSlice::committed();
  test::RunningService service(slice.db, kToken);
  const long before = service.get("/api/v1/stats")["articles"].get<long>();

  std::atomic<bool> done{false};
  std::atomic<int> answered{0};
  // Reads whose revision was discarded by later commits at every retry
  // (Service::with_retries gives up): the outside writer's commits do not
  // wait for readers as the service's own writes do, so a slow read can be
  // overtaken; the service then answers 503 index_busy with Retry-After, as
  // documented, which is counted here.
  std::atomic<int> overtaken{0};
  std::vector<std::string> failures;
  std::mutex failures_mutex;
  auto fail = [&](const std::string& what) {
    std::lock_guard<std::mutex> lock(failures_mutex);
    if (failures.size() < 20) failures.push_back(what);
  };

  const std::vector<std::string> paths = {
      "/api/v1/search?q=gouvernement&facets=section,tag,source,date",
      "/api/v1/search?q=concurrente&sort=date&size=50",
      "/api/v1/search?q=%22le+gouvernement%22&section=Politique",
      "/api/v1/articles/" + slice.articles[0].id,
      "/api/v1/articles/" + slice.articles[5].id + "/related?size=5",
      "/api/v1/suggest?q=gouv",
      "/api/v1/stats",
      "/api/v1/metrics",
  };
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&, r] {
      auto client = service.client();
      for (size_t i = r; !done; ++i) {
        const std::string& path = paths[i % paths.size()];
        auto res = client.Get(path.c_str());
        if (!res)
          fail(path + ": no answer");
        else if (res->status == 503 && res->body.find("index_busy") != std::string::npos &&
                 res->get_header_value("Retry-After") == "1")
          ++overtaken;  // see above
        else if (res->status != 200)
          fail(path + ": " + std::to_string(res->status) + " " + res->body.substr(0, 200));
        else
          ++answered;
      }
    });
  }

  // Writes through the API (upserts and deletes) ... Each waits until two
  // more reads were answered since the one before, so that at least 50 reads
  // land among the writes on any machine: no clock decides how many.
  std::thread api_writer([&] {
    auto client = service.client();
    httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
    for (int i = 0; i < kApiWrites; ++i) {
      if (!wait_for_reads(answered, answered + 2)) {
        fail("write " + std::to_string(i) + ": no read answered within 60 s");
        break;
      }
      auto send = [&] {
        return client.Post("/api/v1/articles", auth, article_json("conc-" + std::to_string(i % 10), i),
                           "application/json");
      };
      httplib::Result res = send();
      // 503 while the other writer holds the index's lock: retry, as a client
      // would, for up to 30 s (bounded; the lock is held for one commit).
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
      while (res && res->status == 503 && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        res = send();
      }
      if (!res || res->status != 200) fail("POST " + std::to_string(i) + ": " + (res ? res->body : "no answer"));
      if (i % 5 == 4) client.Delete(("/api/v1/articles/conc-" + std::to_string(i % 10)).c_str(), auth);
    }
  });
  // ... and from another writer on the same folder, as gazette-index would.
  std::thread outside_writer([&] {
    LiveWriter writer(service.db());
    for (int i = 0; i < 15; ++i) {
      Article a;
      a.id = "outside-" + std::to_string(i);
      a.title = "Article écrit à côté " + std::to_string(i);
      a.body = "Le gouvernement et le texte " + std::to_string(i) + ".";
      a.source = "test";
      try {
        writer.put({a});
      } catch (const Xapian::DatabaseLockError&) {
        // The service held the lock for an API write: try the next one.
      }
    }
  });

  api_writer.join();
  outside_writer.join();
  done = true;
  for (auto& t : readers) t.join();

  for (const auto& f : failures) ADD_FAILURE() << f;
  EXPECT_GE(answered, 2 * kApiWrites);
  json stats = service.get("/api/v1/stats");
  EXPECT_GE(stats["articles"].get<long>(), before) << "articles were lost";
  std::cout << "[ answered ] " << answered << " reads during the writes, " << overtaken
            << " overtaken by commits (503 index_busy)\n";
}

TEST(CommitGate, AWriteWaitsForTheReaderHoldingTheGate) {
  const std::string db =
      (std::filesystem::temp_directory_path() / ("gazette-gate-" + std::to_string(getpid()))).string();
  std::filesystem::remove_all(db);
  CommitGate gate;
  LiveWriter writer(db, &gate);
  auto article = [](const std::string& id) {
    Article a;
    a.id = id;
    a.title = "Le Conseil d’État tranche";
    a.body = "Les juges ont rendu leur décision mardi.";
    a.source = "test";
    return a;
  };
  writer.put({article("gate-1")});
  ASSERT_EQ(Xapian::Database(db).get_doccount(), 1u);

  auto held = gate.hold_writes();
  auto second = std::async(std::launch::async, [&] { return writer.put({article("gate-2")}); });
  // A write that went through would be done well within 300 ms; a slow
  // machine can only make this pass wrongly, never fail wrongly.
  EXPECT_EQ(second.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout)
      << "the write went through while a reader held the gate";
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 1u);
  held.unlock();
  ASSERT_EQ(second.wait_for(std::chrono::seconds(60)), std::future_status::ready)
      << "the write did not go through once the gate was free";
  EXPECT_EQ(second.get().added, 1u);
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 2u);
  std::filesystem::remove_all(db);
}

// Only the service writes: its writers wait for a read that lost its
// revision twice, so no read may end in 503 index_busy, however many commits
// follow each other.
TEST(ServiceConcurrency, ReadsOutlastAStreamOfApiWrites) {
  test::RunningService service(test::CorpusSlice::committed().db, kToken);
  const long before = service.get("/api/v1/stats")["articles"].get<long>();
  constexpr int kWriters = 3, kWritesEach = 40;

  std::atomic<int> writers_left{kWriters}, answered{0};
  std::vector<std::string> failures;
  std::mutex failures_mutex;
  auto fail = [&](const std::string& what) {
    std::lock_guard<std::mutex> lock(failures_mutex);
    if (failures.size() < 20) failures.push_back(what);
  };
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      auto client = service.client();
      httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
      for (int i = 0; i < kWritesEach; ++i) {
        // Reads and writes interleave: each write waits for a read answered
        // since this writer's last one (bounded).
        if (!wait_for_reads(answered, answered + 1)) {
          fail("writer " + std::to_string(w) + ": no read answered within 60 s");
          break;
        }
        const std::string id = "stream-" + std::to_string(w) + "-" + std::to_string(i);
        auto res = client.Post("/api/v1/articles", auth, article_json(id, i), "application/json");
        if (!res || res->status != 200) fail("POST: " + (res ? res->body : std::string("no answer")));
      }
      --writers_left;
    });
  }
  for (int r = 0; r < 3; ++r) {
    threads.emplace_back([&] {
      auto client = service.client();
      while (writers_left > 0) {
        auto res = client.Get("/api/v1/search?q=gouvernement&facets=section,tag,source,date,entity&size=50");
        if (!res || res->status != 200)
          fail("search: " + (res ? std::to_string(res->status) + " " + res->body.substr(0, 200) : "no answer"));
        else
          ++answered;
      }
    });
  }
  for (auto& t : threads) t.join();

  for (const auto& f : failures) ADD_FAILURE() << f;
  EXPECT_GE(answered, kWritesEach);
  EXPECT_EQ(service.get("/api/v1/stats")["articles"].get<long>(), before + kWriters * kWritesEach);
}

}  // namespace
}  // namespace gazette
