// Reading and checking the query parameters of the JSON API. Each function
// fills a request from the parameters or returns the Problem ("bad_parameter")
// that names the parameter at fault; unknown parameters are errors, so a typo never goes
// unnoticed. Pure functions, thread-safe; httplib::Params is this multimap.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/problem.h"
#include "search/quotes.h"
#include "search/searcher.h"

namespace gazette {

using Params = std::multimap<std::string, std::string>;

// Limits of the API, documented in the OpenAPI description.
inline constexpr size_t kMaxPageSize = 100;
inline constexpr size_t kMaxQueryBytes = 1024;
inline constexpr size_t kMaxFilterValues = 100;
inline constexpr size_t kMaxPage = 10000;
inline constexpr size_t kMaxFacetSize = 1000;
inline constexpr size_t kMaxSnippets = 5;  // passages per hit
inline constexpr size_t kMaxStoriesPerPage = 50;
inline constexpr size_t kMaxStoryArticles = 500;

struct SearchParams {
  SearchRequest request;
  std::string cursor;       // as given; decoded once the fingerprint is known
  std::string fingerprint;  // identifies the search, for cursors
};

// The parameters GET /api/v1/search takes: what parse_search_params reads,
// and what the route table (and so the OpenAPI test) lists.
const std::vector<std::string>& search_param_names();

// GET /api/v1/search
Status parse_search_params(const Params& params, SearchParams& out);

// The parameters GET /api/v1/stories takes, and reading them: the query and
// filters of a search, and `size`, the number of stories.
const std::vector<std::string>& story_search_param_names();
Status parse_story_search_params(const Params& params, SearchRequest& request, size_t& size);

// The search that an alert saves (POST /api/v1/alerts): the query and the
// filters of a search, under the same names; the query must parse.
const std::vector<std::string>& alert_search_param_names();
Status parse_alert_search_params(const Params& params, SearchRequest& request);

// GET /api/v1/quotes: the query, speaker and filters, the page (`size`,
// `cursor` as given) and `facet_size`; `fingerprint` identifies the search
// for cursors.
const std::vector<std::string>& quote_param_names();
Status parse_quote_params(const Params& params, QuoteRequest& request, std::string& cursor, std::string& fingerprint);

// The JSON of a request body; the Problem ("bad_body") when it is not JSON
// or nests deeper than `max_depth` (copying and dumping a JSON value
// recurse: a body nested 100,000 deep would overflow a worker's stack).
Result<nlohmann::json> parse_json_body(const std::string& body, int max_depth);

// Every parameter name must be in `allowed`.
Status check_known_params(const Params& params, const std::vector<std::string>& allowed);

// A whole number in [min, max] from parameter `name`, or `fallback` if absent.
Status read_size(const Params& params, const std::string& name, size_t min, size_t max, size_t& out);

}  // namespace gazette
