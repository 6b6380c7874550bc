// Stories (issue 19): articles that follow one affair over days or weeks,
// put together at indexing and through the API's writes. Real articles: the
// shared corpus slice holds the first Le Monde articles of 2022, among them
// the first three on a policeman sought after his companion was found dead
// in Paris (29 January, 31 January, 3 February); the fourth, of 10 February
// ("Appel à témoins lancé pour le policier soupçonné d'un féminicide à
// Paris"), is past the slice and is added by the tests, as a newsroom would.
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "cluster/index_layout.h"
#include "common/article_json.h"
#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/stored_document.h"
#include "corpus_fixture.h"
#include "indexer/index_writer.h"
#include "indexer/jsonl_importer.h"
#include "search/query_builder.h"
#include "search/searcher.h"
#include "search/story_timeline.h"
#include "service_fixture.h"
#include "stories/stories.h"
#include "stories/story_members.h"
#include "stories/story_vector.h"
#include "stories/versions.h"

namespace gazette {
namespace {

using nlohmann::json;

const char kToken[] = "stories-token";
const std::vector<std::string> kAffair = {"lm-6111525", "lm-6111635", "lm-6112166"};
const char kFollowUp[] = "lm-6113188";

// An article of the shared corpus's Le Monde file.
Article corpus_article(const std::string& id) {
  std::optional<Article> found;
  import_jsonl_file(corpus_dir() + "/lemonde2022.jsonl.gz", [&](ImportRecord&& r) {
    if (!found && r.article && r.article->id == id) found = std::move(*r.article);
  });
  EXPECT_TRUE(found) << id << " is not in the shared corpus";
  return found.value_or(Article{});
}

std::string story_of(const Xapian::Database& db, const std::string& id) {
  auto did = find_article(db, id);
  EXPECT_TRUE(did) << id;
  return did ? story_id(db.get_document(*did)) : "";
}

// The stories of an index, as sets of article ids.
std::set<std::set<std::string>> stories_of(const Xapian::Database& db) {
  std::map<std::string, std::set<std::string>> by_story;
  for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d)
    by_story[story_id(db.get_document(*d))].insert(article_id(db, *d));
  std::set<std::set<std::string>> out;
  for (auto& [story, ids] : by_story) {
    EXPECT_FALSE(story.empty()) << "articles without a story: " << *ids.begin();
    out.insert(std::move(ids));
  }
  return out;
}

// The ids of a story's timeline, in order, and the one marked current.
std::vector<std::string> timeline_ids(const json& story, std::string* current = nullptr) {
  std::vector<std::string> ids;
  std::string previous_date;
  bool undated = false;  // undated articles come last, as one day without a date
  for (const auto& day : story["days"]) {
    const std::string date = day["date"];
    EXPECT_FALSE(undated) << "a day after the undated articles";
    if (date.empty())
      undated = true;
    else
      EXPECT_GT(date, previous_date);
    previous_date = date;
    for (const auto& a : day["articles"]) {
      EXPECT_EQ(a["date"], day["date"]);
      ids.push_back(a["id"]);
      if (a["current"] == true && current) *current = a["id"];
    }
  }
  return ids;
}

TEST(StoryVector, KeepsTellingWordsAndEntitiesAndSerialises) {
  const auto& slice = test::CorpusSlice::committed();
  Xapian::Database db(slice.db);
  TermStatistics stats(db);
  size_t with_entities = 0;
  for (const Article& a : slice.articles) {
    const StoryVector v = StoryVector::of_document(db, *find_article(db, a.id), stats);
    ASSERT_FALSE(v.empty()) << a.id;
    EXPECT_LE(v.terms().size(), StoryVector::kTerms);
    double norm = 0;
    for (const auto& [term, w] : v.terms()) {
      norm += w * w;
      const bool entity = term.rfind(schema::kEntity, 0) == 0;
      with_entities += entity;
      EXPECT_TRUE(entity || is_story_word(term)) << term;
      EXPECT_GE(db.get_termfreq(term), 2u) << term;
    }
    EXPECT_NEAR(norm, 1.0, 1e-4);
    auto back = StoryVector::parse(v.serialise());
    ASSERT_TRUE(back);
    ASSERT_EQ(back->terms().size(), v.terms().size());
    EXPECT_NEAR(centroid_cosine(v.terms(), {&back->terms()}), 1.0, 0.01);
  }
  EXPECT_GT(with_entities, 0u);
  EXPECT_FALSE(is_story_word("Zles"));    // a stop word
  EXPECT_FALSE(is_story_word("Z2022"));   // a number
  EXPECT_FALSE(is_story_word("ZSpari"));  // a field's stem
  EXPECT_TRUE(is_story_word("Zféminicid"));
  EXPECT_FALSE(StoryVector::parse("\x10\x30trop court"));
}

// The standfirst says what the story is: its stems weigh double, whether
// the body repeats it (Orange Actu) or not (Le Monde, here).
TEST(StoryVector, SummaryStemsWeighMoreThanTheSameWordsInTheBody) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  const std::string db = test::writable_copy(test::CorpusSlice::get().db, "stories-summary");
  const Article with_summary = corpus_article(kFollowUp);
  ASSERT_FALSE(with_summary.summary.empty());
  Article in_body = with_summary;  // the same words, the summary at the end of the body
  in_body.id += "-in-body";
  in_body.body += "\n\n" + in_body.summary;
  in_body.summary.clear();
  {
    IndexWriter writer(db, IndexOptions{}, [](const Report&) {});
    writer.add(ImportRecord{{"summary.jsonl", 1}, with_summary, std::nullopt, {}});
    writer.add(ImportRecord{{"summary.jsonl", 2}, in_body, std::nullopt, {}});
    ASSERT_EQ(writer.finish().written.added, 2u);
  }
  Xapian::Database index(db);
  TermStatistics stats(index);
  const Xapian::docid a = *find_article(index, with_summary.id), b = *find_article(index, in_body.id);
  const StoryVector va = StoryVector::of_document(index, a, stats), vb = StoryVector::of_document(index, b, stats);
  std::map<std::string, float> weight_b(vb.terms().begin(), vb.terms().end());
  // The free-text stems ("Z" + word) of the summary's words.
  std::set<std::string> summary_words;
  const FrenchAnalyzer analyzer;
  tokenize(with_summary.summary,
           [&](const Token& t) { summary_words.insert(schema::kStemPrefix + analyzer.stem(t.folded)); });
  size_t heavier = 0, lighter = 0;
  for (const auto& [term, w] : va.terms()) {
    auto other = weight_b.find(term);
    if (other == weight_b.end() || term.rfind(schema::kEntity, 0) == 0) continue;
    if (summary_words.count(term)) {
      EXPECT_GT(w, other->second) << term << ": a summary stem";
      ++heavier;
    } else {
      // The vectors are normalised: the rest weighs less beside them.
      EXPECT_LT(w, other->second) << term << ": a stem of the body only";
      ++lighter;
    }
  }
  EXPECT_GE(heavier, 2u);
  EXPECT_GE(lighter, 10u);
}

