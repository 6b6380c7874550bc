// Versions (issue 19): near-duplicate texts found at indexing, grouped, and
// shown once. Real articles: the committed Wikinews fixture, the shared
// corpus slice (which holds real AFP updates: "Braquage de Kardashian: le
// parquet demande les assises pour 11 suspects", then "... pour 12
// suspects"), and updated copies of fixture articles written through the
// importer and the API.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "common/article_json.h"
#include "common/schema.h"
#include "common/stored_document.h"
#include "corpus_fixture.h"
#include "indexer/index_writer.h"
#include "indexer/live_writer.h"
#include "search/searcher.h"
#include "service_fixture.h"
#include "stories/story_members.h"
#include "stories/versions.h"

namespace gazette {
namespace {

using nlohmann::json;

const char kToken[] = "versions-token";

std::optional<MinHashSignature> signature_of(const Article& a) {
  const FreeText text = free_text(a.summary, a.body);  // as the indexer reads it
  return MinHashSignature::of_texts({a.title, text.summary, text.body});
}

// The fixture article with the longest body: an update of it keeps most of
// its text.
const Article& longest_fixture_article() {
  const auto& articles = test::CorpusSlice::committed().articles;
  return *std::max_element(articles.begin(), articles.end(),
                           [](const Article& a, const Article& b) { return a.body.size() < b.body.size(); });
}

// What a wire service sends as an update: the same text, its last paragraph
// rewritten, a new id, a slightly different title, the same day.
Article updated_copy(const Article& a, const std::string& id) {
  Article copy = a;
  copy.id = id;
  copy.title = a.title + " (mise à jour)";
  copy.body = a.body.substr(0, a.body.rfind("\n\n")) +
              "\n\nMise à jour : selon un nouveau bilan communiqué dans la soirée, les chiffres ont été revus.";
  return copy;
}

// The groups of versions of an index, as sets of article ids.
std::set<std::set<std::string>> groups_of(const Xapian::Database& db) {
  std::map<std::string, std::set<std::string>> by_key;
  for (auto v = db.valuestream_begin(schema::kVersionsSlot); v != db.valuestream_end(schema::kVersionsSlot); ++v) {
    Result<ArticleTitle> title = read_title(db.get_document(v.get_docid()));
    EXPECT_TRUE(title);
    if (title) by_key[*v].insert(title->id);
  }
  std::set<std::set<std::string>> groups;
  for (auto& [key, ids] : by_key) groups.insert(std::move(ids));
  return groups;
}

TEST(MinHash, AnUpdateIsSimilarDistinctArticlesAreNot) {
  const Article& a = longest_fixture_article();
  auto original = signature_of(a);
  auto update = signature_of(updated_copy(a, "x"));
  ASSERT_TRUE(original && update);
  EXPECT_EQ(original->similarity(*original), 1.0);
  EXPECT_GE(original->similarity(*update), kMinSimilarity);
  // No two of the 100 Wikinews articles are versions of each other.
  const auto& articles = test::CorpusSlice::committed().articles;
  double most = 0;
  for (size_t i = 0; i < articles.size(); ++i)
    for (size_t j = i + 1; j < articles.size(); ++j) {
      auto si = signature_of(articles[i]), sj = signature_of(articles[j]);
      if (si && sj) most = std::max(most, si->similarity(*sj));
    }
  std::cout << "[ minhash  ] most similar distinct fixture articles: " << most << "\n";
  EXPECT_LT(most, kMinSimilarity);
}

TEST(MinHash, SerialisesShortTextsHaveNone) {
  auto s = signature_of(longest_fixture_article());
  ASSERT_TRUE(s);
  auto back = MinHashSignature::parse(s->serialise());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->similarity(*s), 1.0);
  EXPECT_EQ(back->band_keys(), s->band_keys());
  EXPECT_FALSE(MinHashSignature::parse("trop court"));
  EXPECT_FALSE(MinHashSignature::of_texts({"Brève : l’Assemblée a voté."}));
}

// Signatures are stored: those an index holds must compare with those the
// next build computes, on any CPU (the hash functions run four at a time
// where it has AVX2). The value is the one the first indexer wrote.
TEST(MinHash, TheSignatureOfAKnownTextIsTheOneStoredBefore) {
  const auto s = MinHashSignature::of_texts(
      {"Le Conseil constitutionnel valide l’essentiel de la réforme des retraites",
       "Les Sages ont censuré six dispositions, dont l’index des seniors, mais le report de l’âge légal de départ "
       "à 64 ans est validé. Les syndicats appellent à une nouvelle journée de mobilisation le 1er mai, "
       "« journée de lutte » partout en France."});
  ASSERT_TRUE(s);
  std::string hex;
  for (unsigned char c : s->serialise()) hex += "0123456789abcdef"[c >> 4], hex += "0123456789abcdef"[c & 15];
  EXPECT_EQ(hex,
            "c095638a1979c534d9e90982f7db915fe2989c3d27718a81e0fa5395b0b7b51d"
            "a45298c95625cc1ffa80f0901bf926635150d03e5d81ff6b3c724f1b52718c24"
            "507ddd9ecfb4573822eabab3c99a13e5a9ca8ad28830a90731247908201ad4a8"
            "a1bb33c198020230264b954c90ed32cb7ad3241f34d2761ea5f0d9f8f77370d2");
}

TEST(MinHash, TheIndexerStoresTheSignatureOfTheText) {
  const auto& slice = test::CorpusSlice::committed();
  Xapian::Database db(slice.db);
  size_t checked = 0;
  for (const Article& a : slice.articles) {
    auto did = find_article(db, a.id);
    ASSERT_TRUE(did) << a.id;
    auto expected = signature_of(a);
    const std::string stored = db.get_document(*did).get_value(schema::kSignatureSlot);
    EXPECT_EQ(stored, expected ? expected->serialise() : "") << a.id;
    checked += !stored.empty();
  }
  EXPECT_GE(checked, 90u);
}

TEST(Versions, AnAfpUpdateIsCollapsedIntoOneHit) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  Xapian::Database db(test::CorpusSlice::get().db);
  auto a = find_article(db, "CNT000001qCcZK"), b = find_article(db, "CNT000001qCtdA");
  ASSERT_TRUE(a && b);
  const std::string key = version_key(db.get_document(*a));
  EXPECT_FALSE(key.empty());
  EXPECT_EQ(version_key(db.get_document(*b)), key);

