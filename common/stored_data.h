// The bytes of a stored article (schema::kRecordSlot): its JSON
// (stored_document.h), compressed with zstd. As document data, Xapian would
// compress the JSON with zlib itself, but inflating each hit's text was a
// tenth of a search's instructions; zstd decompresses several times faster
// for about the same size. A value slot, because Xapian tries zlib on every
// document data it writes and merges, where a zstd frame never shrinks.
// Data written before, as plain JSON or as document data, is still read.
//
// Thread-safe: each thread keeps its own compression contexts.
#pragma once

#include <string>
#include <string_view>

namespace gazette {

// The data to store for `json`: a zstd frame with a checksum of the content,
// or `json` itself when it is too short for compression to pay or longer
// than kMaxStoredJsonBytes.
std::string pack_stored_data(const std::string& json);

// The largest JSON stored as a frame: twice the longest line the JSON Lines
// importer accepts. Text and HTML files have no such limit; their articles
// are stored as plain JSON past it.
inline constexpr size_t kMaxStoredJsonBytes = 64u << 20;

// The JSON of stored data, into `json` (its capacity is kept from one call to
// the next). False, with the reason in `why`, when the data is a damaged
// frame (its checksum, when it has one, is checked) or would unpack to more
// than kMaxStoredJsonBytes.
bool unpack_stored_data(std::string_view data, std::string& json, std::string& why);

}  // namespace gazette
