#include "indexer/upsert.h"

#include "common/article_json.h"
#include <ctime>

#include "common/schema.h"

namespace gazette {

StoredForm stored_form(const Article& article) {
  StoredForm s{DocumentBuilder::id_term(article.id), article_to_json(article).dump(), ""};
  s.hash = DocumentBuilder::content_hash(s.data);
  return s;
}

bool is_unchanged(Xapian::WritableDatabase& db, const StoredForm& stored) {
  Xapian::PostingIterator existing = db.postlist_begin(stored.id_term);
  return existing != db.postlist_end(stored.id_term) &&
         db.get_document(*existing).get_value(schema::kHashSlot) == stored.hash;
}

UpsertResult upsert(Xapian::WritableDatabase& db, DocumentBuilder& builder, const Article& article,
                    const StoredForm& stored) {
  UpsertResult result = db.get_termfreq(stored.id_term) ? UpsertResult::kReplaced : UpsertResult::kAdded;
  db.replace_document(stored.id_term, builder.build(article, stored.hash));
  add_title_spelling(db, builder, article);
  return result;
}

void add_title_spelling(Xapian::WritableDatabase& db, const DocumentBuilder& builder, const Article& article) {
  for (const auto& word : builder.spelling_words(article.title)) db.add_spelling(word);
}

bool write_article(Xapian::WritableDatabase& db, DocumentBuilder& builder, const Article& article,
                   WriteCounts& counts) {
  StoredForm stored = stored_form(article);
  if (is_unchanged(db, stored)) {
    ++counts.unchanged;
    return false;
  }
  (upsert(db, builder, article, stored) == UpsertResult::kAdded ? counts.added : counts.replaced)++;
  return true;
}

void commit(Xapian::WritableDatabase& db) {
  std::time_t t = std::time(nullptr);
  char now[32];
  // Not gmtime: its result is one static buffer, which the shard threads
  // would share (ThreadSanitizer reports the race).
  std::tm utc{};
  gmtime_r(&t, &utc);
  std::strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &utc);
  db.set_metadata(schema::kVersionKey, std::to_string(schema::kVersion));
  db.set_metadata(schema::kLastUpdateKey, now);
  db.commit();
}

}  // namespace gazette