  Searcher searcher(db);
  SearchRequest request;
  request.query = "Kardashian braquage assises suspects";
  request.limit = 100;
  SearchResult collapsed = searcher.search(request);
  request.collapse = false;
  SearchResult all = searcher.search(request);
  auto ids = [](const SearchResult& r) {
    std::map<std::string, size_t> out;
    for (const Hit& h : r.hits) out[h.article.id] = h.versions;
    return out;
  };
  auto shown = ids(collapsed), every = ids(all);
  // The keys read from memory (as the service reads them) collapse the same.
  RevisionMemory memory;
  memory.stories = StoryMembership{{std::make_shared<const StoryMembers>(db)}};
  request.collapse = true;
  EXPECT_EQ(ids(searcher.search(request, memory)), shown);
  request.collapse = false;
  EXPECT_EQ(ids(searcher.search(request, memory)), every);
  EXPECT_TRUE(every.count("CNT000001qCcZK") && every.count("CNT000001qCtdA"));
  EXPECT_EQ(shown.count("CNT000001qCcZK") + shown.count("CNT000001qCtdA"), 1u);
  for (const char* id : {"CNT000001qCcZK", "CNT000001qCtdA"}) {
    if (shown.count(id)) {
      EXPECT_EQ(shown[id], 1u);
    }
  }
  EXPECT_EQ(collapsed.total, all.total);  // the total counts every article
  ASSERT_EQ(all.hits.size(), all.total);  // every hit on the one page
  EXPECT_LT(collapsed.hits.size(), all.hits.size());
  EXPECT_EQ(collapsed.hits_total, collapsed.hits.size());
  // A later page collapses too: past the last collapsed hit there is none.
  request.collapse = true;
  request.offset = collapsed.hits.size();
  EXPECT_TRUE(searcher.search(request).hits.empty());
  request.offset = collapsed.hits.size() - 1;
  SearchResult last = searcher.search(request);
  ASSERT_EQ(last.hits.size(), 1u);
  EXPECT_EQ(last.hits[0].article.id, collapsed.hits.back().article.id);

  auto versions = searcher.versions("CNT000001qCcZK");
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ((*versions)[0].id, "CNT000001qCtdA");
}

TEST(Versions, KeptShardsGroupAsOneIndex) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  const auto& slice = test::CorpusSlice::get();
  auto one = groups_of(Xapian::Database(slice.db));
  auto sharded = groups_of(Xapian::Database(slice.shards));
  std::cout << "[ versions ] " << one.size() << " groups in the slice\n";
  EXPECT_GE(one.size(), 20u);
  EXPECT_EQ(one, sharded);
}

// The key is a value: a group is found again from its members' bands, and
// from any member it is every document under its key.
TEST(Versions, EachMemberFindsItsWholeGroup) {
  GAZETTE_SKIP_IF_NO_CORPUS();
  const auto& slice = test::CorpusSlice::get();
  for (const std::string& path : {slice.db, slice.shards}) {
    Xapian::Database db(path);
    std::map<std::string, std::vector<Xapian::docid>> by_key;
    for (auto v = db.valuestream_begin(schema::kVersionsSlot); v != db.valuestream_end(schema::kVersionsSlot); ++v)
      by_key[*v].push_back(v.get_docid());
    ASSERT_GE(by_key.size(), 20u) << path;
    for (const auto& [key, members] : by_key) {
      for (Xapian::docid did : members) {
        EXPECT_EQ(version_group(db, did, key), members) << path << " " << key;
        EXPECT_EQ(other_versions(db, did, key), members.size() - 1);
      }
    }
    EXPECT_EQ(version_group(db, 1, ""), std::vector<Xapian::docid>{1});
  }
}

