#include "common/stored_document.h"

#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <bitset>
#include <cstdio>
#include <iterator>

#include "common/article_json.h"
#include "common/french_analyzer.h"
#include "common/stored_data.h"

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

// The terms and the value of the speaker facet; the words are the
// DocumentBuilder's.
void write_quotes(Xapian::Document& doc, const std::vector<ArticleQuote>& quotes) {
  if (quotes.empty()) return;
  doc.add_boolean_term(s::kQuoted);
  std::vector<std::string> speakers;
  for (const ArticleQuote& q : quotes) {
    if (q.speaker_id.empty()) continue;
    std::string entry = q.speaker_id + s::kEntityNameSeparator + q.speaker;
    if (std::find(speakers.begin(), speakers.end(), entry) != speakers.end()) continue;
    add_boolean(doc, s::kSpeaker, q.speaker_id);
    speakers.push_back(std::move(entry));
  }
  if (!speakers.empty()) doc.add_value(s::kSpeakersSlot, join_values(speakers));
}

}  // namespace

std::string filter_key(std::string_view value) { return facet_key(value).substr(0, kMaxFilterKeyBytes); }

std::string section_filter_key(std::string_view value) { return section_key(value).substr(0, kMaxFilterKeyBytes); }

Xapian::Query in_summary(const std::string& stem_term) {
  const Xapian::Query parts[] = {Xapian::Query(stem_term), Xapian::Query(s::kSummary)};
  return Xapian::Query(Xapian::Query::OP_NEAR, std::begin(parts), std::end(parts), 2);
}

Xapian::Query in_quote(const std::string& stem_term) {
  const Xapian::Query parts[] = {Xapian::Query(stem_term), Xapian::Query(s::kQuote)};
  return Xapian::Query(Xapian::Query::OP_PHRASE, std::begin(parts), std::end(parts), 2);
}

std::string id_term(std::string_view id) { return s::kId + std::string(id); }

std::optional<Xapian::docid> find_article(const Xapian::Database& db, std::string_view id) {
  const std::string term = id_term(id);
  Xapian::PostingIterator p = db.postlist_begin(term);
  if (p == db.postlist_end(term)) return std::nullopt;
  return *p;
}

std::string article_id(const Xapian::Database& db, Xapian::docid doc) {
  auto t = db.termlist_begin(doc);
  t.skip_to(s::kId);
  if (t == db.termlist_end(doc)) return {};
  const std::string term = *t;
  return term.rfind(s::kId, 0) == 0 ? term.substr(std::char_traits<char>::length(s::kId)) : std::string();
}

std::vector<std::string> article_ids(const Xapian::Database& db) {
  std::vector<std::string> ids(db.get_lastdocid() + 1);
  const size_t prefix = std::char_traits<char>::length(s::kId);
  for (auto t = db.allterms_begin(s::kId); t != db.allterms_end(s::kId); ++t) {
    const std::string term = *t;
    for (auto d = db.postlist_begin(term); d != db.postlist_end(term); ++d) ids[*d] = term.substr(prefix);
  }
  return ids;
}

StoredForm stored_form(const Article& article) {
  nlohmann::json data = article_to_json(article);
  data.erase("entities");
  data.erase("quotes");
  StoredForm stored{id_term(article.id), data.dump(), ""};
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
                         const std::vector<ArticleQuote>& quotes, const StoredForm& stored) {
  doc.add_boolean_term(id_term(a.id));
  for (const auto& author : a.authors) add_boolean(doc, s::kAuthorFilter, facet_key(author));
  const std::vector<std::string> tags = distinct_tags(a.tags);
  for (const auto& tag : tags) add_boolean(doc, s::kTagFilter, facet_key(tag));
  add_boolean(doc, s::kSection, section_filter_key(a.section));
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
    doc.add_value(s::kOldestFirstSlot, Xapian::sortable_serialise(-static_cast<double>(a.date.unix_seconds())));
  }
  doc.add_value(s::kHashSlot, stored.hash);
  write_quotes(doc, quotes);

  // The stored JSON is an object: what the indexer found goes in before its
  // closing brace, rather than serialising the whole article a second time.
  std::string data = stored.data;
  auto append = [&data](const char* name, const nlohmann::json& list) {
    if (list.empty()) return;
    data.pop_back();
    data += std::string(",\"") + name + "\":";
    data += list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    data += '}';
  };
  nlohmann::json list = nlohmann::json::array();
  for (const Entity& e : entities) list.push_back(entity_to_json(e));
  append("entities", list);
  list = nlohmann::json::array();
  for (const ArticleQuote& q : quotes) list.push_back(quote_to_json(q));
  append("quotes", list);
  doc.add_value(s::kRecordSlot, pack_stored_data(data));
}

