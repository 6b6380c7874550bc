// Reads one article saved as plain UTF-8 text, as copied from a web page: the
// first non-empty line is the title; the lines just after it that repeat the
// title or give the date ("11 min read Sep 14, 2024", "Publié le 3 mars
// 2022") are dropped, the date kept; the rest is the body, one paragraph per
// block of lines between blank lines and one per list item, with the bullets
// (•, -, *) removed. The article id is the file name without its extension.
// Never throws (except std::bad_alloc); no shared state, so calls may run in
// parallel.
#pragma once

#include <string>
#include <string_view>

#include "indexer/import_record.h"
#include "indexer/import_stats.h"

namespace gazette {

// Calls `sink` exactly once: with the article, or with why the file was
// rejected (unreadable, empty, invalid UTF-8, no body...).
// `times`, when given, gets the time spent reading and parsing.
void import_text_file(const std::string& path, const RecordSink& sink, StageTimes* times = nullptr);

// The record for a text already in memory; pure, for tests and fuzzing.
ImportRecord parse_text_article(std::string_view text, const std::string& id, const SourceLocation& where);

}  // namespace gazette
