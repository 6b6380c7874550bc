#include "indexer/document_builder.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "common/article_json.h"
#include "common/schema.h"
#include "common/value_list.h"

namespace gazette {
namespace {

namespace s = schema;

// Boolean terms stay well under Xapian's 245-byte term limit.
constexpr size_t kMaxKeyBytes = 180;

void add_boolean(Xapian::Document& doc, const char* prefix, const std::string& key) {
  if (!key.empty()) doc.add_boolean_term(prefix + key.substr(0, kMaxKeyBytes));
}

}  // namespace

std::string DocumentBuilder::id_term(const std::string& id) { return s::kId + id; }

std::string DocumentBuilder::content_hash(const std::string& data) {
  const auto* bytes = reinterpret_cast<const Bytef*>(data.data());
  uLong crc = crc32(0L, bytes, static_cast<uInt>(data.size()));
  uLong adler = adler32(1L, bytes, static_cast<uInt>(data.size()));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%d:%08lx%08lx", s::kVersion, crc, adler);
  return buf;
}

std::vector<std::string> DocumentBuilder::spelling_words(const std::string& text) const {
  std::vector<std::string> words;
  tokenize(text, [&](const Token& t) {
    bool no_digit = std::all_of(t.folded.begin(), t.folded.end(), [](char c) { return c < '0' || c > '9'; });
    if (no_digit && t.folded.size() >= 4 && t.folded.size() <= s::kMaxTermBytes && !analyzer_.is_stopword(t.folded))
      words.push_back(t.folded);
  });
  return words;
}

void DocumentBuilder::index_text(Xapian::Document& doc, const std::string& text,
                                 const std::string& prefix, Xapian::termcount wdf,
                                 Xapian::termpos* pos) {
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

void DocumentBuilder::index_entities(Xapian::Document& doc, const std::vector<Entity>& entities) {
  std::vector<std::string> entries;
  for (const Entity& e : entities) {
    doc.add_boolean_term(s::kEntity + e.id.substr(0, kMaxKeyBytes));
    entries.push_back(e.id + s::kEntityNameSeparator + e.name);
  }
  doc.add_value(s::kEntitiesSlot, join_values(entries));
}

Xapian::Document DocumentBuilder::build(const Article& a, const std::string& hash) {
  Xapian::Document doc;
  nlohmann::json data = article_to_json(a);
  if (entities_) {
    std::vector<Entity> found = entities_->extract(a.title, a.summary, a.body);
    index_entities(doc, found);
    nlohmann::json list = nlohmann::json::array();
    for (const Entity& e : found) list.push_back(entity_to_json(e));
    data["entities"] = list;
  }

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
  for (const auto& author : a.authors) {
    index_text(doc, author, s::kAuthor, 1, nullptr);
    add_boolean(doc, s::kAuthorFilter, facet_key(author));
  }
  // One spelling per tag key, so that a facet counts each article once.
  std::vector<std::string> tags, tag_keys;
  for (const auto& tag : a.tags) {
    std::string key = facet_key(tag);
    if (key.empty() || std::find(tag_keys.begin(), tag_keys.end(), key) != tag_keys.end()) continue;
    index_text(doc, tag, s::kTag, 1, nullptr);
    add_boolean(doc, s::kTagFilter, key);
    tags.push_back(tag);
    tag_keys.push_back(key);
  }

  doc.add_boolean_term(id_term(a.id));
  add_boolean(doc, s::kSection, facet_key(a.section));
  add_boolean(doc, s::kSource, facet_key(a.source));
  doc.add_value(s::kSectionSlot, a.section);
  doc.add_value(s::kSourceSlot, a.source);
  doc.add_value(s::kTagsSlot, join_values(tags));
  doc.add_value(s::kTitleKeySlot, facet_key(a.title));
  if (a.date.valid()) {
    std::string day = a.date.compact();
    doc.add_boolean_term(s::kYear + day.substr(0, 4));
    doc.add_boolean_term(s::kMonth + day.substr(0, 6));
    doc.add_boolean_term(s::kDay + day);
    doc.add_value(s::kDateSlot, day);
    doc.add_value(s::kTimestampSlot,
                  Xapian::sortable_serialise(static_cast<double>(a.date.unix_seconds())));
  }
  doc.add_value(s::kHashSlot, hash);
  doc.set_data(data.dump());
  return doc;
}

}  // namespace gazette
