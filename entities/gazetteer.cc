#include "entities/gazetteer.h"

#include <unicode/locid.h>
#include <unicode/region.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/uchar.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>

#include "common/french_analyzer.h"
#include "common/split.h"
#include "common/stopwords_fr.h"
#include "common/text_folding.h"
#include "entities/entities_fr.h"

namespace gazette {
namespace {

// A commune named like a common word ("Sens", "Grasse", "Menton") is not
// recognised at the start of a sentence, unless it is this large ("Paris",
// "Tours", "Rennes"): then it is the city far more often than the word.
constexpr uint32_t kLargeCommune = 100000;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

bool starts_upper(std::string_view s) {
  if (s.empty()) return false;
  int32_t i = 0, c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c >= 0 && u_isupper(c);
}

// Whether every letter of `s` is a capital and there are at least two.
bool all_upper(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size()), letters = 0;
  for (int32_t i = 0; i < n;) {
    int32_t c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    if (u_isalpha(c)) {
      if (!u_isupper(c)) return false;
      ++letters;
    }
  }
  return letters >= 2;
}

// "Myanmar (Birmanie)" -> "Myanmar", "Birmanie"; "Tripoli (Libye)" with
// `qualifier` -> "Tripoli". Names with dots ("É.-U.") are abbreviations: none.
std::vector<std::string> icu_names(const std::string& name, bool qualifier) {
  std::vector<std::string> out;
  if (name.empty() || name.find('.') != std::string::npos || name.find('[') != std::string::npos) return out;
  size_t open = name.find(" (");
  if (open == std::string::npos) {
    out.push_back(name);
    return out;
  }
  out.push_back(name.substr(0, open));
  size_t close = name.find(')', open);
  size_t length = close == std::string::npos ? std::string::npos : close - open - 2;
  std::string inner = name.substr(open + 2, length);
  if (!qualifier && starts_upper(inner)) out.push_back(inner);
  return out;
}

}  // namespace

// --- WordSet ---------------------------------------------------------------

void WordSet::finish() {
  std::sort(hashes_.begin(), hashes_.end());
  hashes_.erase(std::unique(hashes_.begin(), hashes_.end()), hashes_.end());
  size_t capacity = 16;
  while (capacity < hashes_.size() * 2) capacity *= 2;
  table_.assign(capacity, 0);
  mask_ = capacity - 1;
  for (uint64_t h : hashes_) {
    size_t i = h & mask_;
    while (table_[i] != 0) i = (i + 1) & mask_;
    table_[i] = h;
  }
}

// --- helpers ---------------------------------------------------------------

// --- loading ---------------------------------------------------------------

Gazetteer::Gazetteer(const std::string& data_path) {
  std::istringstream stop{std::string(kFrenchStopwords)};
  std::string line;
  while (std::getline(stop, line))
    if (!line.empty() && line[0] != '#') stopwords_.add(fold_text(trim(line)));
  stopwords_.finish();

  load_curated();
  for (WordSet* set : {&not_person_, &roles_, &fillers_, &demonyms_, &titles_, &org_heads_, &capital_org_heads_,
                       &org_cues_, &place_heads_, &head_starts_, &common_acronyms_, &party_labels_, &club_prefixes_,
                       &club_suffixes_, &portfolios_, &events_, &media_words_, &product_cues_, &work_cues_})
    set->finish();
  has_data_file_ = !data_path.empty() && load_data_file(data_path);
  common_.finish();
  never_.finish();
  particles_.finish();
  not_given_.finish();
  given_.finish();

  for (const auto& p : curated_orgs_) add(p.type, p.source, p.names);
  for (const auto& p : curated_places_) add(p.type, p.source, p.names);
  load_icu();
  finish();
}

