// Reading the stored form back (common/stored_document.h): every article of
// the committed fixture reads back as it was imported, with the entities the
// indexer found, and data that is not a stored article is a Problem naming
// the document, never a crash or an empty article.
#include <algorithm>
#include <set>

#include <gtest/gtest.h>
#include <xapian.h>

#include "common/date.h"
#include "common/schema.h"
#include "common/stored_data.h"
#include "common/stored_document.h"
#include "corpus_fixture.h"

namespace gazette {
namespace {

// Every field of the article but its entities (the indexer's finds).
void expect_same_fields(const Article& read, const Article& written) {
  EXPECT_EQ(read.id, written.id);
  EXPECT_EQ(read.source, written.source);
  EXPECT_EQ(read.url, written.url);
  EXPECT_EQ(read.title, written.title);
  EXPECT_EQ(read.summary, written.summary);
  EXPECT_EQ(read.published, written.published);
  EXPECT_EQ(read.date.iso(), written.date.iso());
  EXPECT_EQ(read.section, written.section);
  EXPECT_EQ(read.tags, written.tags);
  EXPECT_EQ(read.authors, written.authors);
  EXPECT_EQ(read.body, written.body);
  EXPECT_EQ(read.truncated, written.truncated);
}

TEST(StoredDocument, EveryArticleReadsBackAsImported) {
  const test::CorpusSlice& slice = test::CorpusSlice::committed();
  Xapian::Database db(slice.db);
  ASSERT_EQ(slice.articles.size(), test::kFixtureArticles);
  size_t with_entities = 0;
  for (const Article& imported : slice.articles) {
    auto docid = find_article(db, imported.id);
    ASSERT_TRUE(docid) << imported.id;
    const Xapian::Document doc = db.get_document(*docid);
    Result<Article> read = read_article(doc);
    ASSERT_TRUE(read) << imported.id << ": " << read.problem().message;
    SCOPED_TRACE(imported.id);
    expect_same_fields(*read, imported);
    // The entities stored in the data are those of the facet slot.
    std::set<std::string> ids;
    for (const Entity& e : read->entities) {
      ids.insert(e.id);
      EXPECT_FALSE(e.name.empty()) << e.id;
      EXPECT_GE(e.mentions, 1u) << e.id;
    }
    std::set<std::string> in_slot;
    for_each_entity(doc.get_value(schema::kEntitiesSlot), [&](EntityEntry e) { in_slot.emplace(e.id); });
    EXPECT_EQ(ids, in_slot) << imported.id;
    with_entities += !ids.empty();
  }
  // Wikinews articles name people and places: most have entities.
  EXPECT_GT(with_entities, test::kFixtureArticles / 2);
}

TEST(StoredDocument, EveryIdReadsTheSameOneByOneAndAllAtOnce) {
  const test::CorpusSlice& slice = test::CorpusSlice::committed();
  Xapian::Database db(slice.db);
  const std::vector<std::string> ids = article_ids(db);
  ASSERT_EQ(ids.size(), db.get_lastdocid() + 1);
  for (const Article& imported : slice.articles) {
    auto docid = find_article(db, imported.id);
    ASSERT_TRUE(docid) << imported.id;
    EXPECT_EQ(ids[*docid], imported.id);
    EXPECT_EQ(article_id(db, *docid), imported.id);
  }
  EXPECT_EQ(static_cast<size_t>(std::count_if(ids.begin(), ids.end(), [](const auto& id) { return !id.empty(); })),
            slice.articles.size());
  EXPECT_TRUE(ids[0].empty());  // no document 0
}

TEST(StoredDocument, FrenchTextAndEscapesRoundTrip) {
  Article a;
  a.id = "rt-1";
  a.title = "L’Élysée répond aux « gilets jaunes » : \"non\"";
  a.summary = "Œuvre d'art\tà l’œil\\nu";
  a.body = "Premier paragraphe.\n\nSecond, avec un emoji 🎉 et \u00a0insécable.";
  a.published = "2019-01-05T10:00:00Z";
  a.date = *parse_date(a.published);
  a.section = "Politique";
  a.tags = {"Gilets jaunes", "Emmanuel Macron"};
  a.authors = {"Anne-Sophie Lévêque"};
  a.truncated = true;
  Entity macron{"p:emmanuel-macron", "Emmanuel Macron", EntityType::kPerson, {"Macron", "M. Macron"}, 3};
  Xapian::Document doc;
  write_stored_fields(doc, a, {macron}, {}, stored_form(a));
  Result<Article> read = read_article(doc);
  ASSERT_TRUE(read) << read.problem().message;
  expect_same_fields(*read, a);
  EXPECT_TRUE(read->truncated);
  ASSERT_EQ(read->entities.size(), 1u);
  EXPECT_EQ(read->entities[0].id, "p:emmanuel-macron");
  EXPECT_EQ(read->entities[0].type, EntityType::kPerson);
  EXPECT_EQ(read->entities[0].aliases, macron.aliases);
  EXPECT_EQ(read->entities[0].mentions, 3u);
}

// A hit reads the article whole but for what it never shows: the quotes and
// the entities' aliases.
TEST(StoredDocument, AHitReadsAllButQuotesAndAliases) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  size_t with_quotes = 0, with_aliases = 0;
  for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
    const Xapian::Document doc = db.get_document(did);
    Result<Article> whole = read_article(doc), hit = read_hit_article(doc);
    ASSERT_TRUE(whole) << whole.problem().message;
    ASSERT_TRUE(hit) << hit.problem().message;
    SCOPED_TRACE(whole->id);
    expect_same_fields(*hit, *whole);
    EXPECT_TRUE(hit->quotes.empty());
    with_quotes += !whole->quotes.empty();
    ASSERT_EQ(hit->entities.size(), whole->entities.size());
    for (size_t e = 0; e < whole->entities.size(); ++e) {
      EXPECT_EQ(hit->entities[e].id, whole->entities[e].id);
      EXPECT_EQ(hit->entities[e].name, whole->entities[e].name);
      EXPECT_EQ(hit->entities[e].type, whole->entities[e].type);
      EXPECT_EQ(hit->entities[e].mentions, whole->entities[e].mentions);
      EXPECT_TRUE(hit->entities[e].aliases.empty());
      with_aliases += !whole->entities[e].aliases.empty();
    }
  }
  // Not vacuous: the fixture's articles have quotes and aliases to leave out.
  EXPECT_GT(with_quotes, 10u);
  EXPECT_GT(with_aliases, 10u);
}

