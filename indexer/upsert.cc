#include "indexer/upsert.h"

#include "common/schema.h"

namespace gazette {

BuiltArticle build_article(DocumentBuilder& builder, const Article& article) {
  Xapian::Document doc = builder.build(article);
  std::string hash = doc.get_value(schema::kHashSlot);
  return {DocumentBuilder::id_term(article.id), std::move(hash), std::move(doc),
          builder.spelling_words(article.title)};
}

UpsertResult upsert(Xapian::WritableDatabase& db, const BuiltArticle& article) {
  UpsertResult result = UpsertResult::kAdded;
  Xapian::PostingIterator existing = db.postlist_begin(article.id_term);
  if (existing != db.postlist_end(article.id_term)) {
    if (db.get_document(*existing).get_value(schema::kHashSlot) == article.hash) return UpsertResult::kUnchanged;
    result = UpsertResult::kReplaced;
  }
  db.replace_document(article.id_term, article.doc);
  for (const auto& word : article.title_words) db.add_spelling(word);
  return result;
}

}  // namespace gazette
