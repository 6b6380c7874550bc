// End to end on real articles: what gazette-index writes is what
// gazette-search finds; upserts, re-imports, bad input and a killed import.
// Most run on the committed fixture (tests/data/); the section filter and the
// killed import need the larger shared corpus slice.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <xapian.h>

#include "cluster/index_layout.h"
#include "cluster/shard_route.h"
#include "common/french_analyzer.h"
#include "common/index_storage.h"
#include "common/schema.h"
#include "common/stored_document.h"
#include "corpus_fixture.h"
#include "indexer/import_stats.h"
#include "indexer/index_writer.h"
#include "indexer/jsonl_importer.h"
#include "indexer/live_writer.h"
#include "search/searcher.h"

namespace gazette {
namespace {

ImportSummary import_into(const std::string& db, const std::string& jsonl, IndexOptions options = {}) {
  IndexWriter writer(db, options, [](const Report&) {});
  import_jsonl_file(
      jsonl, [&](ImportRecord&& r) { writer.add(std::move(r)); }, writer.reader_times());
  return writer.finish();
}

// Runs a command, returns its exit status and what it printed. The command
// is bounded (coreutils timeout): a hung one fails its test, exit status 124.
int run(const std::string& command, std::string* output = nullptr) {
  FILE* p = popen(("timeout 300 " + command + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int status = pclose(p);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const std::string kIndexBin = std::string(GAZETTE_BIN_DIR) + "/gazette-index";

TEST(Index, HoldsEveryArticleOnce) {
  const auto& slice = test::CorpusSlice::committed();
  ASSERT_EQ(slice.articles.size(), test::kFixtureArticles);
  Xapian::Database db(slice.db);
  EXPECT_EQ(db.get_doccount(), test::kFixtureArticles);
  for (const Article& a : slice.articles) EXPECT_EQ(db.get_termfreq(id_term(a.id)), 1u) << a.id;
  EXPECT_EQ(db.get_metadata(schema::kVersionKey), std::to_string(schema::kVersion));
}

// Every table of an index that Gazette creates has blocks of
// kIndexBlockSize, not Xapian's default of 8 KB (xapian-check prints each
// table's): the importer's merged index, its kept shards and their global
// database, and an index the service's writer creates.
TEST(Index, NewIndexesHaveGazettesBlockSize) {
  const auto& slice = test::CorpusSlice::committed();
  const std::string live = test::temp_dir("block-size") + "/db";
  LiveWriter(live).put({slice.articles[0]});
  const std::string expected = "blocksize=" + std::to_string(kIndexBlockSize / 1024) + "K ";
  for (const std::string& db :
       {slice.db, layout::shard_path(slice.shards, 0), slice.shards + "/" + layout::kGlobalDb, live}) {
    std::string out;
    ASSERT_EQ(run("xapian-check " + db, &out), 0) << out;
    size_t tables = 0, ours = 0;
    for (size_t at = out.find("blocksize="); at != std::string::npos; at = out.find("blocksize=", at + 1)) {
      ++tables;
      ours += out.compare(at, expected.size(), expected) == 0;
    }
    // postlist, termlist and position at least (docdata and the others
    // are made when first written).
    EXPECT_GE(tables, 3u) << db << "\n" << out;
    EXPECT_EQ(ours, tables) << db << "\n" << out;
  }
}

TEST(Index, KeptShardsHoldEachArticleOnItsOwnerShard) {
  const auto& slice = test::CorpusSlice::committed();
  const std::string dir = slice.shards;
  ASSERT_TRUE(layout::has_cluster_file(dir));
  ASSERT_EQ(slice.articles.size(), test::kFixtureArticles);
  EXPECT_EQ(Xapian::Database(dir).get_doccount(), slice.articles.size()) << "the stub opens them as one";
  for (const Article& a : slice.articles) {
    const std::string& id = a.id;
    for (size_t k = 0; k < test::kClusterShards; ++k)
      EXPECT_EQ(Xapian::Database(layout::shard_path(dir, k)).get_termfreq(id_term(id)),
                k == shard_of(id, test::kClusterShards) ? 1u : 0u)
          << id;
  }
  Xapian::Database global(dir + "/global");
  EXPECT_EQ(global.get_metadata(schema::kVersionKey), std::to_string(schema::kVersion));
  EXPECT_EQ(global.get_spelling_suggestion("gouvernemnt"), "gouvernement");
  EXPECT_EQ(global.get_spelling_suggestion("gouvernemnt"),
            Xapian::Database(slice.db).get_spelling_suggestion("gouvernemnt"));

  // A later import into the folder (without --keep-shards) keeps the shards
  // and routes each id to the shard that holds it.
  const std::string copy = test::temp_dir("kept") + "/db";
  std::filesystem::copy(dir, copy, std::filesystem::copy_options::recursive);
  Article changed = slice.articles[0];
  changed.title += " (mis à jour)";
  IndexWriter writer(copy, IndexOptions{}, [](const Report&) {});
  ImportRecord record;
  record.where.file = "test";
  record.article = changed;
  writer.add(std::move(record));
  ImportSummary summary = writer.finish();
  EXPECT_EQ(summary.written.replaced, 1u);
  EXPECT_FALSE(summary.merged);
  EXPECT_EQ(Xapian::Database(copy).get_doccount(), slice.articles.size());
  EXPECT_EQ(Xapian::Database(layout::shard_path(copy, shard_of(changed.id, test::kClusterShards)))
                .get_termfreq(id_term(changed.id)),
            1u);
}

TEST(Index, TitleWordsFindTheirArticleFirst) {
  const auto& slice = test::CorpusSlice::committed();
  Searcher searcher{Xapian::Database(slice.db)};
  size_t tried = 0, first = 0;
  for (const Article& a : slice.articles) {
    SearchRequest request;
    request.query = a.title;
    request.limit = 1;
    SearchResult r = searcher.search(request);
    ASSERT_FALSE(r.problem) << a.title << ": " << r.problem->str();
    ++tried;
    // Republished wire stories share a title: any article with it is right.
    if (!r.hits.empty() && r.hits[0].article.title == a.title)
      ++first;
    else
      std::cout << "not first: " << a.id << " " << a.title << '\n';
  }
  ASSERT_EQ(tried, test::kFixtureArticles);
  EXPECT_GE(first * 100, tried * 95) << first << " of " << tried << " titles found their article first";
}

// resume: searches the summary (chapô) alone, by stems: a summary word finds
// its article in any inflection, a word of the body only does not.
TEST(Index, SummaryFieldFindsSummaryWordsOnly) {
  const auto& slice = test::CorpusSlice::committed();
  Searcher searcher{Xapian::Database(slice.db)};
  FrenchAnalyzer analyzer;
  auto words = [](const std::string& text) {
    std::set<std::string> out;
    tokenize(text, [&](const Token& t) { out.emplace(t.folded); });
    return out;
  };
  auto finds = [&](const std::string& query, const std::string& id) {
    SearchRequest request;
    request.query = query;
    request.limit = 1000;
    SearchResult r = searcher.search(request);
    EXPECT_FALSE(r.problem) << query;
    for (const auto& hit : r.hits)
      if (hit.article.id == id) return true;
    return false;
  };
  auto stems = [&](const std::set<std::string>& words) {
    std::set<std::string> out;
    for (const auto& w : words) out.insert(analyzer.stem(w));
    return out;
  };
  size_t tried = 0;
  for (const Article& a : slice.articles) {
    const std::set<std::string> summary = words(a.summary), body = words(a.body);
    const std::set<std::string> summary_stems = stems(summary);
    std::string in_summary, in_body;
    for (const auto& w : summary)
      if (w.size() >= 7 && w.back() != 's' && !analyzer.is_stopword(w)) in_summary = w;
    for (const auto& w : body)
      if (w.size() >= 7 && !summary_stems.count(analyzer.stem(w))) in_body = w;
    if (in_summary.empty() || in_body.empty()) continue;
    ++tried;
    EXPECT_TRUE(finds("resume:" + in_summary, a.id)) << a.id << " resume:" << in_summary;
    // Its plural, when it stems alike: resume: matches stems.
    if (analyzer.stem(in_summary + "s") == analyzer.stem(in_summary)) {
      EXPECT_TRUE(finds("resume:" + in_summary + "s", a.id)) << a.id << " resume:" << in_summary << "s";
    }
    EXPECT_TRUE(finds(in_body, a.id)) << a.id << " " << in_body;
    EXPECT_FALSE(finds("resume:" + in_body, a.id)) << a.id << " resume:" << in_body;
  }
  EXPECT_GE(tried, 8u);
}

TEST(FreeText, TextThatRepeatsTheStartOfTheOtherIsLeftOut) {
  Article a;
  // Orange Actu: the body opens with the summary, wrapped and spaced
  // differently (a no-break space, a line break).
  a.summary = "Le concert de Marc Lavoine a été le théâtre d'un accident,\u00a0lundi 5 août.";
  a.body = "Le concert de Marc Lavoine a été le théâtre\nd'un accident, lundi 5 août.\n\nAutour de 23h30, le chanteur…";
  FreeText text = free_text(a.summary, a.body);
  EXPECT_TRUE(text.summary.empty());
  EXPECT_EQ(text.body, a.body);
  // A body cut short of its summary says nothing the summary does not.
  std::swap(a.summary, a.body);
  text = free_text(a.summary, a.body);
  EXPECT_EQ(text.summary, a.summary);
  EXPECT_TRUE(text.body.empty());
  // Le Monde: a standfirst of its own, both kept.
  a.summary = "Dans le magazine « Complément d’enquête », huit mois d’un travail d’investigation.";
  a.body = "Des travailleurs migrants attendent sur un trottoir, à Doha, au Qatar.";
  text = free_text(a.summary, a.body);
  EXPECT_EQ(text.summary, a.summary);
  EXPECT_EQ(text.body, a.body);
  // One word differs: both kept.
  a.summary = "Le concert de Marc Lavoine a été le théâtre d'un incident.";
  a.body = "Le concert de Marc Lavoine a été le théâtre d'un accident, lundi 5 août.";
  text = free_text(a.summary, a.body);
  EXPECT_EQ(text.summary, a.summary);
  EXPECT_EQ(text.body, a.body);
}

TEST(SummaryText, TheSummaryIsItsOwnTextOrTheOpeningOfTheBodyThatRepeatsIt) {
  auto of = [](std::string_view summary, std::string_view body) {
    return summary_text(summary, free_text(summary, body));
  };
  // Orange Actu: the opening of the body, through the end of its last word,
  // spaced as the body spaces it.
  std::string summary = "Le concert de Marc Lavoine a été le théâtre d'un accident,\u00a0lundi 5 août.";
  std::string body = "Le concert de Marc Lavoine a été le théâtre\nd'un accident, lundi 5 août.\n\nAutour de 23h30…";
  SummaryText text = of(summary, body);
  EXPECT_EQ(text.summary, "Le concert de Marc Lavoine a été le théâtre\nd'un accident, lundi 5 août.");
  EXPECT_EQ(text.rest, "\n\nAutour de 23h30…");
  // A summary cut inside a word: the body's word goes with the summary whole.
  text = of("La réforme des retr", "La réforme des retraites est adoptée.");
  EXPECT_EQ(text.summary, "La réforme des retraites");
  EXPECT_EQ(text.rest, " est adoptée.");
  // A body cut short of its summary: the summary alone.
  text = of(body, summary);
  EXPECT_EQ(text.summary, body);
  EXPECT_TRUE(text.rest.empty());
  // Le Monde: a standfirst of its own.
  text = of("Huit mois d’enquête.", "Des travailleurs migrants attendent à Doha.");
  EXPECT_EQ(text.summary, "Huit mois d’enquête.");
  EXPECT_EQ(text.rest, "Des travailleurs migrants attendent à Doha.");
  text = of("", "Des travailleurs migrants attendent à Doha.");
  EXPECT_TRUE(text.summary.empty());
  EXPECT_EQ(text.rest, "Des travailleurs migrants attendent à Doha.");
}

// resume: searches the free-text stems within the summary's span (schema.h):
// not the title's words nor the body's, however near they are, in an
// article with a summary of its own and in one whose body repeats it.
TEST(Index, SummaryFieldIsTheSpanOfTheSummarysWords) {
  std::string dir = test::temp_dir("summary-span");
  std::ofstream(dir + "/a.jsonl")
      << R"({"id": "own", "title": "Réforme des retraites", "summary": "Les syndicats contestent",)"
         R"( "body": "Le gouvernement maintient son calendrier."})"
         "\n"
      << R"({"id": "repeated", "title": "Grève à la SNCF", "summary": "Les cheminots manifestent",)"
         R"( "body": "Les cheminots manifestent jeudi à Paris."})"
         "\n";
  import_into(dir + "/db", dir + "/a.jsonl");
  Searcher searcher{Xapian::Database(dir + "/db")};
  auto found = [&](const std::string& query) {
    SearchRequest request;
    request.query = query;
    SearchResult r = searcher.search(request);
    EXPECT_FALSE(r.problem) << query;
    std::set<std::string> ids;
    for (const Hit& h : r.hits) ids.insert(h.article.id);
    return ids;
  };
  using Ids = std::set<std::string>;
  EXPECT_EQ(found("resume:syndicat"), Ids{"own"});  // a plural's stem
  EXPECT_EQ(found("chapo:contestent"), Ids{"own"});
  EXPECT_EQ(found("resume:\"syndicats contestent\""), Ids{"own"});
  EXPECT_EQ(found("resume:\"contestent syndicats\""), Ids{});
  EXPECT_EQ(found("resume:retraites"), Ids{});     // the title, just before
  EXPECT_EQ(found("resume:gouvernement"), Ids{});  // the body, just after
  EXPECT_EQ(found("gouvernement"), Ids{"own"});
  EXPECT_EQ(found("resume:manifestent"), Ids{"repeated"});
  EXPECT_EQ(found("resume:jeudi"), Ids{});  // the body after its repeated opening
  EXPECT_EQ(found("resume:cheminots resume:jeudi"), Ids{});
  EXPECT_EQ(found("resume:cheminots jeudi"), Ids{"repeated"});  // jeudi anywhere
}

// Orange Actu repeats its summary at the start of the body: those words are
// indexed once (their wdf is the body's count), as the summary, and resume:
// finds them.
TEST(Index, SummaryRepeatedByTheBodyIsIndexedOnce) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  const auto& slice = test::CorpusSlice::get();
  Xapian::Database db(slice.db);
  Searcher searcher{db};
  FrenchAnalyzer analyzer;
  auto count = [](std::string_view text, std::string_view word) {
    size_t n = 0;
    tokenize(text, [&](const Token& t) { n += t.folded == word; });
    return n;
  };
  size_t orange = 0, repeated = 0, checked = 0;
  for (const Article& a : slice.articles) {
    if (a.source != "orangesum" || a.summary.empty() || a.body.empty()) continue;
    ++orange;
    if (!free_text(a.summary, a.body).summary.empty()) continue;
    ++repeated;
    if (checked == 40) continue;
    // A summary word that the title does not have.
    std::string word;
    tokenize(a.summary, [&](const Token& t) {
      if (word.empty() && t.folded.size() >= 7 && !analyzer.is_stopword(t.folded) && !count(a.title, t.folded))
        word = t.folded;
    });
    if (word.empty()) continue;
    auto did = find_article(db, a.id);
    ASSERT_TRUE(did) << a.id;
    auto t = db.termlist_begin(*did);
    t.skip_to(word);
    ASSERT_TRUE(t != db.termlist_end(*did) && *t == word) << a.id << " " << word;
    EXPECT_EQ(t.get_wdf(), count(a.body, word)) << a.id << " " << word << ": counted twice";
    SearchRequest request;
    request.query = "resume:" + word;
    request.limit = 1000;
    SearchResult r = searcher.search(request);
    ASSERT_FALSE(r.problem);
    EXPECT_TRUE(std::any_of(r.hits.begin(), r.hits.end(), [&](const Hit& h) { return h.article.id == a.id; }))
        << a.id << " resume:" << word;
    ++checked;
  }
  EXPECT_EQ(checked, 40u);
  // Every Orange Actu article either repeats its summary or cuts its body
  // from it: most of the first kind.
  EXPECT_GE(orange, 2000u);
  EXPECT_GE(repeated * 2, orange) << repeated << " of " << orange;
}

TEST(Index, SectionFilterReturnsOnlyThatSection) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  const auto& slice = test::CorpusSlice::get();
  size_t expected = 0;
  for (const auto& a : slice.articles) expected += a.section == "International";
  ASSERT_GT(expected, 100u);
  Searcher searcher{Xapian::Database(slice.db)};
  SearchRequest request;
  request.filters.sections = {"international"};
  request.limit = 100;
  SearchResult r = searcher.search(request);
  EXPECT_EQ(r.total, expected);
  EXPECT_TRUE(r.total_exact);
  ASSERT_EQ(r.hits.size(), 100u);
  for (const auto& h : r.hits) EXPECT_EQ(h.article.section, "International");
}

TEST(Index, DateRangeReturnsOnlyThoseDays) {
  const auto& slice = test::CorpusSlice::committed();
  size_t expected = 0;
  for (const auto& a : slice.articles)
    expected += a.date.valid() && a.date.compact() >= "20120702" && a.date.compact() <= "20120708";
  // The fixture's busiest week, the Forum mondial de la langue française:
  // 26 of its articles are dated 2 to 8 July 2012.
  ASSERT_EQ(expected, 26u);
  Searcher searcher{Xapian::Database(slice.db)};
  SearchRequest request;
  request.filters.from = parse_date_bound("2012-07-02", false);
  request.filters.to = parse_date_bound("2012-07-08", true);
  request.limit = 1000;
  SearchResult r = searcher.search(request);
  EXPECT_EQ(r.total, expected);
  ASSERT_EQ(r.hits.size(), expected);
  for (const auto& h : r.hits) {
    EXPECT_GE(h.article.date.compact(), "20120702");
    EXPECT_LE(h.article.date.compact(), "20120708");
  }
  // The same range typed in the query.
  request.filters = {};
  request.query = "02/07/2012..08/07/2012";
  EXPECT_EQ(searcher.search(request).total, expected);
}

TEST(Index, ImportingTheSameFileTwiceChangesNothing) {
  const auto& slice = test::CorpusSlice::committed();
  ASSERT_EQ(slice.articles.size(), test::kFixtureArticles);
  std::string db = test::temp_dir("twice") + "/db";
  ImportSummary first = import_into(db, slice.jsonl);
  EXPECT_EQ(first.written.added, slice.articles.size());
  ImportSummary second = import_into(db, slice.jsonl);
  EXPECT_EQ(second.written.added, 0u);
  EXPECT_EQ(second.written.replaced, 0u);
  EXPECT_EQ(second.written.unchanged, slice.articles.size());
  EXPECT_EQ(Xapian::Database(db).get_doccount(), slice.articles.size());
}

TEST(Index, SameIdAgainReplacesTheArticle) {
  std::string dir = test::temp_dir("upsert");
  std::string v1 = dir + "/v1.jsonl", v2 = dir + "/v2.jsonl";
  std::ofstream(v1) << R"({"id": "u-1", "title": "Grève à la SNCF", "body": "Les cheminots font grève."})"
                       "\n"
                    << R"({"id": "u-2", "title": "Météo", "body": "Il pleut sur Brest."})"
                       "\n";
  std::ofstream(v2) << R"({"id": "u-1", "title": "Fin de la grève à la SNCF", "body": "Les trains roulent."})"
                       "\n";
  import_into(dir + "/db", v1);
  ImportSummary s = import_into(dir + "/db", v2);
  EXPECT_EQ(s.written.replaced, 1u);
  Searcher searcher{Xapian::Database(dir + "/db")};
  EXPECT_EQ(searcher.database().get_doccount(), 2u);
  SearchRequest request;
  request.query = "trains";
  EXPECT_EQ(searcher.search(request).total, 1u);
  request.query = "cheminots";
  EXPECT_EQ(searcher.search(request).total, 0u);
  EXPECT_EQ(searcher.article("u-1")->title, "Fin de la grève à la SNCF");
}

// Every word of the spelling data ("did you mean") with its frequency.
std::map<std::string, Xapian::termcount> spelling_of(const Xapian::Database& db) {
  std::map<std::string, Xapian::termcount> words;
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) words[*w] = w.get_termfreq();
  return words;
}

TEST(Index, SpellingDataFollowsTheTitlesOfTheArticlesIndexed) {
  std::string dir = test::temp_dir("spelling");
  std::string v1 = dir + "/v1.jsonl", v2 = dir + "/v2.jsonl";
  std::ofstream(v1)
      << R"({"id": "s-1", "title": "Séisme au Japon : le séisme a frappé Tokyo", "body": "La terre a tremblé."})"
         "\n"
      << R"({"id": "s-2", "title": "Météo en Bretagne", "body": "Il pleut sur Brest."})"
         "\n";
  std::ofstream(v2) << R"({"id": "s-1", "title": "Tempête au Japon", "body": "Le vent souffle."})"
                       "\n";
  import_into(dir + "/db", v1);
  // Folded title words of 4 letters or more, without stop words, counted
  // once per occurrence.
  using Words = std::map<std::string, Xapian::termcount>;
  EXPECT_EQ(spelling_of(Xapian::Database(dir + "/db")),
            (Words{{"bretagne", 1}, {"frappe", 1}, {"japon", 1}, {"meteo", 1}, {"seisme", 2}, {"tokyo", 1}}));
  // A replaced title's words leave with it.
  ImportSummary s = import_into(dir + "/db", v2);
  ASSERT_EQ(s.written.replaced, 1u);
  Xapian::Database db(dir + "/db");
  EXPECT_EQ(spelling_of(db), (Words{{"bretagne", 1}, {"japon", 1}, {"meteo", 1}, {"tempete", 1}}));
  EXPECT_EQ(db.get_spelling_suggestion("tempte"), "tempete");
}

TEST(Index, DuplicateIdsInOneRunKeepTheFirstAndSayWhere) {
  std::string dir = test::temp_dir("dup");
  std::ofstream(dir + "/d.jsonl") << R"({"id": "d-1", "title": "Premier", "body": "texte"})"
                                     "\n"
                                  << R"({"id": "d-1", "title": "Second", "body": "texte"})"
                                     "\n";
  std::vector<std::string> reports;
  IndexWriter writer(dir + "/db", {}, [&](const Report& r) { reports.push_back(r.line); });
  import_jsonl_file(dir + "/d.jsonl", [&](ImportRecord&& r) { writer.add(std::move(r)); });
  ImportSummary s = writer.finish();
  EXPECT_EQ(s.written.added, 1u);
  EXPECT_EQ(s.duplicates, 1u);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0], dir + "/d.jsonl:2: skipped: duplicate id d-1, already imported from " + dir + "/d.jsonl:1");
}

