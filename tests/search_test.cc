// Searching real articles the way French readers type: every spelling of a
// word finds the same articles, phrases, exclusions, fields, snippets, and the
// command-line tool. On the committed fixture (tests/data/), so these run
// without the shared corpus.
#include <sys/wait.h>

#include <algorithm>
#include <iterator>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/text_folding.h"
#include "corpus_fixture.h"
#include "indexer/index_writer.h"
#include "search/facet_columns.h"
#include "search/query_builder.h"
#include "search/query_variants.h"
#include "search/searcher.h"
#include "search/title_match.h"
#include "service/api_json.h"

namespace gazette {
namespace {

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override { searcher_ = std::make_unique<Searcher>(Xapian::Database(test::CorpusSlice::committed().db)); }

  // The message of a failed search; "" when it succeeded.
  static std::string error_of(const SearchResult& r) { return r.problem ? r.problem->message : ""; }

  SearchResult search(const std::string& query, size_t limit = 10, bool strict = false) {
    SearchRequest request;
    request.query = query;
    request.limit = limit;
    request.strict = strict;
    return searcher_->search(request);
  }
  SearchResult strict_search(const std::string& query) { return search(query, 10, true); }

  std::set<std::string> ids(const std::string& query) {
    SearchResult r = search(query, 10000);
    EXPECT_FALSE(r.problem) << query << ": " << error_of(r);
    std::set<std::string> out;
    for (const auto& h : r.hits) out.insert(h.article.id);
    return out;
  }

  static std::string folded_text(const Article& a) { return fold_text(a.title + " " + a.summary + " " + a.body); }

