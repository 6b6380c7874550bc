#include "indexer/upsert.h"

#include <cstdlib>
#include <optional>

#include "common/date.h"
#include "common/schema.h"

namespace gazette {

UpsertResult upsert(Xapian::WritableDatabase& db, DocumentBuilder& builder, const Article& article,
                    const StoredForm& stored, StageTimes* times, Xapian::docid* written) {
  Xapian::Document doc = builder.build(article, stored, times);
  StageTimer timer(times, Stage::kXapianWrite);
  UpsertResult result = db.get_termfreq(stored.id_term) ? UpsertResult::kReplaced : UpsertResult::kAdded;
  if (result == UpsertResult::kReplaced) note_rewrite(db);
  Xapian::docid did = db.replace_document(stored.id_term, doc);
  if (written) *written = did;
  add_title_spelling(db, builder, article);
  return result;
}

void note_rewrite(Xapian::WritableDatabase& db) {
  // Any change will do; counting keeps the value short and readable.
  const std::string n = db.get_metadata(schema::kRewritesKey);
  db.set_metadata(schema::kRewritesKey, std::to_string(std::strtoull(n.c_str(), nullptr, 10) + 1));
}

void add_title_spelling(Xapian::WritableDatabase& db, const DocumentBuilder& builder, const Article& article) {
  for (const auto& word : builder.spelling_words(article.title)) db.add_spelling(word);
}

bool write_article(Xapian::WritableDatabase& db, DocumentBuilder& builder, const Article& article, WriteCounts& counts,
                   StageTimes* times, Xapian::docid* written) {
  std::optional<StageTimer> timer(std::in_place, times, Stage::kStoredForm);
  StoredForm stored = stored_form(article);
  timer.emplace(times, Stage::kUnchanged);
  if (is_unchanged(db, stored)) {
    ++counts.unchanged;
    return false;
  }
  timer.reset();
  (upsert(db, builder, article, stored, times, written) == UpsertResult::kAdded ? counts.added : counts.replaced)++;
  return true;
}

void commit(Xapian::WritableDatabase& db) {
  db.set_metadata(schema::kVersionKey, std::to_string(schema::kVersion));
  db.set_metadata(schema::kLastUpdateKey, utc_now());
  db.commit();
}

}  // namespace gazette
