// How mentions are found, in one pass over the article's words
// (text.h: capitals, punctuation, sentences and their modes) and a
// second pass for what the first one taught. Sentences in title case or in
// capitals are read for gazetteer names and known people only.
//
// Pass 1, at each capitalised word, the longest of:
//  - a gazetteer name (gazetteer_matcher.h), or each place of a hyphenated
//    word made of places ("France-Allemagne");
//  - a person (names.h): capitalised words (with particles: "de Gaulle", "Le Pen",
//    "al-Assad") after a title ("M.", "Mme"), or starting with a known given
//    name ("Emmanuel Macron"; a given name that is also a common word or a
//    place, "Marine", "Florence", needs a surname that is not a common word),
//    or right after a role and its adjectives ("le président Macron", "le
//    ministre russe de la Défense, Sergueï Choïgou"). The role or title is
//    not part of the name. A given name alone before "et" and a person
//    named in full shares that person's surname ("Fabien et Jean-Michel
//    Clain"), unless the article writes it alone or with another surname.
//  - an organisation defined by its acronym (acronyms.h): "l’Institut
//    national du service public (INSP)";
//  - an organisation or a place found by the words around it
//    (organisations.h).
// Other runs of two capitalised words or more, not starting or ending with a
// common word, are people when written at least twice ("Volodymyr Zelensky").
//
// Pass 2: the people found are looked for again anywhere, by full name and by
// surname ("Choïgou" joins "Sergueï Choïgou"; a surname shared by two people
// joins the one last named in full), also in capitalised titles; a person
// known only by a surname ("M. Castex") joins the full name when the text has
// it ("Jean Castex").
#include "entities/scanner.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "common/french_analyzer.h"
#include "common/split.h"
#include "entities/acronyms.h"
#include "entities/gazetteer_matcher.h"
#include "entities/nameless_things.h"
#include "entities/names.h"
#include "entities/organisations.h"
#include "entities/text.h"

namespace gazette {
namespace {

using namespace entities;

// What is found: a gazetteer entry, a person or an organisation defined by
// its acronym.
struct Found {
  EntityType type = EntityType::kPlace;
  int32_t entry = -1;
  std::string key;                                           // people, acronyms: folded words
  std::vector<std::string> unit_keys;                        // people: the words of the name, particles too
  size_t words = 0;                                          // people: words of the name that are not particles
  std::vector<std::pair<std::string, unsigned>> forms;       // as written, how often
  std::vector<std::pair<std::string, unsigned>> full_forms;  // people: full names in running text
  std::vector<uint32_t> full_positions;                      // people: where the full name is written
  uint32_t first = UINT32_MAX;
  unsigned mentions = 0;
  int32_t merged_into = -1;
  std::string display;  // organisations and places found by rule (organisations.h)
};

class Scanner {
 public:
  Scanner(const Gazetteer& g, std::string_view title, std::string_view summary, std::string_view body)
      : g_(g),
        t_(g, title, summary, body),
        gazetteer_(g, t_),
        names_(g, t_),
        organisations_(g, t_),
        things_(g, t_, gazetteer_) {}

  std::vector<Entity> run() {
    if (t_.size() == 0) return {};
    claimed_.assign(t_.size(), -1);
    find_acronym_definitions();
    pass1();
    promote_repeated();
    pass2();
    return output();
  }

 private:
  // --- gazetteer matches -----------------------------------------------------
  // "Marseille-Miramas", "France-Allemagne": each place of a hyphenated word
  // made of places is mentioned. Whether it is so.
  bool place_pair(size_t i) {
    const auto parts = gazetteer_.place_parts(i);
    for (const auto& [p, part] : parts) mention_entry(part.entry, p, p + part.length - 1);
    return !parts.empty();
  }

  // --- what is found ----------------------------------------------------------
  static void count_form(std::vector<std::pair<std::string, unsigned>>& forms, std::string form) {
    for (auto& f : forms)
      if (f.first == form) {
        ++f.second;
        return;
      }
    forms.emplace_back(std::move(form), 1);
  }

  void mention(int32_t f, size_t first, size_t last) {
    Found& e = found_[f];
    for (size_t k = first; k <= last; ++k) claimed_[k] = f;
    count_form(e.forms, t_.written(first, last));
    ++e.mentions;
    e.first = std::min<uint32_t>(e.first, static_cast<uint32_t>(first));
  }

