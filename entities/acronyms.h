// Acronyms defined in an article: "l’Institut national du service public
// (INSP)", an acronym in brackets right after the words whose initials
// spell it. The shortest such run of words is the name; little words
// (stop words, particles, the elided "d’" and "l’") may give their initial
// or not, so "Parti démocrate (PD)" and "Fratelli d’Italia (FDI)" are
// read. An acronym that the gazetteer knows as a name ("ONU") defines
// nothing.
//
// Functions of their arguments.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "entities/gazetteer.h"
#include "entities/text.h"

namespace gazette::entities {

// Tokens of an article: the acronym, and the name [first, last] before it.
struct AcronymDefinition {
  size_t acronym = 0;
  size_t first = 0, last = 0;
};

// The acronyms defined in `text`, in the order of the text.
std::vector<AcronymDefinition> acronym_definitions(const Gazetteer& gazetteer, const ArticleText& text);

// Whether the initials of `words` (folded) spell `letters` (folded): every
// word gives its initial, but little words may not ("Institut national du
// service public" spells "insp").
bool spells(const Gazetteer& gazetteer, std::string_view letters, const std::vector<std::string_view>& words);

}  // namespace gazette::entities
