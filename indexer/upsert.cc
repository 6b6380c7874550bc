#include "indexer/upsert.h"

#include "common/article_json.h"
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
  for (const auto& word : builder.spelling_words(article.title)) db.add_spelling(word);
  return result;
}

}  // namespace gazette
