#include "alerts/alert.h"

namespace gazette {
namespace {

using nlohmann::json;

constexpr size_t kSummaryBytes = 300;

// `text` cut to at most `bytes`, at a character boundary, with "…" when cut.
std::string cut(const std::string& text, size_t bytes) {
  if (text.size() <= bytes) return text;
  size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

json strings(const std::vector<std::string>& values) { return values; }

std::vector<std::string> strings_at(const json& object, const char* key) {
  std::vector<std::string> out;
  if (auto it = object.find(key); it != object.end() && it->is_array())
    for (const json& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string string_at(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

const char* webhook_status_name(WebhookStatus status) {
  switch (status) {
    case WebhookStatus::kNone:
      return "none";
    case WebhookStatus::kOk:
      return "ok";
    case WebhookStatus::kRetrying:
      return "retrying";
    case WebhookStatus::kFailed:
      return "failed";
  }
  return "none";
}

json alert_json(const Alert& alert) {
  const SearchFilters& f = alert.filters;
  json search = {{"q", alert.query}};
  for (const auto& [name, list] :
       {std::pair{"section", &f.sections}, std::pair{"tag", &f.tags}, std::pair{"author", &f.authors},
        std::pair{"source", &f.sources}, std::pair{"entity", &f.entities}})
    if (!list->empty()) search[name] = strings(*list);
  if (f.from) search["from"] = f.from->iso();
  if (f.to) search["to"] = f.to->iso();
  json out = {{"id", alert.id},
              {"name", alert.name},
              {"search", search},
              {"created", alert.created},
              {"feed_key", alert.feed_key}};
  if (!alert.webhook.empty()) {
    json hook = {{"url", alert.webhook}, {"status", webhook_status_name(alert.webhook_status)}};
    if (!alert.webhook_error.empty()) hook["error"] = alert.webhook_error;
    out["webhook"] = hook;
  }
  return out;
}

Result<Alert> alert_from_json(const json& value) {
  if (!value.is_object() || !value.contains("search") || !value["search"].is_object())
    return Problem{"bad_alert", "a stored alert has no search", ""};
  Alert a;
  a.id = string_at(value, "id");
  a.name = string_at(value, "name");
  a.created = string_at(value, "created");
  a.feed_key = string_at(value, "feed_key");
  const json& search = value["search"];
  a.query = string_at(search, "q");
  SearchFilters& f = a.filters;
  f.sections = strings_at(search, "section");
  f.tags = strings_at(search, "tag");
  f.authors = strings_at(search, "author");
  f.sources = strings_at(search, "source");
  f.entities = strings_at(search, "entity");
  if (auto from = string_at(search, "from"); !from.empty()) f.from = parse_date_bound(from, false);
  if (auto to = string_at(search, "to"); !to.empty()) f.to = parse_date_bound(to, true);
  if (auto hook = value.find("webhook"); hook != value.end() && hook->is_object()) {
    a.webhook = string_at(*hook, "url");
    a.webhook_error = string_at(*hook, "error");
    std::string status = string_at(*hook, "status");
    for (WebhookStatus s : {WebhookStatus::kOk, WebhookStatus::kRetrying, WebhookStatus::kFailed})
      if (status == webhook_status_name(s)) a.webhook_status = s;
  }
  if (a.id.empty()) return Problem{"bad_alert", "a stored alert has no id", ""};
  return a;
}

AlertMatch match_of(const std::string& alert_id, const Article& article) {
  AlertMatch m;
  m.alert_id = alert_id;
  m.matched_at = utc_now();
  m.article_id = article.id;
  m.title = article.title;
  m.summary = cut(article.summary.empty() ? article.body : article.summary, kSummaryBytes);
  m.url = article.url;
  m.section = article.section;
  m.date = article.date;
  m.authors = article.authors;
  return m;
}

json alert_match_json(const AlertMatch& m) {
  return {{"sequence", m.sequence},
          {"alert", m.alert_id},
          {"matched_at", m.matched_at},
          {"article",
           {{"id", m.article_id},
            {"title", m.title},
            {"summary", m.summary},
            {"url", m.url},
            {"section", m.section},
            {"date", m.date.valid() ? json(m.date.iso()) : json(nullptr)},
            {"authors", m.authors}}}};
}

Result<AlertMatch> alert_match_from_json(const json& value) {
  if (!value.is_object() || !value.contains("article") || !value["article"].is_object() ||
      !value.contains("sequence") || !value["sequence"].is_number_unsigned())
    return Problem{"bad_alert_match", "a stored match has no article or sequence", ""};
  AlertMatch m;
  m.sequence = value["sequence"].get<uint64_t>();
  m.alert_id = string_at(value, "alert");
  m.matched_at = string_at(value, "matched_at");
  const json& a = value["article"];
  m.article_id = string_at(a, "id");
  m.title = string_at(a, "title");
  m.summary = string_at(a, "summary");
  m.url = string_at(a, "url");
  m.section = string_at(a, "section");
  if (auto d = string_at(a, "date"); !d.empty())
    if (auto parsed = parse_date(d)) m.date = *parsed;
  m.authors = strings_at(a, "authors");
  return m;
}

}  // namespace gazette