  void mention_entry(int32_t entry, size_t first, size_t last) {
    auto [it, inserted] = by_entry_.emplace(entry, static_cast<int32_t>(found_.size()));
    if (inserted) {
      Found e;
      e.entry = entry;
      e.type = g_.entry(entry).type;
      found_.push_back(std::move(e));
    }
    mention(it->second, first, last);
  }

  // The person of folded name `key`, made at its first mention with the
  // keys of its words (which `add_unit_keys` appends) and its count of words.
  template <typename AddUnitKeys>
  int32_t person(const std::string& key, size_t words, AddUnitKeys&& add_unit_keys) {
    auto [it, inserted] = person_by_key_.emplace(key, static_cast<int32_t>(found_.size()));
    if (inserted) {
      Found e;
      e.type = EntityType::kPerson;
      e.key = key;
      add_unit_keys(e.unit_keys);
      e.words = words;
      found_.push_back(std::move(e));
    }
    return it->second;
  }

  // The keys of units [from, count) of `name`, appended to `keys`.
  void add_unit_keys(const Name& name, size_t from, std::vector<std::string>& keys) const {
    for (size_t u = from; u < name.count; ++u) keys.push_back(t_.key(name.units[u].first, name.units[u].second));
  }

  // The person f named in full as `written`, from token `first`: the forms
  // its display name is chosen from, and where it is so named.
  void mention_full_name(int32_t f, size_t first, std::string written) {
    if (t_.mode(first) != kNormal) return;
    count_form(found_[f].full_forms, std::move(written));
    found_[f].full_positions.push_back(static_cast<uint32_t>(first));
  }

  void mention_person(const Name& name) {
    int32_t f = person(t_.key(name.first, name.last), name.words,
                       [&](std::vector<std::string>& keys) { add_unit_keys(name, 0, keys); });
    mention(f, name.first, name.last);
    if (name.words >= 2) mention_full_name(f, name.first, t_.written(name.first, name.last));
  }

  // "Fabien et Jean-Michel Clain": Fabien Clain, the given name alone before
  // "et" and a person named in full, with that person's surname.
  void mention_sharing_surname(const Name& name) {
    size_t first = 0, last = 0, u = 0;
    if (!names_.given_before_and(name, first, last, u)) return;
    for (size_t k = first; k <= last; ++k)
      if (claimed_[k] >= 0) return;
    const size_t surname = name.units[u].first;
    size_t words = 1;  // the given name, then the surname's words
    for (size_t v = u; v < name.count; ++v) words += !name.particle[v];
    int32_t f =
        person(t_.key(first, last) + " " + t_.key(surname, name.last), words, [&](std::vector<std::string>& keys) {
          keys.push_back(t_.key(first, last));
          add_unit_keys(name, u, keys);
        });
    mention(f, first, last);
    mention_full_name(f, first, t_.written(first, last) + " " + t_.written(surname, name.last));
  }

  // An organisation or place found by a rule of organisations.h, one per
  // folded name ("Observatoire Pelagis" and "observatoire Pelagis").
  void mention_named(EntityType type, const Span& span) {
    // "The Hollywood Reporter" and "Hollywood Reporter" are one name, but
    // "The Lancet" keeps its article.
    const size_t from = span.first + (span.length() > 2 && t_[span.first].folded == "the" && t_[span.first].capital());
    std::string key = t_.key(from, span.last);
    // "l’ONG International Rescue Committee" where "(IRC)" follows it later.
    if (type == EntityType::kOrganisation) {
      for (const LongForm& form : long_forms_)
        if (form.key == key) {
          mention(form.found, span.first, span.last);
          return;
        }
    }
    // "le musée de Pointe-à-Callière" and "le musée Pointe-à-Callière" are one
    // name ("d’" is no token already: "musée d’Orsay" is "musee orsay").
    std::string same = key;
    if (const size_t space = same.find(' '); space != std::string::npos && same.compare(space, 4, " de ") == 0)
      same.erase(space, 3);
    auto [it, inserted] = named_.emplace(key, static_cast<int32_t>(found_.size()));
    if (inserted) {
      auto [one, first] = same_names_.emplace(same, it->second);
      if (first) {
        Found e;
        e.type = type;
        e.key = key;
        e.display = t_.written(from, span.last);
        found_.push_back(std::move(e));
      } else {
        it->second = one->second;
      }
    }
    mention(it->second, span.first, span.last);
  }

