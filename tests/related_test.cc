// Related coverage (search/related.h) on an index made for the purpose: which
// words of an article bring its candidates. A word found in many articles
// (more than 1/64 of them, and more than 100) only raises candidates that
// share a rarer word with the article; it brings none of its own. The same
// over a remote shard (xapian-tcpsrv), where the words' frequencies come
// from a match's statistics: the test is in the cluster tests' binary.
// Candidates re-ranked from memory (the revision's columns and stories) or
// from their values: the same lists, on one index and on local shards.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "common/schema.h"
#include "common/stored_document.h"
#include "corpus_fixture.h"
#include "indexer/live_writer.h"
#include "search/related.h"
#include "stories/stories.h"
#include "stories/story_members.h"
#include "xapian_servers.h"

namespace gazette {
namespace {

Article article(const std::string& id, const std::string& title, const std::string& body) {
  Article a;
  a.id = id;
  a.source = "test";
  a.title = title;
  a.published = "2010-04-15T10:00:00Z";
  a.section = "Monde";
  a.body = body;
  return a;
}

std::vector<std::string> related_ids(Xapian::Database& db, const std::string& id, size_t size) {
  Result<std::vector<RelatedHit>> hits = find_related(db, ShardPlace::kLocal, id, size);
  EXPECT_TRUE(hits) << hits.problem().message;
  std::vector<std::string> ids;
  if (hits)
    for (const RelatedHit& h : *hits) ids.push_back(h.article.id);
  return ids;
}

// The weights related_candidates() gives the articles it finds for `id`.
std::map<std::string, double> candidate_weights(Xapian::Database& db, const std::string& id) {
  std::map<std::string, double> weight;
  Xapian::PostingIterator source = db.postlist_begin(id_term(id));
  EXPECT_NE(source, db.postlist_end(id_term(id)));
  if (source == db.postlist_end(id_term(id))) return weight;
  std::optional<Xapian::MSet> mset = related_candidates(db, ShardPlace::kLocal, *source, id, 10);
  EXPECT_TRUE(mset);
  if (!mset) return weight;
  for (auto it = mset->begin(); it != mset->end(); ++it) {
    Result<ArticleTitle> title = read_title(it.get_document());
    EXPECT_TRUE(title);
    if (title) weight[title->id] = it.get_weight();
  }
  return weight;
}

// 640 articles about town councils, 120 of which name the government (a
// common word here: in more than 100 articles and 647 / 64); the article
// about the Icelandic volcano names the government too, and shares its
// rarer words with five others and with its own update.
std::vector<Article> volcano_and_councils() {
  std::vector<Article> articles;
  for (int i = 0; i < 640; ++i) {
    const std::string n = std::to_string(i);
    articles.push_back(
        article("conseil-" + n, "Conseil municipal numéro " + n,
                (i < 120 ? "Le gouvernement et les élus du conseil municipal " : "Les élus du conseil municipal ") +
                    std::string("examinent le budget de la commune numéro ") + n + "."));
  }
  const std::string volcano =
      "L'éruption du volcan Eyjafjöll projette des cendres sur l'Europe. Le gouvernement ferme les aéroports; les "
      "cendres volcaniques menacent les réacteurs des avions.";
  articles.push_back(article("volcan", "Le volcan islandais paralyse le ciel européen", volcano));
  // A version of it (stories/versions.h): the same text, another title.
  articles.push_back(article("volcan-maj", "Le volcan islandais paralyse toujours le ciel européen", volcano));
  articles.push_back(article("cendres", "Les cendres du volcan clouent les avions au sol",
                             "Un nuage de cendres venu du volcan islandais ferme les aéroports du nord de l'Europe."));
  articles.push_back(article("eruption", "L'éruption de l'Eyjafjöll reprend",
                             "L'éruption du volcan reprend et le gouvernement islandais évacue les fermes."));
  articles.push_back(article("reacteurs", "Les réacteurs des avions face aux cendres",
                             "Les motoristes testent les réacteurs des avions dans les cendres volcaniques."));
  // Twins but for the common word.
  articles.push_back(article("plaine", "Retombées volcaniques à Akureyri",
                             "Les cendres du volcan retombent sur la plaine, selon le préfet."));
  articles.push_back(article("plaine-gouvernement", "Retombées volcaniques à Reykjavik",
                             "Les cendres du volcan retombent sur la plaine, selon le gouvernement."));
  return articles;
}

const std::set<std::string> kVolcanoRelated{"cendres", "eruption", "reacteurs", "plaine", "plaine-gouvernement"};

class RelatedTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(test::temp_dir("related-common-words"));
    LiveWriter writer(*dir_);
    writer.put(volcano_and_councils());
  }
  static void TearDownTestSuite() { delete dir_; }
  static inline std::string* dir_ = nullptr;
};

