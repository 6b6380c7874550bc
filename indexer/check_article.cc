#include "common/text_folding.h"
#include "indexer/boilerplate.h"
#include "indexer/import_record.h"

namespace gazette {
namespace {

Status invalid_utf8_in(const std::string& field, const std::string& text) {
  size_t at = find_invalid_utf8(text);
  if (at == std::string::npos) return std::nullopt;
  return Problem{"invalid_utf8", "invalid UTF-8 in " + field + " at byte " + std::to_string(at), ""};
}

Problem missing(const char* field) { return {"missing_field", std::string("missing ") + field, ""}; }

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

Status check_article(const Article& a) {
  if (blank(a.id)) return missing("id");
  if (a.id.size() > 200) return Problem{"id_too_long", "id longer than 200 bytes", ""};
  if (blank(a.title)) return missing("title");
  if (blank(a.body)) return missing("body");
  const std::pair<const char*, const std::string*> fields[] = {
      {"id", &a.id},           {"title", &a.title}, {"summary", &a.summary}, {"body", &a.body},
      {"section", &a.section}, {"url", &a.url},     {"source", &a.source}};
  for (const auto& [name, text] : fields)
    if (Status e = invalid_utf8_in(name, *text)) return e;
  for (const auto& t : a.tags)
    if (Status e = invalid_utf8_in("tags", t)) return e;
  for (const auto& t : a.authors)
    if (Status e = invalid_utf8_in("authors", t)) return e;
  return std::nullopt;
}

Status prepare_article(Article& a) {
  drop_boilerplate(a.body);
  return check_article(a);
}

}  // namespace gazette