TEST(StoryVectors, ReadAtOnceAreEachDocumentsOwnVector) {
  const auto& slice = test::CorpusSlice::committed();
  Xapian::Database db(slice.db);
  const StoryVectors all(db);
  TermStatistics stats(db);
  size_t compared = 0;
  for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d, ++compared) {
    const StoryVector one = StoryVector::of_document(db, *d, stats);
    ASSERT_FALSE(one.empty()) << *d;
    // The same terms and the same floats: the stories they make are the same.
    EXPECT_EQ(all.spelt(*d).terms(), one.terms()) << *d;
    ASSERT_EQ(all.of(*d).size(), one.terms().size());
    for (size_t i = 0; i < one.terms().size(); ++i) EXPECT_EQ(all.term(all.of(*d)[i].first), one.terms()[i].first);
  }
  EXPECT_EQ(compared, slice.articles.size());
  EXPECT_TRUE(all.of(db.get_lastdocid() + 1).empty());
}

TEST(StoryVectors, ReadShardByShardAreTheStubsOwn) {
  const auto& slice = test::CorpusSlice::committed();
  const Xapian::Database stub(slice.shards);
  std::vector<Xapian::Database> shards;
  for (size_t k = 0; k < test::kClusterShards; ++k) shards.emplace_back(layout::shard_path(slice.shards, k));
  ASSERT_GT(shards.size(), 1u);
  // A thread per shard, numbered as the stub numbers its documents.
  const StoryVectors by_shard(shards), whole(stub);
  ASSERT_EQ(by_shard.term_count(), whole.term_count());
  size_t compared = 0;
  for (auto d = stub.postlist_begin(""); d != stub.postlist_end(""); ++d, ++compared) {
    ASSERT_FALSE(whole.of(*d).empty()) << *d;
    EXPECT_EQ(by_shard.of(*d), whole.of(*d)) << *d;
  }
  EXPECT_EQ(compared, slice.articles.size());

  // So are the stories found from them.
  const auto from_shards = find_all_stories(shards), from_stub = find_all_stories({stub});
  ASSERT_EQ(from_shards.size(), slice.articles.size());
  ASSERT_EQ(from_shards.size(), from_stub.size());
  std::set<std::string> stories;
  for (size_t i = 0; i < from_stub.size(); ++i) {
    EXPECT_EQ(from_shards[i].doc, from_stub[i].doc);
    EXPECT_EQ(from_shards[i].story, from_stub[i].story) << from_stub[i].doc;
    EXPECT_EQ(from_shards[i].vector, from_stub[i].vector) << from_stub[i].doc;
    stories.insert(from_stub[i].story);
  }
  EXPECT_LT(stories.size(), slice.articles.size()) << "some articles share a story";
}