TEST_F(RelatedTest, AWordInManyArticlesBringsNoCandidateOfItsOwn) {
  Xapian::Database db(*dir_);
  ASSERT_EQ(db.get_doccount(), 647u);
  ASSERT_EQ(db.get_termfreq("Zgouvern"), 124u);  // the article and 123 others: common
  std::vector<std::string> ids = related_ids(db, "volcan", 10);
  // Only the five that share a rarer word, though the list has room for
  // ten and 123 articles share "gouvernement" with it; not its own version.
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), kVolcanoRelated);
}

TEST_F(RelatedTest, ACommonWordStillRaisesACandidateThatSharesARarerOne) {
  Xapian::Database db(*dir_);
  std::map<std::string, double> weight = candidate_weights(db, "volcan");
  ASSERT_EQ(weight.size(), 6u);  // the five, and the version that find_related drops
  ASSERT_TRUE(weight.count("plaine") && weight.count("plaine-gouvernement"));
  // The same words, and the government too: more weight.
  EXPECT_GT(weight["plaine-gouvernement"], weight["plaine"]);
}

// An article about a ferry names eleven words that are common here, each in
// more articles than the one before it (the town councils' stadium, pool,
// ...; all in fewer than half of them, or the expansion set would weigh them
// nothing), and three rarer ones that three other articles share. Those
// three differ by one word: none of the eleven, the rarest of them, the
// commonest.
TEST(RelatedCommonWords, OnlyTheTenOfMostWeightRaiseACandidate) {
  const std::vector<std::string> common = {"stade",   "piscine", "marché",  "école",   "parking", "musée",
                                           "théâtre", "jardin",  "hôpital", "tramway", "gare"};
  std::vector<Article> articles;
  for (int i = 0; i < 640; ++i) {
    const std::string n = std::to_string(i);
    std::string body = "Les élus du conseil municipal examinent le budget de la commune numéro " + n + ":";
    for (size_t k = 0; k < common.size(); ++k)
      if (i < 110 + 15 * static_cast<int>(k)) body += " " + common[k];
    articles.push_back(article("conseil-" + n, "Conseil municipal numéro " + n, body + "."));
  }
  std::string ferry = "Le ferry de Brest reprend la traversée malgré la houle; en ville, on parle de";
  for (const std::string& word : common) ferry += " " + word;
  articles.push_back(article("ferry", "Le ferry de Brest", ferry + "."));
  for (const auto& [id, word] : std::vector<std::pair<std::string, std::string>>{
           {"ferry-lune", "lune"}, {"ferry-stade", "stade"}, {"ferry-gare", "gare"}})
    articles.push_back(article(id, "Traversée à Brest", "La houle retarde le ferry, dit la " + word + "."));
  const std::string dir = test::temp_dir("related-eleven-common-words");
  LiveWriter(dir).put(articles);

  Xapian::Database db(dir);
  ASSERT_EQ(db.get_termfreq("Zstad"), 112u);  // the least common of the eleven
  ASSERT_EQ(db.get_termfreq("Zgar"), 262u);   // the commonest
  std::map<std::string, double> weight = candidate_weights(db, "ferry");
  ASSERT_TRUE(weight.count("ferry-lune") && weight.count("ferry-stade") && weight.count("ferry-gare"));
  // Of equal length, they share the same rare words: only the stadium, a
  // common word of the ten kept, adds weight; the station is the eleventh.
  EXPECT_GT(weight["ferry-stade"], weight["ferry-lune"]);
  EXPECT_DOUBLE_EQ(weight["ferry-gare"], weight["ferry-lune"]);
}