namespace {

namespace od = simdjson::ondemand;

// Reads the stored JSON with simdjson's on-demand parser: a search reads
// every hit's data, and a general JSON parse into a tree was a quarter of
// a search's cost. The stored form is Gazette's own (write_stored_fields), so
// a field of another type means the document was written by something else.
class StoredReader {
 public:
  // The fields of the stored form (write_stored_fields), in kFields' order.
  enum Field : size_t {
    kId,
    kSource,
    kUrl,
    kTitle,
    kSummary,
    kPublished,
    kSection,
    kTags,
    kAuthors,
    kBody,
    kTruncated,
    kEntities,
    kQuotes
  };
  static constexpr std::string_view kFields[] = {"id",        "source",   "url",   "title",   "summary",
                                                 "published", "section",  "tags",  "authors", "body",
                                                 "truncated", "entities", "quotes"};

  // Which fields read() reads: a bit a Field; it stops when it has them.
  using Wanted = std::bitset<std::size(kFields)>;
  static Wanted all() { return Wanted().set(); }
  static Wanted id_and(size_t field) { return Wanted().set(kId).set(field); }

  // Empty on success, else why the data is not a stored article. Without
  // `aliases`, entities are read without theirs.
  std::string read(std::string& data, Article& a, Wanted wanted, bool aliases = true) {
    const size_t length = data.size();
    data.resize(length + simdjson::SIMDJSON_PADDING);
    od::document json;
    od::object object;
    if (parser_.iterate(simdjson::padded_string_view(data.data(), length, data.size())).get(json) ||
        json.get_object().get(object))
      return "its data is not a JSON object (written by another program?)";
    // A field given twice counts its first time only: read_title stops at
    // the first id and title, and both readers must agree.
    std::bitset<std::size(kFields)> seen;
    for (auto field : object) {
      std::string_view key;
      od::value v;
      if (field.unescaped_key().get(key) || field.value().get(v)) return "its data is not JSON";
      const size_t f = std::find(std::begin(kFields), std::end(kFields), key) - std::begin(kFields);
      if (f == std::size(kFields) || seen[f]) continue;  // unknown: a field of a later version
      if (!wanted[f]) continue;
      bool is_null = false;
      if (v.is_null().get(is_null)) return "its data is not JSON";
      if (is_null) continue;
      seen[f] = true;
      if (!read_field(f, v, a, aliases)) return "field '" + std::string(key) + "' has an unexpected type";
      if ((seen & wanted) == wanted) break;
    }
    if (!a.published.empty()) {
      if (auto d = parse_date(a.published)) a.date = *d;
    }
    return "";
  }