TEST(Stories, FollowUpsOfOneAffairAreOneStory) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  Xapian::Database db(test::CorpusSlice::get().db);
  const std::string story = story_of(db, kAffair[0]);
  ASSERT_FALSE(story.empty());
  EXPECT_EQ(story, kAffair[0]);  // named after its first article
  for (const auto& id : kAffair) EXPECT_EQ(story_of(db, id), story) << id;
  // The day's other news is not in it: Covid at school, 1 January.
  EXPECT_NE(story_of(db, "lm-6107841"), story);

  auto timeline = story_timeline(db, kAffair[1], 100);
  ASSERT_TRUE(timeline);
  EXPECT_EQ(timeline->story.id, story);
  EXPECT_EQ(timeline->story.articles, kAffair.size());
  EXPECT_EQ(timeline->story.first, "2022-01-29");
  EXPECT_EQ(timeline->story.last, "2022-02-03");
  std::vector<std::string> ids;
  for (const StoryDay& day : timeline->days)
    for (const StoryArticle& a : day.articles) {
      ids.push_back(a.id);
      EXPECT_EQ(a.current, a.id == kAffair[1]);
    }
  EXPECT_EQ(ids, kAffair);
  EXPECT_NE(std::find(kAffair.begin(), kAffair.end(), timeline->story.central_id), kAffair.end());
  std::set<std::string> entities;
  for (const StoryEntity& e : timeline->story.entities) entities.insert(e.id);
  EXPECT_TRUE(entities.count("l:paris")) << "the story's main entities name Paris";
}

TEST(Stories, KeptShardsGiveTheStoriesOfOneIndex) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  const auto& slice = test::CorpusSlice::get();
  auto one = stories_of(Xapian::Database(slice.db));
  auto sharded = stories_of(Xapian::Database(slice.shards));
  size_t shared = 0;
  for (const auto& s : one) shared += s.size() > 1;
  std::cout << "[ stories  ] " << one.size() << " stories in the slice, " << shared << " of 2 articles or more\n";
  EXPECT_GE(shared, 300u);
  EXPECT_EQ(one, sharded);
}

