// The routes of feeds and alerts (service.h declares them).
#include <regex>

#include "service/api_json.h"
#include "service/api_params.h"
#include "service/atom_feed.h"
#include "service/service.h"

namespace gazette {
namespace {

using nlohmann::json;
using Reply = Service::Reply;

constexpr size_t kDefaultFeedSize = 20;
constexpr size_t kMaxAlertNameBytes = 200;
constexpr size_t kMaxAlertsPerRequest = 1000;
constexpr char kAlertsOff[] = "alerts are off: gazette-serve was started without --alerts DIR";
constexpr char kAtomType[] = "application/atom+xml; charset=utf-8";

// The query string of a request's target, without the '?'.
std::string query_string(const httplib::Request& req) {
  size_t q = req.target.find('?');
  return q == std::string::npos ? "" : req.target.substr(q + 1);
}

FeedEntry entry_of(const std::string& base, const std::string& id, const std::string& title, const Date& date,
                   const std::string& fallback_time, const std::string& summary, const std::string& section,
                   const std::vector<std::string>& authors) {
  std::string page = base + "/?article=" + url_encode(id);
  return {page, title, page, rfc3339(date, fallback_time), summary, section, authors};
}

// The newest entry's time, or now for an empty feed.
std::string feed_updated(const std::vector<FeedEntry>& entries) {
  std::string newest;
  for (const FeedEntry& e : entries) newest = std::max(newest, e.updated);
  return newest.empty() ? utc_now() : newest;
}

// The page's query string for an alert's search (web/js/state.js): the
// search as the API shows it (alert_json), whose names the page reads too.
std::string page_query(const Alert& alert) {
  // Held by name: a range over a temporary's member would outlive it.
  const json search = alert_json(alert)["search"];
  std::string out;
  for (const auto& [name, value] : search.items())
    for (const json& v : value.is_array() ? value : json::array({value}))
      out += (out.empty() ? "" : "&") + name + "=" + url_encode(v.get<std::string>());
  return out;
}

// An alert as a request describes it: the search's parameters, under the
// names of GET /api/v1/search, a name and a webhook.
Result<Alert> alert_from_request(const json& item) {
  if (!item.is_object()) return Problem{"bad_body", "an alert must be a JSON object", ""};
  Alert alert;
  Params params;
  for (const auto& [key, value] : item.items()) {
    Problem bad_value{"bad_body", "field '" + key.substr(0, 40) + "' must be a string or a list of strings", ""};
    if (key == "name" || key == "webhook") {
      if (!value.is_string()) return Problem{"bad_body", "field '" + key + "' must be a string", ""};
      (key == "name" ? alert.name : alert.webhook) = value.get<std::string>();
    } else if (value.is_string()) {
      params.emplace(key, value.get<std::string>());
    } else if (value.is_array()) {
      for (const json& v : value) {
        if (!v.is_string()) return bad_value;
        params.emplace(key, v.get<std::string>());
      }
    } else {
      return bad_value;
    }
  }
  if (alert.name.size() > kMaxAlertNameBytes)
    return Problem{"bad_body", "field 'name' is over " + std::to_string(kMaxAlertNameBytes) + " bytes", ""};
  SearchRequest search;
  if (auto e = parse_alert_search_params(params, search)) return *e;
  alert.query = search.query;
  alert.filters = search.filters;
  return alert;
}

}  // namespace

std::string Service::public_base(const httplib::Request& req) {
  // The Host header is the client's to write: anything but a host name or
  // address and a port is left out of the links.
  static const std::regex host_form(R"(^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$)");
  std::string host = req.get_header_value("Host");
  if (!std::regex_match(host, host_form)) host = "localhost";
  std::string scheme = req.get_header_value("X-Forwarded-Proto") == "https" ? "https" : "http";
  return scheme + "://" + host;
}

Reply Service::search_feed(const httplib::Request& req) {
  SearchParams params;
  if (auto e = parse_search_params(req.params, params)) return error_reply(*e);
  SearchRequest& request = params.request;
  // A feed is the newest articles, whatever the page or the sort asked.
  request.sort = SortOrder::kNewestFirst;
  request.offset = 0;
  request.facets.clear();
  request.snippets = 0;
  if (!req.has_param("size")) request.limit = kDefaultFeedSize;
  request.time_limit_seconds = config_.query_seconds;
  // A feed reads the titles' words (for ranking) and the hits' stories from
  // the index: it waits for no build of the memory a search may use.
  SearchResult result = searcher().search(request);
  if (result.problem) return error_reply(*result.problem);

  const std::string base = public_base(req), now = utc_now();
  Feed feed;
  feed.self = base + req.target;
  feed.id = feed.self;
  feed.alternate = base + "/?" + query_string(req);
  feed.title = request.query.empty() ? "Gazette : les derniers articles" : "Gazette : « " + request.query + " »";
  for (const Hit& hit : result.hits) {
    const Article& a = hit.article;
    feed.entries.push_back(entry_of(base, a.id, a.title, a.date, now, a.summary, a.section, a.authors));
  }
  feed.updated = feed_updated(feed.entries);
  return {200, nullptr, atom_xml(feed), kAtomType};
}

json Service::alert_api_json(const Alert& alert, const httplib::Request& req) {
  json out = alert_json(alert);
  out["matches"] = alerts_->store().match_count(alert.id);
  out["feed_url"] = public_base(req) + "/api/v1/alerts/" + alert.id + "/feed?key=" + alert.feed_key;
  return out;
}

Result<Alert> Service::named_alert(const httplib::Request& req, bool feed_key_will_do) {
  if (!alerts_) return Problem{"not_found", kAlertsOff, ""};
  std::optional<Alert> alert = alerts_->store().get(req.matches[1]);
  bool key_given = feed_key_will_do && req.has_param("key");
  if (!key_given)
    if (auto e = authorize(req)) return Problem{e->code, e->message, ""};
  // A wrong key and an unknown alert answer alike: keys are not guessed id by id.
  if (!alert || (key_given && !constant_time_equal(alert->feed_key, req.get_param_value("key"))))
    return Problem{"not_found",
                   "no alert with id '" + std::string(req.matches[1]) + "'" + (key_given ? " and this feed key" : ""),
                   ""};
  return std::move(*alert);
}

Reply Service::post_alert(const httplib::Request& req) {
  if (auto e = authorize(req)) return error_reply(*e);
  if (!alerts_) return error_reply(Problem{"not_found", kAlertsOff, ""});
  // A list of alerts nests three levels.
  Result<json> parsed = parse_json_body(req.body, 8);
  if (!parsed) return error_reply(parsed.problem());
  const json& body = *parsed;
  if (!body.is_object() && !(body.is_array() && !body.empty() && body.size() <= kMaxAlertsPerRequest))
    return error_reply(
        {400, "bad_body",
         "the body must be an alert {\"q\": \"...\", \"section\": [...], \"webhook\": \"...\"} or a list of 1 to " +
             std::to_string(kMaxAlertsPerRequest) + " alerts"});
  std::vector<Alert> alerts;
  std::vector<const json*> items;
  if (body.is_array())
    for (const json& item : body) items.push_back(&item);
  else
    items.push_back(&body);
  for (const json* item : items) {
    Result<Alert> alert = alert_from_request(*item);
    if (!alert) {
      Problem p = alert.problem();
      if (body.is_array()) p.where = "alert " + std::to_string(alerts.size() + 1);
      return error_reply(p);
    }
    alerts.push_back(std::move(alert).value());
  }
  Result<std::vector<Alert>> saved = alerts_->create(std::move(alerts), &searcher().database());
  if (!saved) return error_reply(saved.problem());
  if (body.is_object()) return {201, alert_api_json(saved->front(), req)};
  json list = json::array();
  for (const Alert& a : *saved) list.push_back(alert_api_json(a, req));
  return {201, {{"alerts", list}}};
}

Reply Service::list_alerts(const httplib::Request& req) {
  if (auto e = authorize(req)) return error_reply(*e);
  if (!alerts_) return error_reply(Problem{"not_found", kAlertsOff, ""});
  json list = json::array();
  for (const Alert& a : alerts_->store().all()) list.push_back(alert_api_json(a, req));
  return {200, {{"alerts", list}}};
}

Reply Service::get_alert(const httplib::Request& req) {
  Result<Alert> alert = named_alert(req, false);
  if (!alert) return error_reply(alert.problem());
  return {200, alert_api_json(*alert, req)};
}

Reply Service::delete_alert(const httplib::Request& req) {
  Result<Alert> alert = named_alert(req, false);
  if (!alert) return error_reply(alert.problem());
  alerts_->remove(alert->id);
  return {200, {{"deleted", alert->id}}};
}

Reply Service::alert_matches(const httplib::Request& req) {
  Result<Alert> alert = named_alert(req, false);
  if (!alert) return error_reply(alert.problem());
  size_t size = kDefaultFeedSize;
  if (auto e = read_size(req.params, "size", 1, kMaxPageSize, size)) return error_reply(*e);
  // The cursor is the number of the last match read: a script that keeps it
  // gets only what came since, however long it waits.
  std::string cursor = req.get_param_value("cursor");
  uint64_t after = 0;
  if (!cursor.empty()) {
    if (cursor.size() > 18 || cursor.find_first_not_of("0123456789") != std::string::npos)
      return error_reply({400, "bad_cursor", "parameter 'cursor' must be the next_cursor of an earlier answer"});
    after = std::stoull(cursor);
  }
  json matches = json::array();
  for (const AlertMatch& m : alerts_->store().matches_after(alert->id, after, size)) {
    matches.push_back(alert_match_json(m));
    after = m.sequence;
  }
  return {200, {{"alert", alert->id}, {"matches", matches}, {"next_cursor", std::to_string(after)}}};
}

Reply Service::alert_feed(const httplib::Request& req) {
  Result<Alert> alert = named_alert(req, true);
  if (!alert) return error_reply(alert.problem());
  size_t size = kDefaultFeedSize;
  if (auto e = read_size(req.params, "size", 1, kMaxPageSize, size)) return error_reply(*e);
  const std::string base = public_base(req);
  Feed feed;
  // Without the key: the link must not hand it on.
  feed.self = base + "/api/v1/alerts/" + alert->id + "/feed";
  feed.id = feed.self;
  feed.alternate = base + "/?" + page_query(*alert);
  feed.title = "Gazette, alerte : " + (alert->name.empty() ? alert->query : alert->name);
  for (const AlertMatch& m : alerts_->store().latest_matches(alert->id, size))
    feed.entries.push_back(
        entry_of(base, m.article_id, m.title, m.date, m.matched_at, m.summary, m.section, m.authors));
  feed.updated = feed_updated(feed.entries);
  return {200, nullptr, atom_xml(feed), kAtomType};
}

}  // namespace gazette