TEST(Index, ANewIndexNamedWithATrailingSlashIsMerged) {
  // "DB/" once put the merge inside the index ("DB/.merged"), and the
  // swap failed, leaving the import's shards behind the stub.
  const auto& slice = test::CorpusSlice::committed();
  const std::string dir = test::temp_dir("trailing-slash");
  IndexOptions options;
  options.shards = 2;
  ImportSummary s = import_into(dir + "/db/", slice.jsonl, options);
  EXPECT_EQ(s.written.added, test::kFixtureArticles);
  EXPECT_TRUE(s.merged);
  EXPECT_EQ(layout::stub_shards(dir + "/db"), 0u);
  EXPECT_FALSE(std::filesystem::exists(dir + "/db.merged"));
  EXPECT_EQ(Xapian::Database(dir + "/db").get_doccount(), test::kFixtureArticles);
}

TEST(Index, MeasuredImportTimesEachStageOfEachThread) {
  const auto& slice = test::CorpusSlice::committed();
  IndexOptions options;
  options.shards = 2;
  options.measure = true;
  ImportSummary s = import_into(test::temp_dir("stats") + "/db", slice.jsonl, options);
  ASSERT_EQ(s.written.added, test::kFixtureArticles);
  ASSERT_TRUE(s.merged);
  // Every stage the import went through took time, on the thread that did it.
  for (Stage stage : {Stage::kRead, Stage::kParse, Stage::kCheck, Stage::kStoredForm, Stage::kUnchanged,
                      Stage::kAnalysis, Stage::kEntities, Stage::kQuotes, Stage::kStoredFields, Stage::kXapianWrite,
                      Stage::kCommit, Stage::kSpelling, Stage::kWriterIdle, Stage::kMerge}) {
    EXPECT_GT(s.stages[stage].wall_ns, 0u) << stage_name(stage);
    // A thread's CPU time cannot exceed the time that passed on it (the
    // two clocks tick apart: a microsecond of slack per measurement).
    EXPECT_LE(s.stages[stage].cpu_ns, s.stages[stage].wall_ns + 1000 * 2 * test::kFixtureArticles) << stage_name(stage);
  }
  EXPECT_GT(s.stages[Stage::kAnalysis].cpu_ns, 0u);
  EXPECT_GT(s.stages[Stage::kXapianWrite].cpu_ns, 0u);

  options.measure = false;
  ImportSummary unmeasured = import_into(test::temp_dir("no-stats") + "/db", slice.jsonl, options);
  EXPECT_EQ(unmeasured.written.added, test::kFixtureArticles);
  EXPECT_EQ(unmeasured.stages[Stage::kAnalysis].wall_ns, 0u);
  EXPECT_EQ(unmeasured.stages[Stage::kMerge].wall_ns, 0u);
}