 private:
  static bool text(od::value& v, std::string& out) {
    std::string_view s;
    if (v.get_string().get(s)) return false;
    out.assign(s);
    return true;
  }
  static bool texts(od::value& v, std::vector<std::string>& out) {
    od::array list;
    if (v.get_array().get(list)) return false;
    for (auto element : list) {
      std::string_view s;
      if (element.get_string().get(s)) return false;
      if (!s.empty()) out.emplace_back(s);
    }
    return true;
  }
  static bool entities(od::value& v, std::vector<Entity>& out, bool aliases) {
    od::array list;
    if (v.get_array().get(list)) return false;
    for (auto element : list) {
      od::object object;
      if (element.get_object().get(object)) return false;
      Entity e;
      for (auto field : object) {
        std::string_view key;
        od::value value;
        if (field.unescaped_key().get(key) || field.value().get(value)) return false;
        bool ok = true;
        if (key == "id") {
          ok = text(value, e.id);
        } else if (key == "name") {
          ok = text(value, e.name);
        } else if (key == "mentions") {
          uint64_t n = 0;
          ok = !value.get_uint64().get(n);
          e.mentions = static_cast<unsigned>(n);
        } else if (key == "aliases" && aliases) {
          ok = texts(value, e.aliases);
        }
        if (!ok) return false;
      }
      if (auto type = entity_type_of_id(e.id)) {
        e.type = *type;
        out.push_back(std::move(e));
      }
    }
    return true;
  }
  static bool quotes(od::value& v, std::vector<ArticleQuote>& out) {
    od::array list;
    if (v.get_array().get(list)) return false;
    for (auto element : list) {
      od::object object;
      if (element.get_object().get(object)) return false;
      ArticleQuote q;
      for (auto field : object) {
        std::string_view key;
        od::value value;
        if (field.unescaped_key().get(key) || field.value().get(value)) return false;
        bool ok = true;
        if (key == "text") {
          ok = text(value, q.text);
        } else if (key == "speaker") {
          ok = text(value, q.speaker);
        } else if (key == "speaker_id") {
          ok = text(value, q.speaker_id);
        } else if (key == "offset") {
          uint64_t n = 0;
          ok = !value.get_uint64().get(n);
          q.offset = static_cast<size_t>(n);
        }
        if (!ok) return false;
      }
      out.push_back(std::move(q));
    }
    return true;
  }

  static bool read_field(size_t field, od::value& v, Article& a, bool aliases) {
    switch (static_cast<Field>(field)) {
      case kId:
        return text(v, a.id);
      case kSource:
        return text(v, a.source);
      case kUrl:
        return text(v, a.url);
      case kTitle:
        return text(v, a.title);
      case kSummary:
        return text(v, a.summary);
      case kPublished:
        return text(v, a.published);
      case kSection:
        return text(v, a.section);
      case kTags:
        return texts(v, a.tags);
      case kAuthors:
        return texts(v, a.authors);
      case kBody:
        return text(v, a.body);
      case kTruncated:
        return !v.get_bool().get(a.truncated);
      case kEntities:
        return entities(v, a.entities, aliases);
      case kQuotes:
        return quotes(v, a.quotes);
    }
    return true;
  }

  od::parser parser_;
};

}  // namespace

namespace {

Result<Article> read_stored(std::string_view stored, Xapian::docid doc, StoredReader::Wanted wanted,
                            bool aliases = true) {
  // One parser per thread: it keeps its buffers from one document to the next.
  thread_local StoredReader reader;
  thread_local std::string data;
  Article article;
  std::string why;
  if (unpack_stored_data(stored, data, why)) why = reader.read(data, article, wanted, aliases);
  if (!why.empty()) return Problem{"bad_stored_document", why, "document " + std::to_string(doc)};
  if (article.id.empty())
    return Problem{"bad_stored_document", "its data is not a Gazette article: it has no id",
                   "document " + std::to_string(doc)};
  return article;
}

Result<Article> read_stored(const Xapian::Document& doc, StoredReader::Wanted wanted, bool aliases = true) {
  // An index written before schema 10 holds it as the document data.
  std::string stored = doc.get_value(s::kRecordSlot);
  if (stored.empty()) stored = doc.get_data();
  return read_stored(stored, doc.get_docid(), wanted, aliases);
}

}  // namespace

Result<Article> read_article(const Xapian::Document& doc) { return read_stored(doc, StoredReader::all()); }

Result<Article> read_hit_article(const Xapian::Document& doc) {
  return read_stored(doc, StoredReader::all().reset(StoredReader::kQuotes), false);
}

Result<Article> read_summary(std::string_view record, Xapian::docid doc) {
  return read_stored(record, doc, StoredReader::id_and(StoredReader::kSummary));
}

Result<ArticleTitle> read_title(const Xapian::Document& doc) {
  Result<Article> read = read_stored(doc, StoredReader::id_and(StoredReader::kTitle));
  if (!read) return read.problem();
  return ArticleTitle{std::move(read->id), std::move(read->title)};
}

EntityEntry entity_entry(std::string_view element) {
  size_t cut = element.find(s::kEntityNameSeparator);
  if (cut == std::string_view::npos) return {element, element};
  return {element.substr(0, cut), element.substr(cut + 1)};
}

}  // namespace gazette
