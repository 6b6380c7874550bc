// Turns an Article into the Xapian::Document that the index stores for it:
// the analysed text terms (common/schema.h names their prefixes), its entities,
// and the stored fields that common/stored_document.h writes.
//
// A DocumentBuilder owns a FrenchAnalyzer and so is not thread-safe: use one
// per analysis thread. Documents it returns are independent of it.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "common/french_analyzer.h"
#include "entities/entity_extractor.h"

namespace gazette {

// The process's extractor, loaded on first use from the data file named by
// $GAZETTE_ENTITY_DATA, else the one scripts/fetch-geo-data.sh wrote into the
// build folder; without either it works with its compiled-in facts only.
const EntityExtractor& shared_entity_extractor();

class DocumentBuilder {
 public:
  // `entities`: the extractor to find people, places and organisations
  // with (shared, not owned); null to index without entities.
  explicit DocumentBuilder(const EntityExtractor* entities = &shared_entity_extractor());

  // `hash` is the fingerprint of the article's stored form (upsert.h).
  Xapian::Document build(const Article& article, const std::string& hash);

  // The words of `text` worth offering as spelling corrections: folded,
  // without digits, at least 4 letters, not stop words.
  std::vector<std::string> spelling_words(const std::string& text) const;

 private:
  // Indexes `text` under `prefix` (and its stems under Z+prefix); when
  // `positions` is set, each word also gets a position starting at `pos`,
  // which is advanced past the text.
  void index_text(Xapian::Document& doc, const std::string& text, const std::string& prefix, Xapian::termcount wdf,
                  Xapian::termpos* pos);

  FrenchAnalyzer analyzer_;
  const EntityExtractor* entities_;
};

}  // namespace gazette
