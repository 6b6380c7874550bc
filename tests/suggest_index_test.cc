// Suggestions from memory (search/suggest_index.h) against the ones read
// from the index (search/suggest.h), on the committed fixture: the same
// completions, entities and titles for what readers type (accents, elided
// articles, several words, entity names, nothing to complete), after writes
// and deletes (a new revision), and over local shards read as one database;
// and each completion's count is what a search for it finds.
#include <set>

#include <gtest/gtest.h>
#include <xapian.h>

#include "common/article_json.h"
#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/stored_document.h"
#include "corpus_fixture.h"
#include "indexer/jsonl_importer.h"
#include "indexer/live_writer.h"
#include "search/searcher.h"
#include "search/suggest_index.h"

namespace gazette {
namespace {

// Typed prefixes over what the fixture holds (French Wikinews, 2012).
const std::vector<std::string> kPrefixes = {
    "Oba",  // the service test's
    "québ",
    "Québec ",
    "QUEBEC : le",
    "élect",
    "election présidentielle amér",
    "Élection présidentielle américaine de 2012 : Obama r",  // several words, the last one begun
    "l'arm",
    "L’ARMÉE fr",
    "d'indép",
    "l'Équa",  // elided articles, typographic apostrophes
    "météo du 1",
    "vendée gl",
    "projet de loi sur le har",
    "forum mondial de la lang",
    "jean-mar",
    "Jean-Marc Ay",
    "le pen",
    "hewlett-pack",
    "chef-d'œuv",
    "œuvr",
    "2012",
    "boson de hig",
    "fran",
    "barack",
    "obama ",
    "moody",
    "famille -",
    "\"mali",
    "zzzxq",
    "obama zzzxq"};

// Xapian keeps the kTitleExpansion most frequent words that start with the
// last one, taking any of those as frequent as the last kept; SuggestIndex
// takes the first in term order. Comparing titles then needs a last word
// whose expansion has no such tie.
bool expansion_is_unambiguous(const Xapian::Database& db, const std::string& prefix) {
  const std::string term_prefix = schema::kTitle + read_typed_prefix(prefix).last;
  std::vector<Xapian::doccount> counts;
  for (auto t = db.allterms_begin(term_prefix); t != db.allterms_end(term_prefix); ++t)
    counts.push_back(t.get_termfreq());
  if (counts.size() <= kTitleExpansion) return true;
  std::sort(counts.rbegin(), counts.rend());
  return counts[kTitleExpansion - 1] != counts[kTitleExpansion];
}

void expect_same(const Suggestions& got, const Suggestions& want, bool titles) {
  ASSERT_EQ(got.completions.size(), want.completions.size());
  for (size_t i = 0; i < got.completions.size(); ++i) {
    EXPECT_EQ(got.completions[i].query, want.completions[i].query) << i;
    EXPECT_EQ(got.completions[i].count, want.completions[i].count) << got.completions[i].query;
  }
  ASSERT_EQ(got.entities.size(), want.entities.size());
  for (size_t i = 0; i < got.entities.size(); ++i) {
    EXPECT_EQ(got.entities[i].id, want.entities[i].id) << i;
    EXPECT_EQ(got.entities[i].name, want.entities[i].name) << got.entities[i].id;
    EXPECT_EQ(got.entities[i].type, want.entities[i].type) << got.entities[i].id;
    EXPECT_EQ(got.entities[i].articles, want.entities[i].articles) << got.entities[i].id;
  }
  if (!titles) return;
  ASSERT_EQ(got.titles.size(), want.titles.size());
  for (size_t i = 0; i < got.titles.size(); ++i) {
    EXPECT_EQ(got.titles[i].id, want.titles[i].id) << i;
    EXPECT_EQ(got.titles[i].title, want.titles[i].title) << i;
  }
}

// Suggestions of `index` and of the index scan agree for `prefixes`, at
// every size; returns how many prefixes had titles, for the callers to
// check that the comparison was not vacuous.
size_t expect_same_suggestions(const Xapian::Database& db, const SuggestIndex& index,
                               const std::vector<std::string>& prefixes) {
  size_t with_titles = 0;
  for (const std::string& prefix : prefixes) {
    SCOPED_TRACE("q='" + prefix + "'");
    const bool titles = expansion_is_unambiguous(db, prefix);
    for (size_t size : {1, 8, 20}) {
      Result<Suggestions> got = index.suggest(db, prefix, size), want = suggest(db, prefix, size);
      if (!got || !want) {
        ADD_FAILURE() << (got ? want : got).problem().str();
        continue;
      }
      expect_same(*got, *want, titles);
      with_titles += size == 8 && !want->titles.empty();
    }
  }
  return with_titles;
}

// Begun words of every title: its first words and the first 1 to 4
// characters of the next one.
std::vector<std::string> title_prefixes(const std::vector<Article>& articles) {
  std::set<std::string> out;
  for (const Article& a : articles) {
    const std::string& t = a.title;
    for (size_t word = 0; word < t.size();) {
      size_t end = word;
      for (int chars = 0; chars < 4 && end < t.size(); ++chars) {
        do ++end;
        while (end < t.size() && (static_cast<unsigned char>(t[end]) & 0xC0) == 0x80);  // inside a code point
        out.insert(t.substr(0, end));
      }
      const size_t space = t.find(' ', word);
      if (space == std::string::npos) break;
      word = space + 1;
    }
  }
  return {out.begin(), out.end()};
}

TEST(SuggestIndex, SuggestsWhatTheIndexScanSuggests) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  SuggestIndex index(db);
  EXPECT_GT(index.title_words(), 500u);
  EXPECT_GT(index.entities(), 50u);
  for (const std::string& prefix : kPrefixes)
    EXPECT_TRUE(expansion_is_unambiguous(db, prefix)) << "choose another prefix than '" << prefix << "'";
  EXPECT_GE(expect_same_suggestions(db, index, kPrefixes), 20u);
  // And every begun word of every title.
  const std::vector<std::string> typed = title_prefixes(test::CorpusSlice::committed().articles);
  EXPECT_GT(typed.size(), 2000u);
  EXPECT_GE(expect_same_suggestions(db, index, typed), typed.size() * 9 / 10);
}

// "reforme des ret" offered "reforme des retour" before "retraites": the
// words typed before the last one choose its completions.
TEST(SuggestIndex, CompletesTheLastWordAmongTitlesWithTheWordsBeforeIt) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  Xapian::Database db(test::CorpusSlice::get().db);
  SuggestIndex index(db);
  Result<Suggestions> alone = index.suggest(db, "ret", 8), after = index.suggest(db, "Réforme des ret", 8);
  ASSERT_TRUE(alone && after);
  ASSERT_FALSE(alone->completions.empty());
  ASSERT_FALSE(after->completions.empty());
  EXPECT_NE(alone->completions[0].query, "retraites") << "the most frequent title word in ret- overall";
  EXPECT_EQ(after->completions[0].query, "reforme des retraites");
  // Its count: what the search for it finds.
  Searcher searcher(db);
  SearchRequest request;
  request.query = "reforme des retraites";
  EXPECT_EQ(after->completions[0].count, searcher.search(request).total);
  // The index scan agrees.
  Result<Suggestions> scanned = suggest(db, "Réforme des ret", 8);
  ASSERT_TRUE(scanned);
  ASSERT_EQ(scanned->completions.size(), after->completions.size());
  for (size_t i = 0; i < scanned->completions.size(); ++i) {
    EXPECT_EQ(scanned->completions[i].query, after->completions[i].query);
    EXPECT_EQ(scanned->completions[i].count, after->completions[i].count);
  }
}