  std::unique_ptr<Searcher> searcher_;
};

// The committed fixture (tests/data/: 100 French Wikinews articles of 2012).
// Ids below were read from that file: e.g. Romney is named in exactly four
// of its articles, Obama in those and in his victory speech (wn-45722).
using Ids = std::set<std::string>;
const Ids kRomney = {"wn-45070", "wn-45614", "wn-45626", "wn-45643"};
const Ids kObama = {"wn-45070", "wn-45614", "wn-45626", "wn-45643", "wn-45722"};

TEST_F(SearchTest, EverySpellingFindsTheSameArticles) {
  const std::vector<std::vector<std::string>> groups = {
      {"Québec", "quebec", "QUÉBEC", "Quebec"},
      {"Égypte", "egypte", "ÉGYPTE", "Egypte"},
      {"l’armée", "l'armée", "armée", "armees", "ARMÉE"},
      {"qu’il", "qu'il", "il"},
      {"jusqu’à", "jusqu'a"},
      {"œuvre", "oeuvre", "Œuvre"},
      {"élection", "élections", "ELECTIONS"},
      {"Jean-Marc Ayrault", "\"jean marc\" ayrault", "JEAN-MARC AYRAULT", "Jean‐Marc Ayrault"},
      // A hyphenated word is a phrase, whatever the hyphen (U+2010 here).
      {"porte-parole", "\"porte parole\"", "PORTE‐PAROLE", "« porte parole »"},
  };
  for (const auto& group : groups) {
    std::set<std::string> first = ids(group[0]);
    EXPECT_FALSE(first.empty()) << group[0];
    for (size_t i = 1; i < group.size(); ++i) EXPECT_EQ(ids(group[i]), first) << group[0] << " vs " << group[i];
  }
  EXPECT_EQ(ids("Romney"), kRomney);
  // The family name alone finds the same person: every hit names him.
  SearchResult ayrault = search("ayrault");
  ASSERT_FALSE(ayrault.hits.empty());
  for (const auto& h : ayrault.hits)
    EXPECT_NE(folded_text(h.article).find("ayrault"), std::string::npos) << h.article.id;
}

TEST_F(SearchTest, ExactFormRanksAboveTheSameStem) {
  // "France" and "français" share a stem; a search for France must be about
  // France: the first ten hits name it.
  SearchResult r = search("France");
  ASSERT_EQ(r.hits.size(), 10u);
  for (const auto& h : r.hits)
    EXPECT_NE(folded_text(h.article).find("france"), std::string::npos) << h.article.id << " " << h.article.title;
}

// An article for the ranking tests, which add their own to the fixture.
ImportRecord titled_article(std::string id, std::string title, std::string body) {
  ImportRecord r;
  r.where = {"title-ranking", 1};
  r.article.emplace();
  r.article->id = std::move(id);
  r.article->source = "test";
  r.article->title = std::move(title);
  r.article->body = std::move(body);
  return r;
}

// A copy of the fixture, named `name`, with `articles` added.
std::string fixture_with(const std::string& name, std::vector<ImportRecord> articles) {
  const std::string db = test::writable_copy(test::CorpusSlice::committed().db, name);
  IndexWriter writer(db, {}, [](const Report&) {});
  for (ImportRecord& article : articles) writer.add(std::move(article));
  writer.finish();
  return db;
}

// The ids of the first two hits of `query` in `db`, ranked as `kind` ranks.
std::vector<std::string> first_two(const std::string& db, const std::string& query, SpyKind kind = SpyKind::kInProcess,
                                   bool collapse = true) {
  Searcher searcher(Xapian::Database(db), kind);
  SearchRequest request;
  request.query = query;
  request.collapse = collapse;
  SearchResult r = searcher.search(request);
  EXPECT_FALSE(r.problem) << query;
  std::vector<std::string> ids;
  for (size_t i = 0; i < r.hits.size() && i < 2; ++i) ids.push_back(r.hits[i].article.id);
  return ids;
}
using Ranked = std::vector<std::string>;

// A reader who looks for an article remembers words of its title. Two
// articles added to the fixture: an interview whose title holds the three
// words typed, and a short article whose body repeats them, as Le Monde's
// "L'argot de bureau" did against Ayo's interview ("toi faut toute" found
// the interview second on the whole corpus). Without the weight of the
// title's words, the short article ranks first.
TEST(Ranking, TheArticleWhoseTitleHoldsTheWordsRanksFirst) {
  std::string interview;  // long, as interviews are: BM25 weighs its words less
  for (int i = 0; i < 6; ++i)
    interview +=
        "Plage de Santa-Maria-di-Lota, au nord de Bastia, la chanteuse ramasse de petits galets "
        "polis par l’océan. Elle le clame à qui veut l’entendre : l’eau est son élément. Les "
        "lauriers blancs et les bougainvilliers roses plient sous les bourrasques du libeccio.\n\n";
  std::vector<ImportRecord> articles;
  articles.push_back(
      titled_article("title-ayo", "Ayo : « Toute vague n’est pas pour toi. Il faut choisir la sienne »", interview));
  articles.push_back(
      titled_article("title-argot", "L’argot de bureau : l’« ikigaï », l’empire du sens au travail",
                     "« Tu fais quoi sinon toi, dans la vie ? Et toi, il faut que tu changes toute ta "
                     "vie. » Il faut tout changer, toute la vie, toi aussi : il faut trouver son ikigaï."));
  const std::string db = fixture_with("title-ranking", std::move(articles));
  EXPECT_EQ(first_two(db, "toi faut toute"), (Ranked{"title-ayo", "title-argot"}));
}

// Of two articles whose titles hold the words typed, the one where they are
// more of what the title says ranks first, however long its body: the
// title's words are weighed by the title's length (title_match.h), not by
// the article's, as Xapian's BM25 alone does. Two alerts of Orange's
// weather news (2018-11-22 and 2018-04-12; "var alerte pluies-inondations"
// found the first one second on the whole corpus): the one with the shorter
// title has the longer body.
TEST(Ranking, TheShorterTitleHoldingTheWordsRanksFirstWhateverTheBody) {
  std::string bulletin;
  for (int i = 0; i < 8; ++i)
    bulletin +=
        "Après avoir placé le Gard en vigilance orange pour les phénomènes orages, pluies et crues, "
        "Météo-France a étendu la vigilance à d'autres départements du sud-est jeudi soir. Les cumuls "
        "attendus atteignent localement cent millimètres.\n\n";
  std::vector<ImportRecord> articles;
  articles.push_back(
      titled_article("short-title", "Orages et pluies-inondations : le Gard et le Var en alerte", bulletin));
  articles.push_back(titled_article(
      "long-title", "Météo : le Var et les Alpes-Maritimes toujours en alerte orages et pluies-inondations",
      "Face à un épisode pluvio-orageux important, Météo-France maintient jeudi la vigilance orange."));
  const std::string db = fixture_with("title-length", std::move(articles));
  EXPECT_EQ(first_two(db, "var alerte pluies-inondations"), (Ranked{"short-title", "long-title"}));
  // Xapian's BM25 over the title's terms, as remote shards rank: the
  // shorter body wins.
  EXPECT_EQ(first_two(db, "var alerte pluies-inondations", SpyKind::kStock), (Ranked{"long-title", "short-title"}));
}

// Of two titles holding the words, the one where they stand side by side in
// the order typed ranks first, even when it is the longer.
TEST(Ranking, TheTitleWithTheWordsInOrderRanksFirst) {
  const std::string body =
      "Météo-France a placé seize départements en vigilance orange canicule, avec des maximales de 40 degrés "
      "attendues jeudi dans la vallée du Rhône.";
  std::vector<ImportRecord> articles;
  articles.push_back(titled_article("in-order", "Une vague de chaleur sur l'Europe cet été", body));
  articles.push_back(titled_article("scattered", "Chaleur de juillet : la vague", body));
  const std::string db = fixture_with("title-order", std::move(articles));
  // Not collapsed: the same body makes them versions of one text.
  EXPECT_EQ(first_two(db, "vague de chaleur", SpyKind::kInProcess, /*collapse=*/false),
            (Ranked{"in-order", "scattered"}));
}

// The title's weight is added to each article's own, as a PostingSource
// that walks its terms' postings beside Xapian's and leaves out the terms
// that cannot lift an article into the page (MaxScore): the page is the one
// that weighing every match in full gives, and the title lengths held in
// memory (FacetColumns) weigh as those read from the values.
TEST(Ranking, TheTitlesWeightIsAddedToTheArticlesOwn) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  FacetColumns columns(db);
  QueryBuilder builder;
  size_t checked = 0, in_titles = 0;
  for (const char* q :
       {"président france", "premier ministre", "élection présidentielle", "obama romney", "la france et le monde"}) {
    ParsedQuery parsed = builder.parse(q);
    ASSERT_FALSE(parsed.title_terms.empty()) << q;
    // Every match, weighed in full: its own weight and the source's.
    Xapian::Enquire alone(db);
    alone.set_query(parsed.query);
    alone.set_weighting_scheme(ranking_weight());
    Xapian::MSet all = alone.get_mset(0, db.get_doccount());
    std::vector<std::pair<double, Xapian::docid>> expected;
    for (auto it = all.begin(); it != all.end(); ++it) {
      TitleMatchSource source(db, parsed.title_terms, 2.0);
      source.init(db);
      source.skip_to(*it, 0);
      const double in_title = !source.at_end() && source.get_docid() == *it ? source.get_weight() : 0;
      expected.emplace_back(it.get_weight() + in_title, *it);
      in_titles += in_title > 0;
    }
    std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (bool in_memory : {false, true}) {
      std::vector<ShardTitles> titles;
      if (in_memory) titles.push_back({columns.uuid(), &columns.title_words()});
      Xapian::Enquire ranked(db);
      ranked.set_query(ranked_query(parsed, db, SpyKind::kInProcess, titles));
      ranked.set_weighting_scheme(ranking_weight());
      Xapian::MSet page = ranked.get_mset(0, 10);
      ASSERT_EQ(page.size(), std::min<size_t>(10, expected.size())) << q;
      size_t i = 0;
      for (auto it = page.begin(); it != page.end(); ++it, ++i, ++checked) {
        EXPECT_EQ(*it, expected[i].second) << q << " rank " << i + 1 << (in_memory ? " in memory" : "");
        EXPECT_NEAR(it.get_weight(), expected[i].first, 1e-9) << q << " rank " << i + 1;
      }
    }
  }
  EXPECT_GT(checked, 60u);
  EXPECT_GT(in_titles, 10u);  // matches whose title holds words of the query
}

