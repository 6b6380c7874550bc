// Finds the people, places and organisations of French news text
// (common/entity.h says what an entity and its id are).
//
// Aliases of the gazetteer map to their entry ("RPDC" -> "l:coree-du-nord",
// "USA" -> "l:etats-unis", "Organisation du traité de l’Atlantique nord" ->
// "o:otan"); a surname alone joins the full name used in the same text
// ("Sergueï Choïgou" ... "Choïgou"); titles and roles are not part of a name
// ("M. Castex", "la ministre Élisabeth Borne").
//
// Places and organisations come from a gazetteer: ICU (countries, world
// regions, time-zone cities, in French), the French communes, départements and
// régions of the optional data file (scripts/fetch-geo-data.sh), and the curated
// corpus/entities-fr.tsv. People are found by rule: capitalised words after a
// known given name, a role ("le président", "la ministre russe") or a title
// ("M.", "Mme"), or a multi-word name written at least twice in the text.
// See scanner.cc for the rules.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/entity.h"

namespace gazette {

class Gazetteer;

// Loads its dictionaries once (about 0.1 s with the data file); the const
// methods are thread-safe after construction. Nothing here throws but
// std::bad_alloc: a missing or bad data file means fewer entities.
class EntityExtractor {
 public:
  // `geo_data_path`: the TSV written by scripts/fetch-geo-data.sh (French
  // communes, départements, régions, given names, common words). "" or a
  // missing file: the extractor works without them (fewer places, people only
  // by role, title or repetition).
  explicit EntityExtractor(const std::string& geo_data_path = "");
  ~EntityExtractor();
  EntityExtractor(EntityExtractor&&) noexcept;
  EntityExtractor& operator=(EntityExtractor&&) noexcept;

  // The entities of one article, in order of first mention. Each entity
  // appears once, with every form it was written in and its mention count.
  std::vector<Entity> extract(std::string_view title, std::string_view summary, std::string_view body) const;

  // For query-side lookups: the entity that a written name maps to, if any
  // ("USA" -> l:etats-unis, "otan" -> o:otan; case and accents are ignored).
  // A name of two or more words starting with a known given name is a person
  // ("Emmanuel Macron" -> p:emmanuel-macron).
  std::optional<Entity> lookup(std::string_view name) const;

  // Whether the optional data file was loaded.
  bool has_geo_data() const;

 private:
  std::unique_ptr<const Gazetteer> gazetteer_;
};

}  // namespace gazette