  // --- passes ----------------------------------------------------------------------
  // "l’Institut national du service public (INSP)": an organisation (the
  // known one, "Fratelli d’Italia (FDI)"), and the name it abbreviates is
  // that organisation anywhere in the article.
  void find_acronym_definitions() {
    for (const AcronymDefinition& d : acronym_definitions(g_, t_)) {
      const std::string& letters = t_[d.acronym].folded;
      int32_t f;
      auto it = acronyms_.find(letters);
      const GazetteerMatch known = gazetteer_.longest(d.first);
      if (known.length == d.last - d.first + 1 && g_.entry(known.entry).type == EntityType::kOrganisation) {
        mention_entry(known.entry, d.first, d.last);
        f = by_entry_[known.entry];
        acronyms_.emplace(letters, f);
      } else if (it == acronyms_.end()) {
        f = static_cast<int32_t>(found_.size());
        Found org;
        org.type = EntityType::kOrganisation;
        org.key = letters;
        org.display = std::string(t_[d.acronym].written());
        found_.push_back(std::move(org));
        acronyms_.emplace(letters, f);
        // Not a name that may be a person's ("Patrick Poivre d’Arvor (PPDA)",
        // but also "Amaury Sport Organisation (ASO)"): the acronym stays
        // where it is defined.
        if (!g_.is_given_name(t_.unit_key(d.first)))
          long_forms_.push_back({t_.key(d.first, d.last), d.last - d.first + 1, f});
        mention(f, d.first, d.last);
      } else {
        f = it->second;
        mention(f, d.first, d.last);
      }
      mention(f, d.acronym, d.acronym);
      --found_[f].mentions;  // the name and its acronym are one mention
    }
  }

