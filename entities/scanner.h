// The scanning half of the entity extractor (entities.h): finds the mentions
// of people, places and organisations in one article with the dictionaries of
// entity_gazetteer.h. See entity_extractor.cc for the rules.
#pragma once

#include <string_view>
#include <vector>

#include "common/entity.h"
#include "entities/gazetteer.h"

namespace gazette {

std::vector<Entity> extract_entities(const Gazetteer& gazetteer, std::string_view title, std::string_view summary,
                                     std::string_view body);

}  // namespace gazette
