// A cluster of three shards of real articles, each behind its own
// xapian-tcpsrv on loopback, served by the Service in process, against the
// same articles as one index: the same answers; writes reach the owner
// shard; a failed shard gives partial answers or 503 within the timeout, or
// none of that when a replica answers; a replica catches up with its master
// through xapian-replicate.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "cluster/shard_route.h"
#include "corpus_fixture.h"
#include "service_fixture.h"
#include "xapian_servers.h"

namespace gazette {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

const char kToken[] = "cluster-test-token";
constexpr unsigned kTimeoutMs = 1000;
// How long an answer past a failed shard may take (seconds): 10 times the
// timeout, far below the 30 s after which the test's client gives up.
constexpr double kGenerousBound = 10.0 * kTimeoutMs / 1000;

std::string encode(const std::string& s) { return httplib::detail::encode_query_param(s); }

class ClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GAZETTE_SKIP_IF_NO_XAPIAN_TOOLS();
    const auto& slice = test::CorpusSlice::committed();
    dir_ = test::temp_dir("cluster");
    fs::copy(slice.shards, dir_, fs::copy_options::recursive);
    for (size_t i = 0; i < test::kClusterShards; ++i) {
      // Writers keep changesets, so that replicas receive changes in place.
      readers_.push_back(std::make_unique<test::TcpServer>(shard_dir(i), false));
      writers_.push_back(std::make_unique<test::TcpServer>(shard_dir(i), true, kChangesets));
    }
    one_ = std::make_unique<test::RunningService>(slice.db, kToken);
  }

  std::string shard_dir(size_t i) const { return dir_ + "/shard-" + std::to_string(i); }

  // The cluster file of the three shard servers, read back as gazette-serve
  // --cluster reads it.
  ClusterConfig cluster(const std::string& policy = "partial", const json& replicas = json::object()) const {
    json shards = json::array();
    for (size_t i = 0; i < readers_.size(); ++i) {
      std::string name = "shard-" + std::to_string(i);
      json shard = {{"name", name}, {"master", readers_[i]->address()}, {"writer", writers_[i]->address()}};
      if (replicas.contains(name)) shard["replicas"] = replicas[name];
      shards.push_back(shard);
    }
    std::ofstream(dir_ + "/test-cluster.json") << json{
        {"shards", shards},
        {"on_failure", policy},
        {"timeout_ms", kTimeoutMs},
        {"connect_timeout_ms", kTimeoutMs},
        {"global", "global"}}.dump(2);
    Result<ClusterConfig> loaded = ClusterConfig::load(dir_ + "/test-cluster.json");
    if (!loaded) {
      ADD_FAILURE() << loaded.problem().str();
      return {};
    }
    return std::move(loaded).value();
  }

  static json get(const test::RunningService& service, const std::string& path, int expected = 200) {
    int status = 0;
    json body = service.get(path, &status);
    EXPECT_EQ(status, expected) << path << " -> " << body.dump().substr(0, 300);
    return body;
  }

  static json post(const test::RunningService& service, const json& article) {
    auto res = service.client().Post("/api/v1/articles", {{"Authorization", std::string("Bearer ") + kToken}},
                                     article.dump(), "application/json");
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
    return res ? json::parse(res->body, nullptr, false) : json();
  }

  static const std::vector<std::string> kChangesets;
  std::string dir_;
  std::vector<std::unique_ptr<test::TcpServer>> readers_, writers_;
  std::unique_ptr<test::RunningService> one_;
};
const std::vector<std::string> ClusterTest::kChangesets = {"XAPIAN_MAX_CHANGESETS=10"};

// Hits compared by id and score. Equal scores are ordered by document id,
// which differs between one index and shards: within a run of equal scores
// only the set of ids must match.
void expect_same_hits(const json& a, const json& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  std::map<std::string, json> by_id;
  for (const auto& h : b) by_id[h["id"]] = h;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_NEAR(a[i]["score"].get<double>(), b[i]["score"].get<double>(), 1e-9) << what << " rank " << i;
    auto other = by_id.find(a[i]["id"]);
    if (other == by_id.end()) {
      // Only a tie at the end of the page may bring in another article.
      EXPECT_NEAR(a[i]["score"].get<double>(), a.back()["score"].get<double>(), 1e-9) << what << " " << a[i]["id"];
      continue;
    }
    json x = a[i], y = other->second;
    x.erase("score");
    y.erase("score");
    EXPECT_EQ(x, y) << what;
  }
}