// The title's weight (and the words' proximity) is for lists of words as
// readers type them; a query with operators, exclusions or fields means
// what its syntax says.
TEST(Ranking, OnlyPlainQueriesWeighTheTitlesWords) {
  QueryBuilder builder;
  auto weighs_title = [&](const std::string& q) {
    ParsedQuery parsed = builder.parse(q);
    EXPECT_FALSE(parsed.problem) << q;
    return !parsed.title_terms.empty();
  };
  EXPECT_TRUE(weighs_title("toi faut toute"));
  EXPECT_TRUE(weighs_title("Kim Jong-un"));
  EXPECT_TRUE(weighs_title("« gilet jaune » paris"));
  for (const char* q : {"-macron france", "macron OR france", "titre:macron france", "macron NOT france",
                        "(macron france)", "macron 2020..2021", "macron"})
    EXPECT_FALSE(weighs_title(q)) << q;
}

TEST_F(SearchTest, StopWordsIgnoredOutsidePhrasesKeptInside) {
  EXPECT_FALSE(ids("gouvernement").empty());
  EXPECT_EQ(ids("le gouvernement"), ids("gouvernement"));
  // One article names "le ministre des affaires étrangères", Laurent Fabius
  // (wn-44545); another has a vice-ministre and "le ministère des affaires
  // étrangères" (wn-44269).
  std::set<std::string> phrase = ids("\"ministre des affaires étrangères\"");
  std::set<std::string> loose = ids("ministre affaires étrangères");
  EXPECT_EQ(phrase, Ids{"wn-44545"});
  EXPECT_EQ(loose, (Ids{"wn-44269", "wn-44545"}));
  EXPECT_LT(phrase.size(), loose.size());
  EXPECT_TRUE(std::includes(loose.begin(), loose.end(), phrase.begin(), phrase.end()));
}