  void pass1() {
    Name name;
    for (size_t i = 0; i < t_.size();) {
      if (claimed_[i] >= 0) {
        ++i;
        continue;
      }
      const Tok& t = t_[i];
      Mode m = t_.mode(i);
      if (m == kCredit) {
        ++i;
        continue;
      }
      if (const size_t defined = long_form_at(i)) {
        i += defined;
        continue;
      }
      GazetteerMatch dict = gazetteer_.longest(i);
      const size_t unit_length = t_[i].unit_end - i + 1;  // more than 1: a hyphenated word
      if (m == kNormal && t.capital() && t_.unit_start(i) && unit_length > 1 && dict.length < unit_length &&
          place_pair(i)) {
        i = t_[i].unit_end + 1;
        continue;
      }
      bool person_found = false;
      if (m == kNormal && t_.unit_start(i)) {
        // A given name that starts a longer gazetteer name is that name:
        // "Rio Branco", "San Francisco".
        bool given = t.capital() && dict.length <= t_[i].unit_end - i + 1;
        person_found = (given && names_.given_name_person(i, name)) || names_.titled_person(i, name);
        if (!person_found && t.capital() && dict.length == 0) person_found = names_.role_person(i, name);
        if (!person_found && t.cap == kCapital && dict.length == 0 && names_.speaker(i, name)) {
          // "», assure Ndiaye": one word that is no given name is often a
          // medium ("», précise Purepeople, le site…"); it is a person
          // before an age or "un", "une" ("», affirme Giorgos, un avocat"),
          // or as the surname of a name written in full (promote_repeated()).
          const size_t next = name.last + 1;
          const bool described = next < t_.size() && t_[next].gap == kComma &&
                                 (t_[next].cap == kOther || t_[next].folded == "un" || t_[next].folded == "une");
          person_found = name.words > 1 || described || g_.is_given_name(t_.unit_key(name.first));
          if (!person_found) speaker_surnames_.insert(t_.unit_key(name.first));
        }
        if (!person_found && t.cap == kCapital && dict.length == 0) person_found = names_.subject_of_saying(i, name);
        // "Le Pen", "LFI François Ruffin": a gazetteer name does not start a
        // person found by title or role, but a given name wins over a place
        // ("Florence Parly") when its name is longer.
        if (person_found && name.last - name.first + 1 <= dict.length) person_found = false;
      }
      Span span;
      const bool may_head = g_.starts_head(t.folded);  // most words head no name: one probe
      if (person_found && things_.after_work_cue(i)) {
        i = name.last + 1;  // "la série James Bond", "la saga Harry Potter": a work or its hero
      } else if (person_found) {
        mention_person(name);
        mention_sharing_surname(name);
        i = name.last + 1;
      } else if (t.capital() && organisations_.medium(i, span) && span.length() > dict.length &&
                 !(t.folded == "the" && gazetteer_.longest(i + 1).length + 1 >= span.length())) {
        // Not "The Washington Post", which the gazetteer knows without "The".
        mention_named(EntityType::kOrganisation, span);
        i = span.last + 1;
      } else if (may_head && organisations_.headed(i, span) && span.length() > dict.length) {
        mention_named(EntityType::kOrganisation, span);
        i = span.last + 1;
      } else if (dict.length > 0 && g_.entry(dict.entry).type == EntityType::kPlace &&
                 organisations_.numbered(i, dict.length, span)) {
        mention_named(EntityType::kOrganisation, span);
        i = span.last + 1;
      } else if (t.capital() && organisations_.sports_club(i, span) && span.length() > dict.length) {
        mention_named(EntityType::kOrganisation, span);
        i = span.last + 1;
      } else if (t.capital() && organisations_.ampersand(i, span) && span.length() > dict.length) {
        mention_named(EntityType::kOrganisation, span);
        i = span.last + 1;
      } else if (dict.length == 0 && t.capital() && organisations_.village(i, span)) {
        mention_named(EntityType::kPlace, span);
        i = span.last + 1;
      } else if (dict.length == 0 && t.capital() && organisations_.labelled(i, span)) {
        mention_named(EntityType::kOrganisation, span);
        i = span.last + 1;
      } else if (dict.length == 0 && t.cap == kCapital && organisations_.club(i, span)) {
        mention_named(EntityType::kOrganisation, span);
        i = span.last + 1;
      } else if (dict.length == 0 &&
                 (t.cap != kLower || (!t.folded.empty() && std::isdigit(static_cast<unsigned char>(t.folded[0])))) &&
                 organisations_.district(i, span)) {
        mention_named(EntityType::kPlace, span);
        i = span.last + 1;
      } else if (may_head && organisations_.place(i, span) && span.length() > dict.length) {
        mention_named(EntityType::kPlace, span);
        i = span.last + 1;
      } else if (may_head && dict.length == 0 && organisations_.cued(i, span) &&
                 gazetteer_.longest(span.first).length < span.length() && claimed_[span.first] < 0) {
        mention_named(EntityType::kOrganisation, span);
        i = span.last + 1;
      } else if (dict.length == 0 && t.cap == kUpper && organisations_.acronym(i)) {
        mention_named(EntityType::kOrganisation, {i, i});
        ++i;
      } else if (const size_t model = dict.length > 0 && g_.entry(dict.entry).type == EntityType::kOrganisation
                                          ? things_.model_after(i, i + dict.length)
                                          : 0) {
        // "la Toyota GR Supra", "une Renault 4": a product, which names no
        // company (nor a person, "Supra").
        i = model + 1;
      } else if (dict.length > 0) {
        // "un point « Accueil Ukraine »", "« Le Monde Afrique »": a place in a
        // longer name in quotes names something else (a place alone in
        // quotes is still one: "le mot « Kurdistan »").
        if (g_.entry(dict.entry).type != EntityType::kPlace || !t_.in_quoted_name(i, i + dict.length - 1, true))
          mention_entry(dict.entry, i, i + dict.length - 1);
        i += dict.length;
      } else if (m == kNormal && t.cap == kCapital && t_.unit_start(i) && !g_.is_common_word(t.folded) &&
                 !g_.is_filler(t.folded) && names_.after_article(i) && names_.read_name(i, false, name)) {
        i = name.last + 1;  // "du Don Giovanni de Mozart": a work, and no person inside it
      } else {
        if (m == kNormal && t.cap == kCapital && t_.unit_start(i)) remember_candidate(i);
        ++i;
      }
    }
  }

