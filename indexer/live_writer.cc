#include "indexer/live_writer.h"

#include "indexer/upsert.h"

namespace gazette {

WriteOutcome LiveWriter::put(const std::vector<Article>& articles) {
  DocumentBuilder builder;
  std::vector<BuiltArticle> built;
  built.reserve(articles.size());
  for (const Article& a : articles) built.push_back(build_article(builder, a));

  std::lock_guard<std::mutex> lock(mutex_);
  Xapian::WritableDatabase db(db_path_, Xapian::DB_CREATE_OR_OPEN);
  WriteOutcome outcome;
  for (const BuiltArticle& b : built) {
    switch (upsert(db, b)) {
      case UpsertResult::kAdded: ++outcome.added; break;
      case UpsertResult::kReplaced: ++outcome.replaced; break;
      case UpsertResult::kUnchanged: ++outcome.unchanged; break;
    }
  }
  db.commit();
  return outcome;
}

bool LiveWriter::remove(const std::string& id) {
  const std::string term = DocumentBuilder::id_term(id);
  std::lock_guard<std::mutex> lock(mutex_);
  Xapian::WritableDatabase db(db_path_, Xapian::DB_CREATE_OR_OPEN);
  if (db.get_termfreq(term) == 0) return false;
  db.delete_document(term);
  db.commit();
  return true;
}

}  // namespace gazette