TEST(IndexCommand, StatsPrintOneLinePerStageAfterTheSummary) {
  const auto& slice = test::CorpusSlice::committed();
  std::string out;
  ASSERT_EQ(run(kIndexBin + " -q --stats --db " + test::temp_dir("stats-cmd") + "/db " + slice.jsonl, &out), 0) << out;
  const size_t summary = out.find(std::to_string(test::kFixtureArticles) + " added");
  ASSERT_NE(summary, std::string::npos) << out;
  for (size_t i = 0; i < kStageCount; ++i) {
    const size_t line = out.find(std::string("\n") + stage_name(static_cast<Stage>(i)) + " ");
    EXPECT_NE(line, std::string::npos) << stage_name(static_cast<Stage>(i)) << " in\n" << out;
    EXPECT_GT(line, summary);
  }
  EXPECT_NE(out.find("\nimport (wall, process CPU)"), std::string::npos) << out;
  // Without --stats, the summary alone.
  ASSERT_EQ(run(kIndexBin + " -q --db " + test::temp_dir("no-stats-cmd") + "/db " + slice.jsonl, &out), 0) << out;
  EXPECT_EQ(out.find(stage_name(Stage::kAnalysis)), std::string::npos) << out;
}

TEST(IndexCommand, RepeatedProblemsShowTheFirstFewAndACount) {
  std::string dir = test::temp_dir("repeats");
  {
    std::ofstream out(dir + "/r.jsonl");
    for (int copy = 0; copy < 2; ++copy)
      for (int i = 0; i < 8; ++i)
        out << R"({"id": "r-)" << i << R"(", "title": "Article répété", "body": "Le même texte."})" << '\n';
    out << "{cassé\n";
  }
  auto count = [](const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  std::string out;
  EXPECT_EQ(run(kIndexBin + " --db " + dir + "/db " + dir + "/r.jsonl", &out), 1) << out;
  EXPECT_EQ(count(out, ": skipped: duplicate id r-"), 5u) << out;
  EXPECT_NE(out.find("... and 3 more (duplicate id); --verbose prints them all"), std::string::npos) << out;
  // A kind seen once is printed, with no count after it.
  EXPECT_NE(out.find(dir + "/r.jsonl:17: skipped: malformed JSON"), std::string::npos) << out;
  EXPECT_EQ(out.find("more (malformed_json)"), std::string::npos) << out;
  EXPECT_NE(out.find("8 added"), std::string::npos) << out;
  EXPECT_NE(out.find("8 duplicate"), std::string::npos) << out;

  EXPECT_EQ(run(kIndexBin + " --verbose --db " + dir + "/db2 " + dir + "/r.jsonl", &out), 1) << out;
  EXPECT_EQ(count(out, ": skipped: duplicate id r-"), 8u) << out;
  EXPECT_EQ(out.find("more (duplicate id)"), std::string::npos) << out;
}

TEST(IndexCommand, BadLinesAreReportedAndTheRestIndexed) {
  std::string dir = test::temp_dir("cmd");
  std::ofstream(dir + "/a.jsonl") << R"({"id": "c-1", "title": "Un", "body": "texte"})"
                                     "\n"
                                  << "{broken\n"
                                  << R"({"id": "c-3", "title": "", "body": "texte"})"
                                     "\n"
                                  << R"({"id": "c-4", "title": "Quatre", "body": "texte"})"
                                     "\n";
  std::ofstream(dir + "/notes.md") << "pas un article";
  std::string out;
  int status = run(kIndexBin + " --db " + dir + "/db " + dir, &out);
  EXPECT_EQ(status, 1) << out;
  EXPECT_NE(out.find(dir + "/a.jsonl:2: skipped: malformed JSON"), std::string::npos) << out;
  EXPECT_NE(out.find(dir + "/a.jsonl:3: skipped: missing title (id c-3)"), std::string::npos) << out;
  EXPECT_NE(out.find(dir + "/notes.md: ignored: unknown file type"), std::string::npos) << out;
  EXPECT_NE(out.find("2 added"), std::string::npos) << out;
  EXPECT_NE(out.find("skipped 1: malformed_json"), std::string::npos) << out;
  EXPECT_EQ(Xapian::Database(dir + "/db").get_doccount(), 2u);
  EXPECT_EQ(run(kIndexBin + " --db " + dir + "/db /nonexistent.jsonl", &out), 1) << out;
  EXPECT_NE(out.find("/nonexistent.jsonl: skipped: cannot read"), std::string::npos) << out;
}

TEST(IndexCommand, KilledImportKeepsCommittedBatchesAndResumes) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  const auto& slice = test::CorpusSlice::get();
  std::string db = test::temp_dir("kill") + "/db";
  constexpr size_t kBatch = 500;
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl(kIndexBin.c_str(), "gazette-index", "--quiet", "--batch", std::to_string(kBatch).c_str(), "--db", db.c_str(),
          slice.jsonl.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill it once the first batch is committed, well before the end (waiting
  // up to two minutes for that first commit, for a loaded machine).
  Xapian::doccount seen = 0;
  for (int i = 0; i < 2400 && seen == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    try {
      seen = Xapian::Database(db).get_doccount();
    } catch (const Xapian::Error&) {
    }
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_GT(seen, 0u) << "the import never committed";

  Xapian::Database after_kill(db);
  Xapian::doccount kept = after_kill.get_doccount();
  EXPECT_GE(kept, kBatch);
  EXPECT_LT(kept, slice.articles.size());
  EXPECT_EQ(kept % kBatch, 0u) << "only whole batches are committed";

  std::string out;
  EXPECT_EQ(run(kIndexBin + " --quiet --db " + db + " " + slice.jsonl, &out), 0) << out;
  Xapian::Database resumed(db);
  EXPECT_EQ(resumed.get_doccount(), slice.articles.size());
  std::set<std::string> ids;
  for (auto t = resumed.allterms_begin(schema::kId); t != resumed.allterms_end(schema::kId); ++t) {
    EXPECT_EQ(t.get_termfreq(), 1u) << *t;
    ids.insert(*t);
  }
  EXPECT_EQ(ids.size(), slice.articles.size());
  EXPECT_NE(out.find(std::to_string(kept) + " unchanged"), std::string::npos) << out;
  // The spelling data is the titles', as after an import in one go.
  EXPECT_EQ(spelling_of(resumed), spelling_of(Xapian::Database(slice.db)));
}

}  // namespace
}  // namespace gazette
