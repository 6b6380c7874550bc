// Alerts (saved searches that notify) and Atom feeds: percolation finds
// what a search finds, on the committed fixture (tests/data/, Wikinews
// articles); alerts record articles written through the API and by an
// outside gazette-index, survive a restart, call their webhooks (or give up
// on a dead one), and every feed parses with Python's feedparser.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <xapian.h>

#include "alerts/percolator.h"
#include "common/stored_document.h"
#include "corpus_fixture.h"
#include "service_fixture.h"

namespace gazette {
namespace {

using nlohmann::json;

const char kToken[] = "alert-token-for-tests";
const httplib::Headers kAuth{{"Authorization", std::string("Bearer ") + kToken}};

// Whether `done` becomes true within a bound generous enough for a loaded
// machine (the alerts' thread looks every half second, and at once after an
// API write).
template <typename Done>
bool eventually(Done done) {
  for (int i = 0; i < 1500; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

// The ids of the articles of `db` that `query` with `filters` matches, the
// way a search matches them.
std::vector<std::string> searched(const Xapian::Database& db, const std::string& query, const SearchFilters& filters) {
  QueryBuilder builder;
  ParsedQuery parsed = builder.parse(query, true);
  EXPECT_FALSE(parsed.problem) << query;
  Xapian::Enquire enquire(db);
  enquire.set_query(QueryBuilder::filtered(parsed.matching, filters));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  std::vector<std::string> ids;
  Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto m = mset.begin(); m != mset.end(); ++m) ids.push_back(article_id(db, *m));
  std::sort(ids.begin(), ids.end());
  return ids;
}

struct SavedSearch {
  std::string query;
  SearchFilters filters;
};

std::vector<SavedSearch> saved_searches() {
  SearchFilters wikinews, july, june, quebec_place;
  wikinews.sections = {"Wikinews"};
  july.from = parse_date_bound("2012-07-01", false);
  july.to = parse_date_bound("2012-07-10", true);
  june.from = parse_date_bound("2012-06", false);
  june.to = parse_date_bound("2012-06", true);
  quebec_place.entities = {"l:quebec"};
  return {
      {"boson de Higgs", {}},
      {"\"langue française\"", {}},
      {"Québec OR Montréal", {}},
      {"Mali -islamistes", {}},
      {"-France", {}},          // a NOT alone: no term is required
      {"", july},               // dates alone
      {"", wikinews},           // a section alone
      {"banque", june},         // words and dates
      {"egypte election", {}},  // accents left out
      {"l'élection", {}},       // an elision
      {"forum OR québec", quebec_place},
      {"zzyzx", {}},  // matches nothing
  };
}

TEST(Percolation, FindsWhatASearchFinds) {
  const test::CorpusSlice& fixture = test::CorpusSlice::committed();
  Xapian::Database db(fixture.db);
  std::vector<Xapian::docid> all;
  for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) all.push_back(*p);
  ASSERT_EQ(all.size(), test::kFixtureArticles);

  // Each alert alone, then all of them together: the same articles.
  Percolator together;
  std::vector<SavedSearch> searches = saved_searches();
  std::map<std::string, std::vector<std::string>> expected, alone, with_others;
  for (size_t i = 0; i < searches.size(); ++i) {
    Alert a;
    a.id = "a" + std::to_string(i);
    a.query = searches[i].query;
    a.filters = searches[i].filters;
    expected[a.id] = searched(db, a.query, a.filters);
    Percolator one;
    ASSERT_FALSE(one.add(a, &db)) << a.query;
    ASSERT_FALSE(together.add(a)) << a.query;
    for (const Percolator::Match& m : one.match(db, all)) alone[m.alert_id].push_back(article_id(db, m.doc));
    std::sort(alone[a.id].begin(), alone[a.id].end());
  }
  for (const Percolator::Match& m : together.match(db, all)) with_others[m.alert_id].push_back(article_id(db, m.doc));
  for (auto& [id, ids] : with_others) std::sort(ids.begin(), ids.end());
  for (size_t i = 0; i < searches.size(); ++i) {
    std::string id = "a" + std::to_string(i);
    SCOPED_TRACE(searches[i].query);
    if (searches[i].query == "zzyzx")
      EXPECT_TRUE(expected[id].empty());
    else
      EXPECT_FALSE(expected[id].empty()) << "a saved search of the test finds nothing in the fixture";
    EXPECT_LT(expected[id].size(), all.size() + (searches[i].query.empty() ? 1 : 0));
    EXPECT_EQ(alone[id], expected[id]);
    EXPECT_EQ(with_others[id], expected[id]);
  }
  // Twelve alerts over a hundred articles: terms leave some out.
  together.match(db, {all[0]});
  EXPECT_LT(together.last_candidates(), searches.size());
}

TEST(Percolation, RequiredTermsAreThoseOfTheRarestBranch) {
  using Q = Xapian::Query;
  Q and_query(Q::OP_AND, Q("a"), Q(Q::OP_OR, Q("b"), Q("c")));
  EXPECT_EQ(required_terms(and_query), std::vector<std::string>{"a"});
  Q or_query(Q::OP_OR, Q("a"), Q(Q::OP_AND, Q("b"), Q("c")));
  EXPECT_EQ(required_terms(or_query), (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(required_terms(Q(Q::OP_AND_NOT, Q(std::string()), Q("a"))));
  EXPECT_FALSE(required_terms(Q(Q::OP_OR, Q("a"), Q(Q::OP_VALUE_GE, 0, "x"))));
  EXPECT_EQ(required_terms(Q(Q::OP_FILTER, Q(Q::OP_VALUE_GE, 0, "x"), Q("d"))), std::vector<std::string>{"d"});
}

// An article of the fixture's kind, written through the API.
json article(const std::string& id, const std::string& title, const std::string& body) {
  return {{"id", id},
          {"source", "test"},
          {"title", title},
          {"summary", ""},
          {"body", body},
          {"section", "Test"},
          {"published", "2026-11-30"},
          {"authors", {"Agence Test"}}};
}

int post(const test::RunningService& s, const std::string& path, const json& body, json* answer = nullptr) {
  auto res = s.client().Post(path.c_str(), kAuth, body.dump(), "application/json");
  if (!res) return -1;
  if (answer) *answer = json::parse(res->body, nullptr, false);
  return res->status;
}

json get_with_token(const test::RunningService& s, const std::string& path, int* status = nullptr) {
  auto res = s.client().Get(path.c_str(), kAuth);
  if (status) *status = res ? res->status : -1;
  return res ? json::parse(res->body, nullptr, false) : json();
}

std::vector<std::string> matched_ids(const test::RunningService& s, const std::string& alert) {
  std::vector<std::string> ids;
  json page = get_with_token(s, "/api/v1/alerts/" + alert + "/matches?size=100");
  for (const json& m : page["matches"]) ids.push_back(m["article"]["id"]);
  return ids;
}

// A service over a copy of the fixture with alerts in `alerts_dir`.
std::unique_ptr<test::RunningService> serve(const std::string& db, const std::string& alerts_dir,
                                            std::vector<std::string> allowed_hosts = {}) {
  return std::make_unique<test::RunningService>(ClusterConfig::single(db), kToken, [&](ServiceConfig& c) {
    c.alerts_dir = alerts_dir;
    c.webhooks.allowed_hosts = allowed_hosts;
    c.webhooks.first_pause = std::chrono::milliseconds(20);
    c.webhooks.tries = 3;
    c.webhooks.timeout = std::chrono::milliseconds(2000);
  });
}

TEST(Alerts, NeedTheTokenAndASearchThatParses) {
  const std::string db = test::writable_copy(test::CorpusSlice::committed().db, "alerts-errors");
  auto service = serve(db, test::temp_dir("alerts-errors-store"));
  auto client = service->client();
  const std::string body = json{{"q", "Mali"}}.dump();
  auto res = client.Post("/api/v1/alerts", body, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  res = client.Post("/api/v1/alerts", {{"Authorization", "Bearer wrong"}}, body, "application/json");
  EXPECT_EQ(res->status, 403);
  int status = 0;
  get_with_token(*service, "/api/v1/alerts/nosuchalert", &status);
  EXPECT_EQ(status, 404);
  EXPECT_EQ(service->get("/api/v1/alerts", &status)["error"]["code"], "unauthorized");
  EXPECT_EQ(status, 401);

  json answer;
  EXPECT_EQ(post(*service, "/api/v1/alerts", {{"q", "Mali AND"}}, &answer), 400);
  EXPECT_EQ(answer["error"]["code"], "bad_query");
  EXPECT_EQ(post(*service, "/api/v1/alerts", {{"q", "Mali"}, {"sort", "date"}}, &answer), 400);
  EXPECT_NE(answer["error"]["message"].get<std::string>().find("'sort'"), std::string::npos);
  EXPECT_EQ(post(*service, "/api/v1/alerts", {{"q", "Mali"}, {"webhook", "http://10.0.0.1/hook"}}, &answer), 400);
  EXPECT_EQ(answer["error"]["code"], "bad_webhook");
  EXPECT_EQ(post(*service, "/api/v1/alerts", {{"q", "Mali"}, {"from", "2012-13"}}, &answer), 400);
  EXPECT_EQ(answer["error"]["code"], "bad_parameter");
  EXPECT_EQ(post(*service, "/api/v1/alerts", json::array({"Mali"}), &answer), 400);
  auto nested = service->client().Post("/api/v1/alerts", kAuth, std::string(5000, '[') + std::string(5000, ']'),
                                       "application/json");
  ASSERT_TRUE(nested);
  EXPECT_EQ(nested->status, 400) << "a body nested deep is refused, not copied";
  EXPECT_EQ(post(*service, "/api/v1/alerts", json::array({json{{"q", "Mali"}}, json{{"q", "(Gao"}}}), &answer), 400);
  EXPECT_EQ(answer["error"]["code"], "bad_query");
  EXPECT_EQ(answer["error"]["message"].get<std::string>().rfind("alert 2: ", 0), 0u) << answer;
  EXPECT_EQ(get_with_token(*service, "/api/v1/alerts")["alerts"].size(), 0u) << "nothing refused was saved";

  // A list is saved at once, in its order.
  ASSERT_EQ(post(*service, "/api/v1/alerts", json::array({json{{"q", "Mali"}}, json{{"q", "Gao"}, {"name", "Gao"}}}),
                 &answer),
            201);
  ASSERT_EQ(answer["alerts"].size(), 2u);
  EXPECT_EQ(answer["alerts"][1]["name"], "Gao");
  EXPECT_EQ(answer["alerts"][1]["search"]["q"], "Gao");
  EXPECT_EQ(get_with_token(*service, "/api/v1/alerts")["alerts"].size(), 2u);

  // Without an alerts folder, alerts are off and say so.
  test::RunningService off(ClusterConfig::single(db), kToken);
  EXPECT_EQ(post(off, "/api/v1/alerts", {{"q", "Mali"}}, &answer), 404);
  EXPECT_NE(answer["error"]["message"].get<std::string>().find("--alerts"), std::string::npos);
}

TEST(Alerts, RecordWhatTheApiWritesAndSurviveARestart) {
  const std::string db = test::writable_copy(test::CorpusSlice::committed().db, "alerts-api");
  const std::string store = test::temp_dir("alerts-api-store");
  std::string alert_id;
  {
    auto service = serve(db, store);
    json answer;
    ASSERT_EQ(post(*service, "/api/v1/alerts", {{"q", "orpailleurs"}, {"name", "Guyane"}}, &answer), 201) << answer;
    alert_id = answer["id"];
    ASSERT_EQ(post(*service, "/api/v1/articles",
                   json::array({article("t-or-1", "Guyane : une nouvelle opération contre les orpailleurs",
                                        "Les gendarmes ont détruit trois sites d’orpaillage clandestin."),
                                article("t-other", "Québec : la saison des festivals commence",
                                        "Montréal accueille ses premiers spectacles de l’été.")})),
              200);
    ASSERT_TRUE(eventually([&] { return !matched_ids(*service, alert_id).empty(); }));
    EXPECT_EQ(matched_ids(*service, alert_id), std::vector<std::string>{"t-or-1"});

    // A replaced article keeps its document id: the write names it. The
    // fixture's Space X article gains the word; the alert's own past
    // articles are not recorded twice.
    json space = service->get("/api/v1/articles/wn-43971");
    ASSERT_EQ(space["id"], "wn-43971");
    space["body"] = space["body"].get<std::string>() + "\n\nDes orpailleurs guyanais suivaient le lancement.";
    space.erase("entities");
    ASSERT_EQ(post(*service, "/api/v1/articles", space, &answer), 200) << answer;
    EXPECT_EQ(answer["replaced"], 1);
    ASSERT_EQ(post(*service, "/api/v1/articles",
                   article("t-or-1", "Guyane : une nouvelle opération contre les orpailleurs",
                           "Les gendarmes ont détruit quatre sites d’orpaillage clandestin.")),
              200);
    ASSERT_TRUE(eventually([&] { return matched_ids(*service, alert_id).size() >= 2; }));
    EXPECT_EQ(matched_ids(*service, alert_id), (std::vector<std::string>{"t-or-1", "wn-43971"}));

    // The cursor follows: after the last match, nothing until a new one.
    json first = get_with_token(*service, "/api/v1/alerts/" + alert_id + "/matches?size=1");
    ASSERT_EQ(first["matches"].size(), 1u);
    json rest = get_with_token(
        *service, "/api/v1/alerts/" + alert_id + "/matches?cursor=" + first["next_cursor"].get<std::string>());
    ASSERT_EQ(rest["matches"].size(), 1u);
    EXPECT_EQ(rest["matches"][0]["article"]["id"], "wn-43971");
    json none = get_with_token(
        *service, "/api/v1/alerts/" + alert_id + "/matches?cursor=" + rest["next_cursor"].get<std::string>());
    EXPECT_EQ(none["matches"].size(), 0u);
    int status = 0;
    get_with_token(*service, "/api/v1/alerts/" + alert_id + "/matches?cursor=x1", &status);
    EXPECT_EQ(status, 400);
  }
  // A new service on the same folders: the alert, its matches, and it
  // goes on matching.
  auto service = serve(db, store);
  json alert = get_with_token(*service, "/api/v1/alerts/" + alert_id);
  EXPECT_EQ(alert["name"], "Guyane");
  EXPECT_EQ(alert["matches"], 2);
  ASSERT_EQ(
      post(*service, "/api/v1/articles",
           article("t-or-2", "Orpailleurs : la filière de l’or illégal démantelée", "Une enquête au long cours.")),
      200);
  ASSERT_TRUE(eventually([&] { return matched_ids(*service, alert_id).size() == 3; }));
  EXPECT_EQ(matched_ids(*service, alert_id).back(), "t-or-2");

  // Deleted: gone, matches and all.
  auto res = service->client().Delete(("/api/v1/alerts/" + alert_id).c_str(), kAuth);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  int status = 0;
  get_with_token(*service, "/api/v1/alerts/" + alert_id + "/matches", &status);
  EXPECT_EQ(status, 404);
}

TEST(Alerts, RecordWhatAnOutsideImportWrites) {
  const std::string db = test::writable_copy(test::CorpusSlice::committed().db, "alerts-import");
  auto service = serve(db, test::temp_dir("alerts-import-store"));
  json answer;
  ASSERT_EQ(post(*service, "/api/v1/alerts", {{"q", "« centrale nucléaire »"}}, &answer), 201) << answer;
  const std::string alert_id = answer["id"];
  // Let the watcher mark the index as it is before the import.
  ASSERT_TRUE(eventually([&] { return matched_ids(*service, alert_id).empty(); }));
  const std::string jsonl = test::temp_dir("alerts-import-input") + "/new.jsonl";
  {
    std::ofstream out(jsonl);
    out << article("imp-1", "Flamanville : la centrale nucléaire redémarre", "Le réacteur a été reconnecté au réseau.")
               .dump()
        << '\n'
        << article("imp-2", "Nucléaire : un débat sur les centrales", "Le mot n’est pas au singulier ici.").dump()
        << '\n';
  }
  const std::string command = std::string(GAZETTE_BIN_DIR) + "/gazette-index --db " + db + " " + jsonl + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
  ASSERT_TRUE(eventually([&] { return !matched_ids(*service, alert_id).empty(); }));
  EXPECT_EQ(matched_ids(*service, alert_id), std::vector<std::string>{"imp-1"});
}

// A webhook receiver on a loopback port: the bodies it was sent.
class Receiver {
 public:
  Receiver() {
    server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mutex_);
      bodies_.push_back(json::parse(req.body, nullptr, false));
      res.status = 204;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::vector<json> bodies() {
    std::lock_guard<std::mutex> lock(mutex_);
    return bodies_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<json> bodies_;
};

TEST(Alerts, WebhooksAreCalledAndADeadOneIsGivenUp) {
  const std::string db = test::writable_copy(test::CorpusSlice::committed().db, "alerts-hooks");
  Receiver receiver;
  auto service = serve(db, test::temp_dir("alerts-hooks-store"), {"127.0.0.1"});
  json live, dead;
  ASSERT_EQ(post(*service, "/api/v1/alerts", {{"q", "daltoniens"}, {"webhook", receiver.url()}}, &live), 201) << live;
  // Port 1 on the loopback: nothing listens, the connection is refused.
  ASSERT_EQ(post(*service, "/api/v1/alerts", {{"q", "daltoniens"}, {"webhook", "http://127.0.0.1:1/hook"}}, &dead),
            201);
  json written;
  ASSERT_EQ(
      post(*service, "/api/v1/articles",
           article("t-hook", "Portugal : les daltoniens lisent les couleurs", "Un code de formes simples."), &written),
      200)
      << "a dead webhook does not refuse writes";
  EXPECT_EQ(written["added"], 1);
  ASSERT_TRUE(eventually([&] { return !receiver.bodies().empty(); }));
  json body = receiver.bodies()[0];
  EXPECT_EQ(body["alert"]["id"], live["id"]);
  EXPECT_EQ(body["match"]["article"]["id"], "t-hook");
  EXPECT_EQ(body["match"]["article"]["title"], "Portugal : les daltoniens lisent les couleurs");

  const std::string dead_path = "/api/v1/alerts/" + dead["id"].get<std::string>();
  ASSERT_TRUE(eventually([&] { return get_with_token(*service, dead_path)["webhook"]["status"] == "failed"; }));
  json failed = get_with_token(*service, dead_path);
  EXPECT_NE(failed["webhook"]["error"].get<std::string>().find("no answer"), std::string::npos) << failed;
  EXPECT_EQ(failed["matches"], 1) << "the match is kept when its webhook fails";
  EXPECT_EQ(get_with_token(*service, "/api/v1/alerts/" + live["id"].get<std::string>())["webhook"]["status"], "ok");
}

// The feed as Python's feedparser reads it: {"bozo", "version", "title",
// "entries": [{"title", "link", "id", "updated", "authors", "tags"}]}.
json parse_feed(const std::string& xml) {
  const std::string path = test::temp_dir("feed") + "/feed.xml";
  std::ofstream(path) << xml;
  const char* script =
      "import feedparser, json, sys\n"
      "d = feedparser.parse(sys.argv[1])\n"
      "print(json.dumps({'bozo': bool(d.bozo), 'error': str(d.get('bozo_exception', '')), 'version': d.version,\n"
      "  'title': d.feed.get('title', ''), 'entries': [{'title': e.get('title', ''), 'link': e.get('link', ''),\n"
      "  'id': e.get('id', ''), 'updated': e.get('updated', ''), 'summary': e.get('summary', ''),\n"
      "  'authors': [a.get('name', '') for a in e.get('authors', [])],\n"
      "  'tags': [t.get('term', '') for t in e.get('tags', [])]} for e in d.entries]}))\n";
  const std::string script_path = path + ".py";
  std::ofstream(script_path) << script;
  // Debian's Python, where python3-feedparser is installed.
  FILE* p = popen(("/usr/bin/python3 " + script_path + " " + path + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  json parsed = json::parse(out, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << "feedparser failed (bash scripts/setup.sh installs python3-feedparser): "
                                      << out;
  return parsed;
}

TEST(Feeds, ASearchFeedIsValidAtomNewestFirst) {
  const std::string db = test::writable_copy(test::CorpusSlice::committed().db, "feeds-search");
  auto service = serve(db, test::temp_dir("feeds-search-store"));
  auto res = service->client().Get("/api/v1/search.atom?q=France&section=Wikinews");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/atom+xml; charset=utf-8");
  json feed = parse_feed(res->body);
  ASSERT_TRUE(feed.is_object());
  EXPECT_FALSE(feed["bozo"]) << feed["error"];
  EXPECT_EQ(feed["version"], "atom10");
  EXPECT_EQ(feed["title"], "Gazette : « France »");
  json hits = service->get("/api/v1/search?q=France&section=Wikinews&sort=date&size=20")["hits"];
  ASSERT_GE(hits.size(), 5u);
  ASSERT_EQ(feed["entries"].size(), hits.size());
  for (size_t i = 0; i < hits.size(); ++i) {
    EXPECT_EQ(feed["entries"][i]["title"], hits[i]["title"]);
    EXPECT_NE(feed["entries"][i]["link"].get<std::string>().find("/?article=" + hits[i]["id"].get<std::string>()),
              std::string::npos);
    EXPECT_EQ(feed["entries"][i]["tags"], json::array({"Wikinews"}));
  }
  for (size_t i = 1; i < hits.size(); ++i)
    EXPECT_GE(feed["entries"][i - 1]["updated"].get<std::string>(), feed["entries"][i]["updated"].get<std::string>());

  // Markup, control characters and broken UTF-8 in an article stay text.
  json answer;
  ASSERT_EQ(post(*service, "/api/v1/articles",
                 article("t-xml", "Fête & <b>gras</b> \x01 « Œuvres » \"citées\"", "Un texte sur la fête."), &answer),
            200)
      << answer;
  res = service->client().Get("/api/v1/search.atom?q=f%C3%AAte");
  ASSERT_TRUE(res);
  feed = parse_feed(res->body);
  EXPECT_FALSE(feed["bozo"]) << feed["error"] << res->body;
  ASSERT_GE(feed["entries"].size(), 1u);
  EXPECT_EQ(feed["entries"][0]["title"], "Fête & <b>gras</b>  « Œuvres » \"citées\"");
  EXPECT_EQ(feed["entries"][0]["authors"], json::array({"Agence Test"}));
}

TEST(Feeds, AnAlertsFeedNeedsItsKeyOrTheToken) {
  const std::string db = test::writable_copy(test::CorpusSlice::committed().db, "feeds-alert");
  auto service = serve(db, test::temp_dir("feeds-alert-store"));
  json alert;
  ASSERT_EQ(post(*service, "/api/v1/alerts", {{"q", "minitel"}, {"name", "Minitel"}}, &alert), 201);
  const std::string id = alert["id"];
  ASSERT_EQ(post(*service, "/api/v1/articles", article("t-mini", "Le minitel revient", "Une exposition à Rennes.")),
            200);
  ASSERT_TRUE(eventually([&] { return matched_ids(*service, id).size() == 1; }));
  const std::string feed_url = alert["feed_url"];
  const std::string path = feed_url.substr(feed_url.find("/api/v1/"));
  auto res = service->client().Get(path.c_str());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json feed = parse_feed(res->body);
  EXPECT_FALSE(feed["bozo"]) << feed["error"];
  EXPECT_EQ(feed["title"], "Gazette, alerte : Minitel");
  ASSERT_EQ(feed["entries"].size(), 1u);
  EXPECT_EQ(feed["entries"][0]["title"], "Le minitel revient");
  EXPECT_EQ(res->body.find(alert["feed_key"].get<std::string>()), std::string::npos) << "the key is not handed on";

  res = service->client().Get(("/api/v1/alerts/" + id + "/feed").c_str());
  EXPECT_EQ(res->status, 401);
  res = service->client().Get(("/api/v1/alerts/" + id + "/feed?key=0000").c_str());
  EXPECT_EQ(res->status, 404);
  res = service->client().Get(("/api/v1/alerts/" + id + "/feed").c_str(), kAuth);
  EXPECT_EQ(res->status, 200);
}

}  // namespace
}  // namespace gazette
