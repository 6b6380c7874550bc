// Writes through the HTTP API over a real loopback server: the token, what
// a write changes in the next answers (searches, suggestions, stats, facets
// of local shards), and reads that keep answering during writes.
#include <atomic>
#include <chrono>
#include <functional>
#include <iostream>
#include <thread>

#include <gtest/gtest.h>

#include "common/article_json.h"
#include "service_suite.h"

namespace gazette {
namespace {

using nlohmann::json;
using test::encode;
using test::kToken;
using test::marked_words;
using test::ServiceTest;

class WriteTest : public ServiceTest {};

TEST_F(WriteTest, RefusedWithoutTheTokenAcceptedWithIt) {
  auto client = service_->client();
  const std::string article =
      R"({"id": "w-1", "title": "Le Conseil d’État <script>alert(1)</script> zorglubise", "body": "Les juges du Conseil d'État ont zorglubisé. <b>gras</b>", "section": "Justice", "published": "2022-05-04T10:00:00+02:00"})";
  auto no_token = client.Post("/api/v1/articles", article, "application/json");
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 401);
  auto wrong =
      client.Post("/api/v1/articles", httplib::Headers{{"Authorization", "Bearer nope"}}, article, "application/json");
  EXPECT_EQ(wrong->status, 403);
  EXPECT_EQ(get("/api/v1/search?q=zorglubise")["total"], 0);

  httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  auto ok = client.Post("/api/v1/articles", auth, article, "application/json");
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(json::parse(ok->body)["added"], 1);
  json found = get("/api/v1/search?q=conseil+d%27etat+zorglubise");
  ASSERT_EQ(found["total"], 1);
  // Markup in an article is text like any other: sent as written (the page
  // shows it as text), never marked.
  const json& hit = found["hits"][0];
  EXPECT_EQ(hit["title_marked"]["text"], "Le Conseil d’État <script>alert(1)</script> zorglubise");
  EXPECT_EQ(marked_words(hit["title_marked"]), (std::vector<std::string>{"Conseil", "État", "zorglubise"}));
  ASSERT_EQ(hit["snippets"].size(), 1u);
  // (A passage ends with its last word: here, before the closing ">".)
  EXPECT_EQ(hit["snippets"][0]["text"], "Les juges du Conseil d'État ont zorglubisé. <b>gras</b");
  EXPECT_EQ(marked_words(hit["snippets"][0]), (std::vector<std::string>{"Conseil", "État", "zorglubisé"}));

  auto bad_type = client.Post("/api/v1/articles", auth, "id=1", "application/x-www-form-urlencoded");
  EXPECT_EQ(bad_type->status, 415);
  auto not_object = client.Post("/api/v1/articles", auth, "[1, \"x\"]", "application/json");
  EXPECT_EQ(not_object->status, 400);
  EXPECT_NE(not_object->body.find("expected a JSON object"), std::string::npos) << not_object->body;
  auto too_big = client.Post("/api/v1/articles", auth, std::string(17u << 20, ' '), "application/json");
  EXPECT_EQ(too_big->status, 413);

  std::string lines = R"({"id": "w-2", "title": "Deux", "body": "Texte deux"})"
                      "\n"
                      "{oops\n"
                      R"({"id": "w-3", "title": "Trois", "body": "Texte trois"})"
                      "\n";
  auto bulk = client.Post("/api/v1/articles", auth, lines, "application/x-ndjson");
  ASSERT_EQ(bulk->status, 200) << bulk->body;
  json outcome = json::parse(bulk->body);
  EXPECT_EQ(outcome["added"], 2);
  ASSERT_EQ(outcome["errors"].size(), 1u);
  EXPECT_EQ(outcome["errors"][0]["item"], 2);

  EXPECT_EQ(client.Delete("/api/v1/articles/w-1")->status, 401);
  auto deleted = client.Delete("/api/v1/articles/w-1", auth);
  EXPECT_EQ(deleted->status, 200);
  EXPECT_EQ(get("/api/v1/search?q=zorglubise")["total"], 0);
  get("/api/v1/articles/w-1", 404);
  EXPECT_EQ(client.Delete("/api/v1/articles/w-1", auth)->status, 404);
}

// Control characters other than white space are kept in an article's text,
// and each answer still escapes them: RapidJSON's SSE2 scan wrote 0x1A to
// 0x1F raw after 16 bytes, and such an article made its searches invalid JSON.
TEST_F(WriteTest, ControlCharactersInAnArticleStillGiveValidAnswers) {
  auto client = service_->client();
  httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  const std::string article =
      R"({"id": "ctl-1", "title": "Le télégramme chiffré\u001a reçu à Québec", "body": "Un télégramme chiffré\u001f est arrivé à Québec ce matin, selon la Francophonie.", "section": "Monde", "published": "2022-03-01T10:00:00Z"})";
  ASSERT_EQ(client.Post("/api/v1/articles", auth, article, "application/json")->status, 200);
  for (const std::string path : {"/api/v1/search?q=t%C3%A9l%C3%A9gramme+chiffr%C3%A9&facets=section,entity",
                                 "/api/v1/articles/ctl-1", "/api/v1/articles/ctl-1/related"}) {
    auto answer = client.Get(path);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 200) << path;
    EXPECT_FALSE(json::parse(answer->body, nullptr, false).is_discarded()) << path << ": " << answer->body;
  }
  const json found = get("/api/v1/search?q=t%C3%A9l%C3%A9gramme+chiffr%C3%A9");
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["hits"][0]["title_marked"]["text"], "Le télégramme chiffré\x1a reçu à Québec");
  EXPECT_NE(found["hits"][0]["snippets"][0]["text"].get<std::string>().find("chiffré\x1f est"), std::string::npos);
  EXPECT_EQ(client.Delete("/api/v1/articles/ctl-1", auth)->status, 200);
}