void expect_same_search(json a, json b, const std::string& what) {
  expect_same_hits(a["hits"], b["hits"], what);
  EXPECT_EQ(a["total"], b["total"]) << what;
  for (json* body : {&a, &b}) {
    body->erase("hits");
    body->erase("took_ms");
  }
  EXPECT_EQ(a, b) << what;
}

// On the committed fixture (tests/data/: 100 Wikinews articles of 2012, all
// in the section "Wikinews").
TEST_F(ClusterTest, AnswersAsOneIndexOfTheSameArticles) {
  test::RunningService sharded(cluster(), kToken);
  const std::string facets = "&facets=section,tag,source,date,entity&facet_size=20";
  json broad = get(*one_, "/api/v1/search?q=gouvernement" + facets);
  ASSERT_GE(broad["hits"].size(), 3u);
  ASSERT_FALSE(broad["facets"]["tag"]["values"].empty());
  ASSERT_FALSE(broad["facets"]["entity"]["values"].empty());
  std::string tag = broad["facets"]["tag"]["values"][0]["value"];
  std::string entity = broad["facets"]["entity"]["values"][0]["value"];
  std::string section = broad["facets"]["section"]["values"][0]["value"];
  EXPECT_EQ(section, "Wikinews");
  // Each search and whether it finds articles (the misspelling finds those
  // of its correction, from the global spelling data).
  const std::vector<std::pair<std::string, bool>> searches = {
      {"q=gouvernement" + facets, true},
      {"q=" + facets, true},
      {"q=guerre&section=" + encode(section) + facets, true},
      {"q=gouvernement&tag=" + encode(tag) + facets, true},
      {"q=gouvernement&entity=" + encode(entity) + "&source=wikinews" + facets, true},
      {"q=france&from=2012-06&to=2012-07&date_interval=day" + facets, true},
      {"q=" + encode("\"premier ministre\" -ayrault") + "&sort=date" + facets, true},
      {"q=france&sort=-date&page=2&size=20", true},
      {"q=gouvernemnt", true},
  };
  for (const auto& [s, finds] : searches) {
    json in_shards = get(sharded, "/api/v1/search?" + s), in_one = get(*one_, "/api/v1/search?" + s);
    EXPECT_EQ(in_one["hits"].empty(), !finds) << s;
    expect_same_search(in_shards, in_one, s);
  }

  // A cursor walk over the whole fixture: the same articles page after page.
  std::string path = "/api/v1/search?q=&size=20";
  json a = get(sharded, path), b = get(*one_, path);
  ASSERT_EQ(b["total"].get<size_t>(), test::kFixtureArticles);
  int pages = 0;
  for (int page = 0; page < 10 && !a["next_cursor"].is_null(); ++page) {
    ++pages;
    expect_same_search(a, b, "page " + std::to_string(page));
    ASSERT_EQ(a["next_cursor"], b["next_cursor"]);
    std::string next = path + "&cursor=" + encode(a["next_cursor"]);
    a = get(sharded, next);
    b = get(*one_, next);
  }
  EXPECT_EQ(pages, 4) << "100 articles, 20 a page: four pages lead to the fifth";
  ASSERT_EQ(b["hits"].size(), 20u);
  expect_same_search(a, b, "last page");

  size_t related = 0;
  for (size_t i = 0; i < 3; ++i) {
    std::string id = broad["hits"][i]["id"];
    EXPECT_EQ(get(sharded, "/api/v1/articles/" + id), get(*one_, "/api/v1/articles/" + id));
    json r1 = get(sharded, "/api/v1/articles/" + id + "/related"),
         r2 = get(*one_, "/api/v1/articles/" + id + "/related");
    expect_same_hits(r1["related"], r2["related"], "related " + id);
    related += r2["related"].size();
  }
  EXPECT_GT(related, 0u);
  // Stories (stories/stories.h): the same, and the same timelines.
  json stories = get(*one_, "/api/v1/stories?q=gouvernement");
  EXPECT_EQ(get(sharded, "/api/v1/stories?q=gouvernement"), stories);
  size_t told = 0;
  for (const auto& story : stories["stories"]) {
    if (story["texts"] < 2) continue;
    ++told;
    const std::string path = "/api/v1/articles/" + story["central_id"].get<std::string>() + "/story";
    EXPECT_EQ(get(sharded, path), get(*one_, path)) << path;
  }
  EXPECT_GE(told, 2u) << stories.dump();
  for (const std::string& other :
       std::vector<std::string>{"/api/v1/suggest?q=gouv", "/api/v1/entities?q=oba", "/api/v1/entities/" + entity}) {
    json in_one = get(*one_, other), in_shards = get(sharded, other);
    EXPECT_FALSE(in_one.empty()) << other;
    // An entity's latest articles of the same day (the fixture's dates have
    // no time) come in document id order, which differs between one index
    // and shards, as for hits of equal score: within a day only the set must
    // match.
    for (json* page : {&in_one, &in_shards})
      if (page->contains("latest"))
        std::stable_sort((*page)["latest"].begin(), (*page)["latest"].end(), [](const json& x, const json& y) {
          return std::make_pair(y["published"], x["id"]) < std::make_pair(x["published"], y["id"]);
        });
    EXPECT_EQ(in_shards, in_one) << other;
  }
  json s1 = get(sharded, "/api/v1/stats"), s2 = get(*one_, "/api/v1/stats");
  for (const char* key : {"articles", "by_source", "by_section", "first_date", "last_date", "schema_version"})
    EXPECT_EQ(s1[key], s2[key]) << key;
}

