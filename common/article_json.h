// The JSON form of an article: the shared corpus's JSON Lines schema (see
// ../shared/corpus/README.md), which is also what the index stores as each
// document's data and what the API returns.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/article.h"
#include "common/problem.h"

namespace gazette {

struct ArticleFromJson {
  std::optional<Article> article;  // absent when `problem` says why
  // "not_an_object", or "bad_field" with a message that names the field.
  std::optional<Problem> problem;
  std::vector<std::string> warnings;  // e.g. an unparsable date, dropped
};

// Reads an article from a parsed JSON value. Unknown fields are ignored and
// optional fields may be missing; a field of the wrong type is an error.
// `entities` and `quotes` are read only from stored documents
// (with_entities), never from import input, where the indexer finds them.
ArticleFromJson article_from_json(const nlohmann::json& value, bool with_entities = false);

nlohmann::json article_to_json(const Article& a);
nlohmann::json entity_to_json(const Entity& e);
nlohmann::json quote_to_json(const ArticleQuote& q);

}  // namespace gazette
