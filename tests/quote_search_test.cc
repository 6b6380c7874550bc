// Quotes in the index and GET /api/v1/quotes, on the committed fixture
// (tests/data/: 100 Wikinews articles of 2012): who said what, found by
// speaker and by words, paged by cursor, on the entity's page and in the
// article.
#include <set>

#include <gtest/gtest.h>

#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/stored_document.h"
#include "common/text_folding.h"
#include "corpus_fixture.h"
#include "indexer/document_builder.h"
#include "service_fixture.h"

namespace gazette {
namespace {

using nlohmann::json;

class QuoteSearch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { service_ = new test::RunningService(test::CorpusSlice::committed().db, ""); }
  static void TearDownTestSuite() {
    delete service_;
    service_ = nullptr;
  }
  static json get(const std::string& path, int expected_status = 200) {
    int status = 0;
    json body = service_->get(path, &status);
    EXPECT_EQ(status, expected_status) << path << " -> " << body.dump().substr(0, 300);
    return body;
  }
  static inline test::RunningService* service_ = nullptr;
};

// wn-45626: « Je suis honoré d’avoir le soutien du maire de New York », a
// déclaré Barack Obama (the article's second quote).
TEST_F(QuoteSearch, ASpeakerFindsWhatTheySaid) {
  // Every quote found is his; this one among them (with the optional data
  // file, more people are known and more quotes attributed).
  json found = get("/api/v1/quotes?speaker=p:barack-obama");
  ASSERT_GE(found["quotes"].size(), 1u) << found;
  json q;
  for (const json& each : found["quotes"]) {
    EXPECT_EQ(each["speaker"]["id"], "p:barack-obama");
    if (each["text"] == "Je suis honoré d’avoir le soutien du maire de New York") q = each;
  }
  ASSERT_TRUE(q.is_object()) << found;
  EXPECT_EQ(q["speaker"]["name"], "Barack Obama");
  EXPECT_EQ(q["article"]["id"], "wn-45626");
  EXPECT_EQ(q["link"], "/?article=wn-45626#citation-1");
  EXPECT_GE(found["articles"], 1);

  json entity = get("/api/v1/entities/p:barack-obama");
  EXPECT_EQ(entity["quotes"], found["quotes"]) << "the entity's latest quotes are the same";

  json article = get("/api/v1/articles/wn-45626");
  ASSERT_GE(article["quotes"].size(), 2u);
  EXPECT_EQ(article["quotes"][1]["speaker_id"], "p:barack-obama");
  const std::string body = article["body"];
  const size_t offset = article["quotes"][1]["offset"];
  EXPECT_EQ(body.substr(offset, q["text"].get<std::string>().size()), q["text"]) << "the offset is in the body";
}

TEST_F(QuoteSearch, EveryQuoteHoldsTheWordsAsked) {
  json found = get("/api/v1/quotes?q=gouvernement&size=100&facet_size=0");
  ASSERT_FALSE(found["quotes"].empty());
  for (const json& q : found["quotes"])
    EXPECT_NE(fold_text(q["text"].get<std::string>()).find("gouvern"), std::string::npos) << q["text"];
  // Accents and case do not matter; a word no quote holds finds nothing.
  EXPECT_EQ(get("/api/v1/quotes?q=%C3%A9lections&size=100")["quotes"],
            get("/api/v1/quotes?q=ELECTIONS&size=100")["quotes"]);
  json none = get("/api/v1/quotes?q=zzyzx");
  EXPECT_TRUE(none["quotes"].empty());
  EXPECT_EQ(none["articles"], 0);
  EXPECT_TRUE(none["next_cursor"].is_null());
}

TEST_F(QuoteSearch, CursorWalksEveryQuoteOnce) {
  auto walk = [](size_t size) {
    std::vector<std::pair<std::string, int>> seen;
    json page = get("/api/v1/quotes?facet_size=0&size=" + std::to_string(size));
    for (int pages = 0;; ++pages) {
      EXPECT_LT(pages, 1000) << "the cursor does not end";
      if (pages >= 1000) break;
      for (const json& q : page["quotes"]) seen.emplace_back(q["article"]["id"], q["index"]);
      if (page["next_cursor"].is_null()) break;
      page = get("/api/v1/quotes?facet_size=0&size=" + std::to_string(size) +
                 "&cursor=" + page["next_cursor"].get<std::string>());
    }
    return seen;
  };
  auto by_1 = walk(1), by_7 = walk(7), by_100 = walk(100);
  EXPECT_GT(by_100.size(), 100u) << "the fixture's quotes take more than one page of 100";
  EXPECT_EQ(by_7, by_100);
  EXPECT_EQ(by_1, by_100) << "a page can end inside an article";
  const std::set<std::pair<std::string, int>> distinct(by_7.begin(), by_7.end());
  EXPECT_EQ(distinct.size(), by_7.size()) << "each once";
}

TEST_F(QuoteSearch, BadParametersAreNamed) {
  json e = get("/api/v1/quotes?sort=date", 400);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("'sort'"), std::string::npos);
  json first = get("/api/v1/quotes?size=2");
  get("/api/v1/quotes?size=3&cursor=" + first["next_cursor"].get<std::string>(), 400);
  get("/api/v1/quotes?size=0", 400);
}