// A completion's count is the total of the search that choosing it runs,
// and forms of one stem, which find the same articles, are offered once,
// most results first: single words, words after others, words with other
// spellings ("ue" is "Union européenne" too), from memory and from the index.
TEST(SuggestIndex, ACompletionCountsWhatItsSearchFindsOncePerStem) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  SuggestIndex index(db);
  Searcher searcher(db);
  QueryBuilder builder;
  const FrenchAnalyzer analyzer;
  std::vector<std::string> prefixes = kPrefixes;
  const std::vector<std::string> typed = title_prefixes(test::CorpusSlice::committed().articles);
  for (size_t i = 0; i < typed.size(); i += 5) prefixes.push_back(typed[i]);
  for (const char* more : {"u", "e", "p", "un", "les", "obama r", "etats-u", "vendée globe : d"})
    prefixes.push_back(more);
  size_t counted = 0, after_words = 0, other_spellings = 0;
  for (const std::string& prefix : prefixes) {
    SCOPED_TRACE("q='" + prefix + "'");
    Result<Suggestions> from_memory = index.suggest(db, prefix, 8), from_index = suggest(db, prefix, 8);
    ASSERT_TRUE(from_memory && from_index);
    for (const Suggestions* s : {&*from_memory, &*from_index}) {
      std::set<std::string> stems;
      for (size_t i = 0; i < s->completions.size(); ++i) {
        const Suggestions::Completion& c = s->completions[i];
        SearchRequest request;
        request.query = c.query;
        request.snippets = 0;
        const SearchResult found = searcher.search(request);
        EXPECT_FALSE(found.corrected) << c.query;
        EXPECT_TRUE(found.total_exact) << c.query;
        EXPECT_EQ(c.count, found.total) << c.query;
        if (i > 0) {
          EXPECT_GE(s->completions[i - 1].count, c.count) << c.query;
        }
        const std::vector<std::string> words = plain_words(c.query);
        EXPECT_TRUE(stems.insert(analyzer.stem(words.back())).second) << c.query << ": a stem offered twice";
        ++counted;
        after_words += words.size() > 1;
        other_spellings += words.size() == 1 && builder.parse(c.query).matching.get_type() != Xapian::Query::LEAF_TERM;
      }
    }
  }
  EXPECT_GE(counted, 1000u);
  EXPECT_GE(after_words, 500u);
  EXPECT_GE(other_spellings, 2u);
}

