#include "indexer/live_writer.h"

#include "indexer/upsert.h"

namespace gazette {

WriteCounts LiveWriter::put(const std::vector<Article>& articles) {
  DocumentBuilder builder;
  std::lock_guard<std::mutex> lock(mutex_);
  Xapian::WritableDatabase db = open_();
  WriteCounts outcome;
  for (const Article& a : articles) write_article(db, builder, a, outcome);
  commit(db);
  return outcome;
}

bool LiveWriter::remove(const std::string& id) {
  const std::string term = DocumentBuilder::id_term(id);
  std::lock_guard<std::mutex> lock(mutex_);
  Xapian::WritableDatabase db = open_();
  if (db.get_termfreq(term) == 0) return false;
  db.delete_document(term);
  commit(db);
  return true;
}

void LiveWriter::add_spelling(const std::vector<Article>& articles) {
  DocumentBuilder builder;
  std::lock_guard<std::mutex> lock(mutex_);
  Xapian::WritableDatabase db = open_();
  for (const Article& a : articles) add_title_spelling(db, builder, a);
  commit(db);
}

}  // namespace gazette
