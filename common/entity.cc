#include "common/entity.h"

#include "common/text_folding.h"

namespace gazette {
namespace {

char letter_of(EntityType type) {
  switch (type) {
    case EntityType::kPerson:
      return 'p';
    case EntityType::kPlace:
      return 'l';
    case EntityType::kOrganisation:
      return 'o';
  }
  return '?';
}

}  // namespace

const char* entity_type_name(EntityType type) {
  switch (type) {
    case EntityType::kPerson:
      return "person";
    case EntityType::kPlace:
      return "place";
    case EntityType::kOrganisation:
      return "organisation";
  }
  return "?";
}

std::optional<EntityType> entity_type_from_name(std::string_view name) {
  for (EntityType t : kEntityTypes)
    if (name == entity_type_name(t)) return t;
  return std::nullopt;
}

std::string entity_slug(std::string_view name) {
  std::string out;
  for (char c : fold_text(name)) {
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) >= 0x80);
    if (word)
      out += c;
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string EntityId::type_prefix(EntityType type) { return {letter_of(type), ':'}; }

std::optional<EntityType> entity_type_of_id(std::string_view id) {
  return id.empty() ? std::nullopt : entity_type_of_letter(id[0]);
}

std::optional<EntityId> EntityId::parse(std::string_view id) {
  auto type = entity_type_of_id(id);
  if (!type || id.size() < 3 || id[1] != ':') return std::nullopt;
  return EntityId{*type, std::string(id.substr(2))};
}

}  // namespace gazette