TEST(StoredDocument, RecordIsAZstdFrameInItsSlotAndOlderFormsStillRead) {
  const test::CorpusSlice& slice = test::CorpusSlice::committed();
  Xapian::Database db(slice.db);
  const Article& imported = slice.articles.front();
  const Xapian::Document doc = db.get_document(*find_article(db, imported.id));
  // A value, not the document data (schema.h, kRecordSlot).
  EXPECT_EQ(doc.get_data(), "");
  const std::string data = doc.get_value(schema::kRecordSlot);
  ASSERT_GE(data.size(), 4u);
  EXPECT_EQ(data.substr(0, 4), std::string("\x28\xB5\x2F\xFD")) << "the frame's magic number";
  std::string json, why;
  ASSERT_TRUE(unpack_stored_data(data, json, why)) << why;
  EXPECT_LT(data.size(), json.size());
  EXPECT_EQ(json.front(), '{');

  // An index written before schema 10 holds the frame as the document data,
  // and one written before that the JSON itself: both read the same.
  for (const std::string& older : {data, json}) {
    Xapian::Document old;
    old.set_data(older);
    Result<Article> read = read_article(old);
    ASSERT_TRUE(read) << read.problem().message;
    expect_same_fields(*read, imported);
  }

  // Short JSON is not worth a frame.
  EXPECT_EQ(pack_stored_data(R"({"id": "x"})"), R"({"id": "x"})");

  // A damaged frame is a Problem, never a crash: cut short, or claiming more
  // than any article.
  for (const std::string& damaged : {data.substr(0, data.size() / 2), data.substr(0, 5)}) {
    Xapian::Document bad, bad_before_10;
    bad.add_value(schema::kRecordSlot, damaged);
    bad_before_10.set_data(damaged);
    for (const Xapian::Document& d : {bad, bad_before_10}) {
      Result<Article> r = read_article(d);
      ASSERT_FALSE(r);
      EXPECT_EQ(r.problem().code, "bad_stored_document");
      EXPECT_NE(r.problem().message.find("zstd"), std::string::npos) << r.problem().message;
    }
  }
  // Frame header: magic, descriptor 0xE0 (one segment, 8-byte content size),
  // then a content size of 2^40 bytes.
  std::string huge("\x28\xB5\x2F\xFD\xE0", 5);
  huge += std::string("\x00\x00\x00\x00\x00\x01\x00\x00", 8);
  ASSERT_FALSE(unpack_stored_data(huge, json, why));
  EXPECT_NE(why.find("oversized"), std::string::npos) << why;
  // A changed byte in the middle fails the frame's checksum.
  std::string flipped = data;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x20);
  EXPECT_FALSE(unpack_stored_data(flipped, json, why));
}