  // A name that an acronym defines, written at token i without it ("le
  // Musée des beaux-arts de Montréal" where "(MBAM)" follows it later, "du
  // Front de libération nationale corse"), is that organisation: it is
  // mentioned, and its length returned (0: none).
  size_t long_form_at(size_t i) {
    for (const LongForm& form : long_forms_) {
      const size_t last = i + form.length - 1;
      if (last >= t_.size() || t_[last].unit_end != last ||
          form.key.compare(0, t_[i].folded.size(), t_[i].folded) != 0 || t_.key(i, last) != form.key)
        continue;
      mention(form.found, i, last);
      return form.length;
    }
    return 0;
  }

  // A run of capitalised words that may be a person if written twice.
  void remember_candidate(size_t i) {
    if (!candidates_.empty() && candidates_.back().last >= i) return;  // inside the last one
    Name name;
    if (names_.candidate(i, name)) candidates_.push_back(name);
  }

  // A run of capitalised words written twice is a person, and so is one
  // whose surname a person of one word has: "Sibeth Ndiaye a fait valoir…",
  // then "», assure Ndiaye".
  void promote_repeated() {
    std::unordered_map<std::string, unsigned> count;
    for (const auto& c : candidates_) ++count[t_.key(c.first, c.last)];
    auto surname_of_a_person = [&](const Name& c) {
      const std::string surname = t_.unit_key(c.units[c.count - 1].first);
      auto it = person_by_key_.find(surname);
      return (it != person_by_key_.end() && found_[it->second].words == 1) || speaker_surnames_.count(surname);
    };
    for (const auto& c : candidates_) {
      if (count[t_.key(c.first, c.last)] < 2 && !person_by_key_.count(t_.key(c.first, c.last)) &&
          !surname_of_a_person(c))
        continue;
      bool free = true;
      for (size_t k = c.first; k <= c.last; ++k) free = free && claimed_[k] < 0;
      if (free) mention_person(c);
    }
  }

  // An acronym found alone ("PD") that spells an organisation of the
  // article ("Parti démocrate") is that organisation.
  void join_acronyms() {
    for (auto& [key, f] : named_) {
      Found& acronym = found_[f];
      if (acronym.type != EntityType::kOrganisation || acronym.merged_into >= 0 || key.find(' ') != std::string::npos ||
          t_[acronym.first].cap != kUpper)
        continue;
      for (size_t o = 0; o < found_.size(); ++o) {
        const Found& org = found_[o];
        if (static_cast<int32_t>(o) == f || org.type != EntityType::kOrganisation || org.merged_into >= 0) continue;
        std::string words = org.entry >= 0 ? facet_key(g_.entry(org.entry).name) : org.key;
        if (key.size() >= 2 && spells(g_, key, split(words, ' '))) {
          merge(f, static_cast<int32_t>(o));
          break;
        }
      }
    }
  }

  // Known people and organisations found by rule again, anywhere.
  void pass2() {
    join_acronyms();
    PersonKeys keys = person_keys();
    join_one_word_people(keys);
    // Organisations found by rule, written again: "le parti Syriza" ... "Syriza".
    for (const auto& [key, f] : named_)
      if (found_[f].type == EntityType::kOrganisation && found_[f].merged_into < 0) keys.try_emplace(key, 1, f);
    mention_known_people(keys);
    mention_sources();
  }

  // "selon Checknews", "d’après Anadolu": a name nothing else claimed, after
  // the words that cite a source, is an organisation (most often a medium);
  // people are claimed first, so "selon Macron" stays the president. Found
  // last, such a name counts only where a source is cited: a later bare
  // "Checknews" is not another mention.
  void mention_sources() {
    Span span;
    for (size_t i = 0; i < t_.size(); ++i)
      if (claimed_[i] < 0 && t_[i].capital() && organisations_.source(i, span)) {
        bool free = true;
        for (size_t k = span.first; k <= span.last; ++k) free = free && claimed_[k] < 0;
        if (!free) continue;
        mention_named(EntityType::kOrganisation, span);
        i = span.last;
      }
  }

  // Name keys ("le pen") -> the people (indexes into found_) they may mean.
  using PersonKeys = std::unordered_map<std::string, std::vector<int32_t>>;

