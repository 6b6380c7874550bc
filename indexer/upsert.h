// Writing one article into a Xapian::WritableDatabase: the step that bulk
// imports (ShardWriter) and the service's writes (LiveWriter) share.
//
// The stored form (stored_document.h: the article's JSON and its hash) is
// cheap to make, and is enough to tell that the index already holds the same
// article: only then is the article analysed and written.
#pragma once

#include <string>

#include <xapian.h>

#include "common/article.h"
#include "common/stored_document.h"
#include "indexer/document_builder.h"

namespace gazette {

enum class UpsertResult { kAdded, kReplaced };

// What a run of upserts did.
struct WriteCounts {
  size_t added = 0, replaced = 0, unchanged = 0;
  WriteCounts& operator+=(const WriteCounts& o) {
    added += o.added;
    replaced += o.replaced;
    unchanged += o.unchanged;
    return *this;
  }
};

// Analyses the article and adds it, or replaces the document with its id.
// Does not commit, nor add to the spelling data. `times`, when given, gets
// the time of each stage; `written`, the document id.
UpsertResult upsert(Xapian::WritableDatabase& db, DocumentBuilder& builder, const Article& article,
                    const StoredForm& stored, StageTimes* times = nullptr, Xapian::docid* written = nullptr);

// Records in `db` that an existing document is replaced by the coming commit
// (schema::kRewritesKey); upsert() does it when it replaces.
void note_rewrite(Xapian::WritableDatabase& db);

// Adds the words of the article's title to the spelling data ("did you
// mean"): each occurrence adds one to the word's frequency. The service's
// writes (LiveWriter) call it for each article they write.
void add_title_spelling(Xapian::WritableDatabase& db, const DocumentBuilder& builder, const Article& article);

// Makes the spelling data of `db` that of its documents' titles: each word
// that builder.is_spelling_word() accepts, with its occurrences in the titles
// (the collection frequency of its title term) as frequency; words no title
// holds any more are removed. Imports call it once at their end instead of
// add_title_spelling() per article: Xapian rewrites the spelling table's
// lists at every commit that adds words. Called after the documents'
// commit; true when it changed something, which it does not commit.
bool sync_title_spelling(Xapian::WritableDatabase& db, const DocumentBuilder& builder);

// Writes `article` unless the index holds it unchanged, and counts which it
// was. True when a document was written. Does not commit. `times`, when
// given, gets the time of each stage; `written`, the id of the document
// written.
bool write_article(Xapian::WritableDatabase& db, DocumentBuilder& builder, const Article& article, WriteCounts& counts,
                   StageTimes* times = nullptr, Xapian::docid* written = nullptr);

// Commits, recording the schema version and the time of the commit (both
// bulk imports and the service's writes go through here).
void commit(Xapian::WritableDatabase& db);

}  // namespace gazette