TEST(StoredDocument, AnArticleLargerThanAFrameMayHoldIsStoredAsJsonAndReadsBack) {
  // A text file has no size limit at import (JSON Lines stops at 32 MiB).
  Article a;
  a.id = "grand";
  a.title = "Un très long texte";
  a.body = std::string(kMaxStoredJsonBytes + 1, 'a');
  Xapian::Document doc;
  write_stored_fields(doc, a, {}, {}, stored_form(a));
  EXPECT_EQ(doc.get_value(schema::kRecordSlot).front(), '{');
  Result<Article> read = read_article(doc);
  ASSERT_TRUE(read) << read.problem().message;
  EXPECT_EQ(read->body.size(), a.body.size());
}

TEST(StoredDocument, DataThatIsNotAStoredArticleIsAProblemNamingTheDocument) {
  for (const std::string data : {"", "not json", "[1, 2]", R"({"id": "x", "title": 3})", R"({"id": "x", "tags": "a"})",
                                 R"({"title": "sans identifiant"})", R"({"id": "x", "body": "coupé)"}) {
    Xapian::Document doc;
    doc.add_value(schema::kRecordSlot, data);
    Result<Article> read = read_article(doc);
    ASSERT_FALSE(read) << data;
    EXPECT_EQ(read.problem().code, "bad_stored_document") << data;
    EXPECT_EQ(read.problem().where, "document 0") << data;
  }
  for (const std::string data : {R"({"": n})", R"({"id": "x", "title": nul})"}) {
    Xapian::Document doc;
    doc.add_value(schema::kRecordSlot, data);
    EXPECT_FALSE(read_article(doc)) << data;
  }
  // A field given twice counts its first time, for both readers.
  Xapian::Document twice;
  twice.add_value(schema::kRecordSlot,
                  R"({"id": "x", "title": null, "title": "premier", "title": "second", "id": "y"})");
  ASSERT_TRUE(read_article(twice));
  EXPECT_EQ(read_article(twice)->title, "premier");
  EXPECT_EQ(read_article(twice)->id, "x");
  EXPECT_EQ(read_title(twice)->title, "premier");
  Xapian::Document doc;
  doc.add_value(schema::kRecordSlot, R"({"id": "x", "title": "Titre", "published": null, "later_field": {"a": [1]}})");
  Result<Article> read = read_article(doc);
  ASSERT_TRUE(read) << read.problem().message;
  EXPECT_EQ(read->title, "Titre");
}

}  // namespace
}  // namespace gazette
