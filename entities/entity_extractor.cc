#include "entities/entity_extractor.h"

#include <algorithm>

#include "common/french_analyzer.h"
#include "common/text_folding.h"
#include "entities/gazetteer.h"
#include "entities/scanner.h"

namespace gazette {

EntityExtractor::EntityExtractor(const std::string& geo_data_path)
    : gazetteer_(std::make_unique<const Gazetteer>(geo_data_path)) {}
EntityExtractor::~EntityExtractor() = default;
EntityExtractor::EntityExtractor(EntityExtractor&&) noexcept = default;
EntityExtractor& EntityExtractor::operator=(EntityExtractor&&) noexcept = default;

bool EntityExtractor::has_geo_data() const { return gazetteer_->has_data_file(); }

std::vector<Entity> EntityExtractor::extract(std::string_view title, std::string_view summary,
                                             std::string_view body) const {
  return extract_entities(*gazetteer_, title, summary, body);
}

std::optional<Entity> EntityExtractor::lookup(std::string_view name) const {
  const Gazetteer& g = *gazetteer_;
  std::string key = facet_key(name);
  if (key.empty()) return std::nullopt;
  const Gazetteer::Node* node = g.find(key);
  auto alias = node ? std::find_if(node->aliases.begin(), node->aliases.end(),
                                   [](const GazetteerAlias& a) { return !a.after_article; })
                    : std::vector<GazetteerAlias>::const_iterator();
  if (node && alias != node->aliases.end()) {  // "Monde" alone names nothing
    const GazetteerEntry& e = g.entry(alias->entry);
    Entity entity;
    entity.id = e.id;
    entity.name = e.name;
    entity.type = e.type;
    entity.aliases = e.names;
    return entity;
  }
  // A person: a given name, then at least one more word ("Kim Jong Un"),
  // all capitalised unless all are in lower case ("emmanuel macron").
  std::vector<std::string_view> words;
  size_t start = std::string_view::npos;
  for (size_t i = 0; i <= name.size(); ++i) {
    bool space = i == name.size() || name[i] == ' ' || name[i] == '\t';
    if (!space && start == std::string_view::npos) start = i;
    if (space && start != std::string_view::npos) {
      words.push_back(name.substr(start, i - start));
      start = std::string_view::npos;
    }
  }
  if (words.size() < 2 || words.size() > 5) return std::nullopt;
  bool lower_case = fold_text(name) == name;
  for (size_t w = 0; w < words.size(); ++w) {
    std::string folded = facet_key(words[w]);
    if (folded.empty() || g.is_never(folded)) return std::nullopt;
    for (char c : folded)
      if (c >= '0' && c <= '9') return std::nullopt;
    unsigned char c0 = static_cast<unsigned char>(words[w][0]);
    bool capital = c0 >= 0x80 || (c0 >= 'A' && c0 <= 'Z');
    if (!lower_case && !capital && !g.is_particle(folded)) return std::nullopt;
  }
  std::string given = fold_text(words[0]);
  if (!g.is_given_name(given) && !g.is_given_name(facet_key(words[0]))) return std::nullopt;
  std::string display;
  for (auto w : words) (display += display.empty() ? "" : " ") += w;
  Entity entity;
  entity.id = EntityId::of_name(EntityType::kPerson, display).str();
  entity.name = display;
  entity.type = EntityType::kPerson;
  entity.aliases.push_back(display);
  return entity;
}

}  // namespace gazette
