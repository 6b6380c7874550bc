#include "indexer/live_writer.h"

#include "indexer/upsert.h"

namespace gazette {

WriteCounts LiveWriter::put(const std::vector<Article>& articles) {
  DocumentBuilder builder;
  std::lock_guard<std::mutex> lock(mutex_);
  Xapian::WritableDatabase db(db_path_, Xapian::DB_CREATE_OR_OPEN);
  WriteCounts outcome;
  for (const Article& a : articles) {
    StoredForm stored = stored_form(a);
    if (is_unchanged(db, stored))
      ++outcome.unchanged;
    else
      (upsert(db, builder, a, stored) == UpsertResult::kAdded ? outcome.added : outcome.replaced)++;
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