// The members held in memory (story_members.h) are the articles that
// scanning the days around each article finds: in one index, and in kept
// shards searched as one (numbered across them). Each article's story and
// the key of its versions read from memory, as a hit shows them, are its
// values in the index.
TEST(Stories, MembersInMemoryAreTheStoriesFoundByDate) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  const auto& slice = test::CorpusSlice::get();
  Xapian::Database one(slice.db);
  Xapian::Database sharded;
  StoryMembership by_shard;
  for (size_t i = 0; i < test::kClusterShards; ++i) {
    Xapian::Database shard(layout::shard_path(slice.shards, i));
    sharded.add_database(shard);
    by_shard.shards.push_back(std::make_shared<const StoryMembers>(shard));
  }
  const StoryMembership whole{{std::make_shared<const StoryMembers>(one)}};
  using Case = std::pair<const Xapian::Database*, const StoryMembership*>;
  for (const auto& [db, members] : {Case{&one, &whole}, Case{&sharded, &by_shard}}) {
    size_t shared = 0, versioned = 0;
    for (auto it = db->postlist_begin(""); it != db->postlist_end(""); ++it) {
      const Xapian::docid did = *it;
      std::vector<Xapian::docid> scanned = whole_story(*db, did);
      std::sort(scanned.begin(), scanned.end());
      ASSERT_EQ(whole_story(*db, did, {}, members), scanned) << "document " << did;
      const std::string story = db->get_document(did).get_value(schema::kStorySlot);
      ASSERT_FALSE(story.empty()) << "document " << did;
      ASSERT_EQ(members->story_of(did), story) << "document " << did;
      const std::string versions = version_key(db->get_document(did));
      ASSERT_EQ(members->version_key(did), versions) << "document " << did;
      shared += scanned.size() > 1;
      versioned += !versions.empty();
    }
    EXPECT_EQ(members->story_of(db->get_lastdocid() + 1), "");
    EXPECT_EQ(members->version_key(db->get_lastdocid() + 1), "");
    EXPECT_EQ(members->version_key(0), "");
    EXPECT_GE(versioned, 40u);  // the slice's groups of versions (Versions.KeptShardsGroupAsOneIndex)
    std::cout << "[ stories  ] " << shared << " articles with others in their story, each found both ways\n";
    EXPECT_GE(shared, 1000u);
  }
}

// A search's stories, counted from the members in memory (one database) and
// by Xapian's ValueCountMatchSpy (the path of shards), are those that every
// match's value 11, counted by brute force, gives: the stories of the most
// matches, most first, ties by id.
TEST(Stories, ASearchsStoriesAreThoseOfTheMostMatches) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  const auto& slice = test::CorpusSlice::get();
  Searcher searcher{Xapian::Database(slice.db)};
  const Xapian::Database& db = searcher.database();
  const StoryMembership members{{std::make_shared<const StoryMembers>(db)}};
  QueryBuilder builder;
  using Listed = std::vector<std::pair<std::string, size_t>>;  // (story, matches)
  auto listed = [](const std::vector<StorySummary>& stories) {
    Listed out;
    for (const StorySummary& s : stories) out.emplace_back(s.id, s.matching);
    return out;
  };
  size_t ties = 0;
  for (const char* q : {"gouvernement", "policier compagne", "Ukraine", "élection présidentielle", "covid"}) {
    std::map<std::string, size_t> per_story;
    Xapian::Enquire every(db);
    every.set_query(builder.parse(q).matching);
    const Xapian::MSet matches = every.get_mset(0, db.get_doccount());
    for (auto m = matches.begin(); m != matches.end(); ++m) ++per_story[m.get_document().get_value(schema::kStorySlot)];
    per_story.erase("");
    ASSERT_GE(per_story.size(), 2u) << q << ": too few stories to rank";
    Listed expected(per_story.begin(), per_story.end());
    std::stable_sort(expected.begin(), expected.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    expected.resize(std::min<size_t>(expected.size(), 10));
    for (size_t i = 1; i < expected.size(); ++i) ties += expected[i - 1].second == expected[i].second;

    SearchRequest request;
    request.query = q;
    auto from_memory = searcher.stories(request, 10, &members);
    auto from_index = searcher.stories(request, 10, nullptr);
    ASSERT_TRUE(from_memory && from_index) << q;
    ASSERT_EQ(from_memory->size(), expected.size()) << q;
    EXPECT_EQ(listed(*from_memory), expected) << q;
    EXPECT_EQ(listed(*from_index), expected) << q;
  }
  EXPECT_GT(ties, 0u) << "no two stories with as many matches: the order of ties is untested";
}

TEST(Stories, AnImportIntoAnExistingIndexJoinsTheStory) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  const std::string db = test::writable_copy(test::CorpusSlice::get().db, "stories-import");
  {
    IndexWriter writer(db, IndexOptions{}, [](const Report&) {});
    writer.add(ImportRecord{{"follow-up.jsonl", 1}, corpus_article(kFollowUp), std::nullopt, {}});
    ImportSummary s = writer.finish();
    EXPECT_EQ(s.written.added, 1u);
    EXPECT_EQ(s.stories_touched, 1u);
  }
  Xapian::Database index(db);
  EXPECT_EQ(story_of(index, kFollowUp), kAffair[0]);
  EXPECT_FALSE(index.get_document(*find_article(index, kFollowUp)).get_value(schema::kStoryVectorSlot).empty());
}

