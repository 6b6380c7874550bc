// The HTTP API's searches over a real loopback server, on real articles:
// exact and disjunctive facets, highlights and snippets, cursor paging,
// related coverage, completions and corrections, entities. Section facets and
// the entities of 2022 need the shared corpus slice (SharedCorpusServiceTest).
#include <algorithm>
#include <iostream>
#include <set>

#include <gtest/gtest.h>

#include "common/text_folding.h"
#include "service_suite.h"

namespace gazette {
namespace {

using nlohmann::json;
using test::encode;
using test::marked_words;
using test::ServiceTest;
using test::SharedCorpusServiceTest;

// Articles of the fixture with at least one related article (measured on
// tests/data/wikinews.jsonl; see RelatedNeverContainsTheArticleOrItsCopies).
constexpr size_t kFixtureWithRelated = 100;

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

// Whether an answer was built as a tree or written as text (api_json.h), its
// objects list their members in the order of their names: a search with every
// facet, a corrected search with its notice, related coverage.
TEST_F(ServiceTest, AnswersListMembersInTheOrderOfTheirNames) {
  const std::string id = slice().articles[0].id;
  const std::vector<std::string> paths = {"/api/v1/search?q=gouvernement&facets=section,tag,source,date,entity",
                                          "/api/v1/search?q=" + encode("gouvernemnt OR"),
                                          "/api/v1/articles/" + id + "/related"};
  for (const std::string& path : paths) {
    auto res = service_->client().Get(path);
    ASSERT_TRUE(res) << path;
    ASSERT_EQ(res->status, 200) << path;
    EXPECT_EQ(test::first_unsorted_object(res->body), "") << path;
  }
  // What those answers hold, so that every object was there to check.
  json all = get(paths[0]), corrected = get(paths[1]), related = get(paths[2]);
  ASSERT_FALSE(all["hits"].empty());
  EXPECT_FALSE(all["hits"][0]["entities"].empty());
  EXPECT_FALSE(all["hits"][0]["snippets"].empty());
  EXPECT_EQ(all["facets"].size(), 5u);
  EXPECT_EQ(corrected["corrected"], true);
  EXPECT_EQ(corrected["suggestion"], "gouvernement OR");
  EXPECT_TRUE(corrected.contains("notice"));
  EXPECT_FALSE(related["related"].empty());
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

}  // namespace
}  // namespace gazette
