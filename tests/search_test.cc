// Searching real articles the way French readers type: every spelling of a
// word finds the same articles, phrases, exclusions, fields, snippets, and the
// command-line tool.
#include <sys/wait.h>

#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/text_folding.h"
#include "corpus_fixture.h"
#include "search/searcher.h"
#include "service/api_json.h"

namespace gazette {
namespace {

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GAZETTE_SKIP_IF_NO_CORPUS();
    searcher_ = std::make_unique<Searcher>(Xapian::Database(test::CorpusSlice::get().db));
  }

  // The message of a failed search; "" when it succeeded.
  static std::string error_of(const SearchResult& r) { return r.problem ? r.problem->message : ""; }

  SearchResult search(const std::string& query, size_t limit = 10) {
    SearchRequest request;
    request.query = query;
    request.limit = limit;
    return searcher_->search(request);
  }

  std::set<std::string> ids(const std::string& query) {
    SearchResult r = search(query, 10000);
    EXPECT_FALSE(r.problem) << query << ": " << error_of(r);
    std::set<std::string> out;
    for (const auto& h : r.hits) out.insert(h.article.id);
    return out;
  }

  std::unique_ptr<Searcher> searcher_;
};

TEST_F(SearchTest, EverySpellingFindsTheSameArticles) {
  const std::vector<std::vector<std::string>> groups = {
      {"Élysée", "elysee", "ÉLYSÉE", "Elysée"},
      {"Choïgou", "Choigou", "choigou"},
      {"l’école", "l'école", "école", "ecoles", "écoles", "ECOLE"},
      {"d’Orsay", "d'Orsay", "Orsay", "orsay"},
      {"qu’il", "qu'il", "il"},
      {"jusqu’à", "jusqu'a"},
      {"œuvre", "oeuvre", "Œuvre"},
      {"retraite", "retraites", "Retraites"},
      {"Kim Jong-un", "kim jong un", "KIM JONG UN"},
      {"porte-avions", "porte avions"},
  };
  for (const auto& group : groups) {
    std::set<std::string> first = ids(group[0]);
    EXPECT_FALSE(first.empty()) << group[0];
    for (size_t i = 1; i < group.size(); ++i)
      EXPECT_EQ(ids(group[i]), first) << group[0] << " vs " << group[i];
  }
  // The family name alone finds the same person first.
  for (const auto& h : search("jong-un").hits) {
    std::string text = fold_text(h.article.title + " " + h.article.summary + " " + h.article.body);
    EXPECT_TRUE(text.find("jong-un") != std::string::npos || text.find("jong un") != std::string::npos)
        << h.article.id;
  }
}

TEST_F(SearchTest, ExactFormRanksAboveTheSameStem) {
  // "Gaza" and "gaz" share a stem; a search for Gaza must be about Gaza.
  SearchResult r = search("Gaza");
  ASSERT_EQ(r.hits.size(), 10u);
  for (const auto& h : r.hits) {
    std::string text = fold_text(h.article.title + " " + h.article.summary + " " + h.article.body);
    EXPECT_NE(text.find("gaza"), std::string::npos) << h.article.id << " " << h.article.title;
  }
}

TEST_F(SearchTest, StopWordsIgnoredOutsidePhrasesKeptInside) {
  EXPECT_EQ(ids("la retraite"), ids("retraite"));
  std::set<std::string> phrase = ids("\"ministre de l'intérieur\"");
  std::set<std::string> loose = ids("ministre intérieur");
  EXPECT_FALSE(phrase.empty());
  EXPECT_LT(phrase.size(), loose.size());
  EXPECT_TRUE(std::includes(loose.begin(), loose.end(), phrase.begin(), phrase.end()));
}

TEST_F(SearchTest, ExclusionOrAndFieldPrefixes) {
  for (const auto& h : search("Macron -Élysée", 200).hits) {
    std::string text = fold_text(h.article.title + " " + h.article.summary + " " + h.article.body);
    EXPECT_EQ(text.find("elysee"), std::string::npos) << h.article.id;
  }
  std::set<std::string> either = ids("Choïgou OR Lavrov");
  std::set<std::string> one = ids("Choïgou");
  EXPECT_GT(either.size(), one.size());
  for (const auto& h : search("titre:Ukraine", 50).hits)
    EXPECT_NE(fold_text(h.article.title).find("ukrain"), std::string::npos) << h.article.title;
  for (const auto& h : search("section:International Ukraine", 50).hits)
    EXPECT_EQ(h.article.section, "International");
}