// Suggestions follow writes at once: the first request of a new revision
// builds its SuggestIndex, and a request that comes during that build, or
// too soon after the last one, reads the index instead; the same either way.
// The home page's search (no words, every facet) and /stats are answered
// once per index revision: a write is in the next answer, counts and hits
// alike.
TEST_F(WriteTest, SearchesWithoutWordsAndStatsFollowWrites) {
  const std::string home = "/api/v1/search?facets=section,date&sort=date";
  const json before = get(home);
  const json stats = get("/api/v1/stats");
  EXPECT_EQ(get("/api/v1/stats"), stats);
  EXPECT_EQ(get(home), before) << "the same answer while nothing changes";
  const long justice = facet(before, "section")["Justice"];
  auto client = service_->client();
  httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  auto ok = client.Post(
      "/api/v1/articles", auth,
      R"({"id": "home-1", "title": "Le Conseil d’État tranche", "body": "Les juges ont tranché.", "section": "Justice", "published": "2030-01-02T10:00:00+01:00"})",
      "application/json");
  ASSERT_EQ(ok->status, 200) << ok->body;
  json after = get(home);
  EXPECT_EQ(after["total"], before["total"].get<int>() + 1);
  EXPECT_EQ(facet(after, "section")["Justice"], justice + 1);
  EXPECT_EQ(after["hits"][0]["id"], "home-1") << "newest first";
  json stats_after = get("/api/v1/stats");
  EXPECT_EQ(stats_after["articles"], stats["articles"].get<long>() + 1);
  EXPECT_EQ(stats_after["by_section"].value("Justice", 0L), stats["by_section"].value("Justice", 0L) + 1);
  EXPECT_EQ(stats_after["last_date"], "2030-01-02");
  ASSERT_EQ(client.Delete("/api/v1/articles/home-1", auth)->status, 200);
  after = get(home);
  EXPECT_EQ(after["total"], before["total"]);
  EXPECT_NE(after["hits"][0]["id"], "home-1");
  stats_after = get("/api/v1/stats");
  EXPECT_EQ(stats_after["by_section"], stats["by_section"]);
  EXPECT_EQ(stats_after["articles"], stats["articles"]);
}

