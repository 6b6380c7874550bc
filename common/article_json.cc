#include "common/article_json.h"

#include <utility>

namespace gazette {
namespace {

using nlohmann::json;

// Reads an optional string field; returns false (and sets `error`) when the
// field is present with another type. null counts as absent.
bool read_string(const json& obj, const char* field, std::string& out, std::string& error) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return true;
  if (!it->is_string()) {
    error = std::string("field '") + field + "' must be a string, not " + it->type_name();
    return false;
  }
  out = it->get<std::string>();
  return true;
}

bool read_strings(const json& obj, const char* field, std::vector<std::string>& out, std::string& error) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return true;
  if (!it->is_array()) {
    error = std::string("field '") + field + "' must be an array of strings, not " + it->type_name();
    return false;
  }
  for (const auto& v : *it) {
    if (!v.is_string()) {
      error = std::string("field '") + field + "' must hold only strings, found " + v.type_name();
      return false;
    }
    if (!v.get_ref<const std::string&>().empty()) out.push_back(v.get<std::string>());
  }
  return true;
}

}  // namespace

ArticleFromJson article_from_json(const json& value, bool with_entities) {
  ArticleFromJson result;
  if (!value.is_object()) {
    result.problem = Problem{"not_an_object", std::string("expected a JSON object, found ") + value.type_name(), ""};
    return result;
  }
  Article a;
  std::string e;
  auto bad_field = [&result, &e] {
    result.problem = Problem{"bad_field", e, ""};
    return result;
  };
  if (!read_string(value, "id", a.id, e) || !read_string(value, "source", a.source, e) ||
      !read_string(value, "url", a.url, e) || !read_string(value, "title", a.title, e) ||
      !read_string(value, "summary", a.summary, e) || !read_string(value, "published", a.published, e) ||
      !read_string(value, "section", a.section, e) || !read_strings(value, "tags", a.tags, e) ||
      !read_strings(value, "authors", a.authors, e) || !read_string(value, "body", a.body, e))
    return bad_field();
  if (auto it = value.find("truncated"); it != value.end() && !it->is_null()) {
    if (!it->is_boolean()) {
      e = std::string("field 'truncated' must be a boolean, not ") + it->type_name();
      return bad_field();
    }
    a.truncated = it->get<bool>();
  }
  if (auto it = value.find("entities"); with_entities && it != value.end() && it->is_array()) {
    for (const auto& e : *it) {
      if (!e.is_object()) continue;
      Entity entity;
      entity.id = e.value("id", "");
      entity.name = e.value("name", "");
      auto type = entity_type_of_id(entity.id);
      if (!type) continue;
      entity.type = *type;
      entity.mentions = e.value("mentions", 0u);
      if (auto aliases = e.find("aliases"); aliases != e.end() && aliases->is_array())
        for (const auto& alias : *aliases)
          if (alias.is_string()) entity.aliases.push_back(alias.get<std::string>());
      a.entities.push_back(std::move(entity));
    }
  }
  if (auto it = value.find("quotes"); with_entities && it != value.end() && it->is_array()) {
    for (const auto& q : *it) {
      if (!q.is_object()) continue;
      a.quotes.push_back(
          {q.value("text", ""), q.value("speaker", ""), q.value("speaker_id", ""), q.value("offset", size_t{0})});
    }
  }
  if (!a.published.empty()) {
    if (auto d = parse_date(a.published)) {
      a.date = *d;
      a.published = d->iso();
    } else {
      result.warnings.push_back("unparsable date '" + a.published + "' in 'published': kept without a date");
      a.published.clear();
    }
  }
  result.article = std::move(a);
  return result;
}

json article_to_json(const Article& a) {
  json j = {{"id", a.id},           {"source", a.source},   {"url", a.url},
            {"title", a.title},     {"summary", a.summary}, {"published", a.published},
            {"section", a.section}, {"tags", a.tags},       {"authors", a.authors},
            {"body", a.body}};
  if (a.truncated) j["truncated"] = true;
  if (!a.entities.empty()) {
    json entities = json::array();
    for (const auto& e : a.entities) entities.push_back(entity_to_json(e));
    j["entities"] = entities;
  }
  if (!a.quotes.empty()) {
    json quotes = json::array();
    for (const auto& q : a.quotes) quotes.push_back(quote_to_json(q));
    j["quotes"] = quotes;
  }
  return j;
}

json quote_to_json(const ArticleQuote& q) {
  return {{"text", q.text}, {"speaker", q.speaker}, {"speaker_id", q.speaker_id}, {"offset", q.offset}};
}

json entity_to_json(const Entity& e) {
  return {{"id", e.id},
          {"name", e.name},
          {"type", entity_type_name(e.type)},
          {"aliases", e.aliases},
          {"mentions", e.mentions}};
}

}  // namespace gazette
