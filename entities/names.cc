#include "entities/names.h"

#include <algorithm>

#include "entities/quote_lexicon.h"

namespace gazette::entities {

bool NameFinder::is_given_unit(size_t i) const {
  if (t_[i].cap != kCapital) return false;
  std::string key = t_.unit_key(i);
  if (g_.is_given_name(key)) return true;
  // "Marie-Hélène": a given name joined to another capitalised word.
  return t_[i].unit_end == i + 1 && t_[i + 1].capital() && g_.is_given_name(t_[i].folded) &&
         g_.is_given_name(t_[i + 1].folded);
}

bool NameFinder::continues_name(size_t k, uint32_t sentence) const {
  const Tok& t = t_[k];
  if (t.sentence != sentence || t.ampersand_before) return false;  // "&" joins companies, not people
  if (t.gap == kSpace) return true;
  // "Valéry Giscard d’Estaing", but not "Cora d’Île-de-France": a city or a
  // French région or département after "d’" is a complement.
  if (t.gap != kElision || !t.elided_d) return false;
  const std::string place = t_.key(k, t.unit_end);
  return !g_.is_city_word(place) && !g_.is_french_division(place);
}

size_t NameFinder::particles_end(size_t pos, uint32_t sentence) const {
  const size_t n = t_.size();
  size_t next = pos;
  while (next < n && t_.single_particle(next) && next - pos < 3) {
    ++next;
    if (next < n && !continues_name(next, sentence)) next = n;
  }
  return next;
}

bool NameFinder::particles_join(size_t pos, size_t next, const Name& name, uint32_t sentence) const {
  const size_t n = t_.size();
  if (next >= n || t_.single_particle(next) || !t_.unit_capital(next) || roman_ordinal(t_[next].written()))
    return false;
  // "Raffaele de Milan", "Houria Bouteldja du Parti": "de" before a city,
  // "du" or "des" before a place or a word of organisations, start a
  // complement ("Cécile de France", "Philippe de Belgique", "Eric de
  // Moulins-Beaufort" and "Laurence des Cars" are names).
  if (t_[pos].cap == kLower && next == pos + 1) {
    const std::string& particle = t_[pos].folded;
    std::string after = t_.unit_key(next);
    bool du = particle == "du" || particle == "des";
    if ((particle == "de" && g_.is_city_word(after)) ||
        (du && (g_.is_place_word(after) || g_.is_not_person_word(after))))
      return false;
  }
  // "Kurt Cobain de Nirvana", "Mary de Jean Vautrin": after two words,
  // "de" starts a complement, unless a surname ends there ("Geoffroy
  // Roux de Bézieux").
  if (name.words >= 2 && t_[pos].cap == kLower && t_[pos].folded[0] == 'd') {
    std::string after = t_.unit_key(next);
    size_t beyond = t_[next].unit_end + 1;
    bool ends = beyond >= n || !continues_name(beyond, sentence) || !t_.unit_capital(beyond);
    if (!ends || g_.is_given_name(after) || g_.is_name(t_[next].folded)) return false;
  }
  return name.count + (next - pos) + 1 <= name.units.size();
}

bool NameFinder::word_joins(size_t pos, const Name& name) const {
  if (!t_.unit_capital(pos) || name.count >= name.units.size()) return false;
  // "Amandine Laprun ACTES SUD": capitals after a name are something else
  // (but "Elizabeth II", and names all in capitals, go on).
  if (name.words > 0 && t_[pos].cap == kUpper && t_[name.units[0].first].cap != kUpper &&
      !roman_numeral(t_[pos].written()))
    return false;
  std::string key = t_.unit_key(pos);
  // Roles and titles only stop a name at its start: "Bruno Le Maire". A
  // little word does not go on a name, but for the "Un" of "Kim Jong Un".
  bool little = g_.is_stopword(key) && (name.count == 0 || key != "un");
  return !(g_.is_never(key) || g_.is_not_person_word(key) || little ||
           (name.count == 0 && (g_.is_role(key) || g_.is_title(t_[pos].written()))));
}

void NameFinder::trim_end(Name& name) const {
  while (name.count > 0 && name.particle[name.count - 1]) --name.count;
  // "Mieczyslaw Weinberg Sonates": past two words, a common word ends the
  // name unless a particle leads to it ("Bruno Le Maire").
  while (name.words > 2 && !name.particle[name.count - 2] &&
         g_.is_common_word(t_.unit_key(name.units[name.count - 1].first)) &&
         !g_.is_stopword(t_.unit_key(name.units[name.count - 1].first))) {
    --name.count;
    --name.words;
  }
}

void NameFinder::cut_before_next_person(Name& name) const {
  size_t previous = name.count;  // the last unit that is not a particle
  for (size_t u = 0; u < name.count; ++u) {
    if (name.particle[u]) continue;
    bool more = false;
    for (size_t v = u + 1; v < name.count; ++v) more = more || !name.particle[v];
    // "Abd Rabbo Mansour Hadi": "Abd" ("servant of") and the next word are
    // one given name.
    const bool after_abd =
        previous > 0 && previous != name.count && t_.unit_key(name.units[previous - 1].first) == "abd";
    if (previous != name.count && more && is_given_unit(name.units[u].first) &&
        !is_given_unit(name.units[previous].first) && !after_abd) {
      name.count = u;
      name.words = 0;
      for (size_t v = 0; v < u; ++v) name.words += !name.particle[v];
      trim_end(name);
      return;
    }
    previous = u;
  }
}

bool NameFinder::read_name(size_t i, bool leading_particle, Name& name) const {
  name = Name();
  const size_t n = t_.size();
  const uint32_t sentence = t_[i].sentence;
  size_t pos = i;
  while (name.words < kMaxNameWords && pos < n && (pos == i || continues_name(pos, sentence))) {
    if (t_.single_particle(pos)) {
      // Particles ("de", "Le", "von der") only before a capitalised word.
      if (name.count == 0 && !leading_particle) break;
      size_t next = particles_end(pos, sentence);
      if (!particles_join(pos, next, name, sentence)) break;
      for (size_t p = pos; p < next; ++p) {
        name.units[name.count] = {static_cast<uint32_t>(p), static_cast<uint32_t>(p)};
        name.particle[name.count++] = true;
      }
      pos = next;
      continue;
    }
    if (!word_joins(pos, name)) break;
    name.units[name.count] = {static_cast<uint32_t>(pos), t_[pos].unit_end};
    name.particle[name.count++] = false;
    ++name.words;
    pos = t_[pos].unit_end + 1;
  }
  trim_end(name);
  cut_before_next_person(name);
  if (name.words == 0) return false;
  name.first = name.units[0].first;
  name.last = name.units[name.count - 1].second;
  return true;
}

size_t NameFinder::first_word(const Name& n) const {
  for (size_t u = 0; u < n.count; ++u)
    if (!n.particle[u]) return u;
  return 0;
}

bool NameFinder::given_name_person(size_t i, Name& name) const {
  if (!is_given_unit(i) || after_article(i) || !read_name(i, false, name) || name.words < 2) return false;
  std::string given = t_.unit_key(i);
  size_t u1 = 1;
  while (u1 < name.count && name.particle[u1]) ++u1;
  size_t s = name.units[u1].first;
  std::string surname = t_.unit_key(s);
  if (t_[s].cap == kUpper && surname.size() <= 3) return false;      // "Jean RN"
  if (t_[s].unit_end > s && t_[s].folded.size() == 1) return false;  // "Mégane E-Tech"
  // "le patron de Renault Carlos Ghosn", "Michelin Pilot Sport": a
  // company named like a person starts no person's name.
  if (g_.is_organisation_name(given)) return false;
  // "Lazard Frères Gestion": a company named after a person.
  if (name.words >= 3) {
    size_t common = 0, seen = 0;
    for (size_t u = name.count; u-- > 0 && seen < 2;)
      if (!name.particle[u]) {
        ++seen;
        common += g_.is_common_word(t_.unit_key(name.units[u].first));
      }
    if (common == 2) return false;
  }
  // A given name that is also a common word or a place ("Pierre", "Marine",
  // "Florence") needs a surname that is not a common word: "France
  // Télévisions", "Pierre Blanc" are not taken, "Florence Parly" is.
  bool weak = g_.is_common_word(given) || g_.is_place_word(given);
  if (weak && g_.is_common_word(surname)) return false;
  return true;
}

bool NameFinder::given_before_and(const Name& name, size_t& first, size_t& last, size_t& surname_unit) const {
  const size_t i = name.first;
  if (i < 2 || name.count < 2 || !is_given_unit(i) || name.particle[1]) return false;
  const Tok& et = t_[i - 1];
  if (et.folded != "et" || et.cap != kLower || et.gap != kSpace || t_[i].gap != kSpace) return false;
  last = i - 2;
  first = last;
  while (first > 0 && t_[first].gap == kHyphen) --first;
  if (t_[first].unit_end != last || !is_given_unit(first) || t_[first].sentence != t_[i].sentence) return false;
  // Alone: not the end of another name ("Anne Hidalgo et Michel Barnier").
  if (first > 0 && t_[first - 1].capital() && t_.joined(first)) return false;
  // The surname: past the given names ("Fred et Mary Anne Trump").
  size_t u = 1;
  while (u + 1 < name.count && !name.particle[u] && is_given_unit(name.units[u].first)) ++u;
  if (name.particle[u] && u > 1) return false;
  const std::string given = t_.unit_key(first), surname = t_.unit_key(name.units[u].first);
  // As for a name in full, a given name that is also a common word or a
  // place needs a surname that is not one.
  if (surname.size() < 2 || ((g_.is_common_word(given) || g_.is_place_word(given)) && g_.is_common_word(surname)))
    return false;
  // Someone known by one name ("Neymar et Sergio Ramos", "Zendaya et Hunter
  // Schafer") or by another surname ("Adama et George Floyd": Adama Traoré)
  // is written so elsewhere in the article: then the surname is not shared.
  for (size_t k = 0; k < t_.size(); ++k) {
    if (k == first || t_[k].cap != kCapital || !t_.unit_start(k) || t_.unit_key(k) != given) continue;
    const size_t next = t_[k].unit_end + 1;
    if (next < t_.size() && t_[next].folded == "et" && t_[next].cap == kLower) continue;  // the same pair again
    if (next >= t_.size() || !t_.joined(next) || !t_[next].capital() || t_.unit_key(next) != surname) return false;
  }
  surname_unit = u;
  return true;
}

bool NameFinder::titled_person(size_t i, Name& name) const {
  if (i == 0 || t_[i].gap != kSpace || !t_[i - 1].capital() || t_[i].sentence != t_[i - 1].sentence) return false;
  const Tok& title = t_[i - 1];
  if (!g_.is_title(title.written())) return false;
  std::string_view w = title.written();
  if ((w == "M" || w == "MM") && !title.dot_after) return false;  // "M le mag"
  if (!read_name(i, true, name)) return false;
  // « M. Brexit », le « M. Sécurité » du parti: a nickname; "M. X": anonymous.
  if (title.quote_before && t_[name.last].quote_after) return false;
  if (name.words == 1 && t_[name.last].end - t_[name.first].begin == 1) return false;
  return true;
}

// Whether tokens k..k+len-1 are a filler: a role adjective or a demonym
// ("ancien", "russe", "nord-coréenne", "d’extrême droite").
bool NameFinder::filler_at(size_t k, size_t len) const {
  if (k + len > t_.size()) return false;
  std::string words;
  for (size_t m = k; m < k + len; ++m) {
    if (t_[m].cap != kLower) return false;
    if (m > k && (!t_.joined(m) || t_[m].sentence != t_[k].sentence)) return false;
    if (m > k) words += ' ';
    words += t_[m].folded;
  }
  return g_.is_filler(words);
}
// The length of the longest filler ending at token j, or 0.
size_t NameFinder::filler_ends_at(size_t j) const {
  for (size_t len = std::min(g_.max_filler_words(), j + 1); len > 0; --len)
    if (filler_at(j + 1 - len, len)) return len;
  return 0;
}
// The length of the longest filler starting at token k before `limit`, or 0.
size_t NameFinder::filler_starts_at(size_t k, size_t limit) const {
  for (size_t len = std::min(g_.max_filler_words(), limit - k); len > 0; --len)
    if (filler_at(k, len)) return len;
  return 0;
}

bool NameFinder::role_person(size_t i, Name& name) const {
  if (i == 0 || t_[i].sentence != t_[i - 1].sentence) return false;
  Gap gap = t_[i].gap;
  if (gap == kSpace) {
    // Back over adjectives to the role ("général" is both: "le général
    // Thierry Burkhard", "le secrétaire général Antonio Guterres").
    size_t j = i - 1;
    for (int fillers = 0; !t_.role_ends_at(j); ++fillers) {
      size_t len = fillers < 3 ? filler_ends_at(j) : 0;
      if (len == 0 || j < len || !t_.joined(j + 1 - len)) return false;
      j -= len;
    }
  } else if (gap == kComma) {
    // Role, adjectives, then a complement "de la Défense", before the comma.
    bool found = false;
    for (size_t back = 1; back <= 9 && back <= i && !found; ++back) {
      size_t r = i - back;
      if (t_[r].sentence != t_[i].sentence) break;
      if (r + 1 < i && !t_.joined(r + 1)) break;
      if (!t_.role_ends_at(r)) continue;
      size_t k = r + 1;
      while (k < i) {  // adjectives
        size_t len = filler_starts_at(k, i);
        if (len == 0) break;
        k += len;
      }
      const std::string& w = k < i ? t_[k].folded : std::string();
      found = k == i || w == "de" || w == "du" || w == "des" || t_[k].gap == kElision;
    }
    if (!found) return false;
  } else {
    return false;
  }
  if (!read_name(i, false, name)) return false;
  size_t w = name.units[first_word(name)].first;
  std::string first = t_.unit_key(w);
  if (gap == kComma && g_.is_common_word(first)) return false;
  // "le député UMP", "la coalition Ensemble", "le roi Lion": one word that
  // is an acronym or a common word is not a name.
  if (name.words == 1 && (t_[w].cap == kUpper || g_.is_common_word(first) || first.size() == 1)) return false;
  return true;
}

bool NameFinder::candidate(size_t i, Name& name) const {
  if (!read_name(i, false, name) || name.words < 2) return false;
  std::string first = t_.unit_key(i), last = t_.unit_key(name.units[name.count - 1].first);
  if (g_.is_common_word(first) || g_.is_common_word(last) || g_.is_place_word(first)) return false;
  for (size_t u = 0; u < name.count; ++u)
    if (t_[name.units[u].first].cap == kUpper) return false;
  if (t_.in_quoted_name(i, name.last)) return false;  // "« Little Palestine »", a film
  // Not a part of a longer run of capitals: "Tianmen Shan Big Gate Road".
  const size_t next = t_[name.last].unit_end + 1;
  if (next < t_.size() && t_[next].gap == kSpace && t_[next].sentence == t_[i].sentence && t_[next].capital())
    return false;
  return !after_article(i);
}

bool NameFinder::speaker(size_t i, Name& name) const {
  if (i < 2 || t_[i].gap != kSpace || (t_[i - 1].gap != kComma && t_[i - 1].gap != kBreak) || !t_[i - 2].quote_after ||
      t_[i - 1].cap != kLower)
    return false;
  // In lower case, the verb as written is the lexicon's form: "déclare".
  if (!(quoting::verb_forms(t_[i - 1].written()) & quoting::kFinite)) return false;
  return !g_.is_stopword(t_[i].folded) && !g_.is_common_word(t_.unit_key(i)) && read_name(i, false, name);
}

bool NameFinder::subject_of_saying(size_t i, Name& name) const {
  // Verbs that say what a person said, not what a company announces or
  // offers ("AngloGold Ashanti a annoncé", "Market Maker propose").
  static const WordSet kVerbs = [] {
    WordSet set;
    for (const char* w : {"declare",   "affirme", "explique", "ajoute",   "souligne", "estime", "insiste",
                          "confie",    "raconte", "martele",  "retorque", "replique", "dit",    "repond",
                          "reconnait", "reconnu", "repondu",  "temoigne", "deplore",  "denonce"})
      set.add(w);
    set.finish();
    return set;
  }();
  auto lower_word = [&](size_t j) { return j < t_.size() && t_[j].gap == kSpace && t_[j].cap == kLower; };
  // The verb first, past the capitalised words: most have none after them.
  size_t k = i + 1;
  while (k < t_.size() && k - i <= kMaxNameWords && t_[k].cap != kLower) ++k;
  if (!lower_word(k)) return false;
  const bool perfect = t_[k].folded == "a" && lower_word(k + 1);
  if (!kVerbs.contains(t_[perfect ? k + 1 : k].folded)) return false;
  if (!candidate(i, name) || name.last + 1 != k) return false;
  // "Mediaset Espagne", "Trans Caspian Resources": a place or a company's
  // word in the name.
  for (size_t u = 1; u < name.count; ++u) {
    const std::string word = t_.unit_key(name.units[u].first);
    if (g_.is_place_word(word) || g_.is_not_person_word(word)) return false;
  }
  return true;
}

bool NameFinder::after_article(size_t i) const {
  if (t_[i].elided_l) return true;  // "l’Admiral Kino"
  if (i == 0 || t_[i].gap != kSpace || (t_[i - 1].cap != kLower && t_[i - 1].informative)) return false;
  const std::string& w = t_[i - 1].folded;
  // Not "un", "une": "le registre d’un Eric Zemmour" still means him.
  return w == "le" || w == "la" || w == "les" || w == "du" || w == "au" || w == "aux";
}

}  // namespace gazette::entities
