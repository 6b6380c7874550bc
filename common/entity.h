// Named entities of French news text (people, places and organisations) as
// the index stores them and the API shows them. Finding them in text is the
// indexer's business (entities/entity_extractor.h); this file holds what both
// sides share: the types, the ids and the Entity record.
//
// Every written form of one entity maps to one stable id, "type letter : its
// folded canonical name with '-' between words": "p:emmanuel-macron",
// "l:coree-du-nord", "o:otan". Case, accents, hyphens and apostrophes do not
// change an id ("Kim Jong-un", "Kim Jong Un", "KIM JONG-UN" are all
// "p:kim-jong-un"). EntityId is the only place that builds or reads an id.
// Everything here is a pure function or a value: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette {

enum class EntityType { kPerson, kPlace, kOrganisation };
inline constexpr EntityType kEntityTypes[] = {EntityType::kPerson, EntityType::kPlace, EntityType::kOrganisation};

// "person", "place", "organisation": the type's name in the API.
const char* entity_type_name(EntityType type);
std::optional<EntityType> entity_type_from_name(std::string_view name);

// The id form of a name: folded (no case, no accents), every run of other
// characters than letters and digits one '-': "Corée du Nord" -> "coree-du-nord",
// "Kim Jong-un" -> "kim-jong-un". The one slug function of Gazette.
std::string entity_slug(std::string_view name);

// An entity's id, as its two parts.
struct EntityId {
  EntityType type = EntityType::kPlace;
  std::string slug;

  // The id of the entity of this type called `name`.
  static EntityId of_name(EntityType type, std::string_view name) { return {type, entity_slug(name)}; }
  // "p:emmanuel-macron" -> {kPerson, "emmanuel-macron"}; nullopt when `id`
  // is not of that form (unknown letter, no slug).
  static std::optional<EntityId> parse(std::string_view id);
  // What every id of `type` starts with: "p:".
  static std::string type_prefix(EntityType type);

  std::string str() const { return type_prefix(type) + slug; }
};

// The type of a stored id string (its first letter), without checking the rest.
std::optional<EntityType> entity_type_of_id(std::string_view id);
// The type whose ids start with `letter` ('p', 'l', 'o'). Inline: a facet
// asks it of each of the thousands of entities a broad search counts.
inline std::optional<EntityType> entity_type_of_letter(char letter) {
  switch (letter) {
    case 'p':
      return EntityType::kPerson;
    case 'l':
      return EntityType::kPlace;
    case 'o':
      return EntityType::kOrganisation;
  }
  return std::nullopt;
}

struct Entity {
  std::string id;    // EntityId::str(): "p:emmanuel-macron", "l:coree-du-nord", "o:otan"
  std::string name;  // canonical display name: "Emmanuel Macron", "Corée du Nord", "OTAN"
  EntityType type = EntityType::kPlace;
  // extract(): the written forms seen in the text, as written, each once.
  // lookup(): the names the gazetteer knows for the entity.
  std::vector<std::string> aliases;
  unsigned mentions = 0;
};

}  // namespace gazette
