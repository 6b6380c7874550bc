// The HTTP API over a real loopback server, on real articles: exact and
// disjunctive facets, cursor paging, related coverage, writes, errors. Most
// run on the committed fixture (tests/data/); section facets and the entities
// of 2022 need the shared corpus slice.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "common/article_json.h"
#include "common/text_folding.h"
#include "corpus_fixture.h"
#include "service_fixture.h"

namespace gazette {
namespace {

using nlohmann::json;

const char kToken[] = "s3cret-token-for-tests";

// Articles of the fixture with at least one related article (measured on
// tests/data/wikinews.jsonl; see RelatedNeverContainsTheArticleOrItsCopies).
constexpr size_t kFixtureWithRelated = 100;

// A service over one set of articles, shared by the tests of a suite:
// ServiceTest over the committed fixture (tests/data/: 100 French Wikinews
// articles of 2012, always there), SharedCorpusServiceTest over the slice of
// the shared corpus, for what needs Le Monde's sections and 2022's entities.
template <bool kShared>
class ServiceOn : public ::testing::Test {
 protected:
  static const test::CorpusSlice& slice() {
    return kShared ? test::CorpusSlice::get() : test::CorpusSlice::committed();
  }
  static void SetUpTestSuite() {
    if (!kShared || have_shared_corpus()) service_ = new test::RunningService(slice().db, kToken);
  }
  static void TearDownTestSuite() {
    delete service_;
    service_ = nullptr;
  }
  void SetUp() override {
    if (kShared) {
      GAZETTE_SKIP_IF_NO_CORPUS();
    }
  }

  static json get(const std::string& path, int expected_status = 200) {
    int status = 0;
    json body = service_->get(path, &status);
    EXPECT_EQ(status, expected_status) << path << " -> " << body.dump().substr(0, 300);
    return body;
  }

  static std::map<std::string, long> facet(const json& body, const std::string& name) {
    std::map<std::string, long> out;
    for (const auto& v : body["facets"][name]["values"]) out[v["value"]] = v["count"];
    return out;
  }

