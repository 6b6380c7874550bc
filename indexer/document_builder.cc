#include "indexer/document_builder.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "common/schema.h"
#include "common/stored_document.h"

namespace gazette {
namespace s = schema;

std::vector<std::string> DocumentBuilder::spelling_words(const std::string& text) const {
  std::vector<std::string> words;
  tokenize(text, [&](const Token& t) {
    bool no_digit = std::all_of(t.folded.begin(), t.folded.end(), [](char c) { return c < '0' || c > '9'; });
    if (no_digit && t.folded.size() >= 4 && t.folded.size() <= s::kMaxTermBytes && !analyzer_.is_stopword(t.folded))
      words.push_back(t.folded);
  });
  return words;
}

void DocumentBuilder::index_text(Xapian::Document& doc, const std::string& text, const std::string& prefix,
                                 Xapian::termcount wdf, Xapian::termpos* pos) {
  const std::string stem_prefix = s::kStemPrefix + prefix;
  tokenize(text, [&](const Token& t) {
    if (t.folded.size() > s::kMaxTermBytes) return;
    if (pos)
      doc.add_posting(prefix + t.folded, ++*pos, wdf);
    else
      doc.add_term(prefix + t.folded, wdf);
    doc.add_term(stem_prefix + analyzer_.stem(t.folded), wdf);
  });
}

const EntityExtractor& shared_entity_extractor() {
  static const EntityExtractor extractor([] {
    const char* path = std::getenv("GAZETTE_ENTITY_DATA");
    return std::string(path ? path : GAZETTE_ENTITY_DATA_DEFAULT);
  }());
  return extractor;
}

DocumentBuilder::DocumentBuilder(const EntityExtractor* entities) : entities_(entities) {}

Xapian::Document DocumentBuilder::build(const Article& a, const std::string& hash) {
  Xapian::Document doc;
  // Free text. Only the unprefixed field and the title keep positions: they
  // are what phrase queries search, and positions are the writer's main cost.
  Xapian::termpos pos = 0;
  index_text(doc, a.title, "", s::kTitleWdf, &pos);
  Xapian::termpos title_pos = 0;
  index_text(doc, a.title, s::kTitle, 1, &title_pos);
  pos += s::kFieldGap;
  index_text(doc, a.summary, "", 1, &pos);
  index_text(doc, a.summary, s::kSummary, 1, nullptr);
  pos += s::kFieldGap;
  index_text(doc, a.body, "", 1, &pos);
  for (const auto& author : a.authors) index_text(doc, author, s::kAuthor, 1, nullptr);
  for (const auto& tag : distinct_tags(a.tags)) index_text(doc, tag, s::kTag, 1, nullptr);

  std::vector<Entity> entities;
  if (entities_) entities = entities_->extract(a.title, a.summary, a.body);
  write_stored_fields(doc, a, entities, hash);
  return doc;
}

}  // namespace gazette