// The write shows in searches: at once, in practice, as the shard servers
// reopen their database on each request; the loop only bounds the wait (a
// minute, for a loaded machine), it measures nothing.
TEST_F(ClusterTest, WritesReachTheOwnerShardAndShow) {
  test::RunningService sharded(cluster(), kToken);
  const std::string id = "cluster-test-1";
  json article = {{"id", id},
                  {"source", "test"},
                  {"title", "Zanzibarophile inattendu"},
                  {"body", "Un article écrit par le test de la grappe."},
                  {"published", "2022-05-01"}};
  EXPECT_EQ(post(sharded, article)["added"], 1);
  auto start = Clock::now();
  json found;
  do found = get(sharded, "/api/v1/search?q=zanzibarophile");
  while (found["total"] != 1 && Clock::now() - start < std::chrono::seconds(60));
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["hits"][0]["id"], id);
  const size_t owner = shard_of(id, test::kClusterShards);
  for (size_t i = 0; i < test::kClusterShards; ++i)
    EXPECT_EQ(Xapian::Database(shard_dir(i)).get_termfreq("Q" + id), i == owner ? 1u : 0u) << "shard " << i;
  EXPECT_EQ(get(sharded, "/api/v1/search?q=zanzibarophil")["suggestion"], "zanzibarophile") << "global spelling";

  auto res =
      sharded.client().Delete(("/api/v1/articles/" + id).c_str(), {{"Authorization", std::string("Bearer ") + kToken}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(get(sharded, "/api/v1/search?q=zanzibarophile")["total"], 0);
  EXPECT_EQ(Xapian::Database(shard_dir(owner)).get_termfreq("Q" + id), 0u);
}

TEST_F(ClusterTest, AFailedShardGivesPartialAnswersOr503WithinTheTimeout) {
  test::RunningService partial(cluster("partial"), kToken), strict(cluster("unavailable"), kToken);
  const std::string q = "/api/v1/search?q=gouvernement&facets=section";
  const long total = get(partial, q)["total"];
  EXPECT_EQ(get(strict, q)["total"], total);
  EXPECT_FALSE(get(partial, q).contains("partial"));

  // A hung server first (it accepts connections and never answers), then a
  // dead one: each answer comes once the cluster's timeout has fired (the
  // failed call, then the reconnection that finds the shard down: about twice
  // kTimeoutMs). Timing is the behaviour here, so it is checked, generously:
  // under 10 times kTimeoutMs on a loaded machine, where a timeout that never
  // fired would leave the request hanging until the client gives up (30 s).
  for (bool hung : {true, false}) {
    if (hung)
      readers_[1]->process().pause();
    else
      readers_[1]->process().kill();
    auto start = Clock::now();
    json body = get(partial, q);
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    EXPECT_LT(seconds, kGenerousBound) << (hung ? "hung" : "dead");
    EXPECT_EQ(body["partial"], true);
    EXPECT_EQ(body["failed_shards"], json::array({"shard-1"}));
    EXPECT_LT(body["total"].get<long>(), total);
    EXPECT_GT(body["total"].get<long>(), 0);
    start = Clock::now();
    json refused = get(strict, q, 503);
    EXPECT_EQ(refused["error"]["code"], "shard_unavailable");
    EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), kGenerousBound);
    std::string lost;  // an article of the failed shard: not "not found"
    for (int n = 0; lost.empty(); ++n)
      if (shard_of("x-" + std::to_string(n), test::kClusterShards) == 1) lost = "x-" + std::to_string(n);
    EXPECT_EQ(get(partial, "/api/v1/articles/" + lost, 503)["error"]["code"], "shard_unavailable");
    json health = get(partial, "/api/v1/healthz");
    EXPECT_EQ(health["status"], "degraded");
    EXPECT_EQ(health["shards"][1]["state"], "down");
    if (hung) readers_[1]->process().resume();
  }
}