TEST_F(SearchTest, SyntaxErrorsAreReportedWithAPosition) {
  EXPECT_EQ(error_of(search("(retraite")), "unmatched '(' (missing ')' at the end)");
  EXPECT_EQ(error_of(search("retraite)")), "unmatched ')' at position 9");
  EXPECT_FALSE(search("\"phrase sans fin").problem);
  EXPECT_TRUE(search("2022..demain").problem);
  // NEAR joins words that must be there: not one that is excluded (the
  // fuzzer's query, on which Xapian 1.4.22's parser leaks).
  EXPECT_EQ(error_of(search("au -Dupont NEAR Zr aza")),
            "NEAR at position 12 follows an excluded word ('-dupont'): NEAR joins words that must be there");
  EXPECT_EQ(error_of(search("(Macron -Élysée ADJ/3 Bruxelles Kiev)")),
            "ADJ/3 at position 17 follows an excluded word ('-elysee'): ADJ/3 joins words that must be there");
  EXPECT_FALSE(search("Macron NEAR Élysée -Bruxelles").problem);
  EXPECT_FALSE(search("\"-Macron NEAR Élysée\" Kiev").problem);
  // NEAR/n and ADJ/n keep their window through the folding of the query.
  SearchResult near = search("Macron NEAR Poutine"), near3 = search("Macron NEAR/3 Poutine");
  EXPECT_FALSE(near.problem) << error_of(near);
  EXPECT_FALSE(near3.problem) << error_of(near3);
  EXPECT_GT(near.total, near3.total);
  EXPECT_GT(near3.total, 0u);
}

TEST_F(SearchTest, SnippetsMarkEveryFormOfTheWords) {
  SearchResult r = search("école");
  ASSERT_FALSE(r.hits.empty());
  bool marked = false;
  for (const auto& h : r.hits)
    for (const auto& f : h.snippets)
      for (const Segment& s : f)
        marked |= s.marked && (s.text == "école" || s.text == "écoles" || s.text == "École");
  EXPECT_TRUE(marked);
}

// The API sends text as it is, with the ranges of the matches in code points
// (é counts one, though UTF-8 spends two bytes on it, and ’ three).
TEST(Snippet, MarksOnlyMatchesAsCodePointRangesOfTheText) {
  Xapian::QueryParser qp;
  qp.set_stemmer(Xapian::Stem("french"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  Highlighter h(qp.parse_query("ecole"));
  const std::string text = "<script>alert('x')</script> Les écoles & l’École";
  nlohmann::json marked = marked_text_json(h.mark(text));
  EXPECT_EQ(marked["text"], text);
  EXPECT_EQ(marked["marks"], nlohmann::json::parse("[[32, 38], [43, 48]]"));
}

TEST(SearchCommand, PrintsJsonAndRejectsBadQueries) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  const std::string bin = std::string(GAZETTE_BIN_DIR) + "/gazette-search --db " + test::CorpusSlice::get().db;
  FILE* p = popen((bin + " --json --limit 3 --section International 'Kim Jong-un'").c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  ASSERT_EQ(WEXITSTATUS(pclose(p)), 0);
  auto json = nlohmann::json::parse(out);
  EXPECT_GT(json["total"].get<int>(), 0);
  ASSERT_LE(json["hits"].size(), 3u);
  for (const auto& hit : json["hits"]) EXPECT_EQ(hit["section"], "International");
  EXPECT_EQ(WEXITSTATUS(system((bin + " '(oups' > /dev/null 2>&1").c_str())), 1);
  EXPECT_EQ(WEXITSTATUS(system((bin + " --from demain x > /dev/null 2>&1").c_str())), 1);
  EXPECT_EQ(WEXITSTATUS(system((std::string(GAZETTE_BIN_DIR) + "/gazette-search --db /nonexistent x > /dev/null 2>&1").c_str())), 2);
}

}  // namespace
}  // namespace gazette
