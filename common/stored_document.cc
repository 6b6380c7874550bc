#include "common/stored_document.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>

#include "common/article_json.h"
#include "common/french_analyzer.h"

namespace gazette {
namespace {

namespace s = schema;

void add_boolean(Xapian::Document& doc, const char* prefix, std::string_view key) {
  if (!key.empty()) doc.add_boolean_term(prefix + std::string(key.substr(0, kMaxFilterKeyBytes)));
}

std::string content_hash(const std::string& data) {
  const auto* bytes = reinterpret_cast<const Bytef*>(data.data());
  uLong crc = crc32(0L, bytes, static_cast<uInt>(data.size()));
  uLong adler = adler32(1L, bytes, static_cast<uInt>(data.size()));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%d:%08lx%08lx", s::kVersion, crc, adler);
  return buf;
}

void write_entities(Xapian::Document& doc, const std::vector<Entity>& entities) {
  std::vector<std::string> entries;
  for (const Entity& e : entities) {
    add_boolean(doc, s::kEntity, e.id);
    entries.push_back(e.id + s::kEntityNameSeparator + e.name);
  }
  doc.add_value(s::kEntitiesSlot, join_values(entries));
}

}  // namespace

std::string filter_key(std::string_view value) { return facet_key(value).substr(0, kMaxFilterKeyBytes); }

std::string id_term(std::string_view id) { return s::kId + std::string(id); }

std::optional<Xapian::docid> find_article(const Xapian::Database& db, std::string_view id) {
  const std::string term = id_term(id);
  Xapian::PostingIterator p = db.postlist_begin(term);
  if (p == db.postlist_end(term)) return std::nullopt;
  return *p;
}

StoredForm stored_form(const Article& article) {
  StoredForm stored{id_term(article.id), article_to_json(article).dump(), ""};
  stored.hash = content_hash(stored.data);
  return stored;
}

bool is_unchanged(const Xapian::Database& db, const StoredForm& stored) {
  Xapian::PostingIterator existing = db.postlist_begin(stored.id_term);
  return existing != db.postlist_end(stored.id_term) &&
         db.get_document(*existing).get_value(s::kHashSlot) == stored.hash;
}

std::vector<std::string> distinct_tags(const std::vector<std::string>& tags) {
  std::vector<std::string> out, keys;
  for (const auto& tag : tags) {
    std::string key = facet_key(tag);
    if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    out.push_back(tag);
    keys.push_back(std::move(key));
  }
  return out;
}

void write_stored_fields(Xapian::Document& doc, const Article& a, const std::vector<Entity>& entities,
                         const std::string& hash) {
  doc.add_boolean_term(id_term(a.id));
  for (const auto& author : a.authors) add_boolean(doc, s::kAuthorFilter, facet_key(author));
  const std::vector<std::string> tags = distinct_tags(a.tags);
  for (const auto& tag : tags) add_boolean(doc, s::kTagFilter, facet_key(tag));
  add_boolean(doc, s::kSection, facet_key(a.section));
  add_boolean(doc, s::kSource, facet_key(a.source));
  write_entities(doc, entities);

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
    doc.add_value(s::kTimestampSlot, Xapian::sortable_serialise(static_cast<double>(a.date.unix_seconds())));
  }
  doc.add_value(s::kHashSlot, hash);

  nlohmann::json data = article_to_json(a);
  data.erase("entities");
  if (!entities.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const Entity& e : entities) list.push_back(entity_to_json(e));
    data["entities"] = list;
  }
  doc.set_data(data.dump());
}

Result<Article> read_article(const Xapian::Document& doc) {
  auto bad = [&doc](const std::string& why) {
    return Problem{"bad_stored_document", why, "document " + std::to_string(doc.get_docid())};
  };
  auto value = nlohmann::json::parse(doc.get_data(), nullptr, false);
  if (value.is_discarded()) return bad("its data is not JSON (written by another program?)");
  ArticleFromJson parsed = article_from_json(value, /*with_entities=*/true);
  if (!parsed.article) return bad("its data is not a Gazette article: " + parsed.problem->message);
  return std::move(*parsed.article);
}

Result<ArticleTitle> read_title(const Xapian::Document& doc) {
  Result<ArticleTitle> read = article_title_from_json(doc.get_data());
  if (read) return read;
  return Problem{"bad_stored_document", "its data is not a Gazette article: " + read.problem().message,
                 "document " + std::to_string(doc.get_docid())};
}

EntityEntry entity_entry(std::string_view element) {
  size_t cut = element.find(s::kEntityNameSeparator);
  if (cut == std::string_view::npos) return {element, element};
  return {element.substr(0, cut), element.substr(cut + 1)};
}

std::set<std::string> entity_ids(const Xapian::Document& doc) {
  std::set<std::string> ids;
  for_each_entity(doc.get_value(s::kEntitiesSlot), [&](EntityEntry e) { ids.emplace(e.id); });
  return ids;
}

}  // namespace gazette