TEST_F(ClusterTest, AReplicaKeepsAnswersCompleteWhenItsMasterFails) {
  const std::string copy = dir_ + "/replica-1";
  fs::copy(shard_dir(1), copy, fs::copy_options::recursive);
  test::TcpServer replica(copy, false);
  test::RunningService sharded(cluster("unavailable", {{"shard-1", {replica.address()}}}), kToken);
  const std::string q = "/api/v1/search?q=gouvernement&facets=section,entity";
  json before = get(sharded, q);
  readers_[1]->process().kill();
  json after = get(sharded, q);
  EXPECT_FALSE(after.contains("partial"));
  expect_same_search(after, before, "after the master failed");
  json health = get(sharded, "/api/v1/healthz");
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["shards"][1]["state"], "replica");
  EXPECT_EQ(health["shards"][1]["serving"], replica.address());
}

TEST_F(ClusterTest, AReplicaCatchesUpWithItsMaster) {
  // xapian-replicate-server on the master's host serves the folders under
  // dir_; xapian-replicate on the replica's host keeps replica-1 in step
  // with shard-1; gazette-serve there reads replica-1 without a restart.
  const int port = test::free_port();
  test::ChildProcess server(
      {"/usr/bin/xapian-replicate-server", "--interface=127.0.0.1", "--port=" + std::to_string(port), dir_});
  const std::string replica = test::temp_dir("replica") + "/replica-1";
  test::ChildProcess client({"/usr/bin/xapian-replicate", "--host=127.0.0.1", "--port=" + std::to_string(port),
                             "--master=shard-1", "--interval=1", "--reader-time=0", replica});
  auto wait_for = [](auto done) {
    auto start = Clock::now();
    // Bounded, generously: the replica polls every second, but a loaded
    // machine may take far longer to copy and apply the changes.
    while (!done() && Clock::now() - start < std::chrono::seconds(120))
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return done();
  };
  ASSERT_TRUE(wait_for([&] {
    try {
      return Xapian::Database(replica).get_doccount() == Xapian::Database(shard_dir(1)).get_doccount();
    } catch (const Xapian::Error&) {
      return false;
    }
  })) << "the first copy did not arrive";
  test::RunningService on_replica(ClusterConfig::single(replica), kToken);

  test::RunningService sharded(cluster(), kToken);
  std::string id;
  for (int n = 0; id.empty(); ++n)
    if (shard_of("replicated-" + std::to_string(n), test::kClusterShards) == 1) id = "replicated-" + std::to_string(n);
  post(sharded, {{"id", id},
                 {"source", "test"},
                 {"title", "Ornithorynque répliqué"},
                 {"body", "Corps."},
                 {"published", "2022-06-01"}});
  EXPECT_TRUE(wait_for([&] { return get(on_replica, "/api/v1/search?q=ornithorynque")["total"] == 1; }))
      << "the replica did not receive the write";
}

}  // namespace
}  // namespace gazette