// "macroniste" finds what "macron" finds (one stem, "macron"): typing
// "macr" offered "macron", "macroniste" and "macronistes" with the titles
// of each, though their searches find the same articles.
TEST(SuggestIndex, MacronistesAreMacron) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  Xapian::Database db(test::CorpusSlice::get().db);
  ASSERT_GT(db.get_termfreq(std::string(schema::kTitle) + "macroniste"), 0u);
  SuggestIndex index(db);
  Result<Suggestions> s = index.suggest(db, "macr", 8);
  ASSERT_TRUE(s);
  ASSERT_FALSE(s->completions.empty());
  EXPECT_EQ(s->completions[0].query, "macron");
  for (const auto& c : s->completions) EXPECT_EQ(c.query.rfind("macronist", 0), std::string::npos) << c.query;
  Searcher searcher(db);
  for (const char* q : {"macron", "macroniste"}) {
    SearchRequest request;
    request.query = q;
    EXPECT_EQ(s->completions[0].count, searcher.search(request).total) << q;
  }
}

TEST(SuggestIndex, SuggestsAsReadersExpect) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  SuggestIndex index(db);
  Result<Suggestions> s = index.suggest(db, "Oba", 8);
  ASSERT_TRUE(s);
  ASSERT_FALSE(s->entities.empty());
  EXPECT_EQ(s->entities[0].id, "p:barack-obama");
  EXPECT_EQ(s->entities[0].name, "Barack Obama");
  ASSERT_FALSE(s->completions.empty());
  EXPECT_EQ(s->completions[0].query, "obama");

  // Elided, accented, capitalised: the same word.
  s = index.suggest(db, "L’ARMÉE fr", 8);
  ASSERT_TRUE(s);
  bool completed = false;
  for (const auto& c : s->completions) completed |= c.query == "armee francaise";
  EXPECT_TRUE(completed);
  ASSERT_EQ(s->titles.size(), 1u);
  EXPECT_EQ(s->titles[0].id, "wn-44530");

  // Several words: the newest of the three American election titles first.
  s = index.suggest(db, "election présidentielle amér", 8);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->titles.size(), 3u);
  EXPECT_EQ(s->titles[0].id, "wn-45643");
  EXPECT_EQ(s->titles[0].title,
            "Élection présidentielle américaine de 2012 : Obama et Romney s'affrontent sur le chômage");
  EXPECT_EQ(s->titles[2].id, "wn-45070");

  // Nothing starts so: nothing at all.
  s = index.suggest(db, "zzzxq", 8);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->completions.empty());
  EXPECT_TRUE(s->entities.empty());
  EXPECT_TRUE(s->titles.empty());
  s = index.suggest(db, "obama zzzxq", 8);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->titles.empty());
  s = index.suggest(db, "  ", 8);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->completions.empty() && s->entities.empty() && s->titles.empty());
}

TEST(SuggestIndex, FindsTheEntitiesThatFindEntitiesFinds) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  SuggestIndex index(db);
  std::vector<std::string> prefixes = {"",         " ",         "o",        "oba", "obama ",
                                       "barack o", "Jean-Marc", "kim jong", "qué", "zzzxq"};
  for (const auto& e : find_entities(db, "", std::nullopt, 1000)) prefixes.push_back(e.name.substr(0, 3));
  for (const std::string& prefix : prefixes)
    for (size_t size : {1, 5, 6, 100}) {
      SCOPED_TRACE("q='" + prefix + "' size " + std::to_string(size));
      Suggestions got, want;
      got.entities = index.find_entities(prefix, size);
      want.entities = find_entities(db, prefix, std::nullopt, size);
      expect_same(got, want, false);
    }
}