TEST(Stories, ApiWritesJoinTheStoryAndDeletesLeaveItWhole) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  test::RunningService service(test::CorpusSlice::get().db, kToken);
  auto client = service.client();
  httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  auto posted =
      client.Post("/api/v1/articles", auth, article_to_json(corpus_article(kFollowUp)).dump(), "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 200) << posted->body;

  std::string current;
  json story = service.get(std::string("/api/v1/articles/") + kFollowUp + "/story");
  EXPECT_EQ(story["story"]["id"], kAffair[0]);
  EXPECT_EQ(story["story"]["articles"], 4);
  EXPECT_EQ(story["story"]["last"], "2022-02-10");
  EXPECT_EQ(story["complete"], true);
  std::vector<std::string> expected = kAffair;
  expected.push_back(kFollowUp);
  EXPECT_EQ(timeline_ids(story, &current), expected);
  EXPECT_EQ(current, kFollowUp);
  // A window of two around the current article.
  json window = service.get(std::string("/api/v1/articles/") + kFollowUp + "/story?size=2");
  EXPECT_EQ(timeline_ids(window), (std::vector<std::string>{kAffair[2], kFollowUp}));
  EXPECT_EQ(window["complete"], false);

  json found = service.get("/api/v1/stories?q=policier%20compagne&from=2022-01-01&to=2022-03-01");
  ASSERT_FALSE(found["stories"].empty());
  const json* affair = nullptr;
  for (const auto& s : found["stories"])
    if (s["id"] == kAffair[0]) affair = &s;
  ASSERT_TRUE(affair) << found.dump();
  EXPECT_EQ((*affair)["articles"], 4);
  EXPECT_GE((*affair)["matching"], 3);
  EXPECT_LE((*affair)["matching"], 4);
  EXPECT_EQ(found["stories"][0]["matching"] >= (*affair)["matching"], true);

  // The second article goes: the story keeps its id, its articles, its span.
  ASSERT_EQ(client.Delete(std::string("/api/v1/articles/") + kAffair[1], auth)->status, 200);
  json after = service.get(std::string("/api/v1/articles/") + kAffair[0] + "/story");
  EXPECT_EQ(after["story"]["id"], kAffair[0]);
  EXPECT_EQ(after["story"]["articles"], 3);
  EXPECT_EQ(timeline_ids(after), (std::vector<std::string>{kAffair[0], kAffair[2], kFollowUp}));
  // Its first article too: the others still name the story after it.
  ASSERT_EQ(client.Delete(std::string("/api/v1/articles/") + kAffair[0], auth)->status, 200);
  json last = service.get(std::string("/api/v1/articles/") + kFollowUp + "/story");
  EXPECT_EQ(last["story"]["id"], kAffair[0]);
  EXPECT_EQ(timeline_ids(last), (std::vector<std::string>{kAffair[2], kFollowUp}));
  EXPECT_EQ(last["story"]["first"], "2022-02-03");
}

TEST(Stories, BadRequestsAreNamed) {
  test::RunningService service(test::CorpusSlice::committed().db, kToken);
  int status = 0;
  json e = service.get("/api/v1/articles/nulle-part/story", &status);
  EXPECT_EQ(status, 404);
  EXPECT_EQ(e["error"]["code"], "not_found");
  e = service.get("/api/v1/stories?size=0", &status);
  EXPECT_EQ(status, 400);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("'size'"), std::string::npos);
  service.get("/api/v1/stories?sort=date", &status);
  EXPECT_EQ(status, 400);
  service.get("/api/v1/stories?from=2022-02-01&to=2022-01-01", &status);
  EXPECT_EQ(status, 400);
  service.get("/api/v1/articles/" + test::CorpusSlice::committed().articles[0].id + "/story?size=501", &status);
  EXPECT_EQ(status, 400);
  // Every article of the fixture has a story, at least of its own.
  for (const Article& a : test::CorpusSlice::committed().articles) {
    json story = service.get("/api/v1/articles/" + a.id + "/story", &status);
    ASSERT_EQ(status, 200) << a.id;
    EXPECT_GE(story["story"]["articles"].get<size_t>(), 1u);
    std::string current;
    timeline_ids(story, &current);
    EXPECT_EQ(current, a.id);
  }
}

}  // namespace
}  // namespace gazette