  static inline test::RunningService* service_ = nullptr;
};
using ServiceTest = ServiceOn<false>;
using SharedCorpusServiceTest = ServiceOn<true>;

std::string encode(const std::string& s) { return httplib::detail::encode_query_param(s); }

bool leads_a_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// The characters of `text` (UTF-8) from code point `start` to code point `end`.
std::string code_point_slice(const std::string& text, size_t start, size_t end) {
  size_t at = 0, begin = text.size(), stop = text.size();
  for (size_t i = 0; i < text.size(); ++i) {
    if (!leads_a_code_point(text[i])) continue;
    if (at == start) begin = i;
    if (at == end) {
      stop = i;
      break;
    }
    ++at;
  }
  return text.substr(begin, stop - begin);
}

// The words a highlighted text ({"text", "marks"}) marks; checks that its
// ranges are in order, not empty and inside the text.
std::vector<std::string> marked_words(const json& marked) {
  const std::string text = marked["text"];
  const size_t length = std::count_if(text.begin(), text.end(), leads_a_code_point);
  std::vector<std::string> out;
  size_t previous_end = 0;
  for (const auto& m : marked["marks"]) {
    size_t start = m[0], end = m[1];
    EXPECT_LE(previous_end, start) << marked;
    EXPECT_LT(start, end) << marked;
    EXPECT_LE(end, length) << marked;
    previous_end = end;
    out.push_back(code_point_slice(text, start, end));
  }
  return out;
}

TEST_F(SharedCorpusServiceTest, FacetCountsEqualTheFilteredTotals) {
  json all = get("/api/v1/search?q=gouvernement&facets=section,tag,source&facet_size=5");
  ASSERT_GT(all["total"].get<long>(), 100);
  EXPECT_TRUE(all["total_exact"].get<bool>());
  auto sections = facet(all, "section");
  ASSERT_GE(sections.size(), 3u);
  for (const auto& [section, count] : sections) {
    json filtered = get("/api/v1/search?q=gouvernement&section=" + encode(section));
    EXPECT_EQ(filtered["total"].get<long>(), count) << section;
  }
  ASSERT_FALSE(facet(all, "tag").empty());
  for (const auto& [tag, count] : facet(all, "tag")) {
    json filtered = get("/api/v1/search?q=gouvernement&tag=" + encode(tag));
    EXPECT_EQ(filtered["total"].get<long>(), count) << tag;
  }
  long by_source = 0;
  for (const auto& [source, count] : facet(all, "source")) by_source += count;
  EXPECT_EQ(by_source, all["total"].get<long>());
}

// A section written two ways ("Les Décodeurs" and "Les decodeurs",
// "Planète" and "Planete") is one section everywhere: its facet value, its
// filter, the section: field and /stats, shown with its accents.
TEST_F(SharedCorpusServiceTest, ASectionWrittenTwoWaysIsOneSection) {
  std::map<std::string, long> written;
  for (const Article& a : slice().articles) ++written[a.section];
  const long decodeurs = written["Les Décodeurs"] + written["Les decodeurs"];
  const long planete = written["Planète"] + written["Planete"];
  ASSERT_GT(written["Les decodeurs"], written["Les Décodeurs"]) << "the unaccented spelling is the more frequent";
  ASSERT_GT(written["Les Décodeurs"], 0);
  ASSERT_GT(written["Planete"], 0);
  auto sections = facet(get("/api/v1/search?q=&facets=section&facet_size=100"), "section");
  EXPECT_EQ(sections["Les Décodeurs"], decodeurs);
  EXPECT_EQ(sections["Planète"], planete);
  EXPECT_EQ(sections.count("Les decodeurs"), 0u);
  EXPECT_EQ(sections.count("Planete"), 0u);
  for (const char* spelling : {"Les decodeurs", "Les Décodeurs", "LES DECODEURS", "décodeurs"})
    EXPECT_EQ(get("/api/v1/search?q=&section=" + encode(spelling))["total"].get<long>(), decodeurs) << spelling;
  EXPECT_EQ(get("/api/v1/search?q=" + encode("section:\"les decodeurs\""))["total"].get<long>(), decodeurs);
  json by_section = get("/api/v1/stats")["by_section"];
  EXPECT_EQ(by_section["Les Décodeurs"], decodeurs);
  EXPECT_EQ(by_section["Planète"], planete);
  EXPECT_FALSE(by_section.contains("Les decodeurs"));
  EXPECT_FALSE(by_section.contains("Planete"));
}

// A ticked value that is not among the most counted stays in its facet,
// with its count: the page shows its checkbox ticked and the right number.
TEST_F(SharedCorpusServiceTest, TickedValuesStayInTheirFacetWithTheirCount) {
  json wide = get("/api/v1/search?q=&facets=entity,section&facet_size=60");
  std::vector<std::pair<std::string, std::string>> rare;  // (param, value) past the first 10 of their list
  for (const char* name : {"entity", "section"}) {
    const auto& values = wide["facets"][name]["values"];
    ASSERT_GT(values.size(), 12u) << name;
    rare.emplace_back(name, values[12]["value"].get<std::string>());
  }
  for (const auto& [param, value] : rare) {
    json r = get("/api/v1/search?q=&facets=" + param + "&facet_size=10&" + param + "=" + encode(value));
    ASSERT_GT(r["total"].get<long>(), 0) << value;
    auto counts = facet(r, param);
    ASSERT_EQ(counts.count(value), 1u) << param << "=" << value << " is not in its facet";
    EXPECT_EQ(counts[value], r["total"].get<long>()) << value;
  }
}

// Every count of the tag, section and source facets over the whole fixture
// is the number of its articles that carry the value, and the total of that
// filter.
TEST_F(ServiceTest, FacetCountsAreTheFixturesOwnCounts) {
  json all = get("/api/v1/search?q=&facets=section,tag,source&facet_size=10");
  ASSERT_EQ(all["total"].get<size_t>(), test::kFixtureArticles);
  EXPECT_TRUE(all["total_exact"].get<bool>());
  EXPECT_EQ(facet(all, "section"), (std::map<std::string, long>{{"Wikinews", 100}}));
  EXPECT_EQ(facet(all, "source"), (std::map<std::string, long>{{"wikinews", 100}}));
  std::map<std::string, long> carried;
  for (const Article& a : slice().articles)
    for (const std::string& tag : a.tags) ++carried[tag];
  auto tags = facet(all, "tag");
  ASSERT_EQ(tags.size(), 10u);
  EXPECT_EQ(tags["france"], 17) << "the fixture's most common tag";
  EXPECT_EQ(tags["québec"], 8);
  for (const auto& [tag, count] : tags) {
    EXPECT_EQ(count, carried[tag]) << tag;
    json filtered = get("/api/v1/search?q=&tag=" + encode(tag));
    EXPECT_EQ(filtered["total"].get<long>(), count) << tag;
  }
}

TEST_F(SharedCorpusServiceTest, FacetsAreDisjunctive) {
  json all = get("/api/v1/search?q=guerre&facets=section,source&facet_size=50");
  auto sections = facet(all, "section");
  ASSERT_GE(sections.size(), 2u);
  auto it = sections.begin();
  std::string a = it->first, b = (++it)->first;

  json one = get("/api/v1/search?q=guerre&facets=section,source&facet_size=50&section=" + encode(a));
  EXPECT_EQ(one["total"].get<long>(), sections[a]);
  EXPECT_EQ(facet(one, "section"), sections) << "a facet ignores its own filter";
  long sources_in_a = 0;
  for (const auto& [s, count] : facet(one, "source")) sources_in_a += count;
  EXPECT_EQ(sources_in_a, sections[a]) << "other facets honour the filter";

  json two = get("/api/v1/search?q=guerre&facets=section&facet_size=50&section=" + encode(a) + "&section=" + encode(b));
  EXPECT_EQ(two["total"].get<long>(), sections[a] + sections[b]);
  EXPECT_EQ(facet(two, "section"), sections);
}

TEST_F(ServiceTest, DateHistogramSumsToTheDatedTotal) {
  json all = get("/api/v1/search?q=france&facets=date");
  long sum = 0;
  for (const auto& [bucket, count] : facet(all, "date")) sum += count;
  json dated = get("/api/v1/search?q=france&from=1800&to=2100");
  EXPECT_EQ(sum, dated["total"].get<long>());
  EXPECT_GT(sum, 0);

  json months = get("/api/v1/search?q=france&facets=date&date_interval=month&from=2012-06&to=2012-07");
  EXPECT_EQ(months["facets"]["date"]["interval"], "month");
  ASSERT_FALSE(months["hits"].empty());
  for (const auto& h : months["hits"]) {
    std::string day = h["published"].get<std::string>().substr(0, 7);
    EXPECT_TRUE(day == "2012-06" || day == "2012-07") << day;
  }
  // The date facet ignores its own filter: other months still show.
  json same_with_period = get("/api/v1/search?q=france&facets=date&date_interval=year&from=2012-06&to=2012-07");
  long year_sum = 0;
  for (const auto& [bucket, count] : facet(same_with_period, "date")) year_sum += count;
  EXPECT_EQ(year_sum, sum);
  EXPECT_LT(months["total"].get<long>(), sum);
}

TEST_F(SharedCorpusServiceTest, MarksCoverTheMatchedWordsAccentsIncluded) {
  json found = get("/api/v1/search?q=elysee&size=20");
  ASSERT_FALSE(found["hits"].empty());
  std::set<std::string> marked;
  size_t in_snippets = 0;
  for (const auto& hit : found["hits"]) {
    EXPECT_EQ(hit["title_marked"]["text"], hit["title"]);
    for (const auto& word : marked_words(hit["title_marked"])) marked.insert(word);
    for (const auto& snippet : hit["snippets"])
      for (const auto& word : marked_words(snippet)) {
        marked.insert(word);
        ++in_snippets;
      }
  }
  EXPECT_GT(in_snippets, 0u);
  EXPECT_TRUE(marked.count("Élysée")) << json(marked);
  for (const auto& word : marked) EXPECT_EQ(fold_text(word).rfind("elyse", 0), 0u) << word;
}

// snippets=N asks for at most N passages a hit, 0 for none; the hits, their
// order and the counts stay the same.
TEST_F(SharedCorpusServiceTest, SnippetsCanBeFewerOrNone) {
  json three = get("/api/v1/search?q=elysee&facets=section");
  json one = get("/api/v1/search?q=elysee&facets=section&snippets=1");
  json none = get("/api/v1/search?q=elysee&facets=section&snippets=0");
  ASSERT_EQ(three["hits"].size(), 10u);
  size_t with_several = 0;
  for (size_t i = 0; i < three["hits"].size(); ++i) {
    EXPECT_EQ(one["hits"][i]["id"], three["hits"][i]["id"]);
    EXPECT_EQ(none["hits"][i]["id"], three["hits"][i]["id"]);
    EXPECT_EQ(none["hits"][i]["title_marked"], three["hits"][i]["title_marked"]);
    EXPECT_LE(three["hits"][i]["snippets"].size(), 3u);
    with_several += three["hits"][i]["snippets"].size() > 1;
    EXPECT_EQ(one["hits"][i]["snippets"].size(), 1u) << one["hits"][i]["id"];
    const json& passages = three["hits"][i]["snippets"];  // the one passage is among the three
    EXPECT_NE(std::find(passages.begin(), passages.end(), one["hits"][i]["snippets"][0]), passages.end());
    EXPECT_TRUE(none["hits"][i]["snippets"].empty()) << none["hits"][i]["id"];
  }
  EXPECT_GT(with_several, 0u);
  EXPECT_EQ(none["total"], three["total"]);
  EXPECT_EQ(none["facets"], three["facets"]);
}

TEST_F(ServiceTest, CursorWalksEveryHitOnce) {
  json first = get("/api/v1/search?q=&size=10&sort=date");
  const long total = first["total"].get<long>();
  ASSERT_EQ(total, static_cast<long>(test::kFixtureArticles));
  std::set<std::string> seen;
  long pages = 0;
  json page = first;
  while (true) {
    ASSERT_FALSE(page["hits"].empty()) << "page " << pages;
    for (const auto& h : page["hits"]) EXPECT_TRUE(seen.insert(h["id"].get<std::string>()).second) << h["id"];
    ++pages;
    if (page["next_cursor"].is_null()) break;
    ASSERT_LT(pages, 100) << "the cursor does not end";
    page = get("/api/v1/search?q=&size=10&sort=date&cursor=" + encode(page["next_cursor"]));
  }
  EXPECT_EQ(static_cast<long>(seen.size()), total);
  EXPECT_EQ(pages, 10);
}

TEST_F(ServiceTest, RelatedNeverContainsTheArticleOrItsCopies) {
  const auto& articles = slice().articles;
  size_t with_related = 0;
  for (const Article& a : articles) {
    json r = get("/api/v1/articles/" + a.id + "/related?size=10");
    ASSERT_TRUE(r["related"].is_array());
    with_related += !r["related"].empty();
    for (const auto& hit : r["related"]) {
      EXPECT_NE(hit["id"], a.id);
      EXPECT_NE(hit["title"], a.title) << "a copy of " << a.id;
    }
  }
  std::cout << "[ related  ] " << with_related << " of " << articles.size() << " articles have related coverage\n";
  EXPECT_GE(with_related, kFixtureWithRelated);
  get("/api/v1/articles/no-such-id/related", 404);
}

TEST_F(ServiceTest, ArticleSuggestStatsHealthAndMetrics) {
  const Article& a = slice().articles[0];
  ASSERT_EQ(a.id, "wn-43971");
  json article = get("/api/v1/articles/" + a.id);
  EXPECT_EQ(article["title"], "États-Unis : Lancement réussi pour Space X Dragon");
  EXPECT_EQ(article["title"], a.title);
  EXPECT_EQ(article["body"], a.body);
  json missing = get("/api/v1/articles/nope", 404);
  EXPECT_EQ(missing["error"]["code"], "not_found");

  json s = get("/api/v1/suggest?q=Oba");
  ASSERT_FALSE(s["completions"].empty());
  ASSERT_FALSE(s["entities"].empty());
  EXPECT_EQ(s["entities"][0]["id"], "p:barack-obama");
  EXPECT_EQ(s["completions"][0]["query"].get<std::string>().rfind("oba", 0), 0u);
  ASSERT_FALSE(s["titles"].empty());

  json stats = get("/api/v1/stats");
  long by_source = 0;
  for (const auto& [k, v] : stats["by_source"].items()) by_source += v.get<long>();
  EXPECT_EQ(by_source, stats["articles"].get<long>());
  EXPECT_EQ(stats["articles"].get<size_t>(), test::kFixtureArticles);
  EXPECT_EQ(get("/api/v1/healthz")["status"], "ok");

  auto res = service_->client().Get("/api/v1/metrics");
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find("gazette_http_requests_total{route=\"/api/v1/stats\",status=\"200\"}"), std::string::npos);
  EXPECT_NE(res->body.find("gazette_http_request_duration_seconds_bucket"), std::string::npos);
}

// What the page shows beside a completion is what choosing it finds: the
// total of GET /search for its query.
TEST_F(ServiceTest, ACompletionsCountIsItsSearchsTotal) {
  size_t counted = 0;
  for (const std::string prefix : {"u", "e", "obama r", "election présidentielle amér", "jean-mar", "vendée gl"}) {
    json s = get("/api/v1/suggest?q=" + encode(prefix));
    std::set<std::string> queries;
    for (const json& c : s["completions"]) {
      const std::string query = c["query"];
      EXPECT_EQ(c["count"], get("/api/v1/search?size=1&q=" + encode(query))["total"]) << prefix << " -> " << query;
      EXPECT_TRUE(queries.insert(query).second) << query;
      ++counted;
    }
  }
  EXPECT_GE(counted, 15u);
}

// A query that finds nothing shows the hits of its correction, and says so.
TEST_F(ServiceTest, DidYouMeanFromSpellingData) {
  json r = get("/api/v1/search?q=gouvernemnt");
  json right = get("/api/v1/search?q=gouvernement");
  ASSERT_GT(right["total"].get<int>(), 0);
  EXPECT_EQ(r["suggestion"], "gouvernement");
  EXPECT_EQ(r["corrected"], true);
  EXPECT_EQ(r["total"], right["total"]);
  ASSERT_EQ(r["hits"].size(), right["hits"].size());
  EXPECT_EQ(r["hits"][0]["id"], right["hits"][0]["id"]);
  EXPECT_FALSE(right.contains("suggestion"));
  EXPECT_FALSE(right.contains("corrected"));
}

TEST_F(ServiceTest, BadRequestsGetErrorsThatNameTheProblem) {
  struct Case {
    std::string path;
    int status;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"/api/v1/search?qq=x", 400, "unknown parameter 'qq'"},
      {"/api/v1/search?size=0", 400, "parameter 'size'"},
      {"/api/v1/search?size=1000", 400, "parameter 'size'"},
      {"/api/v1/search?size=-5", 400, "parameter 'size'"},
      {"/api/v1/search?page=abc", 400, "parameter 'page'"},
      {"/api/v1/search?page=999999999", 400, "parameter 'page'"},
      {"/api/v1/search?from=hier", 400, "parameter 'from'"},
      {"/api/v1/search?from=2022&to=2021", 400, "is after 'to'"},
      {"/api/v1/search?sort=pertinence", 400, "parameter 'sort'"},
      {"/api/v1/search?facets=section,couleur", 400, "unknown facet 'couleur'"},
      {"/api/v1/search?date_interval=week", 400, "parameter 'date_interval'"},
      {"/api/v1/search?snippets=6", 400, "parameter 'snippets' must be a whole number from 0 to 5"},
      {"/api/v1/search?cursor=c1.10.deadbeef", 400, "not a cursor of this search"},
      {"/api/v1/search?cursor=x&page=2", 400, "cannot be combined"},
      {"/api/v1/search?q=%C3%28", 400, "not valid UTF-8"},
      {"/api/v1/search?q=" + std::string(2000, 'a'), 400, "the limit is 1024"},
      {"/api/v1/search?q=(guerre&strict=true", 400, "unmatched '('"},
      {"/api/v1/search?q=guerre&strict=oui", 400, "parameter 'strict'"},
      {"/api/v1/search?q=x&q=y", 400, "given 2 times"},
      {"/api/v1/articles/x/related?size=0", 400, "parameter 'size'"},
      {"/api/v1/nothing-here", 404, "no such route"},
  };
  for (const auto& c : cases) {
    json body = get(c.path, c.status);
    ASSERT_TRUE(body.contains("error")) << c.path;
    EXPECT_NE(body["error"]["message"].get<std::string>().find(c.says), std::string::npos)
        << c.path << " -> " << body["error"]["message"];
  }
  std::string many_sections;
  for (int i = 0; i < 150; ++i) many_sections += "&section=s" + std::to_string(i);
  EXPECT_NE(
      get("/api/v1/search?q=x" + many_sections, 400)["error"]["message"].get<std::string>().find("the limit is 100"),
      std::string::npos);
  // A cursor is tied to its search: another query cannot reuse it.
  json page = get("/api/v1/search?q=france&size=10");
  ASSERT_TRUE(page["next_cursor"].is_string());
  get("/api/v1/search?q=guerre&size=10&cursor=" + encode(page["next_cursor"]), 400);
  // The service still answers.
  EXPECT_EQ(get("/api/v1/healthz")["status"], "ok");
}

