// What an importer hands to the indexer for each article it reads: the
// article, or the reason it could not be read, and where it came from.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/problem.h"

namespace gazette {

struct SourceLocation {
  std::string file;
  size_t line = 0;          // 1-based; 0 when the whole file is one article
  uint64_t bytes_read = 0;  // of the file (compressed bytes for .gz), for progress

  std::string str() const { return line ? file + ":" + std::to_string(line) : file; }
};

struct ImportRecord {
  SourceLocation where;
  std::optional<Article> article;  // absent when the input was rejected
  // Why it was rejected: a code the import summary counts by, and a message
  // that names the field or byte (`where` says where).
  std::optional<Problem> problem;
  // The problem's message, "" when the record holds an article: for reports.
  std::string problem_message() const { return problem ? problem->message : ""; }
  std::vector<std::string> warnings;  // kept, but something was dropped or guessed
};

using RecordSink = std::function<void(ImportRecord&&)>;

// Checks the fields that every article needs (id, title, body) and that all
// text is valid UTF-8: nullopt when `a` is fit to index, else a Problem
// ("missing_field", "id_too_long", "invalid_utf8"). Every importer calls it,
// so all reject the same things.
Status check_article(const Article& a);

// Drops the boilerplate of `a`'s body (boilerplate.h: links to other
// articles, photo credits, code), then checks `a` as check_article does.
// Every importer calls it on what it read.
Status prepare_article(Article& a);

}  // namespace gazette