void Gazetteer::load_curated() {
  std::istringstream in{std::string(kEntitiesFr)};
  std::string line;
  // A hyphenated word is looked up as one word, "tout-le-monde".
  auto add_word = [](WordSet& set, const std::string& key) {
    set.add(key);
    if (key.find(' ') != std::string::npos) {
      std::string hyphenated = key;
      std::replace(hyphenated.begin(), hyphenated.end(), ' ', '-');
      set.add(hyphenated);
    }
  };
  auto fold_words = [](std::string_view list, auto&& insert) {
    for (auto word : split(list, '|')) {
      std::string key = facet_key(trim(word));
      if (!key.empty()) insert(key);
    }
  };
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto fields = split(line, '\t');
    std::string_view kind = fields[0];
    std::string_view first = fields.size() > 1 ? trim(fields[1]) : std::string_view();
    std::string_view rest = fields.size() > 2 ? trim(fields[2]) : std::string_view();
    if (kind == "place" || kind == "region" || kind == "org") {
      Pending p{kind == "org" ? EntityType::kOrganisation : EntityType::kPlace,
                kind == "region" ? EntrySource::kWorldRegion : EntrySource::kCurated,
                {std::string(first)},
                0};
      if (!rest.empty())
        for (auto name : split(rest, '|'))
          if (!trim(name).empty()) p.names.emplace_back(trim(name));
      (kind == "org" ? curated_orgs_ : curated_places_).push_back(std::move(p));
    } else if (kind == "role") {
      fold_words(first, [&](const std::string& k) {
        roles_.add(k);
        max_role_words_ = std::max<size_t>(max_role_words_, std::count(k.begin(), k.end(), ' ') + 1);
      });
    } else if (kind == "filler") {
      fold_words(first, [&](const std::string& k) {
        fillers_.add(k);
        max_filler_words_ = std::max<size_t>(max_filler_words_, std::count(k.begin(), k.end(), ' ') + 1);
      });
    } else if (kind == "demonym") {
      fold_words(first, [&](const std::string& k) {
        demonyms_.add(k);
        max_filler_words_ = std::max<size_t>(max_filler_words_, std::count(k.begin(), k.end(), ' ') + 1);
      });
    } else if (kind == "org-head" || kind == "org-head-capital" || kind == "org-cue" || kind == "place-head") {
      WordSet& set = kind == "org-head"           ? org_heads_
                     : kind == "org-head-capital" ? capital_org_heads_
                     : kind == "org-cue"          ? org_cues_
                                                  : place_heads_;
      fold_words(first, [&](const std::string& k) {
        add_word(set, k);
        head_starts_.add(std::string_view(k).substr(0, k.find(' ')));
        max_head_words_ = std::max<size_t>(max_head_words_, std::count(k.begin(), k.end(), ' ') + 1);
      });
    } else if (kind == "event") {
      fold_words(first, [&](const std::string& k) { add_word(events_, k); });
    } else if (kind == "portfolio") {
      fold_words(first, [&](const std::string& k) {
        add_word(portfolios_, k);
        max_portfolio_words_ = std::max<size_t>(max_portfolio_words_, std::count(k.begin(), k.end(), ' ') + 1);
      });
    } else if (kind == "club-prefix" || kind == "club-suffix") {
      fold_words(first,
                 [&](const std::string& k) { (kind == "club-prefix" ? club_prefixes_ : club_suffixes_).add(k); });
    } else if (kind == "media-word" || kind == "product-cue" || kind == "work-cue") {
      WordSet& set = kind == "media-word" ? media_words_ : kind == "product-cue" ? product_cues_ : work_cues_;
      fold_words(first, [&](const std::string& k) { set.add(k); });
    } else if (kind == "party-label") {
      fold_words(first, [&](const std::string& k) { party_labels_.add(k); });
    } else if (kind == "common-acronym") {
      fold_words(first, [&](const std::string& k) { common_acronyms_.add(k); });
    } else if (kind == "particle") {
      for (auto word : split(first, '|')) particles_.add(fold_text(trim(word)));
    } else if (kind == "never") {
      fold_words(first, [&](const std::string& k) { add_word(never_, k); });
    } else if (kind == "not-given") {
      fold_words(first, [&](const std::string& k) { add_word(not_given_, k); });
    } else if (kind == "not-person") {
      fold_words(first, [&](const std::string& k) { add_word(not_person_, k); });
    } else if (kind == "not-alias") {
      fold_words(first, [&](const std::string& k) { not_alias_.insert(k); });
    } else if (kind == "title") {
      for (auto word : split(first, '|')) titles_.add(trim(word));
    }
  }
}

