// A saved search that notifies (percolation, DESIGN.md "Alerts"): the query
// and filters of a search, as GET /api/v1/search reads them, and an optional
// webhook that receives each article the search matches once it is written.
// What an alert matched is an AlertMatch, kept with the article as it was
// then, so that the record outlives the article.
//
// Plain values; the JSON functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/article.h"
#include "common/problem.h"
#include "search/query_builder.h"

namespace gazette {

// How deliveries to an alert's webhook went: none yet, the last one
// succeeded, it is being retried, or it was given up (then no more is sent:
// the alert must be deleted and saved again; the matches are still
// recorded).
enum class WebhookStatus { kNone, kOk, kRetrying, kFailed };
const char* webhook_status_name(WebhookStatus status);

struct Alert {
  std::string id;  // given by AlertStore::create
  std::string name;
  std::string query;  // as a reader types it (query_builder.h)
  SearchFilters filters;
  std::string webhook;  // http(s) URL; empty: none
  std::string created;  // RFC 3339, UTC
  // Lets a feed reader, which cannot send the write token, read the alert's
  // feed (GET /api/v1/alerts/{id}/feed?key=...); given by AlertStore::create.
  std::string feed_key;
  WebhookStatus webhook_status = WebhookStatus::kNone;
  std::string webhook_error;  // why the last delivery failed
};

// One article an alert matched, as it was when it matched.
struct AlertMatch {
  uint64_t sequence = 0;  // order of recording, over all alerts; from 1
  std::string alert_id;
  std::string matched_at;  // RFC 3339, UTC
  std::string article_id, title, summary, url, section;
  Date date;
  std::vector<std::string> authors;
};

// The stored form, which is also what the API shows (service/api_json.h).
nlohmann::json alert_json(const Alert& alert);
Result<Alert> alert_from_json(const nlohmann::json& value);
// What an alert records of `article`: its summary cut to about 300 bytes.
AlertMatch match_of(const std::string& alert_id, const Article& article);
nlohmann::json alert_match_json(const AlertMatch& match);
Result<AlertMatch> alert_match_from_json(const nlohmann::json& value);

}  // namespace gazette