TEST_F(SearchTest, ExclusionOrAndFieldPrefixes) {
  SearchResult without = search("Obama -Romney", 200);
  ASSERT_EQ(without.hits.size(), 1u);
  EXPECT_EQ(without.hits[0].article.id, "wn-45722");
  for (const auto& h : without.hits)
    EXPECT_EQ(folded_text(h.article).find("romney"), std::string::npos) << h.article.id;
  EXPECT_EQ(ids("Obama"), kObama);
  EXPECT_EQ(ids("Romney OR Obama"), kObama);
  std::set<std::string> either = ids("Romney OR Higgs");
  EXPECT_EQ(either.size(), kRomney.size() + 2) << "Higgs: wn-44502 and wn-44520";
  SearchResult titles = search("titre:Québec", 50);
  ASSERT_FALSE(titles.hits.empty());
  EXPECT_LT(titles.hits.size(), ids("Québec").size()) << "some articles name Québec only in their text";
  for (const auto& h : titles.hits)
    EXPECT_NE(fold_text(h.article.title).find("quebec"), std::string::npos) << h.article.title;
  // Every fixture article is in the section "Wikinews": the filter keeps them all.
  SearchResult in_section = search("section:Wikinews France", 200);
  ASSERT_FALSE(in_section.hits.empty());
  EXPECT_EQ(in_section.hits.size(), ids("France").size());
  for (const auto& h : in_section.hits) EXPECT_EQ(h.article.section, "Wikinews");
  EXPECT_TRUE(search("section:International France").hits.empty());
}

TEST_F(SearchTest, AQueryOfExclusionsAloneFindsEverythingElse) {
  const Ids all = ids("");
  ASSERT_EQ(all.size(), test::kFixtureArticles);
  Ids but_romney;
  std::set_difference(all.begin(), all.end(), kRomney.begin(), kRomney.end(),
                      std::inserter(but_romney, but_romney.end()));
  EXPECT_EQ(ids("-Romney"), but_romney);
  EXPECT_EQ(ids("NOT Romney"), but_romney);
  Ids but_obama;
  std::set_difference(all.begin(), all.end(), kObama.begin(), kObama.end(), std::inserter(but_obama, but_obama.end()));
  EXPECT_EQ(ids("-Romney -Obama"), but_obama);
  EXPECT_EQ(ids("-\"ministre des affaires étrangères\"").count("wn-44545"), 0u);
  EXPECT_EQ(ids("-\"ministre des affaires étrangères\"").size(), test::kFixtureArticles - 1);
  // What a search excludes is never marked in its hits (which have "des"
  // and "affaires", just not the phrase).
  SearchResult r = search("-\"ministre des affaires étrangères\"");
  ASSERT_FALSE(r.hits.empty());
  for (const auto& h : r.hits)
    for (const auto& f : h.snippets) EXPECT_TRUE(f.marks.empty()) << h.article.id << ": " << to_text(f, "[", "]");
}