  std::vector<int32_t> found_people() const {
    std::vector<int32_t> people;
    for (size_t f = 0; f < found_.size(); ++f)
      if (found_[f].type == EntityType::kPerson) people.push_back(static_cast<int32_t>(f));
    return people;
  }

  PersonKeys person_keys() const {
    // Keys: full names, then surnames ("Choïgou", "Le Pen" and "Pen"), then a
    // first word that is not a given name ("Xi" of "Xi Jinping").
    PersonKeys keys;
    const std::vector<int32_t> people = found_people();
    auto add_key = [&](const std::string& k, int32_t f) {
      if (k.empty() || g_.is_never(k) || g_.is_stopword(k)) return;
      auto& list = keys[k];
      if (std::find(list.begin(), list.end(), f) == list.end()) list.push_back(f);
    };
    for (int32_t f : people)
      if (found_[f].words >= 2) keys[found_[f].key].push_back(f);
    for (int32_t f : people) {
      const auto& u = found_[f].unit_keys;
      if (found_[f].words < 2) continue;
      for (size_t from = 1; from < u.size(); ++from) {
        if (from > 1 && !(g_.is_particle(u[from - 1]) || g_.is_given_name(u[from - 1]))) break;
        std::string tail;
        for (size_t k = from; k < u.size(); ++k) (tail += tail.empty() ? "" : " ") += u[k];
        // "de Gaulle" is written "Gaulle" after a lower-case particle.
        std::replace(tail.begin(), tail.end(), '-', ' ');
        add_key(tail, f);
      }
      // A surname may be a given name too ("M. Johnson", "M. Thomas"); a
      // first word is a key only when it is not one.
      if (u.size() == 2 && !g_.is_given_name(u[0])) add_key(u[0], f);
    }
    return keys;
  }

  void join_one_word_people(PersonKeys& keys) {
    // People known by one word ("M. Castex") join a full name with that
    // surname, and so do those known by an initial and the surname ("B.
    // Obama") when the initial is the full name's.
    for (int32_t f : found_people()) {
      Found& p = found_[f];
      const bool initial = p.words == 2 && p.unit_keys.size() == 2 && p.unit_keys[0].size() == 1;
      if (initial) {
        auto it = keys.find(p.unit_keys[1]);
        if (it == keys.end()) continue;
        std::vector<int32_t> others;
        for (int32_t o : it->second)
          if (o != f && found_[o].words >= 2 && found_[o].unit_keys[0][0] == p.unit_keys[0][0]) others.push_back(o);
        if (!others.empty()) merge(f, choose(others, p.first));
        continue;
      }
      if (p.words != 1) continue;
      auto it = keys.find(p.key);
      if (it == keys.end()) {
        keys[p.key].push_back(f);
        continue;
      }
      int32_t target = choose(it->second, p.first);
      if (target == f) continue;
      merge(f, target);
    }
  }

  void mention_known_people(const PersonKeys& keys) {
    // Then every capitalised word not yet claimed.
    for (size_t i = 0; i < t_.size(); ++i) {
      if (claimed_[i] >= 0 || !t_[i].capital() || !t_.unit_start(i) || t_.mode(i) == kCredit) continue;
      size_t best_last = 0;
      int32_t best = -1;
      key_.clear();
      for (size_t k = i; k < t_.size() && k - i < 8; ++k) {
        if (k > i) {
          if (!t_.joined(k) || t_[k].sentence != t_[i].sentence || claimed_[k] >= 0) break;
          if (!t_[k].capital() && !g_.is_particle(t_[k].folded) && t_[k].gap != kHyphen) break;
          key_ += ' ';
        }
        key_ += t_[k].folded;
        if (k != t_[k].unit_end) continue;  // whole words only
        auto it = keys.find(key_);
        // A surname that is also a common word ("Borne") needs its capital.
        if (it != keys.end() && k == t_[i].unit_end && g_.is_common_word(key_) &&
            (t_.mode(i) != kNormal || !t_[i].informative))
          it = keys.end();
        if (it != keys.end()) {
          best = choose(it->second, static_cast<uint32_t>(i));
          best_last = k;
        }
        auto acronym = acronyms_.find(key_);
        if (acronym != acronyms_.end() && t_[i].cap == kUpper) {
          best = acronym->second;
          best_last = k;
        }
      }
      if (best >= 0) {
        while (found_[best].merged_into >= 0) best = found_[best].merged_into;
        mention(best, i, best_last);
        i = best_last;
      }
    }
  }