// What a reader types never fails: the API searches what is left and says
// what it left out (strict=true asks for the 400 instead, above).
TEST_F(ServiceTest, AnUnfinishedOperatorIsLeftOutWithANotice) {
  json lenient = get("/api/v1/search?q=guerre%20OR", 200);
  json plain = get("/api/v1/search?q=guerre", 200);
  EXPECT_EQ(lenient["total"], plain["total"]);
  EXPECT_GT(plain["total"].get<int>(), 0);
  EXPECT_EQ(lenient["notice"], "« OR » ignoré : la recherche porte sur le reste de la requête.");
  EXPECT_FALSE(plain.contains("notice"));
  json bracket = get("/api/v1/search?q=(guerre", 200);
  EXPECT_EQ(bracket["total"], plain["total"]);
  EXPECT_EQ(bracket["notice"], "« ( » ignoré : la recherche porte sur le reste de la requête.");
}

TEST_F(ServiceTest, OpenApiDescribesEveryRouteAndParameter) {
  json doc = get("/api/v1/openapi.json");
  ASSERT_TRUE(doc.contains("paths"));
  for (const RouteSpec& route : Service::route_specs()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    ASSERT_TRUE(doc["paths"].contains(route.path)) << route.path;
    ASSERT_TRUE(doc["paths"][route.path].contains(method)) << route.method << " " << route.path;
    std::set<std::string> documented;
    for (const auto& p : doc["paths"][route.path][method].value("parameters", json::array()))
      if (p["in"] == "query") documented.insert(p["name"]);
    std::set<std::string> in_code(route.params.begin(), route.params.end());
    EXPECT_EQ(documented, in_code) << route.method << " " << route.path;
  }
  std::set<std::string> paths;
  for (const RouteSpec& route : Service::route_specs()) paths.insert(route.path);
  EXPECT_EQ(doc["paths"].size(), paths.size()) << "the description has routes the code does not serve";
}