TEST_F(SearchTest, PhrasesInEveryQuotationMarkMatchInflectedForms) {
  const Ids fabius = {"wn-44545"};
  for (const char* q : {"\"ministre des affaires étrangères\"", "« ministre des affaires étrangères »",
                        "«\u00a0ministre des affaires étrangères\u00a0»", "“ministre des affaires étrangères”",
                        "„ministre des affaires étrangères“", "\"ministre des affaire étrangère\"",
                        "\"MINISTRES DES AFFAIRES ETRANGERES\""})
    EXPECT_EQ(ids(q), fabius) << q;
  // A field without positions takes phrases too: its words, all present.
  Ids falcon = ids("resume:\"fusées Falcon\"");
  EXPECT_EQ(falcon.count("wn-43971"), 1u) << "its summary: « La fusée Falcon 9, développée… »";
  for (const auto& id : falcon) EXPECT_EQ(ids("resume:fusee resume:falcon").count(id), 1u) << id;
}

TEST_F(SearchTest, UndatedArticlesComeLastInBothOrders) {
  const Ids undated = {"wn-44975", "wn-45197", "wn-45513"};
  for (SortOrder order : {SortOrder::kNewestFirst, SortOrder::kOldestFirst}) {
    SearchRequest request;
    request.sort = order;
    request.limit = test::kFixtureArticles;
    SearchResult r = searcher_->search(request);
    ASSERT_EQ(r.hits.size(), test::kFixtureArticles);
    Ids last;
    for (size_t i = r.hits.size() - undated.size(); i < r.hits.size(); ++i) last.insert(r.hits[i].article.id);
    EXPECT_EQ(last, undated) << static_cast<int>(order);
    const std::string first = r.hits.front().article.published, second = r.hits[1].article.published;
    EXPECT_FALSE(first.empty());
    EXPECT_TRUE(order == SortOrder::kNewestFirst ? first >= second : first <= second) << first << " " << second;
  }
}

TEST_F(SearchTest, AQueryThatFindsNothingShowsItsCorrectionsHits) {
  SearchResult typo = search("Romnay", 100);
  EXPECT_TRUE(typo.corrected);
  EXPECT_EQ(typo.suggestion, "romney");
  Ids found;
  for (const auto& h : typo.hits) found.insert(h.article.id);
  EXPECT_EQ(found, kRomney);
  EXPECT_EQ(typo.total, kRomney.size());
  SearchResult right = search("Romney");
  EXPECT_FALSE(right.corrected);
  EXPECT_EQ(right.suggestion, "");
  SearchResult nothing = search("xqzwvk");
  EXPECT_EQ(nothing.total, 0u);
  EXPECT_FALSE(nothing.corrected);
  EXPECT_EQ(nothing.suggestion, "");
}

// Scripts that ask for it (strict) get the error and its position.
TEST_F(SearchTest, SyntaxErrorsAreReportedWithAPositionWhenStrict) {
  EXPECT_EQ(error_of(strict_search("(retraite")), "unmatched '(' (missing ')' at the end)");
  EXPECT_EQ(error_of(strict_search("retraite)")), "unmatched ')' at position 9");
  EXPECT_FALSE(strict_search("\"phrase sans fin").problem);
  EXPECT_TRUE(strict_search("2022..demain").problem);
  // NEAR joins words that must be there: not one that is excluded (the
  // fuzzer's query, on which Xapian 1.4.22's parser leaks).
  EXPECT_EQ(error_of(strict_search("au -Dupont NEAR Zr aza")),
            "NEAR at position 12 follows an excluded word ('-dupont'): NEAR joins words that must be there");
  EXPECT_EQ(error_of(strict_search("(Macron -Élysée ADJ/3 Bruxelles Kiev)")),
            "ADJ/3 at position 17 follows an excluded word ('-elysee'): ADJ/3 joins words that must be there");
  EXPECT_FALSE(search("Macron NEAR Élysée -Bruxelles").problem);
  EXPECT_FALSE(search("\"-Macron NEAR Élysée\" Kiev").problem);
  // NEAR/n and ADJ/n keep their window through the folding of the query:
  // Obama and Romney are 2, 3, 10 and 31 words apart in their four articles.
  SearchResult near = search("Obama NEAR Romney"), near3 = search("Obama NEAR/3 Romney");
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
      for (const auto& [begin, end] : f.marks) {
        const std::string word = f.text.substr(begin, end - begin);
        marked |= word == "école" || word == "écoles" || word == "École";
      }
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
  JsonWriter out;
  write_marked_text(out, h.mark(text));
  nlohmann::json marked = nlohmann::json::parse(out.text());
  EXPECT_EQ(marked["text"], text);
  EXPECT_EQ(marked["marks"], nlohmann::json::parse("[[32, 38], [43, 48]]"));

  // A passage from within the text starts and ends with an ellipsis, one
  // code point of three bytes, which the ranges count too.
  const std::vector<Fragment> passages = h.snippets(
      "Un deux trois quatre cinq six sept huit neuf dix onze douze : les écoles ferment leurs portes ce soir", 1, 4);
  ASSERT_EQ(passages.size(), 1u);
  JsonWriter passage;
  write_marked_text(passage, passages[0]);
  marked = nlohmann::json::parse(passage.text());
  EXPECT_EQ(marked["text"], "…onze douze : les écoles…");
  EXPECT_EQ(marked["marks"], nlohmann::json::parse("[[18, 24]]"));
}