// Suggestions come from the latest revision's SuggestIndex that the service
// has built; a write's revision is built in the background after the first
// request that reads it, so a write shows there soon, not at once. Asks
// `path` until `done` holds of its answer, a bounded number of times.
json get_until(const std::function<json(const std::string&)>& get, const std::string& path,
               const std::function<bool(const json&)>& done) {
  json answer;
  for (int tries = 0; tries < 500; ++tries) {
    answer = get(path);
    if (done(answer)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return answer;
}

TEST_F(WriteTest, SuggestionsFollowWrites) {
  auto client = service_->client();
  httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  auto ask = [this](const std::string& path) { return get(path); };
  EXPECT_TRUE(get("/api/v1/suggest?q=zanzib")["completions"].empty());
  const std::string article =
      R"({"id": "s-1", "title": "Les zanzibarophiles fêtent le Vendée Globe", "body": "Texte.",
          "published": "2013-01-20T10:00:00+01:00"})";
  auto res = client.Post("/api/v1/articles", auth, article, "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json s = get_until(ask, "/api/v1/suggest?q=Zanzib", [](const json& a) { return !a["completions"].empty(); });
  ASSERT_EQ(s["completions"].size(), 1u);
  EXPECT_EQ(s["completions"][0], json({{"query", "zanzibarophiles"}, {"count", 1}}));
  ASSERT_EQ(s["titles"].size(), 1u);
  EXPECT_EQ(s["titles"][0], json({{"id", "s-1"}, {"title", "Les zanzibarophiles fêtent le Vendée Globe"}}));
  // (The answer above may have come from the index scan, before the first
  // build ended: this one waits for the built index too.)
  json vendee =
      get_until(ask, "/api/v1/suggest?q=" + encode("vendée g"), [](const json& a) { return a["titles"].size() == 4; });
  ASSERT_EQ(vendee["titles"].size(), 4u);
  EXPECT_EQ(vendee["titles"][0]["id"], "s-1");  // the newest first
  ASSERT_EQ(client.Delete("/api/v1/articles/s-1", auth)->status, 200);
  s = get_until(ask, "/api/v1/suggest?q=zanzib",
                [](const json& a) { return a["titles"].empty() && a["completions"].empty(); });
  EXPECT_TRUE(s["completions"].empty());
  EXPECT_TRUE(s["titles"].empty());
  EXPECT_EQ(get("/api/v1/suggest?q=" + encode("vendée g"))["titles"].size(), 3u);
}

// Each write waits until the reader has been answered again since the one
// before, so that the reads and the writes interleave on any machine (the
// wait is bounded: a reader that is never answered fails the test).
TEST_F(WriteTest, SearchesKeepAnsweringDuringWrites) {
  std::atomic<bool> done{false};
  std::atomic<int> answered{0}, failed{0};
  std::thread reader([&] {
    auto client = service_->client();
    while (!done) {
      auto res = client.Get("/api/v1/search?q=gouvernement&facets=section,date");
      (res && res->status == 200 ? answered : failed)++;
      if (res && res->status != 200) std::cerr << res->status << " " << res->body << "\n";
    }
  });
  auto client = service_->client();
  httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  constexpr int kWrites = 20;
  for (int i = 0; i < kWrites && !HasFatalFailure(); ++i) {
    const int before = answered;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (answered == before && failed == 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_GT(answered, before) << "no search was answered before write " << i;
    std::string body = R"({"id": "live-)" + std::to_string(i) + R"(", "title": "Dépêche zorglub)" + std::to_string(i) +
                       R"( sur le gouvernement", "body": "Le gouvernement annonce une mesure."})";
    auto res = client.Post("/api/v1/articles", auth, body, "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(get("/api/v1/search?q=zorglub" + std::to_string(i))["total"].get<int>(), 1);
  }
  done = true;
  reader.join();
  EXPECT_EQ(failed, 0);
  EXPECT_GE(answered, kWrites);
}

TEST(ServiceWithoutToken, RefusesAllWrites) {
  test::RunningService service(test::CorpusSlice::committed().db, "");
  auto res = service.client().Post("/api/v1/articles", httplib::Headers{{"Authorization", "Bearer "}},
                                   R"({"id":"x","title":"t","body":"b"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_NE(res->body.find("writes are disabled"), std::string::npos);
}

// Local shards (gazette-serve --cluster over kept shards) count facets from
// each shard's columns and give the counts of one index of the same
// articles, before and after a write (which extends the owner shard's
// columns).
TEST(LocalShardsService, FacetsAreThoseOfOneIndexBeforeAndAfterAWrite) {
  const std::string dir = test::writable_copy(test::CorpusSlice::committed().shards, "local-shards-service");
  Result<ClusterConfig> cluster = ClusterConfig::load(dir + "/cluster.json");
  ASSERT_TRUE(cluster) << cluster.problem().message;
  ASSERT_EQ(cluster->shards.size(), test::kClusterShards);
  test::RunningService sharded(std::move(cluster).value(), kToken), one(test::CorpusSlice::committed().db, kToken);
  const std::vector<std::string> searches = {
      "q=&facets=section,tag,source,date,entity&facet_size=100",
      "q=gouvernement&facets=section,tag,source,date,entity&facet_size=100",
      "q=france&tag=Politique&source=Wikinews&facets=section,tag,source,date,entity&facet_size=100",
      "q=&tag=" + std::string("Tag%20de%20la%20grappe") + "&facets=tag,section",
  };
  auto expect_same = [&](const std::string& when) {
    for (const auto& s : searches) {
      int status_a = 0, status_b = 0;
      json a = sharded.get("/api/v1/search?" + s, &status_a), b = one.get("/api/v1/search?" + s, &status_b);
      ASSERT_EQ(status_a, 200) << when << " " << s;
      ASSERT_EQ(status_b, 200) << when << " " << s;
      EXPECT_EQ(a["total"], b["total"]) << when << " " << s;
      EXPECT_EQ(a["facets"], b["facets"]) << when << " " << s;
    }
  };
  expect_same("before");
  EXPECT_GT(one.get("/api/v1/search?" + searches[0])["facets"]["tag"]["values"].size(), 10u);

  Article added = test::CorpusSlice::committed().articles[5];
  added.id = "local-shards-added";
  added.tags = {"Tag de la grappe", "Politique"};
  const std::string body = article_to_json(added).dump();
  httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  for (test::RunningService* service : {&sharded, &one}) {
    auto res = service->client().Post("/api/v1/articles", auth, body, "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
  }
  expect_same("after");
  EXPECT_EQ(one.get("/api/v1/search?" + searches[3])["total"], 1);
}

}  // namespace
}  // namespace gazette