TEST_F(SharedCorpusServiceTest, EntityFacetCountsEqualTheFilteredTotals) {
  json all = get("/api/v1/search?q=ukraine&facets=entity&facet_size=3");
  const auto& values = all["facets"]["entity"]["values"];
  ASSERT_GE(values.size(), 6u);
  std::set<std::string> types;
  for (const auto& v : values) {
    types.insert(v["type"].get<std::string>());
    json filtered = get("/api/v1/search?q=ukraine&entity=" + encode(v["value"]));
    EXPECT_EQ(filtered["total"], v["count"]) << v["value"];
  }
  EXPECT_EQ(types, (std::set<std::string>{"person", "place", "organisation"}));
  // Disjunctive: picking one entity leaves the entity counts as they were.
  json one = get("/api/v1/search?q=ukraine&facets=entity&facet_size=3&entity=" + encode(values[0]["value"]));
  EXPECT_EQ(one["facets"]["entity"], all["facets"]["entity"]);
  EXPECT_EQ(one["total"], values[0]["count"]);
}

TEST_F(SharedCorpusServiceTest, EntityLookupAndProfile) {
  json found = get("/api/v1/entities?q=Pout&type=person");
  ASSERT_FALSE(found["entities"].empty());
  EXPECT_EQ(found["entities"][0]["id"], "p:vladimir-poutine");
  EXPECT_EQ(found["entities"][0]["name"], "Vladimir Poutine");
  EXPECT_EQ(get("/api/v1/entities?q=coree%20du%20n&type=place")["entities"][0]["id"], "l:coree-du-nord");
  get("/api/v1/entities?type=chose", 400);

  json profile = get("/api/v1/entities/p:vladimir-poutine?size=5");
  EXPECT_EQ(profile["type"], "person");
  json filtered = get("/api/v1/search?entity=p:vladimir-poutine");
  EXPECT_EQ(profile["articles"], filtered["total"]);
  long months = 0;
  for (const auto& m : profile["per_month"]) months += m["count"].get<long>();
  EXPECT_EQ(months, profile["articles"].get<long>());
  ASSERT_EQ(profile["latest"].size(), 5u);
  for (size_t i = 1; i < 5; ++i)
    EXPECT_GE(profile["latest"][i - 1]["published"].get<std::string>(),
              profile["latest"][i]["published"].get<std::string>());
  ASSERT_FALSE(profile["cooccurring"].empty());
  for (const auto& e : profile["cooccurring"]) EXPECT_NE(e["id"], "p:vladimir-poutine");
  std::set<std::string> aliases = profile["aliases"];
  EXPECT_TRUE(aliases.count("Vladimir Poutine")) << profile["aliases"];
  get("/api/v1/entities/p:personne-inconnue", 404);

  json article = get("/api/v1/articles/" + profile["latest"][0]["id"].get<std::string>());
  bool listed = false;
  for (const auto& e : article["entities"]) listed |= e["id"] == "p:vladimir-poutine";
  EXPECT_TRUE(listed);
}

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

