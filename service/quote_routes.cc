// GET /api/v1/quotes (service.h declares it).
#include <limits>

#include "service/api_json.h"
#include "service/api_params.h"
#include "service/cursor.h"
#include "service/service.h"

namespace gazette {

Service::Reply Service::quotes(const httplib::Request& req) {
  QuoteRequest request;
  std::string cursor, fingerprint;
  if (auto e = parse_quote_params(req.params, request, cursor, fingerprint)) return error_reply(*e);
  // A cursor holds a position (quotes.h) as one number: the article in the
  // high bits, the quote within it in the low ones.
  constexpr unsigned kQuoteBits = 20;
  if (!cursor.empty()) {
    auto position = decode_cursor(cursor, fingerprint);
    if (!position || (*position >> kQuoteBits) > std::numeric_limits<uint32_t>::max())
      return error_reply({400, "bad_cursor",
                          "parameter 'cursor' is not a cursor of this search (altered, or made for other parameters)"});
    request.start = {*position >> kQuoteBits, *position & ((size_t{1} << kQuoteBits) - 1)};
  }
  request.spies = spies_;
  Result<QuoteSearchResult> found = find_quotes(searcher().database(), request);
  if (!found) return error_reply(found.problem());
  std::optional<std::string> next;
  if (found->next && found->next->quote < (size_t{1} << kQuoteBits))
    next = encode_cursor((found->next->article << kQuoteBits) | found->next->quote, fingerprint);
  return {200, quotes_json(*found, next)};
}

}  // namespace gazette
