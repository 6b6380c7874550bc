// Writing one analysed article into a Xapian::WritableDatabase: the step that
// the bulk importer (IndexWriter) and the service's writes (LiveWriter) share.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "indexer/document_builder.h"

namespace gazette {

// An article turned into what the index stores; built on any thread.
struct BuiltArticle {
  std::string id_term;
  std::string hash;
  Xapian::Document doc;
  std::vector<std::string> title_words;  // for Xapian's spelling data
};

BuiltArticle build_article(DocumentBuilder& builder, const Article& article);

enum class UpsertResult { kAdded, kReplaced, kUnchanged };

// Adds the article, or replaces the one with its id; writes nothing when the
// stored copy has the same content hash. Does not commit.
UpsertResult upsert(Xapian::WritableDatabase& db, const BuiltArticle& article);

}  // namespace gazette
