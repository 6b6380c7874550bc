#include "indexer/upsert.h"

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

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

bool sync_title_spelling(Xapian::WritableDatabase& db, const DocumentBuilder& builder) {
  // The wanted frequencies and the spelling data, both sorted by word, are
  // walked together; the changes are made after both walks.
  const std::string prefix = schema::kTitle;
  std::vector<std::pair<std::string, Xapian::termcount>> wanted;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string term = *t;
    std::string_view word = std::string_view(term).substr(prefix.size());
    if (builder.is_spelling_word(word)) wanted.emplace_back(word, db.get_collection_freq(term));
  }
  std::vector<std::pair<std::string, int64_t>> changes;  // word, frequency to add (or remove)
  auto want = wanted.begin();
  for (auto have = db.spellings_begin(); have != db.spellings_end(); ++have) {
    for (; want != wanted.end() && want->first < *have; ++want) changes.emplace_back(want->first, want->second);
    int64_t wanted_freq = 0;
    if (want != wanted.end() && want->first == *have) wanted_freq = (want++)->second;
    if (wanted_freq != have.get_termfreq()) changes.emplace_back(*have, wanted_freq - int64_t{have.get_termfreq()});
  }
  for (; want != wanted.end(); ++want) changes.emplace_back(want->first, want->second);
  for (const auto& [word, delta] : changes) {
    if (delta > 0)
      db.add_spelling(word, static_cast<Xapian::termcount>(delta));
    else
      db.remove_spelling(word, static_cast<Xapian::termcount>(-delta));
  }
  return !changes.empty();
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
