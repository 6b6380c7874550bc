// Named entities of French news text: people, places and organisations.
//
// Every written form of one entity maps to one stable id, "type letter : its
// folded canonical name with '-' between words": "p:emmanuel-macron",
// "l:coree-du-nord", "o:otan". Case, accents, hyphens and apostrophes do not
// change an id ("Kim Jong-un", "Kim Jong Un", "KIM JONG-UN" are all
// "p:kim-jong-un"); aliases of the gazetteer map to their entry ("RPDC" ->
// "l:coree-du-nord", "USA" -> "l:etats-unis", "Organisation du traité de
// l’Atlantique nord" -> "o:otan"); a surname alone joins the full name used in
// the same text ("Sergueï Choïgou" ... "Choïgou"); titles and roles are not
// part of a name ("M. Castex", "la ministre Élisabeth Borne").
//
// Places and organisations come from a gazetteer: ICU (countries, world
// regions, time-zone cities, in French), the French communes, départements and
// régions of the optional data file (scripts/fetch-geo-data.sh), and the curated
// corpus/entities-fr.tsv. People are found by rule: capitalised words after a
// known given name, a role ("le président", "la ministre russe") or a title
// ("M.", "Mme"), or a multi-word name written at least twice in the text.
// See entity_extractor.cc for the rules.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette {

enum class EntityType { kPerson, kPlace, kOrganisation };

// "person", "place", "organisation".
const char* entity_type_name(EntityType type);
// 'p', 'l', 'o': the first letter of an id.
char entity_type_letter(EntityType type);
// The type an id's first letter stands for; nullopt for any other letter.
std::optional<EntityType> entity_type_of_letter(char letter);
// "person", "place", "organisation" (as entity_type_name writes them).
std::optional<EntityType> entity_type_from_name(std::string_view name);

struct Entity {
  std::string id;    // "p:emmanuel-macron", "l:coree-du-nord", "o:otan"
  std::string name;  // canonical display name: "Emmanuel Macron", "Corée du Nord", "OTAN"
  EntityType type = EntityType::kPlace;
  // extract(): the written forms seen in the text, as written, each once.
  // lookup(): the names the gazetteer knows for the entity.
  std::vector<std::string> aliases;
  unsigned mentions = 0;
};

class Gazetteer;

// Loads its dictionaries once (about 0.1 s with the data file); the const
// methods are thread-safe after construction.
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
  std::vector<Entity> extract(std::string_view title, std::string_view summary,
                              std::string_view body) const;

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