// Stop words are marked only where they belong to a phrase or name of the
// query: "de" of "de Gaulle", not of "bataille de France".
TEST(Snippet, MarksStopWordsOnlyInsideTheQuerysPhrases) {
  QueryBuilder builder;
  auto marks = [&](const std::string& query, const std::string& text) {
    Highlighter h(builder.parse(query).marked());
    return to_text(h.mark(text), "[", "]");
  };
  EXPECT_EQ(marks("de Gaulle", "La bataille de France de 1940 et le général de Gaulle"),
            "La bataille de France de 1940 et le général [de] [Gaulle]");
  EXPECT_EQ(marks("Kim Jong-un", "Kim Jong Un apporte un cendrier à Kim Yo Jong"),
            "[Kim] [Jong] [Un] apporte un cendrier à [Kim] Yo [Jong]");
  EXPECT_EQ(marks("Le Pen", "Marine Le Pen a rencontré le maire"), "Marine [Le] [Pen] a rencontré le maire");
  EXPECT_EQ(marks("réforme des retraites", "la réforme des retraites et des salaires"),
            "la [réforme] [des] [retraites] et des salaires");
  EXPECT_EQ(marks("\"gilets jaunes\" -macron", "Un gilet jaune écrit à Emmanuel Macron"),
            "Un [gilet] [jaune] écrit à Emmanuel Macron");
}

// A match among the text's last words is shown, in its last passage (not
// the opening words, as if nothing matched).
TEST(Snippet, AMatchAmongTheLastWordsIsShown) {
  QueryBuilder builder;
  Highlighter h(builder.parse("écoles").marked());
  const std::vector<Fragment> passages = h.snippets(
      "Un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept dix-huit "
      "vingt : les écoles ferment",
      1, 5);
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(to_text(passages[0], "[", "]"), "…huit vingt : les [écoles] ferment");
}

// A passage repeated in the text (the summary at the start of the body, as
// many Orange articles have it) is shown once.
TEST(Snippet, NoTwoPassagesOverlapOrRepeatTheSameWords) {
  const Article& a = test::CorpusSlice::committed().articles.front();  // wn-43971, SpaceX
  ASSERT_EQ(a.id, "wn-43971");
  const std::string text = a.summary + "\n\n" + a.summary + " " + a.body;
  QueryBuilder builder;
  Highlighter h(builder.parse("fusée Falcon décollé").marked());
  std::vector<Fragment> snippets = h.snippets(text, 3, 12);
  ASSERT_GE(snippets.size(), 2u);
  std::vector<std::string> shown;
  for (const auto& f : snippets) {
    std::string t = to_text(f, "", "");
    for (const char* dots : {"…"})
      for (size_t p; (p = t.find(dots)) != std::string::npos;) t.erase(p, std::string(dots).size());
    shown.push_back(fold_text(t));
  }
  for (size_t i = 0; i < shown.size(); ++i)
    for (size_t j = i + 1; j < shown.size(); ++j) {
      EXPECT_EQ(shown[i].find(shown[j].substr(0, 30)), std::string::npos) << shown[i] << " | " << shown[j];
      EXPECT_EQ(shown[j].find(shown[i].substr(0, 30)), std::string::npos) << shown[i] << " | " << shown[j];
    }
}

