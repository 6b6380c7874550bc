#include "indexer/live_writer.h"

#include "indexer/upsert.h"
#include "stories/stories.h"
#include "stories/versions.h"

namespace gazette {

template <typename Change>
bool LiveWriter::write(Change change) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::unique_lock<std::shared_mutex> turn;
  if (gate_) turn = gate_->write_turn();
  Xapian::WritableDatabase db = open_();
  if (!change(db)) return false;
  commit(db);
  return true;
}

WriteCounts LiveWriter::put(const std::vector<Article>& articles, std::vector<Xapian::docid>* replaced) {
  DocumentBuilder builder;
  WriteCounts outcome;
  write([&](Xapian::WritableDatabase& db) {
    std::vector<Xapian::docid> written;
    for (const Article& a : articles) {
      Xapian::docid did = 0;
      size_t replaced_before = outcome.replaced;
      if (!write_article(db, builder, a, outcome, nullptr, &did)) continue;
      add_title_spelling(db, builder, a);
      written.push_back(did);
      if (replaced && outcome.replaced > replaced_before) replaced->push_back(did);
    }
    // In the same commit: a reader never sees a new copy uncollapsed.
    for (const VersionKeyChange& c : find_version_changes(db, written)) write_version_key(db, c.doc, c.key);
    for (const StoryChange& c : find_story_changes(db, written)) write_story(db, c.doc, c);
    return true;
  });
  return outcome;
}

bool LiveWriter::remove(const std::string& id) {
  const std::string term = id_term(id);
  return write([&](Xapian::WritableDatabase& db) {
    if (db.get_termfreq(term) == 0) return false;
    // No note_rewrite(): what readers built per revision holds values by
    // document id, and a deleted document is never matched again, so its
    // stale entry costs only memory until the next full build.
    db.delete_document(term);
    return true;
  });
}

void LiveWriter::add_spelling(const std::vector<Article>& articles) {
  DocumentBuilder builder;
  write([&](Xapian::WritableDatabase& db) {
    for (const Article& a : articles) add_title_spelling(db, builder, a);
    return true;
  });
}

}  // namespace gazette