bool Gazetteer::load_data_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string_view all(data);
  std::vector<Pending> regions, departements, communes, cities;
  std::vector<std::string_view> given;
  size_t pos = 0;
  while (pos < all.size()) {
    size_t end = all.find('\n', pos);
    if (end == std::string_view::npos) end = all.size();
    std::string_view line = all.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string_view kind = line.substr(0, tab), rest = line.substr(tab + 1);
    if (kind == "word") {
      common_.add(rest);
    } else if (kind == "given") {
      given.push_back(rest);
    } else if (kind == "village") {
      villages_.add(facet_key(trim(rest)));
    } else {
      size_t tab2 = rest.find('\t');
      std::string name(trim(rest.substr(0, tab2)));
      uint32_t number = 0;
      if (tab2 != std::string_view::npos)
        number = static_cast<uint32_t>(std::atol(std::string(rest.substr(tab2 + 1)).c_str()));
      if (kind == "commune")
        communes.push_back({EntityType::kPlace, EntrySource::kCommune, {name}, number});
      else if (kind == "departement")
        departements.push_back({EntityType::kPlace, EntrySource::kDepartement, {name}, 0});
      else if (kind == "region")
        regions.push_back({EntityType::kPlace, EntrySource::kFrenchRegion, {name}, 0});
      else if (kind == "city")
        cities.push_back({EntityType::kPlace, EntrySource::kWorldCity, {name}, 0});
    }
  }
  common_.finish();
  never_.finish();
  particles_.finish();
  not_given_.finish();
  stopwords_.finish();
  villages_.finish();
  for (auto g : given) {
    std::string name(g);
    if (name.size() < 2 || not_given_.contains(name) || never_.contains(name) || stopwords_.contains(name) ||
        particles_.contains(name) || roles_.contains(name))
      continue;
    given_.add(name);
  }
  given_.finish();
  // Added after ICU's cities (load_icu), so that "Vienne" stays Austria's
  // capital with the French département and commune as other names of it.
  french_places_ = std::move(regions);
  french_places_.insert(french_places_.end(), departements.begin(), departements.end());
  for (auto& c : communes) french_places_.push_back(std::move(c));
  world_cities_ = std::move(cities);
  return true;
}

void Gazetteer::load_icu() {
  const icu::Locale fr("fr");
  // Countries and territories, with CLDR's short and variant names.
  std::unordered_map<std::string, std::vector<std::string>> extra;
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* bundle = ures_open(U_ICUDATA_NAME "-region", "fr", &status);
  for (const char* table : {"Countries%short", "Countries%variant"}) {
    if (U_FAILURE(status)) break;
    UErrorCode s = U_ZERO_ERROR;
    UResourceBundle* t = ures_getByKey(bundle, table, nullptr, &s);
    while (U_SUCCESS(s) && ures_hasNext(t)) {
      const char* code = nullptr;
      int32_t length = 0;
      const UChar* value = ures_getNextString(t, &length, &code, &s);
      if (U_SUCCESS(s) && code)
        extra[std::string(code) + (table[10] == 's' ? "%short" : "%variant")].push_back(
            to_utf8(icu::UnicodeString(value, length)));
    }
    ures_close(t);
  }
  ures_close(bundle);
  for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
    icu::UnicodeString display;
    icu::Locale("und", *code).getDisplayCountry(fr, display);
    // The short name first ("Hong Kong"), then the standard one, then variants.
    std::vector<std::string> names;
    for (const auto& n : extra[std::string(*code) + "%short"])
      for (auto& part : icu_names(n, false)) names.push_back(part);
    for (auto& part : icu_names(to_utf8(display), false)) names.push_back(part);
    for (const auto& n : extra[std::string(*code) + "%variant"])
      for (auto& part : icu_names(n, false)) names.push_back(part);
    if (!names.empty()) add(EntityType::kPlace, EntrySource::kCountry, names);
  }
  // Continents, subcontinents and numeric groupings ("Amérique latine"); the
  // lettered groupings are organisations (EU, UN) or not places (EZ, QO).
  for (URegionType type : {URGN_CONTINENT, URGN_SUBCONTINENT, URGN_GROUPING}) {
    UErrorCode s = U_ZERO_ERROR;
    std::unique_ptr<icu::StringEnumeration> regions(icu::Region::getAvailable(type, s));
    const char* code;
    while (U_SUCCESS(s) && regions && (code = regions->next(nullptr, s))) {
      if (!(code[0] >= '0' && code[0] <= '9')) continue;
      icu::UnicodeString display;
      icu::Locale("und", code).getDisplayCountry(fr, display);
      std::string name = to_utf8(display);
      if (starts_upper(name) && name != code) add(EntityType::kPlace, EntrySource::kWorldRegion, {name});
    }
  }
  // Cities that name time zones, in French: "Le Caire", "Moscou", "Kiev".
  UErrorCode s = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> tznames(icu::TimeZoneNames::createInstance(fr, s));
  std::unique_ptr<icu::StringEnumeration> zones(
      icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, s));
  const icu::UnicodeString* zone;
  while (U_SUCCESS(s) && tznames && zones && (zone = zones->snext(s))) {
    std::string id = to_utf8(*zone);
    // Antarctic stations are named after people; the second level of the
    // Americas (Indiana, Dakota, Argentina) holds small towns.
    if (id.rfind("Antarctica/", 0) == 0 || std::count(id.begin(), id.end(), '/') != 1) continue;
    icu::UnicodeString city;
    tznames->getExemplarLocationName(*zone, city);
    auto names = icu_names(to_utf8(city), true);
    if (!names.empty()) add(EntityType::kPlace, EntrySource::kCity, {names[0]});
  }
  for (const auto& p : french_places_) add(p.type, p.source, p.names, p.population);
  french_places_.clear();
  // Last, so that a French commune keeps its name ("Saint-Denis"). A city
  // named by a common word ("Centre", "Sud", "Mobile") is left out: without its
  // population, nothing says it is the one meant.
  for (const auto& p : world_cities_)
    if (!is_common_word(facet_key(p.names[0]))) add(p.type, p.source, p.names, p.population);
  world_cities_.clear();
}

