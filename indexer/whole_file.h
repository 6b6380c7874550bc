// The part that importers of one-article-per-file formats (HTML pages, plain
// text) share: reading the file whole, naming the article after the file
// (its name without extension: the shared corpus names pages by article id),
// and reporting a file that cannot be read. Never throws but std::bad_alloc.
#pragma once

#include <string>
#include <string_view>

#include "indexer/import_record.h"
#include "indexer/import_stats.h"

namespace gazette {

using ArticleParser = ImportRecord (*)(std::string_view bytes, const std::string& id, const SourceLocation& where);

// Calls `sink` exactly once: with parse(the file's bytes, its id, {path, 0}),
// or with "cannot read: <reason>" (missing, a folder, permission denied).
// `times`, when given, gets the time of reading and of parsing.
void import_whole_file(const std::string& path, ArticleParser parse, const RecordSink& sink,
                       StageTimes* times = nullptr);

}  // namespace gazette
