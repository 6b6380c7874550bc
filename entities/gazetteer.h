// The dictionaries of the entity extractor (entities.h): places and
// organisations with every name they are written by, and the word lists the
// person rules need (given names, roles, titles, common words).
//
// Sources, in the order they are merged (the first name of an entity is its
// canonical name; a later source's names join an entity of the same type that
// already has one of them):
//   1. corpus/entities-fr.tsv, compiled in: organisations, alternative names
//      of countries, places that no packaged source has, and the word lists.
//   2. ICU: the French names of every country and territory (with CLDR's short
//      and variant names), of continents and world regions, and of the cities
//      that name time zones ("Le Caire", "Pékin" is not one: it is in 1.).
//   3. The optional data file (scripts/fetch-geo-data.sh): French régions,
//      départements and communes of 20,000 inhabitants or more, the French
//      names of the world's cities of 15,000 or more (GeoNames, from
//      Debian's libgeonames-common), French given names and common words.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/entity.h"

namespace gazette {

// A set of folded words, stored as 64-bit hashes in an open-addressing table:
// compact, quick to build for the 300,000 common words, one probe to look up.
class WordSet {
 public:
  void add(std::string_view word) { hashes_.push_back(hash(word)); }
  void finish();  // builds the table; call after the last add()
  bool contains(std::string_view word) const {
    if (table_.empty()) return false;
    uint64_t h = hash(word);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      if (table_[i] == h) return true;
      if (table_[i] == 0) return false;
    }
  }
  size_t size() const { return hashes_.size(); }
  static uint64_t hash(std::string_view word) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a, never 0 below
    for (unsigned char c : word) {
      h ^= c;
      h *= 1099511628211ull;
    }
    return h ? h : 1;
  }

 private:
  std::vector<uint64_t> hashes_, table_;
  size_t mask_ = 0;
};

// Where an entry came from, which decides how much evidence a mention needs.
// kCity: ICU's time-zone cities; kWorldCity: GeoNames' (data file).
enum class EntrySource : uint8_t {
  kCurated,
  kCountry,
  kWorldRegion,
  kCity,
  kFrenchRegion,
  kDepartement,
  kCommune,
  kWorldCity
};

struct GazetteerEntry {
  std::string id;    // "l:coree-du-nord"
  std::string name;  // "Corée du Nord"
  EntityType type = EntityType::kPlace;
  EntrySource source = EntrySource::kCurated;
  uint32_t population = 0;         // communes only
  uint8_t sources = 0;             // bit (1 << EntrySource) for each source merged in
  std::vector<std::string> names;  // every name, as written in its source
};

// One written form of an entry, as a sequence of folded tokens.
struct GazetteerAlias {
  int32_t entry = -1;
  uint8_t length = 0;          // tokens
  uint32_t capitals = 0;       // bit i: token i starts with a capital in the name
  uint32_t acronym = 0;        // bit i: token i is all capitals in the name ("OTAN")
  bool common_words = false;   // made of common words
  bool common = false;         // and not a country, world region or large city: its
                               // capital must be informative
  bool after_article = false;  // an organisation's name without its article ("Le
                               // Monde" as "Monde"): only after one ("au Monde")
};

class Gazetteer {
 public:
  // Loads everything; `data_path` may be empty or missing.
  explicit Gazetteer(const std::string& data_path);

  // The trie of folded token sequences, keyed by tokens joined with ' '.
  struct Node {
    std::vector<GazetteerAlias> aliases;  // forms that end here
    bool longer = false;                  // some form continues past here
  };
  // Whether `key` is a whole name of the gazetteer.
  bool is_name(const std::string& key) const {
    const Node* n = find(key);
    return n && !n->aliases.empty();
  }
  // Whether `key` is a whole name of an organisation of the gazetteer.
  bool is_organisation_name(const std::string& key) const {
    const Node* n = find(key);
    return n && std::any_of(n->aliases.begin(), n->aliases.end(),
                            [&](const GazetteerAlias& a) { return entry(a.entry).type == EntityType::kOrganisation; });
  }
  const Node* find(const std::string& key) const {
    auto it = trie_.find(key);
    return it == trie_.end() ? nullptr : &it->second;
  }
  // A lower-case word that starts a name ("mer Noire", "bande de Gaza").
  bool starts_lowercase_name(const std::string& folded) const { return lowercase_starts_.contains(folded); }

  const GazetteerEntry& entry(int32_t i) const { return entries_[i]; }
  size_t entry_count() const { return entries_.size(); }