void Gazetteer::add(EntityType type, EntrySource source, const std::vector<std::string>& names, uint32_t population) {
  int32_t target = -1;
  std::vector<std::string> usable;
  for (const auto& name : names) {
    std::string key = facet_key(name);
    if (key.empty() || not_alias_.count(key)) continue;
    auto it = alias_entry_.find(key);
    if (it != alias_entry_.end()) {
      if (entries_[it->second].type != type) continue;  // another kind of entity has it
      if (target < 0) target = it->second;
    }
    usable.push_back(name);
  }
  if (usable.empty()) return;
  if (target < 0) {
    target = static_cast<int32_t>(entries_.size());
    GazetteerEntry e;
    e.name = usable[0];
    e.type = type;
    e.source = source;
    e.id = EntityId::of_name(type, e.name).str();
    entries_.push_back(std::move(e));
  }
  GazetteerEntry& e = entries_[target];
  e.population = std::max(e.population, population);
  e.sources |= static_cast<uint8_t>(1u << static_cast<unsigned>(source));
  for (const auto& name : usable) {
    add_alias(target, name);
    // "Le Monde" is also "au Monde", "du « Monde »", "Les Républicains" "chez
    // les Républicains": the article drops, or is written in lower case.
    if (type == EntityType::kOrganisation) {
      for (std::string_view article : {"Le ", "La ", "Les "})
        if (name.rfind(article, 0) == 0) add_alias(target, name.substr(article.size()), true);
    }
    // "Le Caire" is also "au Caire", "du Caire": the article drops.
    if (type == EntityType::kPlace) {
      for (std::string_view article : {"Le ", "La ", "Les "}) {
        if (name.rfind(article, 0) != 0) continue;
        std::string rest = name.substr(article.size());
        std::string key = facet_key(rest);
        bool large = source == EntrySource::kCity || e.population >= kLargeCommune;
        if (!key.empty() && !given_.contains(key) && (large || !is_common_word(key))) add_alias(target, rest);
      }
    }
  }
}

void Gazetteer::add_alias(int32_t entry, const std::string& name, bool after_article) {
  GazetteerEntry& e = entries_[entry];
  if (!after_article && std::find(e.names.begin(), e.names.end(), name) == e.names.end()) e.names.push_back(name);
  GazetteerAlias alias;
  alias.entry = entry;
  alias.after_article = after_article;
  std::string key;
  bool all_common = true;
  tokenize(name, [&](const Token& t) {
    if (alias.length >= 32) return;
    std::string_view written = std::string_view(name).substr(t.begin, t.end - t.begin);
    if (starts_upper(written)) alias.capitals |= 1u << alias.length;
    if (all_upper(written)) alias.acronym |= 1u << alias.length;
    if (!is_common_word(t.folded)) all_common = false;
    if (!key.empty()) key += ' ';
    key += t.folded;
    ++alias.length;
  });
  if (key.empty() || (not_alias_.count(key) && !after_article)) return;
  if (after_article) {
    // Not a name of its own: "Monde" alone is the world.
    auto other = alias_entry_.find(key);
    if (other != alias_entry_.end() && other->second != entry) return;
  } else {
    auto [it, inserted] = alias_entry_.emplace(key, entry);
    if (!inserted && it->second != entry) return;  // the first entry keeps a shared name
  }
  alias.common_words = all_common;
  Node& node = trie_[key];
  for (const auto& a : node.aliases)
    if (a.capitals == alias.capitals && a.acronym == alias.acronym) return;
  node.aliases.push_back(alias);
  if (!(alias.capitals & 1u)) lowercase_starts_list_.insert(key.substr(0, key.find(' ')));
  for (size_t space = key.find(' '); space != std::string::npos; space = key.find(' ', space + 1))
    trie_[key.substr(0, space)].longer = true;
}

