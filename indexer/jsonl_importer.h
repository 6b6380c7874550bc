// Reads articles from a JSON Lines file in the shared corpus schema, plain or
// gzip-compressed (detected from the bytes, not the name). Calls the sink once
// per non-blank line: with the article, or with the reason the line was
// rejected (malformed JSON, a field of the wrong type, a missing title...).
// A file that cannot be read, or a gzip stream that ends early, gives one more
// record naming the file and the last line read. Never throws.
#pragma once

#include <string>
#include <string_view>

#include "indexer/import_record.h"
#include "indexer/import_stats.h"

namespace gazette {

// Lines longer than this are rejected without being parsed.
inline constexpr size_t kMaxJsonLineBytes = 32u << 20;

// `times`, when given, gets the time spent reading and parsing.
void import_jsonl_file(const std::string& path, const RecordSink& sink, StageTimes* times = nullptr);

// One line's record; pure, for tests and fuzzing.
ImportRecord parse_jsonl_line(std::string_view line, const SourceLocation& where);

}  // namespace gazette