// Two successive updates of one dispatch: a group of three, found whole
// from each of its members.
TEST(Versions, AGroupOfThreeIsFoundFromEachMember) {
  const std::string path = test::writable_copy(test::CorpusSlice::committed().db, "versions-three");
  const Article& a = longest_fixture_article();
  Article first = updated_copy(a, "maj-1");
  Article second = updated_copy(first, "maj-2");
  second.body = "Dernière minute : le ministère a confirmé ces chiffres.\n\n" + second.body;
  LiveWriter(path).put({first, second});
  Xapian::Database db(path);
  std::vector<Xapian::docid> members;
  for (const std::string& id : {a.id, first.id, second.id}) {
    auto did = find_article(db, id);
    ASSERT_TRUE(did) << id;
    members.push_back(*did);
  }
  std::sort(members.begin(), members.end());
  const std::string key = version_key(db.get_document(members[0]));
  ASSERT_FALSE(key.empty());
  for (Xapian::docid did : members) {
    EXPECT_EQ(version_key(db.get_document(did)), key);
    EXPECT_EQ(version_group(db, did, key), members);
    EXPECT_EQ(other_versions(db, did, key), 2u);
  }
}

TEST(Versions, AnImportIntoAnExistingIndexGroupsWhatItWrites) {
  const std::string db = test::writable_copy(test::CorpusSlice::committed().db, "versions-import");
  const Article& a = longest_fixture_article();
  {
    IndexWriter writer(db, IndexOptions{}, [](const Report&) {});
    writer.add(ImportRecord{{"update.jsonl", 1}, updated_copy(a, "maj-1"), std::nullopt, {}});
    ImportSummary s = writer.finish();
    EXPECT_EQ(s.written.added, 1u);
    EXPECT_EQ(s.versions_grouped, 2u);
  }
  Xapian::Database index(db);
  EXPECT_EQ(groups_of(index), (std::set<std::set<std::string>>{{a.id, "maj-1"}}));
}

TEST(Versions, ApiWritesJoinAndLeaveGroups) {
  test::RunningService service(test::CorpusSlice::committed().db, kToken);
  auto client = service.client();
  httplib::Headers auth{{"Authorization", std::string("Bearer ") + kToken}};
  const Article& a = longest_fixture_article();
  auto posted =
      client.Post("/api/v1/articles", auth, article_to_json(updated_copy(a, "maj-api")).dump(), "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 200) << posted->body;

  const std::string q = "/api/v1/search?q=" + httplib::detail::encode_query_param(a.title);
  json collapsed = service.get(q), all = service.get(q + "&collapse=false");
  auto position = [](const json& r, const std::string& id) {
    for (size_t i = 0; i < r["hits"].size(); ++i)
      if (r["hits"][i]["id"] == id) return static_cast<int>(i);
    return -1;
  };
  EXPECT_GE(position(all, a.id), 0);
  EXPECT_GE(position(all, "maj-api"), 0);
  int shown = std::max(position(collapsed, a.id), position(collapsed, "maj-api"));
  ASSERT_GE(shown, 0);
  EXPECT_EQ(position(collapsed, a.id) >= 0 && position(collapsed, "maj-api") >= 0, false);
  EXPECT_EQ(collapsed["hits"][shown]["versions"], 1);
  EXPECT_EQ(collapsed["total"], all["total"]);
  json versions = service.get("/api/v1/articles/maj-api/versions");
  ASSERT_EQ(versions["versions"].size(), 1u);
  EXPECT_EQ(versions["versions"][0]["id"], a.id);
  EXPECT_EQ(test::first_unsorted_object(client.Get("/api/v1/articles/maj-api/versions")->body), "");
  int status = 0;
  service.get("/api/v1/search?q=x&collapse=oui", &status);
  EXPECT_EQ(status, 400);

  ASSERT_EQ(client.Delete("/api/v1/articles/maj-api", auth)->status, 200);
  EXPECT_TRUE(service.get("/api/v1/articles/" + a.id + "/versions")["versions"].empty());
  json after = service.get(q);
  ASSERT_GE(position(after, a.id), 0);
  EXPECT_EQ(after["hits"][position(after, a.id)]["versions"], 0);
  service.get("/api/v1/articles/maj-api/versions", &status);
  EXPECT_EQ(status, 404);
}

}  // namespace
}  // namespace gazette