// Over two remote shards each term's frequency is the sum of two.
TEST(RelatedOverRemoteShards, TheSameRelatedAsOneLocalIndex) {
  GAZETTE_SKIP_IF_NO_XAPIAN_TOOLS();
  const std::vector<Article> articles = volcano_and_councils();
  std::vector<Article> halves[2];
  // Versions are found within a shard's writes: the update goes with its original.
  for (size_t i = 0; i < articles.size(); ++i)
    halves[articles[i].id == "volcan-maj" ? 0 : i % 2].push_back(articles[i]);
  const std::string one = test::temp_dir("related-one"),
                    dirs[2] = {test::temp_dir("related-shard-0"), test::temp_dir("related-shard-1")};
  LiveWriter(one).put(articles);
  Xapian::Database remote;
  std::vector<std::unique_ptr<test::TcpServer>> servers;
  for (const std::string& dir : dirs) {
    LiveWriter(dir).put(halves[&dir - dirs]);
    servers.push_back(std::make_unique<test::TcpServer>(dir, false));
    const std::string address = servers.back()->address();
    remote.add_database(Xapian::Remote::open("127.0.0.1", std::stoi(address.substr(address.rfind(':') + 1))));
  }
  Xapian::Database local(one);
  ASSERT_EQ(remote.get_doccount(), local.get_doccount());
  Result<std::vector<RelatedHit>> there = find_related(remote, ShardPlace::kRemote, "volcan", 10),
                                  here = find_related(local, ShardPlace::kLocal, "volcan", 10);
  ASSERT_TRUE(there && here);
  std::set<std::string> ids;
  for (const RelatedHit& h : *there) ids.insert(h.article.id);
  EXPECT_EQ(ids, kVolcanoRelated);
  ASSERT_EQ(there->size(), here->size());
  for (size_t i = 0; i < here->size(); ++i) {
    EXPECT_EQ((*there)[i].article.id, (*here)[i].article.id) << i;
    EXPECT_DOUBLE_EQ((*there)[i].score, (*here)[i].score) << i;
  }
}

std::vector<std::pair<std::string, double>> listed(const Result<std::vector<RelatedHit>>& hits) {
  EXPECT_TRUE(hits) << hits.problem().message;
  std::vector<std::pair<std::string, double>> out;
  if (hits)
    for (const RelatedHit& h : *hits) out.emplace_back(h.article.id, h.score);
  return out;
}

// The committed fixture's 100 articles have dates over years, entities and
// stories: each re-ranks the candidates, from memory as from the values.
TEST(RelatedFromMemory, TheSameListsAsFromTheIndex) {
  const auto& fixture = test::CorpusSlice::committed();
  Xapian::Database one(fixture.db);
  RevisionMemory memory = RevisionMemory::of(one, std::make_shared<const FacetColumns>(one));
  memory.stories = StoryMembership{{std::make_shared<const StoryMembers>(one)}};
  auto opened = test::open_fixture_shards();
  ASSERT_NE(opened, nullptr);
  RevisionMemory shards_memory;
  shards_memory.stories.emplace();
  for (auto& [i, shard] : opened->shards.local_shards()) {
    shards_memory.columns.push_back({shard, std::make_shared<const FacetColumns>(shard)});
    shards_memory.stories->shards.push_back(std::make_shared<const StoryMembers>(shard));
  }
  ASSERT_EQ(shards_memory.columns.size(), test::kClusterShards);
  Xapian::Database& sharded = opened->shards.database();
  size_t listed_hits = 0, in_a_story = 0, with_entities = 0;
  for (const Article& a : fixture.articles) {
    SCOPED_TRACE(a.id);
    const auto from_values = listed(find_related(one, ShardPlace::kLocal, a.id, 10));
    EXPECT_EQ(listed(find_related(one, ShardPlace::kLocal, a.id, 10, memory)), from_values);
    const auto from_shards = listed(find_related(sharded, ShardPlace::kLocal, a.id, 10, shards_memory));
    ASSERT_EQ(from_shards.size(), from_values.size());
    for (size_t i = 0; i < from_values.size(); ++i) {
      EXPECT_EQ(from_shards[i].first, from_values[i].first) << i;
      EXPECT_NEAR(from_shards[i].second, from_values[i].second, 1e-9 * from_values[i].second) << i;
    }
    listed_hits += from_values.size();
    const Xapian::Document doc = one.get_document(*find_article(one, a.id));
    in_a_story += !story_id(doc).empty();
    with_entities += !doc.get_value(schema::kEntitiesSlot).empty();
  }
  // What the comparison rests on: lists, and articles in stories and with
  // entities, whose candidates' scores the memory changes when it is wrong.
  EXPECT_GT(listed_hits, 500u);
  EXPECT_GT(in_a_story, 10u);
  EXPECT_GT(with_entities, 90u);
}

}  // namespace
}  // namespace gazette
