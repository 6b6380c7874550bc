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
  if (!cursor.empty()) {
    auto offset = decode_cursor(cursor, fingerprint);
    if (!offset || *offset > std::numeric_limits<uint32_t>::max())
      return error_reply({400, "bad_cursor",
                          "parameter 'cursor' is not a cursor of this search (altered, or made for other parameters)"});
    request.offset = *offset;
  }
  request.spies = spies_;
  Result<QuoteSearchResult> found = find_quotes(searcher().database(), request);
  if (!found) return error_reply(found.problem());
  std::optional<std::string> next;
  if (found->more) next = encode_cursor(request.offset + found->quotes.size(), fingerprint);
  return {200, quotes_json(*found, next)};
}

}  // namespace gazette