void Gazetteer::finish() {
  // Names made of common words need an informative capital, except those of
  // countries, world regions and large cities ("Chine", "Paris", "Tours").
  constexpr uint8_t kExempt = (1u << static_cast<unsigned>(EntrySource::kCountry)) |
                              (1u << static_cast<unsigned>(EntrySource::kWorldRegion)) |
                              (1u << static_cast<unsigned>(EntrySource::kCity));
  for (auto& [key, node] : trie_)
    for (auto& alias : node.aliases) {
      const GazetteerEntry& e = entries_[alias.entry];
      // Only one-word names: "Assemblée nationale" is the Assemblée wherever it is.
      alias.common = alias.common_words && alias.length == 1 && !(e.sources & kExempt) &&
                     e.population < kLargeCommune && !alias.after_article;  // the article says enough
    }
  // A lower-case start word only matters when a name goes on from it.
  for (const auto& word : lowercase_starts_list_) {
    const Node* n = find(word);
    if (n && (n->longer || !n->aliases.empty())) lowercase_starts_.add(word);
  }
  lowercase_starts_.finish();
  lowercase_starts_list_.clear();
}

bool Gazetteer::is_common_word(std::string_view folded) const {
  return common_.contains(folded) || stopwords_.contains(folded) || never_.contains(folded);
}

bool Gazetteer::is_filler(const std::string& words) const { return fillers_.contains(words) || is_demonym(words); }

bool Gazetteer::is_demonym(const std::string& words) const {
  // "russes", "ukrainienne", "nord-coréennes".
  std::string w = words;
  for (int plural = 0; plural < 2; ++plural) {
    std::string_view v(w);
    if (demonyms_.contains(v)) return true;
    if (v.size() > 3 && v.back() == 'e') {
      if (demonyms_.contains(v.substr(0, v.size() - 1))) return true;
      bool ne = v.size() > 4 && v[v.size() - 2] == 'n';  // "-ienne"
      if (ne && demonyms_.contains(v.substr(0, v.size() - 2))) return true;
    }
    if (w.size() > 3 && w.back() == 's')
      w.pop_back();
    else
      break;
  }
  return false;
}

bool Gazetteer::is_french_division(const std::string& key) const {
  const Node* node = find(key);
  if (!node) return false;
  for (const GazetteerAlias& alias : node->aliases) {
    EntrySource source = entries_[alias.entry].source;
    if (source == EntrySource::kDepartement || source == EntrySource::kFrenchRegion) return true;
  }
  return false;
}

bool Gazetteer::is_place_word(const std::string& folded) const {
  auto it = alias_entry_.find(folded);
  return it != alias_entry_.end() && entries_[it->second].type == EntityType::kPlace;
}

bool Gazetteer::is_city_word(const std::string& folded) const {
  auto it = alias_entry_.find(folded);
  if (it == alias_entry_.end()) return false;
  const GazetteerEntry& e = entries_[it->second];
  constexpr uint8_t kCities = (1u << static_cast<unsigned>(EntrySource::kCity)) |
                              (1u << static_cast<unsigned>(EntrySource::kCommune)) |
                              (1u << static_cast<unsigned>(EntrySource::kWorldCity));
  constexpr uint8_t kLarger =
      (1u << static_cast<unsigned>(EntrySource::kCountry)) | (1u << static_cast<unsigned>(EntrySource::kWorldRegion));
  return e.type == EntityType::kPlace && (e.sources & kCities) && !(e.sources & kLarger);
}

}  // namespace gazette