// An article written in wire style: its quote, its speaker named after
// it, and a second quote whose pronoun points back to him.
Article wire_article() {
  Article a;
  a.id = "quote-test";
  a.title = "Vaccination : de nouveaux centres ouvrent";
  a.body =
      "Le ministre de la Santé Olivier Véran a présenté le plan mardi. \"Nous allons ouvrir de nouveaux centres de "
      "vaccination dans toutes les régions\", a déclaré Olivier Véran devant les députés. « Chaque Français qui le "
      "souhaite pourra être vacciné avant l’été », a-t-il ajouté.";
  return a;
}

TEST(QuotesIndexed, SpeakersAreTheArticlesPeople) {
  Article a = wire_article();
  Entity veran{"p:olivier-veran", "Olivier Véran", EntityType::kPerson, {"Olivier Véran", "Véran"}, 2};
  Entity france{"l:france", "France", EntityType::kPlace, {"Français"}, 1};
  std::vector<ArticleQuote> quotes = quotes_of(a.body, {france, veran});
  ASSERT_EQ(quotes.size(), 2u);
  for (const ArticleQuote& q : quotes) {
    EXPECT_EQ(q.speaker, "Olivier Véran") << q.text;
    EXPECT_EQ(q.speaker_id, "p:olivier-veran") << q.text;
  }
  // Without the entity, the name as written, and no id.
  quotes = quotes_of(a.body, {france});
  ASSERT_EQ(quotes.size(), 2u);
  EXPECT_EQ(quotes[0].speaker, "Olivier Véran");
  EXPECT_EQ(quotes[0].speaker_id, "");
}

// Whether the one article of `db` has the folded word in one of its quotes,
// as the quote search asks (in_quote()).
bool is_quoted(const Xapian::Database& db, const std::string& folded) {
  const std::string stem = schema::kStemPrefix + FrenchAnalyzer().stem(folded);
  EXPECT_EQ(db.get_termfreq(stem), 1u) << stem << " is a word of the article";
  Xapian::Enquire enquire(db);
  enquire.set_query(in_quote(stem));
  return enquire.get_mset(0, 10).size() == 1;
}

TEST(QuotesIndexed, StoredWithTheirWordsAndTerms) {
  Article a = wire_article();
  DocumentBuilder builder(nullptr);  // no entities: the quotes alone
  Xapian::WritableDatabase db(test::temp_dir("quotes-indexed") + "/db", Xapian::DB_CREATE);
  db.add_document(builder.build(a, stored_form(a)));
  db.commit();
  Result<Article> read = read_article(db.get_document(1));
  ASSERT_TRUE(read);
  ASSERT_EQ(read->quotes.size(), 2u);
  EXPECT_EQ(read->quotes[0].text, "Nous allons ouvrir de nouveaux centres de vaccination dans toutes les régions");
  EXPECT_EQ(read->quotes[1].text, "Chaque Français qui le souhaite pourra être vacciné avant l’été");
  for (const ArticleQuote& q : read->quotes) {
    EXPECT_EQ(q.speaker, "Olivier Véran") << q.text;
    EXPECT_EQ(a.body.substr(q.offset, q.text.size()), q.text);
  }
  EXPECT_EQ(db.get_termfreq("XC"), 1u);
  // A quote's words are searchable by stem (schema::kQuote), its first and
  // last too; the words next to a quote are not a quote's.
  auto quoted = [&](const std::string& folded) { return is_quoted(db, folded); };
  EXPECT_TRUE(quoted("vaccination"));
  EXPECT_TRUE(quoted("nous"));
  EXPECT_TRUE(quoted("regions"));
  EXPECT_TRUE(quoted("ete"));
  EXPECT_FALSE(quoted("ministre"));
  EXPECT_FALSE(quoted("mardi"));    // just before the first quote
  EXPECT_FALSE(quoted("declare"));  // after it and "a"
  EXPECT_FALSE(quoted("deputes"));  // just before the second quote
  EXPECT_FALSE(quoted("ajoute"));   // after it and "a-t-il"
}

// Orange Actu: a body cut short of its summary is in the free text as the
// summary (article.h); the words of its quotes are still a quote's.
TEST(QuotesIndexed, InABodyCutShortOfItsSummary) {
  Article a = wire_article();
  a.summary = a.body + " Le plan sera détaillé jeudi.";
  DocumentBuilder builder(nullptr);
  Xapian::WritableDatabase db(test::temp_dir("quotes-cut-short") + "/db", Xapian::DB_CREATE);
  db.add_document(builder.build(a, stored_form(a)));
  db.commit();
  EXPECT_TRUE(is_quoted(db, "vaccination"));
  EXPECT_TRUE(is_quoted(db, "regions"));
  EXPECT_FALSE(is_quoted(db, "mardi"));
  EXPECT_FALSE(is_quoted(db, "deputes"));
  EXPECT_FALSE(is_quoted(db, "detaille"));
}

}  // namespace
}  // namespace gazette
