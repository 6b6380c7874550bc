// Reads one news article page saved as HTML: the metadata from OpenGraph,
// article:* and schema.org tags, the body from the text of the main article
// element (itemprop=articleBody, else <article>, else <main>) without the
// scripts, embeds, bylines, share buttons, ads and "à lire aussi" boxes around
// it. Pages in windows-1252 or another declared charset are converted to UTF-8
// first. The article id is the file name without its extension. Never throws
// (except std::bad_alloc); no shared state, so calls may run in parallel.
#pragma once

#include <string>
#include <string_view>

#include "indexer/import_record.h"
#include "indexer/import_stats.h"

namespace gazette {

// Calls `sink` exactly once: with the article, or with why the page was
// rejected (unreadable file, no article element, missing title or body...).
// `times`, when given, gets the time spent reading and parsing.
void import_html_file(const std::string& path, const RecordSink& sink, StageTimes* times = nullptr);

// The record for a page already in memory; pure, for tests and fuzzing.
ImportRecord parse_html_article(std::string_view html, const std::string& id, const SourceLocation& where);

}  // namespace gazette
