// Cursors for deep paging. A cursor carries the offset of the next page and a
// fingerprint of the search it belongs to (query, filters, sort), under a
// checksum: a cursor that was altered, truncated or made for another search is
// rejected instead of silently returning other hits. Pages follow Xapian's
// order, which is stable while the index is unchanged: walking the cursors of
// a search visits every hit once. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>

namespace gazette {

std::string encode_cursor(size_t offset, const std::string& search_fingerprint);

// The offset, or nullopt when `cursor` is not one of ours for this search.
std::optional<size_t> decode_cursor(const std::string& cursor, const std::string& search_fingerprint);

}  // namespace gazette