// The variants' data, one group a line, and entity lines as
// corpus/entities-fr.tsv has them.
TEST(QueryVariants, AFormFindsItsAlternativesAtLowerWeight) {
  const QueryVariants variants("# people\nZelensky|Zelenski\nle|la\n",
                               "org\tOTAN\tNATO|Alliance atlantique\nplace\tGaza\tbande de Gaza\nrole\tministre\tx|y\n"
                               "org\tLa République en marche\tLREM|LRM|République en marche\n");
  Xapian::QueryParser qp;
  qp.set_stemmer(Xapian::Stem("french"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  auto terms = [&](const std::string& q) {
    std::set<std::string> out;
    Xapian::Query expanded = variants.expand(qp.parse_query(variants.quote_forms(q, Xapian::Stem("french"))));
    for (auto t = expanded.get_terms_begin(); t != expanded.get_terms_end(); ++t) out.insert(*t);
    return out;
  };
  EXPECT_EQ(terms("nato"), (std::set<std::string>{"Znato", "Zotan", "Zallianc", "Zatlant"}));
  EXPECT_EQ(terms("alliance atlantique"), (std::set<std::string>{"Znato", "Zotan", "Zallianc", "Zatlant"}));
  EXPECT_EQ(terms("zelenski"), (std::set<std::string>{"Zzelensk", "Zzelensky"}));
  // A longer name that holds the form adds nothing; stop words and other
  // kinds of lines are not forms.
  EXPECT_EQ(terms("gaza"), (std::set<std::string>{"Zgaz"}));
  EXPECT_EQ(terms("le"), (std::set<std::string>{"Zle"}));
  EXPECT_EQ(terms("ministre"), (std::set<std::string>{"Zministr"}));
  // Nor does an alternative that holds another: every article that writes
  // "La République en marche" writes "République en marche".
  EXPECT_EQ(terms("lrem"), (std::set<std::string>{"Zlrem", "Zlrm", "Zrepubl", "Zen", "Zmarch"}));
  EXPECT_EQ(terms("la republique en marche"),
            (std::set<std::string>{"Zla", "Zrepubl", "Zen", "Zmarch", "Zlrem", "Zlrm"}));
  const Xapian::Stem stem("french");
  EXPECT_EQ(variants.quote_forms("alliance atlantique sommet", stem), "\"alliance atlantique\" sommet");
  EXPECT_EQ(variants.quote_forms("\"l alliance atlantique\"", stem), "\"l alliance atlantique\"");
  EXPECT_EQ(variants.quote_forms("-alliance atlantique", stem), "-alliance atlantique");
}

TEST(SearchCommand, PrintsJsonAndRejectsBadQueries) {
  // Each run is bounded: a hung command fails the test, not the whole ctest run.
  const std::string bin =
      "timeout 120 " + std::string(GAZETTE_BIN_DIR) + "/gazette-search --db " + test::CorpusSlice::committed().db;
  // The query first: --section takes every value that follows it (CLI11).
  FILE* p = popen((bin + " Obama --json --limit 3 --section Wikinews").c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  ASSERT_EQ(WEXITSTATUS(pclose(p)), 0);
  auto json = nlohmann::json::parse(out);
  EXPECT_EQ(json["total"].get<int>(), static_cast<int>(kObama.size()));
  ASSERT_EQ(json["hits"].size(), 3u);
  for (const auto& hit : json["hits"]) {
    EXPECT_EQ(hit["section"], "Wikinews");
    EXPECT_EQ(kObama.count(hit["id"].get<std::string>()), 1u) << hit["id"];
  }
  // A lone bracket is left out (and said on stderr), unless --strict.
  EXPECT_EQ(WEXITSTATUS(system((bin + " '(Obama' > /dev/null 2>&1").c_str())), 0);
  EXPECT_EQ(WEXITSTATUS(system((bin + " --strict '(Obama' > /dev/null 2>&1").c_str())), 1);
  EXPECT_EQ(WEXITSTATUS(system((bin + " --from demain x > /dev/null 2>&1").c_str())), 1);
  EXPECT_EQ(WEXITSTATUS(system(
                ("timeout 120 " + std::string(GAZETTE_BIN_DIR) + "/gazette-search --db /nonexistent x > /dev/null 2>&1")
                    .c_str())),
            2);
}

}  // namespace
}  // namespace gazette
