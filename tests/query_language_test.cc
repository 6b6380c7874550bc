// The query language as French readers type it, on the slice of the shared
// corpus (Le Monde 2022 and Orange Actu 2016-2020: tests/corpus_fixture.h),
// where the names and phrases of the news are: French quotation marks,
// inflected phrases, hyphenated names. Each test is a failure readers met
// (issue 18).
#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "common/text_folding.h"
#include "corpus_fixture.h"
#include "search/searcher.h"

namespace gazette {
namespace {

class QueryLanguageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GAZETTE_SKIP_IF_NO_CORPUS();
    searcher_ = std::make_unique<Searcher>(Xapian::Database(test::CorpusSlice::get().db));
  }

  SearchResult search(const std::string& query, size_t limit = 10) {
    SearchRequest request;
    request.query = query;
    request.limit = limit;
    SearchResult r = searcher_->search(request);
    EXPECT_FALSE(r.problem) << query << ": " << (r.problem ? r.problem->message : "");
    return r;
  }

  std::set<std::string> ids(const std::string& query) {
    std::set<std::string> out;
    for (const auto& h : search(query, 10000).hits) out.insert(h.article.id);
    return out;
  }

  // The folded words of `text`, one space apart: "Kim Jong-un," -> "kim jong un".
  static std::string words(const std::string& text) {
    std::string out;
    for (char c : fold_text(text)) {
      bool word = std::isalnum(static_cast<unsigned char>(c));
      if (word)
        out += c;
      else if (!out.empty() && out.back() != ' ')
        out += ' ';
    }
    return " " + out + " ";
  }
  static std::string words(const Article& a) { return words(a.title + " " + a.summary + " " + a.body); }

  std::unique_ptr<Searcher> searcher_;
};

// « gilets jaunes » was read as two loose words (1,926 hits on the whole
// corpus, as without quotes), "gilet jaune" found only the singular (269),
// "gilets jaunes" only the plural (1,878).
TEST_F(QueryLanguageTest, APhraseInAnyQuotesMatchesItsInflectedForms) {
  const std::set<std::string> phrase = ids("\"gilets jaunes\"");
  ASSERT_GT(phrase.size(), 20u);
  EXPECT_LT(phrase.size(), ids("gilets jaunes").size()) << "some articles have the words apart";
  for (const char* q :
       {"« gilets jaunes »", "“gilets jaunes”", "„gilets jaunes“", "\"gilet jaune\"", "« Gilet Jaune »"})
    EXPECT_EQ(ids(q), phrase) << q;
  // Every hit has the two words together, in one form or another.
  for (const auto& h : search("« gilet jaune »", 10000).hits) {
    std::string w = words(h.article);
    bool together = false;
    for (const char* form : {" gilet jaune ", " gilets jaunes ", " gilet jaunes ", " gilets jaune "})
      together |= w.find(form) != std::string::npos;
    EXPECT_TRUE(together) << h.article.id << " " << h.article.title;
  }
  // The typed form ranks first: the top hit of the plural writes the plural.
  SearchResult plural = search("\"gilets jaunes\"", 1);
  ASSERT_EQ(plural.hits.size(), 1u);
  EXPECT_NE(words(plural.hits[0].article).find(" gilets jaunes "), std::string::npos);
}

// "Kim Jong-un" was three loose words: "un" matched the article « un », and
// the top hit was about Kim Yo Jong.
TEST_F(QueryLanguageTest, AHyphenatedNameIsAPhraseAndTitlesNamingItComeFirst) {
  SearchResult r = search("Kim Jong-un", 10000);
  ASSERT_GT(r.hits.size(), 10u);
  EXPECT_EQ(ids("Kim Jong-un"), ids("\"Kim Jong Un\""));
  for (const auto& h : r.hits)
    EXPECT_NE(words(h.article).find(" kim jong un "), std::string::npos) << h.article.id << " " << h.article.title;
  // The articles whose title names him come first.
  size_t titled = 0;
  for (const auto& h : r.hits) titled += words(h.article.title).find(" kim jong un ") != std::string::npos;
  ASSERT_GE(titled, 2u);
  for (size_t i = 0; i < titled; ++i)
    EXPECT_NE(words(r.hits[i].article.title).find(" kim jong un "), std::string::npos)
        << "hit " << i << ": " << r.hits[i].article.title;
  // Without a hyphen, the words standing together in a title still come first.
  SearchResult loose = search("kim jong un", 1);
  ASSERT_EQ(loose.hits.size(), 1u);
  EXPECT_NE(words(loose.hits[0].article.title).find(" kim jong un "), std::string::npos) << loose.hits[0].article.title;
}