  // Of the people a surname may mean, the one last named in full before
  // `position`, else the first one named.
  int32_t choose(const std::vector<int32_t>& candidates, uint32_t position) const {
    int32_t best = candidates[0];
    uint32_t best_pos = 0;
    bool before = false;
    for (int32_t f : candidates)
      for (uint32_t p : found_[f].full_positions)
        if (p <= position && (!before || p > best_pos)) {
          best = f;
          best_pos = p;
          before = true;
        }
    return best;
  }

  void merge(int32_t from, int32_t into) {
    Found& a = found_[from];
    Found& b = found_[into];
    for (auto& [form, n] : a.forms) {
      for (unsigned k = 0; k < n; ++k) count_form(b.forms, form);
    }
    b.mentions += a.mentions;
    b.first = std::min(b.first, a.first);
    a.merged_into = into;
    for (auto& c : claimed_)
      if (c == from) c = into;
  }

  std::vector<Entity> output() const {
    std::vector<std::pair<uint32_t, size_t>> order;
    for (size_t f = 0; f < found_.size(); ++f)
      if (found_[f].merged_into < 0 && found_[f].mentions > 0) order.emplace_back(found_[f].first, f);
    std::sort(order.begin(), order.end());
    std::vector<Entity> out;
    out.reserve(order.size());
    std::unordered_map<std::string, size_t> by_id;  // two rules may name one entity ("DMA")
    for (const auto& [first, f] : order) {
      const Found& e = found_[f];
      Entity entity;
      entity.type = e.type;
      entity.mentions = e.mentions;
      for (const auto& form : e.forms) entity.aliases.push_back(form.first);
      if (e.entry >= 0) {
        const GazetteerEntry& entry = g_.entry(e.entry);
        entity.id = entry.id;
        entity.name = entry.name;
      } else if (!e.display.empty()) {
        entity.name = e.display;
        entity.id = EntityId::of_name(e.type, e.display).str();
      } else {
        // The full name most often written in running text, else the most
        // frequent form.
        const auto& forms = e.full_forms.empty() ? e.forms : e.full_forms;
        const std::pair<std::string, unsigned>* best = &forms[0];
        for (const auto& form : forms)
          if (form.second > best->second) best = &form;
        entity.name = best->first;
        entity.id = EntityId::of_name(EntityType::kPerson, entity.name).str();
      }
      auto [it, inserted] = by_id.emplace(entity.id, out.size());
      if (!inserted) {
        Entity& same = out[it->second];
        same.mentions += entity.mentions;
        for (auto& alias : entity.aliases)
          if (std::find(same.aliases.begin(), same.aliases.end(), alias) == same.aliases.end())
            same.aliases.push_back(std::move(alias));
        continue;
      }
      out.push_back(std::move(entity));
    }
    return out;
  }

  const Gazetteer& g_;
  const ArticleText t_;
  GazetteerMatcher gazetteer_;
  const NameFinder names_;
  const OrganisationFinder organisations_;
  NamelessThings things_;
  std::vector<int32_t> claimed_;
  std::vector<Found> found_;
  std::unordered_map<int32_t, int32_t> by_entry_;
  std::unordered_map<std::string, int32_t> person_by_key_, acronyms_, named_;
  std::unordered_map<std::string, int32_t> same_names_;  // named_, without a "de" after the first word
  struct LongForm {
    std::string key;  // folded words
    size_t length;    // tokens
    int32_t found;
  };
  std::vector<LongForm> long_forms_;  // the names that acronyms in brackets define
  std::vector<Name> candidates_;
  std::unordered_set<std::string> speaker_surnames_;  // one-word speakers that are no given name
  std::string key_;
};

}  // namespace

std::vector<Entity> extract_entities(const Gazetteer& gazetteer, std::string_view title, std::string_view summary,
                                     std::string_view body) {
  return Scanner(gazetteer, title, summary, body).run();
}

}  // namespace gazette