  // Word lists; arguments are folded (a hyphenated word as "jean-luc", a
  // sequence of words joined by ' ').
  bool is_given_name(std::string_view folded) const { return given_.contains(folded); }
  bool is_common_word(std::string_view folded) const;  // common word or stop word
  bool is_stopword(std::string_view folded) const { return stopwords_.contains(folded); }
  bool is_never(std::string_view folded) const { return never_.contains(folded); }
  bool is_particle(std::string_view folded) const { return particles_.contains(folded); }
  // A word that heads or ends names of places or companies ("Street", "Motors").
  bool is_not_person_word(std::string_view folded) const { return not_person_.contains(folded); }
  bool is_role(const std::string& words) const { return roles_.contains(words); }
  // Nouns around organisations' and places' names (corpus/entities-fr.tsv):
  // "ministère" heads one, "quotidien" is followed by one, "mer" heads a place.
  // `capital`: the head is written with one ("Centre", not "centre").
  bool is_org_head(const std::string& words, bool capital) const {
    return org_heads_.contains(words) || (capital && capital_org_heads_.contains(words));
  }
  bool is_org_cue(const std::string& words) const { return org_cues_.contains(words); }
  bool is_place_head(const std::string& words) const { return place_heads_.contains(words); }
  // A competition named like an organisation ("ligue des champions").
  bool is_event(const std::string& words) const { return events_.contains(words); }
  // What a ministry is in charge of, folded ("sante", "affaires etrangeres").
  bool is_portfolio(const std::string& words) const { return portfolios_.contains(words); }
  size_t max_portfolio_words() const { return max_portfolio_words_; }
  // A political label written in brackets after a party: "extreme droite".
  bool is_party_label(const std::string& words) const { return party_labels_.contains(words); }
  // A word that makes a sports club's name with a city, before it ("fc",
  // "girondins") or after it ("united").
  bool is_club_prefix(std::string_view folded) const { return club_prefixes_.contains(folded); }
  bool is_club_suffix(std::string_view folded) const { return club_suffixes_.contains(folded); }
  // A noun that a product's name follows ("pneumatiques", "prototype"):
  // product-cue.
  bool is_product_cue(std::string_view folded) const { return product_cues_.contains(folded); }
  // A noun that a work's title follows ("série", "saga"): work-cue.
  bool is_work_cue(std::string_view folded) const { return work_cues_.contains(folded); }
  // The last word of a newspaper's name ("Post", "Herald"): media-word.
  bool is_media_word(std::string_view folded) const { return media_words_.contains(folded); }
  // A French commune too small for the gazetteer's names (data file), folded
  // with its words joined by ' ': "marles les mines".
  bool is_village(const std::string& words) const { return villages_.contains(words); }
  // Whether `key` names a French département or région ("nord", "var").
  bool is_french_division(const std::string& key) const;
  size_t max_head_words() const { return max_head_words_; }
  // Whether a folded word begins one of those nouns: most words do not, and
  // are then passed over at the cost of one probe.
  bool starts_head(std::string_view folded) const { return head_starts_.contains(folded); }
  // A common noun written in capitals ("pib", "suv"), folded, without digits.
  bool is_common_acronym(std::string_view folded) const { return common_acronyms_.contains(folded); }
  bool is_filler(const std::string& words) const;   // role adjective or demonym
  bool is_demonym(const std::string& words) const;  // in any gender and number
  // `written` as in the text: titles are matched with their capital ("M", "Mme").
  bool is_title(std::string_view written) const { return titles_.contains(written); }
  // Whether a single folded word names a place of the gazetteer; a city: a
  // place that is not also a country or a region of the world.
  bool is_place_word(const std::string& folded) const;
  bool is_city_word(const std::string& folded) const;

  size_t max_role_words() const { return max_role_words_; }
  size_t max_filler_words() const { return max_filler_words_; }
  bool has_data_file() const { return has_data_file_; }
  size_t given_name_count() const { return given_.size(); }

 private:
  void load_curated();
  void load_icu();
  bool load_data_file(const std::string& path);
  // Adds a place or organisation known by `names`; merges it into an entry of
  // the same type that has one of the names already.
  void add(EntityType type, EntrySource source, const std::vector<std::string>& names, uint32_t population = 0);
  void add_alias(int32_t entry, const std::string& name, bool after_article = false);
  void finish();

  std::vector<GazetteerEntry> entries_;
  std::unordered_map<std::string, Node> trie_;
  std::unordered_map<std::string, int32_t> alias_entry_;  // folded key -> entry
  std::unordered_set<std::string> lowercase_starts_list_, not_alias_;
  WordSet given_, common_, stopwords_, never_, particles_, not_given_, not_person_, villages_;
  WordSet roles_, fillers_, demonyms_, titles_, lowercase_starts_;
  WordSet org_heads_, capital_org_heads_, org_cues_, place_heads_, head_starts_, common_acronyms_, party_labels_;
  WordSet club_prefixes_, club_suffixes_, portfolios_, events_, media_words_, product_cues_, work_cues_;
  size_t max_role_words_ = 1, max_filler_words_ = 1, max_head_words_ = 1, max_portfolio_words_ = 1;
  bool has_data_file_ = false;
  // Deferred until the common words are known (they decide the flags).
  struct Pending {
    EntityType type;
    EntrySource source;
    std::vector<std::string> names;
    uint32_t population;
  };
  std::vector<Pending> curated_places_, curated_orgs_, french_places_, world_cities_;
};

}  // namespace gazette
