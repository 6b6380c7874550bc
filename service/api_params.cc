#include "service/api_params.h"

#include <algorithm>

#include "common/text_folding.h"

namespace gazette {
namespace {

Problem bad(const std::string& message) { return {"bad_parameter", message, ""}; }

std::vector<std::string> values_of(const Params& params, const std::string& name) {
  std::vector<std::string> out;
  auto range = params.equal_range(name);
  for (auto it = range.first; it != range.second; ++it)
    if (!it->second.empty()) out.push_back(it->second);
  return out;
}

// The single value of a parameter that may appear once.
Status single(const Params& params, const std::string& name, std::string& out) {
  auto count = params.count(name);
  if (count > 1) return bad("parameter '" + name + "' is given " + std::to_string(count) + " times; give it once");
  if (count == 1) out = params.find(name)->second;
  return std::nullopt;
}

Status check_text(const std::string& name, const std::string& value, size_t max_bytes) {
  if (value.size() > max_bytes)
    return bad("parameter '" + name + "' is " + std::to_string(value.size()) + " bytes long; the limit is " +
               std::to_string(max_bytes));
  if (size_t at = find_invalid_utf8(value); at != std::string::npos)
    return bad("parameter '" + name + "' is not valid UTF-8 (byte " + std::to_string(at) + ")");
  return std::nullopt;
}

Status read_filter(const Params& params, const std::string& name, std::vector<std::string>& out) {
  out = values_of(params, name);
  if (out.size() > kMaxFilterValues)
    return bad("parameter '" + name + "' has " + std::to_string(out.size()) + " values; the limit is " +
               std::to_string(kMaxFilterValues));
  for (const auto& v : out)
    if (auto e = check_text(name, v, 256)) return e;
  return std::nullopt;
}

Status read_date(const Params& params, const std::string& name, bool end, std::optional<Date>& out) {
  std::string text;
  if (auto e = single(params, name, text)) return e;
  if (text.empty()) return std::nullopt;
  out = parse_date_bound(text, end);
  if (!out)
    return bad("parameter '" + name + "': '" + text.substr(0, 40) +
               "' is not a date (use 2022, 2022-03 or 2022-03-01)");
  return std::nullopt;
}

Status read_facets(const Params& params, std::vector<Facet>& out) {
  for (const auto& list : values_of(params, "facets")) {
    size_t i = 0;
    while (i <= list.size()) {
      size_t end = list.find(',', i);
      if (end == std::string::npos) end = list.size();
      std::string name = list.substr(i, end - i);
      i = end + 1;
      if (name.empty()) continue;
      auto f = facet_from_name(name);
      if (!f)
        return bad("parameter 'facets': unknown facet '" + name.substr(0, 40) +
                   "' (known: section, tag, source, date, entity)");
      if (std::find(out.begin(), out.end(), *f) == out.end()) out.push_back(*f);
    }
  }
  return std::nullopt;
}

// Everything that decides which hits come in which order, not the page: each
// part with its name and length, so that no value can pass for another
// parameter's ("section=X" is not "tag=X").
std::string search_fingerprint(const SearchRequest& r, const std::string& sort) {
  std::string out;
  auto add = [&out](const char* name, const std::string& value) {
    out += name;
    out += '=' + std::to_string(value.size()) + ':' + value + ';';
  };
  add("q", r.query);
  add("sort", sort);
  add("size", std::to_string(r.limit));
  add("collapse", r.collapse ? "true" : "false");
  const SearchFilters& f = r.filters;
  for (const auto& [name, list] :
       {std::pair{"section", &f.sections}, std::pair{"tag", &f.tags}, std::pair{"author", &f.authors},
        std::pair{"source", &f.sources}, std::pair{"entity", &f.entities}})
    for (const auto& v : *list) add(name, v);
  if (f.from) add("from", f.from->compact());
  if (f.to) add("to", f.to->compact());
  return out;
}

}  // namespace

const std::vector<std::string>& search_param_names() {
  static const std::vector<std::string> names = {
      "q",    "section", "tag",    "author", "source",        "entity",     "from",   "to",       "sort",
      "page", "size",    "cursor", "facets", "date_interval", "facet_size", "strict", "collapse", "snippets"};
  return names;
}

Status check_known_params(const Params& params, const std::vector<std::string>& allowed) {
  for (const auto& [name, value] : params)
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      return bad("unknown parameter '" + name.substr(0, 40) + "'");
  return std::nullopt;
}

Status read_size(const Params& params, const std::string& name, size_t min, size_t max, size_t& out) {
  std::string text;
  if (auto e = single(params, name, text)) return e;
  if (text.empty()) return std::nullopt;
  bool digits = text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
  size_t value = digits ? std::stoul(text) : 0;
  if (!digits || value < min || value > max)
    return bad("parameter '" + name + "' must be a whole number from " + std::to_string(min) + " to " +
               std::to_string(max) + ", not '" + text.substr(0, 20) + "'");
  out = value;
  return std::nullopt;
}

// "true" or "false"; absent leaves `out` as it is.
Status read_bool(const Params& params, const std::string& name, bool& out) {
  std::string text;
  if (auto e = single(params, name, text)) return e;
  if (text.empty()) return std::nullopt;
  if (text != "true" && text != "false")
    return bad("parameter '" + name + "' must be true or false, not '" + text.substr(0, 40) + "'");
  out = text == "true";
  return std::nullopt;
}

// The query and the filters, shared by the searches of articles and of stories.
Status read_query_and_filters(const Params& params, SearchRequest& r) {
  if (auto e = single(params, "q", r.query)) return e;
  if (auto e = check_text("q", r.query, kMaxQueryBytes)) return e;
  SearchFilters& f = r.filters;
  if (auto e = read_filter(params, "section", f.sections)) return e;
  if (auto e = read_filter(params, "tag", f.tags)) return e;
  if (auto e = read_filter(params, "author", f.authors)) return e;
  if (auto e = read_filter(params, "source", f.sources)) return e;
  if (auto e = read_filter(params, "entity", f.entities)) return e;
  if (auto e = read_date(params, "from", false, f.from)) return e;
  if (auto e = read_date(params, "to", true, f.to)) return e;
  if (f.from && f.to && f.from->compact() > f.to->compact())
    return bad("parameter 'from' (" + f.from->iso() + ") is after 'to' (" + f.to->iso() + ")");
  return read_bool(params, "strict", r.strict);
}

Status parse_search_params(const Params& params, SearchParams& out) {
  if (auto e = check_known_params(params, search_param_names())) return e;
  SearchRequest& r = out.request;
  if (auto e = read_query_and_filters(params, r)) return e;
  if (auto e = read_bool(params, "collapse", r.collapse)) return e;

  std::string sort = "relevance";
  if (auto e = single(params, "sort", sort)) return e;
  if (sort == "relevance")
    r.sort = SortOrder::kRelevance;
  else if (sort == "date")
    r.sort = SortOrder::kNewestFirst;
  else if (sort == "-date")
    r.sort = SortOrder::kOldestFirst;
  else
    return bad("parameter 'sort' must be relevance, date or -date, not '" + sort.substr(0, 40) + "'");

  size_t page = 1;
  r.limit = 10;
  if (auto e = read_size(params, "size", 1, kMaxPageSize, r.limit)) return e;
  if (auto e = read_size(params, "page", 1, kMaxPage, page)) return e;
  r.offset = (page - 1) * r.limit;
  if (auto e = single(params, "cursor", out.cursor)) return e;
  if (!out.cursor.empty() && params.count("page"))
    return bad("parameters 'cursor' and 'page' cannot be combined: the cursor says where the next page starts");

  // Scripts that want only ids or titles spare the highlighting with 0.
  if (auto e = read_size(params, "snippets", 0, kMaxSnippets, r.snippets)) return e;
  if (auto e = read_facets(params, r.facets)) return e;
  if (auto e = read_size(params, "facet_size", 1, kMaxFacetSize, r.facet_size)) return e;
  std::string interval;
  if (auto e = single(params, "date_interval", interval)) return e;
  if (interval == "year")
    r.date_interval = DateInterval::kYear;
  else if (interval == "month")
    r.date_interval = DateInterval::kMonth;
  else if (interval == "day")
    r.date_interval = DateInterval::kDay;
  else if (!interval.empty())
    return bad("parameter 'date_interval' must be year, month or day, not '" + interval.substr(0, 40) + "'");

  out.fingerprint = search_fingerprint(r, sort);
  return std::nullopt;
}

const std::vector<std::string>& story_search_param_names() {
  static const std::vector<std::string> names = {"q",      "section", "tag", "author", "source",
                                                 "entity", "from",    "to",  "strict", "size"};
  return names;
}

Status parse_story_search_params(const Params& params, SearchRequest& request, size_t& size) {
  if (auto e = check_known_params(params, story_search_param_names())) return e;
  if (auto e = read_query_and_filters(params, request)) return e;
  return read_size(params, "size", 1, kMaxStoriesPerPage, size);
}

const std::vector<std::string>& quote_param_names() {
  static const std::vector<std::string> names = {"q",      "speaker", "section", "tag",  "author", "source",
                                                 "entity", "from",    "to",      "size", "cursor", "facet_size"};
  return names;
}

Status parse_quote_params(const Params& params, QuoteRequest& request, std::string& cursor, std::string& fingerprint) {
  if (auto e = check_known_params(params, quote_param_names())) return e;
  SearchRequest search;
  if (auto e = read_query_and_filters(params, search)) return e;
  request.query = std::move(search.query);
  request.filters = std::move(search.filters);
  if (auto e = single(params, "speaker", request.speaker)) return e;
  if (auto e = check_text("speaker", request.speaker, 256)) return e;
  if (auto e = read_size(params, "size", 1, kMaxPageSize, request.limit)) return e;
  if (auto e = read_size(params, "facet_size", 0, kMaxFacetSize, request.facet_size)) return e;
  if (auto e = single(params, "cursor", cursor)) return e;
  SearchRequest identity;
  identity.query = request.query;
  identity.filters = request.filters;
  identity.limit = request.limit;
  fingerprint = search_fingerprint(identity, "quotes") + "speaker=" + std::to_string(request.speaker.size()) + ':' +
                request.speaker + ';';
  return std::nullopt;
}

Result<nlohmann::json> parse_json_body(const std::string& body, int max_depth) {
  int depth = 0;
  nlohmann::json value = nlohmann::json::parse(
      body,
      [&depth](int d, nlohmann::json::parse_event_t, nlohmann::json&) { return (depth = std::max(depth, d)), true; },
      false);
  if (value.is_discarded()) return Problem{"bad_body", "the body is not valid JSON", ""};
  if (depth > max_depth)
    return Problem{"bad_body", "the body is nested deeper than " + std::to_string(max_depth) + " levels", ""};
  return value;
}

const std::vector<std::string>& alert_search_param_names() {
  static const std::vector<std::string> names = {"q", "section", "tag", "author", "source", "entity", "from", "to"};
  return names;
}

Status parse_alert_search_params(const Params& params, SearchRequest& request) {
  if (auto e = check_known_params(params, alert_search_param_names())) return e;
  return read_query_and_filters(params, request);
}

}  // namespace gazette