// "Did you mean" showed only under 5 hits, so a typo found once in the
// archive hid it: "Zemour" is in one article of the slice.
TEST_F(QueryLanguageTest, DidYouMeanWheneverTheCorrectionFindsManyTimesMore) {
  SearchResult typo = search("Zemour");
  ASSERT_GE(typo.total, 1u);
  EXPECT_EQ(typo.suggestion, "zemmour");
  EXPECT_FALSE(typo.corrected);
  EXPECT_GE(search("zemmour").total, 20 * typo.total);
  // Words found in many articles are not second-guessed.
  for (const char* q : {"retraite", "Emmanuel Macron", "gilets jaunes"}) EXPECT_EQ(search(q).suggestion, "") << q;
}

// "NATO" found 13 articles of the whole corpus (a jazz label first) where
// "OTAN" finds 795; "UE" half of "Union européenne"; "Zelenski" 19 against
// "Zelensky"'s 621.
TEST_F(QueryLanguageTest, OtherSpellingsAndAcronymsFindTheSameArticles) {
  const std::vector<std::pair<const char*, const char*>> same = {
      {"NATO", "OTAN"}, {"UE", "Union européenne"}, {"Zelenski", "Zelensky"}, {"Daesh", "État islamique"}};
  for (const auto& [a, b] : same) {
    std::set<std::string> x = ids(a);
    EXPECT_GT(x.size(), 10u) << a;
    EXPECT_EQ(x, ids(b)) << a << " vs " << b;
  }
  size_t writes_nato = 0, writes_otan = 0;
  for (const auto& a : test::CorpusSlice::get().articles) {
    std::string w = words(a);
    writes_nato += w.find(" nato ") != std::string::npos;
    writes_otan += w.find(" otan ") != std::string::npos;
  }
  EXPECT_GE(ids("NATO").size(), writes_otan);
  EXPECT_GT(writes_otan, 3 * writes_nato);
  // The typed form ranks first.
  for (const char* typed : {"NATO", "OTAN"}) {
    SearchResult r = search(typed, 1);
    ASSERT_EQ(r.hits.size(), 1u);
    EXPECT_NE(words(r.hits[0].article).find(" " + fold_text(typed) + " "), std::string::npos) << typed;
  }
  // A form inside a longer query, and excluded.
  EXPECT_EQ(ids("NATO Poutine"), ids("OTAN Putin"));
  std::set<std::string> without = ids("Ukraine -NATO");
  for (const auto& a : test::CorpusSlice::get().articles) {
    if (without.count(a.id)) {
      EXPECT_EQ(words(a).find(" otan "), std::string::npos) << a.id;
    }
  }
}

// "-macron" alone gave the articles about Macron.
TEST_F(QueryLanguageTest, AnExclusionAloneFindsEveryOtherArticle) {
  const size_t all = test::CorpusSlice::get().articles.size();
  SearchResult macron = search("macron"), others = search("-macron");
  ASSERT_GT(macron.total, 100u);
  EXPECT_EQ(others.total, all - macron.total);
  EXPECT_EQ(search("-Macron -\"Le Pen\"").total, all - search("macron OR \"le pen\"").total);
}

}  // namespace
}  // namespace gazette

namespace gazette {
namespace {

// Ordinary typing never fails (issue 21): an operator left unfinished or a
// bracket left alone is left out, the rest is searched, and a notice in
// French says what was left out. Before, each of these was a 400 in English
// ("Syntax: <expression> AND <expression>", "unmatched ')' at position 19").
TEST_F(QueryLanguageTest, UnfinishedOperatorsAndLoneBracketsAreLeftOutAndSaidSo) {
  const std::pair<const char*, const char*> typed[] = {{"Kim Jong-un AND", "Kim Jong-un"},
                                                       {"Macron OR", "Macron"},
                                                       {"(retraites", "retraites"},
                                                       {"prix Goncourt 2021)", "prix Goncourt 2021"}};
  for (const auto& [query, meant] : typed) {
    SearchResult r = search(query, 10000), same = search(meant, 10000);
    EXPECT_GT(r.total, 0u) << query;
    EXPECT_EQ(ids(query), ids(meant)) << query;
    EXPECT_NE(r.notice.find("ignoré"), std::string::npos) << query << ": " << r.notice;
    EXPECT_TRUE(same.notice.empty()) << meant << ": " << same.notice;
  }
  EXPECT_EQ(search("Macron OR").notice, "« OR » ignoré : la recherche porte sur le reste de la requête.");
  EXPECT_EQ(search("(retraites").notice, "« ( » ignoré : la recherche porte sur le reste de la requête.");
  // "NOT" alone leaves nothing: it reads as an empty query, every article.
  SearchResult all = search("NOT"), empty = search("");
  EXPECT_EQ(all.total, empty.total);
  EXPECT_GT(all.total, 0u);
  EXPECT_EQ(all.notice, "« NOT » ignoré : la recherche porte sur le reste de la requête.");
}

}  // namespace
}  // namespace gazette