TEST_F(WriteTest, SuggestionsFollowWrites) {
  auto client = service_->client();
  httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  EXPECT_TRUE(get("/api/v1/suggest?q=zanzib")["completions"].empty());
  const std::string article =
      R"({"id": "s-1", "title": "Les zanzibarophiles fêtent le Vendée Globe", "body": "Texte.",
          "published": "2013-01-20T10:00:00+01:00"})";
  auto res = client.Post("/api/v1/articles", auth, article, "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json s = get("/api/v1/suggest?q=Zanzib");
  ASSERT_EQ(s["completions"].size(), 1u);
  EXPECT_EQ(s["completions"][0], json({{"query", "zanzibarophiles"}, {"count", 1}}));
  ASSERT_EQ(s["titles"].size(), 1u);
  EXPECT_EQ(s["titles"][0], json({{"id", "s-1"}, {"title", "Les zanzibarophiles fêtent le Vendée Globe"}}));
  json vendee = get("/api/v1/suggest?q=" + encode("vendée g"));
  ASSERT_EQ(vendee["titles"].size(), 4u);
  EXPECT_EQ(vendee["titles"][0]["id"], "s-1");  // the newest first
  ASSERT_EQ(client.Delete("/api/v1/articles/s-1", auth)->status, 200);
  s = get("/api/v1/suggest?q=zanzib");
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