// A stored document's id and title, read without the rest of it.
TEST(SuggestIndex, ReadsStoredTitles) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
    Xapian::Document doc = db.get_document(*p);
    Result<Article> article = read_article(doc);
    Result<ArticleTitle> title = read_title(doc);
    ASSERT_TRUE(article && title);
    EXPECT_EQ(title->id, article->id);
    EXPECT_EQ(title->title, article->title);
  }
  // The outer object's fields only, wherever they are.
  auto title_of = [](const std::string& data) {
    Xapian::Document doc;
    doc.add_value(schema::kRecordSlot, data);
    return read_title(doc);
  };
  Result<ArticleTitle> t = title_of(R"({"entities": [{"id": "p:x", "title": "non"}], "title": "oui",
                                       "body": "\"id\": \"non\"", "id": "a-1"})");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->id, "a-1");
  EXPECT_EQ(t->title, "oui");
  t = title_of(R"({"id": "a-2", "title": null})");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->title, "");
  for (const std::string bad :
       {"{\"id\": \"a-3\", ", "[1]", R"({"title": 3, "id": "a-4"})", R"({"title": "sans id"})"}) {
    t = title_of(bad);
    ASSERT_FALSE(t) << bad;
    EXPECT_EQ(t.problem().code, "bad_stored_document") << bad;
  }
}

Article article(const std::string& line) {
  ImportRecord r = parse_jsonl_line(line, {"test", 1});
  EXPECT_TRUE(r.article) << line;
  return r.article ? *r.article : Article{};
}

std::vector<std::string> ids(const Suggestions& s) {
  std::vector<std::string> out;
  for (const auto& t : s.titles) out.push_back(t.id);
  return out;
}

TEST(SuggestIndex, ANewRevisionAfterWritesAndDeletesSuggestsRight) {
  const std::string dir = test::writable_copy(test::CorpusSlice::committed().db, "suggest-index-writes");
  Xapian::Database db(dir);
  const SuggestIndex before(db);
  Result<Suggestions> s = before.suggest(db, "vendée gl", 8);
  ASSERT_TRUE(s);
  EXPECT_EQ(ids(*s), (std::vector<std::string>{"wn-45789", "wn-45774", "wn-45758"}));
  s = before.suggest(db, "zanzibar", 8);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->completions.empty());

  // A new word, a newer copy of a title (shown once: the newest), a delete.
  LiveWriter writer(dir);
  writer.put({article(R"({"id": "suggest-added", "title": "Les zanzibarophiles fêtent le Vendée Globe",
                          "body": "Texte.", "published": "2013-01-20T10:00:00+01:00"})"),
              article(R"({"id": "suggest-copy", "title": "Vendée Globe : Déjà un abandon", "body": "Copie.",
                          "published": "2013-01-15T10:00:00+01:00"})")});
  ASSERT_TRUE(writer.remove("wn-45789"));
  db.reopen();
  // The earlier revision's index read with the new handle, as the service
  // does while it builds the next: the deleted title is left out, the added
  // ones are not there yet.
  s = before.suggest(db, "vendée gl", 8);
  ASSERT_TRUE(s);
  EXPECT_EQ(ids(*s), (std::vector<std::string>{"wn-45774", "wn-45758"}));
  SuggestIndex fresh(db);

  s = fresh.suggest(db, "vendée gl", 8);
  ASSERT_TRUE(s);
  EXPECT_EQ(ids(*s), (std::vector<std::string>{"suggest-added", "suggest-copy", "wn-45758"}));
  s = fresh.suggest(db, "zanzibar", 8);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->completions.size(), 1u);
  EXPECT_EQ(s->completions[0].query, "zanzibarophiles");
  EXPECT_EQ(s->completions[0].count, 1u);
  EXPECT_EQ(ids(*s), std::vector<std::string>{"suggest-added"});
  std::vector<std::string> prefixes = kPrefixes;
  prefixes.insert(prefixes.end(), {"zanzibar", "vendée", "vendée globe : dé", "les zanz", "kito"});
  EXPECT_GE(expect_same_suggestions(db, fresh, prefixes), 20u);
}

// Several local shards read as one database: the combined database's
// document ids are read back, so suggestions from memory work there too.
TEST(SuggestIndex, LocalShardsSuggestAsTheirIndexScan) {
  const auto& fixture = test::CorpusSlice::committed();
  auto opened = test::open_fixture_shards();
  ASSERT_NE(opened, nullptr);
  ShardSet& shards = opened->shards;
  std::optional<IndexRevision> revision = shards.local_revision();
  ASSERT_TRUE(revision);
  EXPECT_EQ(revision->uuids.size(), test::kClusterShards);
  SuggestIndex sharded(shards.database());
  EXPECT_GE(expect_same_suggestions(shards.database(), sharded, kPrefixes), 20u);

  // Words and entities are counted as in one index.
  Xapian::Database one(fixture.db);
  SuggestIndex single(one);
  for (const std::string& prefix : kPrefixes) {
    SCOPED_TRACE("q='" + prefix + "'");
    Result<Suggestions> a = sharded.suggest(shards.database(), prefix, 8), b = single.suggest(one, prefix, 8);
    ASSERT_TRUE(a && b);
    expect_same(*a, *b, false);
    EXPECT_EQ(a->titles.size(), b->titles.size());
  }
}

}  // namespace
}  // namespace gazette
