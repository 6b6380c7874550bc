#include "entities/organisations.h"

#include <array>
#include <cctype>
#include <limits>
#include <string_view>

namespace gazette::entities {
namespace {

constexpr size_t kNone = std::numeric_limits<size_t>::max();
// A name in quotes after a cue is short: "le collectif « Nous toutes »", not a
// sentence quoted after "le parti".
constexpr size_t kMaxQuotedNameWords = 4;

bool ends_with(std::string_view word, std::string_view end) {
  return word.size() >= end.size() && word.substr(word.size() - end.size()) == end;
}

// Small words that stand between the capitalised words of a name: "Led by
// Donkeys", "Sterling and Francine Clark", "Mouvement 5 étoiles" is not one.
bool name_connector(std::string_view folded) {
  for (std::string_view w : {"of", "by", "the", "and", "for", "et"})
    if (folded == w) return true;
  return false;
}

// The endings of French infinitives, folded ("proceder", "trancher",
// "revenir", "avoir", "mettre", "prendre", "faire", "dire", "suivre",
// "connaitre"); a noun after a bare "de" in a name rarely has one.
bool infinitive(std::string_view folded) {
  for (std::string_view end : {"er", "ir", "ttre", "ndre", "vre", "aitre", "uire", "dire", "faire", "crire", "lire"})
    if (ends_with(folded, end)) return true;
  return false;
}

}  // namespace

template <typename InSet>
size_t OrganisationFinder::head_at(size_t i, InSet&& in_set) const {
  if (!g_.starts_head(t_[i].folded)) return 0;
  size_t best = 0;
  std::string words;
  for (size_t len = 1; len <= g_.max_head_words() && i + len <= t_.size(); ++len) {
    size_t k = i + len - 1;
    if (len > 1 && (!t_.joined(k) || t_[k].sentence != t_[i].sentence || t_[k].cap != kLower)) break;
    if (len > 1) words += ' ';
    words += t_[k].folded;
    if (in_set(words)) best = len;
  }
  return best;
}

bool OrganisationFinder::continues(size_t k, size_t from) const {
  return k < t_.size() && t_.joined(k) && t_[k].sentence == t_[from].sentence;
}

bool OrganisationFinder::adjective(size_t k) const {
  const Tok& t = t_[k];
  if (t.cap != kLower || g_.is_stopword(t.folded)) return false;
  if (g_.is_filler(t.folded)) return true;
  if (t.folded.size() < 5) return false;
  // Verbs in -pelle share the ending of "officielle": "l’Union européenne
  // rappelle".
  if (ends_with(t.folded, "pelle") || ends_with(t.folded, "pellent")) return false;
  static constexpr std::array<std::string_view, 22> kEndings{
      "al",   "ale",   "aux",  "ales",  "el",   "elle",  "els", "elles", "ien", "ienne", "iens",
      "ique", "iques", "aire", "aires", "iste", "istes", "if",  "ive",   "ifs", "ives",  "eenne"};
  for (std::string_view end : kEndings)
    if (ends_with(t.folded, end)) return true;
  return false;
}

size_t OrganisationFinder::past_de(size_t k) const {
  const std::string& w = t_[k].folded;
  if (t_[k].cap != kLower || (w != "de" && w != "du" && w != "des")) return k;
  size_t p = k + 1;
  if (continues(p, k) && t_[p].cap == kLower && t_[p].folded == "la") ++p;
  return p;
}

size_t OrganisationFinder::complement_start(size_t k) const {
  if (!continues(k, k)) return kNone;
  const size_t p = past_de(k);
  if (p == k && t_[p].gap != kElision) return kNone;
  if (!continues(p, k) || !t_[p].capital()) return kNone;
  return p;
}

size_t OrganisationFinder::past_lower_de(size_t k) const {
  if (!continues(k, k) || t_[k].cap != kLower) return kNone;
  if (t_[k].elided_d) return k;  // "Cour d’assises"
  const size_t p = past_de(k);
  return p != k && continues(p, k) && t_[p].cap == kLower ? p : kNone;
}

size_t OrganisationFinder::portfolio_end(size_t k) const {
  const size_t p = past_lower_de(k);
  if (p == kNone) return kNone;
  size_t end = kNone;
  std::string words;
  for (size_t q = p; q - p < g_.max_portfolio_words() && continues(q, k) && t_[q].cap == kLower; ++q) {
    if (q > p) words += ' ';
    words += t_[q].folded;
    if (g_.is_portfolio(words)) end = q;
  }
  return end;
}

size_t OrganisationFinder::lower_complement_end(size_t i, size_t k) const {
  auto noun_after = [&](size_t q) {
    const size_t p = past_lower_de(q);
    if (p == kNone) return kNone;
    const std::string& w = t_[p].folded;
    // Not a verb after "de" ("la Cour suprême de trancher"), nor a day or a
    // word that names no organisation ("du pays", "de mercredi").
    bool bare = (t_[q].folded == "de" && p == q + 1 && !t_[p].elided_l) || p == q;  // "de", "d’"
    bool verb = bare && infinitive(w);
    return !verb && !g_.is_never(w) && !g_.is_stopword(w) && w.size() > 2 ? p : kNone;
  };
  // The complement's noun at p and its adjectives: "Institut national
  // d’études démographiques", "Centre d’études stratégiques", "Front de
  // libération nationale corse" (a nationality too: "la Chambre des
  // communes britannique" is read whole).
  auto noun_end = [&](size_t p) {
    size_t end = t_[p].unit_end;
    for (size_t a = 0; a < 2 && continues(end + 1, k) && adjective(end + 1); ++a) end = t_[end + 1].unit_end;
    return end;
  };
  size_t p = noun_after(k);
  if (p == kNone) return kNone;
  size_t end = noun_end(p);
  // More complements: "Ligue des droits de l’homme", "Office français de
  // l’immigration et de l’intégration".
  for (size_t more = 0; more < 3; ++more) {
    size_t q = end + 1;
    if (continues(q, k) && t_[q].cap == kLower && t_[q].folded == "et") ++q;
    if ((p = noun_after(q)) == kNone) break;
    end = noun_end(p);
  }
  // A place that the name belongs to: "Musée des beaux-arts de Montréal".
  if (size_t c = complement_start(end + 1); c != kNone && g_.is_place_word(t_.unit_key(c))) return t_[c].unit_end;
  return defined_until(i, end);
}

bool OrganisationFinder::abbreviates(size_t a, size_t first, size_t last) const {
  // Schwartz and Hearst's test ("A simple algorithm for identifying
  // abbreviation definitions in biomedical text", 2003): each letter of the
  // short form, from the last, is found in the long form leftwards, and the
  // first one starts a word.
  std::string words;
  for (size_t q = first; q <= last; ++q) (words += ' ') += t_[q].folded;
  const std::string& letters = t_[a].folded;
  if (letters.size() < 2) return false;
  size_t l = words.size();
  for (size_t s = letters.size(); s-- > 0;) {
    const char c = letters[s];
    if (!std::isalnum(static_cast<unsigned char>(c))) continue;
    while (l > 0 && (words[l - 1] != c || (s == 0 && l > 1 && words[l - 2] != ' '))) --l;
    if (l == 0) return false;
    --l;
  }
  return true;
}

size_t OrganisationFinder::defined_until(size_t first, size_t end) const {
  // Up to three adjectives, then the acronym in brackets: "Musée des arts
  // décoratifs (MAD)", "Front de libération nationale corse (FLNC)".
  for (size_t e = end, n = 0; n <= 3; ++n, ++e) {
    if (e > end && !(continues(e, first) && t_[e].cap == kLower && !g_.is_stopword(t_[e].folded))) break;
    const size_t a = e + 1;
    if (a < t_.size() && t_[a].paren_before && t_[a].paren_after && t_[a].capital() && abbreviates(a, first, e))
      return e;
  }
  return end;
}

size_t OrganisationFinder::capitalised_run(size_t k, size_t max_tokens) const {
  if (k >= t_.size() || !t_[k].capital()) return k - 1;
  size_t last = t_[k].unit_end, p = last + 1;
  bool ampersand = false;
  while (continues(p, k) && p - k < max_tokens) {
    // "d’" and a place end the name, as "de" does: "Emory d’Atlanta".
    if (t_[p].elided_d && g_.is_place_word(t_.unit_key(p))) break;
    if (t_[p].capital() || t_[p].cap == kOther) {
      ampersand = ampersand || t_[p].ampersand_before;
      last = t_[p].unit_end;
      p = last + 1;
      continue;
    }
    // English connectors between capitalised words: "Led by Donkeys". (A
    // French "de" ends the name: "Pointe-à-Callière de Montréal"; after an
    // "&", a connector starts another name: "Procter & Gamble et Johnson &
    // Johnson".)
    if (ampersand) break;
    size_t q = p;
    while (continues(q, k) && q - p < 2 && t_[q].cap == kLower && name_connector(t_[q].folded)) ++q;
    if (q > p && continues(q, k) && t_[q].capital()) {
      p = q;
      continue;
    }
    break;
  }
  // Adjectives after the name, "Union européenne", but not a demonym that
  // says whose it is: "le ministère de l’Intérieur italien".
  for (size_t n = 0; n < 2 && continues(p, k) && adjective(p); ++n) {
    if (g_.is_demonym(t_[p].folded) && !g_.is_name(t_.key(k, p))) break;
    last = p++;
  }
  return last;
}

bool OrganisationFinder::headed(size_t i, Span& name) const {
  if (t_.mode(i) != kNormal || (t_[i].cap != kLower && t_[i].cap != kCapital)) return false;
  bool capital = t_[i].cap == kCapital;
  size_t h = head_at(i, [&](const std::string& w) { return g_.is_org_head(w, capital); });
  if (h == 0) return false;
  size_t k = i + h, adjectives = 0;
  // Le Monde's "ministère de la santé": a ministry's portfolio in lower case.
  if (!capital && t_.key(i, k - 1) == "ministere")
    if (size_t end = portfolio_end(k); end != kNone) {
      name = {i, end};
      return true;
    }
  // A lower-case head takes no adjectives: "l’agence spatiale russe
  // Roscosmos" is Roscosmos (cued()).
  while (capital && adjectives < 3 && continues(k, i) && adjective(k)) ++k, ++adjectives;
  size_t last = k - 1;
  size_t c = complement_start(k);
  // "Institut Ifo", "Comédie-Française".
  if (c == kNone && capital && continues(k, i) && t_[k].capital() && t_[k].gap != kElision) c = k;
  if (c == kNone && continues(k, i) && t_[k].cap == kLower) {
    // One lower-case noun or adjective before the complement: "Cour
    // d’assises de Paris", "la cour d’appel de Douai", "le tribunal
    // correctionnel de Bobigny".
    size_t q = k;
    const std::string& w = t_[q].folded;
    if (w == "de" || w == "du" || w == "des") ++q;
    if (continues(q, i) && t_[q].cap == kLower && !g_.is_stopword(t_[q].folded)) c = complement_start(q + 1);
  }
  if (c != kNone) {
    size_t run = capitalised_run(c, 8);
    if (run < c) return false;
    const Gazetteer::Node* node = g_.find(t_.key(c, run));
    const GazetteerEntry* known = node && !node->aliases.empty() ? &g_.entry(node->aliases[0].entry) : nullptr;
    if (!capital) {
      // After a lower-case head, the complement is a name ("ministère de
      // l’Intérieur", "parquet de Bobigny"), not an acronym ("la direction de
      // l’ISS") or a known organisation ("la direction de Renault"); and a
      // place only for the institutions of a place: "l’hôpital d’Atlanta" is
      // a hospital of Atlanta, "le parquet de Bobigny" is Bobigny's.
      if (t_[c].cap != kCapital || (known && known->type == EntityType::kOrganisation)) return false;
      if (known && g_.is_org_cue(t_.key(i, i + h - 1))) return false;
    }
    // "le Parti démocrate de M. Letta", "le parti d’Alexis Tsipras": a person
    // after "de" is not part of the name.
    bool direct = c == k && t_[k].gap == kSpace;
    // French puts no article before a person's name: "ministère de la Santé"
    // is no person, though "Santé" is in the given names.
    bool article = t_[c - 1].folded == "la" || t_[c].elided_l;
    bool person = !known && !article && (g_.is_title(t_[c].written()) || g_.is_given_name(t_.unit_key(c)));
    // "le président de l’Assemblée Richard Ferrand": after a role and "de",
    // a full name that follows the head is the role's holder ("la Fondation
    // Charles Darwin" keeps its name, and so does "la porte-parole du
    // Collectif Adama": one word is no full name).
    if (direct && person && run > t_[c].unit_end && after_role(i)) direct = false;
    if (direct || !person)
      last = run;
    else if (!capital)
      return false;
    else
      c = kNone;
  }
  // A capitalised head and a complement in lower case: "Conseil des
  // ministres", "Caisse des dépôts", "Agence de l’eau", "Front de gauche";
  // not after a name the gazetteer knows ("l’Union européenne de l’énergie").
  if (c == kNone && capital && t_[i].informative && !g_.is_name(t_.key(i, k - 1)))
    if (size_t end = lower_complement_end(i, k); end != kNone) {
      name = {i, end};
      return !g_.is_event(t_.key(i, end));
    }
  // Without a complement, a capitalised head needs adjectives or a second
  // word of its own: "Parti démocrate", "Cour suprême".
  if (c == kNone && (!capital || !t_[i].informative || (adjectives == 0 && h == 1))) return false;
  name = {i, last};
  return true;
}

bool OrganisationFinder::after_role(size_t i) const {
  // "président de l’Assemblée", "patron du Sénat", "numéro un de LREM".
  size_t r = i;
  if (!t_[i].elided_d) {
    if (i == 0 || (t_[i].gap != kSpace && !t_[i].elided_l) || t_[i - 1].cap != kLower) return false;
    const std::string& de = t_[i - 1].folded;
    if (de != "de" && de != "du") return false;
    r = i - 1;
  }
  return r > 0 && t_.role_ends_at(r - 1);
}

bool OrganisationFinder::cued(size_t i, Span& name) const {
  // An acronym cues in its capitals: "l’ONG allemande SOS Humanity".
  if (t_.mode(i) != kNormal || (t_[i].cap != kLower && t_[i].cap != kUpper)) return false;
  // After "de" without an article, the cue is a kind of thing: "la pièce de
  // théâtre « Momo »", "une école de musique".
  if (i > 0 && (t_[i].elided_d || (t_[i].gap == kSpace && t_[i - 1].cap == kLower && t_[i - 1].folded == "de")))
    return false;
  size_t h = head_at(i, [&](const std::string& w) { return g_.is_org_cue(w); });
  if (h == 0) return false;
  size_t k = i + h;
  for (size_t adjectives = 0; adjectives < 2 && continues(k, i) && adjective(k); ++adjectives) ++k;
  if (k < t_.size() && t_[k].quote_before && t_[k - 1].sentence + 1 == t_[k].sentence) return quoted(k, name);
  if (!continues(k, i) || !t_[k].capital() || t_[k].gap != kSpace) return false;
  size_t run = capitalised_run(k, 5);
  // One common word is not a name: "le site Internet".
  if (run == t_[k].unit_end && t_[k].cap != kUpper && g_.is_common_word(t_.unit_key(k))) return false;
  // A cue that heads names in lower case too is kept when the name follows
  // it directly: "le musée Pointe-à-Callière", "l’observatoire Pelagis" (as
  // "l’Observatoire Pelagis"); not "l’hôpital privé Emory", nor "le parti
  // Les Républicains".
  bool keeps_cue = k == i + h && g_.is_org_head(t_.key(i, k - 1), false);
  name = {keeps_cue ? i : k, run};
  return true;
}

size_t OrganisationFinder::closing(size_t k, size_t max_tokens, bool Tok::*mark) const {
  for (size_t e = k; e < t_.size() && e - k < max_tokens; ++e) {
    if (e > k && !continues(e, k)) return kNone;
    if (t_[e].*mark) return e;
  }
  return kNone;
}

bool OrganisationFinder::quoted(size_t k, Span& name) const {
  if (!t_[k].capital()) return false;
  size_t e = closing(k, kMaxQuotedNameWords, &Tok::quote_after);
  if (e == kNone) return false;
  name = {k, e};
  return true;
}

bool OrganisationFinder::labelled(size_t i, Span& name) const {
  const Tok& t = t_[i];
  if (t_.mode(i) != kNormal || !t.capital() || !t_.unit_start(i)) return false;
  if (!(i > 0 && t.gap == kSpace && t_[i - 1].cap == kLower && is_article(t_[i - 1].folded)) && !t.elided_l)
    return false;
  size_t run = capitalised_run(i, 4);
  size_t p = run + 1;
  if (run < i || p >= t_.size() || !t_[p].paren_before || t_[p].sentence != t_[i].sentence) return false;
  size_t e = closing(p, 3, &Tok::paren_after);
  if (e == kNone || !g_.is_party_label(t_.key(p, e))) return false;
  name = {i, run};
  return true;
}

bool OrganisationFinder::village(size_t i, Span& name) const {
  if (t_.mode(i) != kNormal || !t_[i].capital() || !t_.unit_start(i)) return false;
  // The longest commune's name from i: "Marles-les-Mines".
  size_t last = i;
  bool found = false;
  for (size_t e = t_[i].unit_end; e < t_.size() && e - i < 6; e = t_[e + 1].unit_end) {
    if (g_.is_village(t_.key(i, e))) last = e, found = true;
    if (e + 1 >= t_.size() || !continues(e + 1, i)) break;
  }
  if (!found) return false;
  bool place = false;
  if (last + 1 < t_.size() && t_[last + 1].paren_before) {
    size_t p = last + 1, e = closing(p, 5, &Tok::paren_after);
    bool code = e == p && t_[p].cap == kOther && t_[p].folded.size() <= 3;  // "(59)", "(974)"
    place = e != kNone && (code || g_.is_french_division(t_.key(p, e)));
  } else {
    // "à Mailley-Chazelot": after "à", a commune that is no common word nor
    // a given name.
    bool after_a = i > 0 && t_[i].gap == kSpace && t_[i - 1].written() == "à";
    place = after_a && t_[i].informative && !g_.is_common_word(t_.unit_key(i)) && !g_.is_given_name(t_.unit_key(i)) &&
            !g_.is_name(t_.key(i, last));
  }
  if (place) name = {i, last};
  return place;
}

bool OrganisationFinder::ampersand(size_t i, Span& name) const {
  if (t_.mode(i) != kNormal || !t_[i].capital() || !t_.unit_start(i) || t_[i].ampersand_before) return false;
  size_t run = capitalised_run(i, 6);
  std::string letters;  // "R&D", "R&B" are common nouns
  for (size_t k = i; k <= run; ++k) letters += t_[k].folded;
  if (g_.is_common_acronym(letters)) return false;
  for (size_t k = i + 1; k <= run; ++k)
    if (t_[k].ampersand_before) {
      name = {i, run};
      return true;
    }
  return false;
}

bool OrganisationFinder::source(size_t i, Span& name) const {
  const Tok& t = t_[i];
  if (i == 0 || t_.mode(i) != kNormal || !t_.unit_start(i) || t.gap != kSpace || t_[i - 1].cap == kUpper) return false;
  const std::string& before = t_[i - 1].folded;
  if (before != "selon" && !(before == "apres" && t_[i - 1].elided_d)) return false;
  const std::string first = t_.unit_key(i);
  if (g_.is_common_word(first) || g_.is_given_name(first) || g_.is_title(t.written()) || g_.is_never(first))
    return false;
  size_t run = capitalised_run(i, 4);
  if (run < i) return false;
  // Two words or more are as often a person no list knows ("selon Anshu
  // Banerjee"), but for an acronym among them ("GFK Market Intelligence").
  bool acronym = false;
  for (size_t k = i; k <= run; ++k) acronym = acronym || t_[k].cap == kUpper;
  if (run > t.unit_end && !acronym) return false;
  name = {i, run};
  return true;
}

bool OrganisationFinder::acronym(size_t i) const {
  const Tok& t = t_[i];
  if (t.cap != kUpper || t_.mode(i) != kNormal || t.unit_end != i || (i > 0 && t.gap == kHyphen)) return false;
  std::string_view w = t.written();
  if (roman_numeral(w) || g_.is_title(w)) return false;
  std::string letters = t.folded;
  while (!letters.empty() && letters.back() >= '0' && letters.back() <= '9') letters.pop_back();
  if (letters.size() < 2 || t.folded.size() > 6) return false;
  if (const Gazetteer::Node* node = g_.find(t.folded); node && !node->aliases.empty()) return false;
  if (g_.is_common_word(t.folded) || g_.is_common_acronym(letters) || g_.is_common_acronym(t.folded) ||
      g_.is_given_name(t.folded))
    return false;
  // Part of a name written in capitals: "Sylvie BITTON", "BFM TV".
  if (i > 0 && t.gap == kSpace && continues(i, i - 1) && t_[i - 1].capital()) return false;
  if (continues(i + 1, i) && t_[i + 1].capital()) return false;
  return true;
}

bool OrganisationFinder::numbered(size_t i, size_t place_length, Span& name) const {
  size_t k = i + place_length;
  if (place_length == 0 || !continues(k, i) || t_[k].gap != kSpace || t_[k].cap != kOther) return false;
  const std::string& digits = t_[k].folded;
  if (digits.size() > 2 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
  name = {i, k};
  return true;
}

bool OrganisationFinder::club(size_t i, Span& name) const {
  const Tok& t = t_[i];
  if (t_.mode(i) != kNormal || t.cap != kCapital || !t.informative || t.unit_end != i) return false;
  if (g_.is_common_word(t.folded) || g_.is_given_name(t.folded) || g_.find(t.folded)) return false;
  size_t k = i + 1;
  if (!continues(k, i) || t_[k].gap != kSpace || t_[k].unit_end != k || !g_.is_city_word(t_[k].folded)) return false;
  if (continues(k + 1, i) && t_[k + 1].capital()) return false;
  name = {i, k};
  return true;
}

bool OrganisationFinder::medium(size_t i, Span& name) const {
  const Tok& t = t_[i];
  if (t_.mode(i) != kNormal || !t.capital() || !t_.unit_start(i) || is_article(t.folded) ||
      (t.folded != "the" && (!t.informative || g_.is_never(t.folded))))
    return false;
  // The media word first: most capitalised words start no newspaper.
  size_t last = kNone;
  for (size_t k = i + 1; k < t_.size() && k <= i + 4 && continues(k, i) && t_[k].capital(); ++k)
    if (t_[k].unit_end == k && t_[k].cap == kCapital && g_.is_media_word(t_[k].folded)) last = k;
  if (last == kNone || capitalised_run(i, 5) < last) return false;
  // The name ends there: "The Lancet Child & Adolescent Health" is longer.
  if (continues(last + 1, i) && t_[last + 1].capital()) return false;
  name = {i, last};
  return true;
}

bool OrganisationFinder::sports_club(size_t i, Span& name) const {
  if (t_.mode(i) != kNormal || !t_[i].capital() || !t_.unit_start(i)) return false;
  // A capitalised word at k that the gazetteer knows as `is` says.
  auto word_at = [&](size_t k, bool (Gazetteer::*is)(const std::string&) const) {
    return k < t_.size() && t_[k].capital() && (g_.*is)(t_.key(k, t_[k].unit_end));
  };
  auto city_at = [&](size_t k) { return word_at(k, &Gazetteer::is_city_word); };
  auto place_at = [&](size_t k) { return word_at(k, &Gazetteer::is_place_word); };
  if (t_[i].unit_end == i && g_.is_club_prefix(t_[i].folded)) {
    size_t k = i + 1;
    if (!continues(k, i) || t_[k].gap != kSpace) return false;
    // "AS Monaco", "AC Milan"; after "de", a city only: "Stade de Reims",
    // "Girondins de Bordeaux", but not the stadium "Stade de France".
    bool de = t_[k].cap == kLower && t_[k].folded == "de" && continues(k + 1, i);
    if (de ? !city_at(++k) : !place_at(k)) return false;
    name = {i, t_[k].unit_end};
    return true;
  }
  if (!city_at(i)) return false;
  size_t k = t_[i].unit_end + 1;
  if (!continues(k, i) || t_[k].gap != kSpace || !t_[k].capital() || !g_.is_club_suffix(t_[k].folded)) return false;
  name = {i, k};
  return true;
}

bool OrganisationFinder::district(size_t i, Span& name) const {
  if (!continues(i + 1, i) || t_[i + 1].folded != "arrondissement") return false;
  // "18e", "1er", "3ème", or in roman numerals, "XVIe".
  std::string_view w = t_[i].written();
  size_t digits = 0;
  while (digits < w.size() && std::isdigit(static_cast<unsigned char>(w[digits]))) ++digits;
  std::string_view suffix = w.substr(digits);
  bool ordinal = digits > 0 && digits <= 2 && (suffix == "e" || suffix == "er" || suffix == "ème" || suffix == "eme");
  if (!ordinal && !roman_ordinal(w)) return false;
  size_t c = complement_start(i + 2);
  if (c == kNone || !g_.is_city_word(t_.unit_key(c))) return false;
  name = {i, t_[c].unit_end};
  return true;
}

bool OrganisationFinder::place(size_t i, Span& name) const {
  if (t_.mode(i) != kNormal || t_[i].cap != kLower) return false;
  size_t h = head_at(i, [&](const std::string& w) { return g_.is_place_head(w); });
  if (h == 0) return false;
  size_t k = i + h;
  size_t c = complement_start(k);
  if (c == kNone && continues(k, i) && t_[k].capital() && t_[k].gap == kSpace) c = k;  // "lac Léman"
  if (c == kNone) return false;
  size_t run = capitalised_run(c, 5);
  if (run < c) return false;
  // A set or a stand of an organisation is no natural place: "sur le
  // plateau de Public Sénat".
  if (g_.is_organisation_name(t_.key(c, run))) return false;
  name = {i, run};
  return true;
}

}  // namespace gazette::entities
