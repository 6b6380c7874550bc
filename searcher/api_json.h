// The JSON shapes of the API's answers, built from searcher results. Text
// fields are plain strings (clients escape them). Highlighted text (a hit's
// title_marked and snippets) is {"text", "marks": [[start, end], ...]}: the
// plain text and the half-open ranges of its matches, counted in Unicode code
// points so that any client can cut the text without parsing markup.
#pragma once

#include <nlohmann/json.hpp>

#include "searcher/api_error.h"
#include "searcher/entity_directory.h"
#include "searcher/related.h"
#include "searcher/searcher.h"
#include "searcher/suggest.h"

namespace gazette {

nlohmann::json error_json(const ApiError& error);
nlohmann::json marked_text_json(const Fragment& fragment);
nlohmann::json article_json(const Article& article);
nlohmann::json hit_json(const Hit& hit);
nlohmann::json facets_json(const std::vector<FacetResult>& facets);
nlohmann::json related_json(const std::vector<RelatedHit>& hits);
nlohmann::json suggestions_json(const Suggestions& suggestions);
nlohmann::json entity_profile_json(const EntityProfile& profile);

}  // namespace gazette
