// The JSON shapes of the API's answers, built from searcher results. Text
// fields are plain strings (clients escape them); fields ending in _html and
// snippets are HTML, with article text escaped and matches in <mark>.
#pragma once

#include <nlohmann/json.hpp>

#include "searcher/api_error.h"
#include "searcher/entity_directory.h"
#include "searcher/related.h"
#include "searcher/searcher.h"
#include "searcher/suggest.h"

namespace gazette {

nlohmann::json error_json(const ApiError& error);
nlohmann::json article_json(const Article& article);
nlohmann::json hit_json(const Hit& hit);
nlohmann::json facets_json(const std::vector<FacetResult>& facets);
nlohmann::json related_json(const std::vector<RelatedHit>& hits);
nlohmann::json suggestions_json(const Suggestions& suggestions);
nlohmann::json entity_profile_json(const EntityProfile& profile);

}  // namespace gazette
