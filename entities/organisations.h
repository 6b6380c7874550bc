// The rules that find organisations (and natural places) that the gazetteer
// does not know, by the words around their names (corpus/entities-fr.tsv):
//  - a head noun that the name keeps, with adjectives or a complement: "Cour
//    suprême", "Parti démocrate", "ministère de l’Intérieur", "Bourse de Sao
//    Paulo", "Conseil de l’Union européenne", "musée Pointe-à-Callière"; and
//    a ministry with its portfolio in lower case, as Le Monde writes it:
//    "ministère de la santé"; a capitalised head with complements in lower
//    case, "Conseil des ministres", "Ligue des droits de l’homme", up to the
//    acronym in brackets that abbreviates them, "Front de libération
//    nationale corse (FLNC)" (Schwartz and Hearst's test);
//  - a cue noun that the name follows: "le quotidien italien La Stampa", "le
//    parti Syriza", "l’agence Anadolu", "le collectif féministe « Nous
//    toutes »"; and after "selon" or "d’après", a word that nothing else
//    claimed: "selon Checknews";
//  - a name after an article and before a political label in brackets:
//    "la Ligue (extrême droite)", "du Pasok (socialiste)";
//  - an acronym that is neither a gazetteer name nor a common noun ("KKE",
//    "RTL", "LCI");
//  - a place head with its complement: "mer d’Azov", "golfe de Guinée" (not
//    an organisation's name: "le plateau de Public Sénat" is a TV set);
//  - a city's district, "le 18e arrondissement de Paris";
//  - a place and a number, "Europe 1"; an unknown word and a city, "Spartak
//    Moscou";
//  - a small commune and its département in brackets, "Seclin (Nord)", or
//    after "à" when no common word is so named, "à Conflandey";
//  - capitalised words joined by "&": "Procter & Gamble";
//  - a newspaper's name, ending with a media word: "Jerusalem Post";
//  - a club word and a city: "FC Nantes", "Girondins de Bordeaux",
//    "Manchester United".
// The longer name wins over what it holds: Paris is not a place in "Bourse
// de Paris" (scanner.cc compares the lengths).
#pragma once

#include <cstddef>

#include "entities/gazetteer.h"
#include "entities/text.h"

namespace gazette::entities {

// Tokens [first, last] of an article: a name found by one of the rules.
struct Span {
  size_t first = 0, last = 0;
  size_t length() const { return last - first + 1; }
};

class OrganisationFinder {
 public:
  OrganisationFinder(const Gazetteer& gazetteer, const ArticleText& text) : g_(gazetteer), t_(text) {}

  // An organisation named by a head noun at token i and what follows it.
  bool headed(size_t i, Span& name) const;
  // An organisation named after a cue noun at token i; `name` excludes the
  // cue, but for a cue that heads names in lower case too ("le musée
  // Pointe-à-Callière").
  bool cued(size_t i, Span& name) const;
  // An organisation named at token i, after an article, and followed by a
  // political label in brackets (corpus/entities-fr.tsv, party-label).
  bool labelled(size_t i, Span& name) const;
  // Capitalised words joined by "&" from token i: a company or an
  // institution, never a person ("Reynal & Hitchcock", "Procter & Gamble").
  bool ampersand(size_t i, Span& name) const;
  // A small French commune at token i, followed by its département or
  // région in brackets ("Seclin (Nord)", "Marles-les-Mines
  // (Pas-de-Calais)"), or after "à" when its name is no common word nor a
  // given name ("à Mailley-Chazelot").
  bool village(size_t i, Span& name) const;
  // "selon Checknews", "d’après Anadolu": a name at token i after the words
  // that cite a source, when its first word is no common word, given name
  // or title, and it is one word or holds an acronym. The scanner asks
  // last, once people are known ("selon Macron" is the president).
  bool source(size_t i, Span& name) const;
  // An acronym at token i that names an organisation.
  bool acronym(size_t i) const;
  // A natural place named by a head noun at token i and its complement.
  bool place(size_t i, Span& name) const;
  // A city's district: an ordinal at token i, "arrondissement" and the
  // city, "le 18e arrondissement de Paris", "du XVIe arrondissement de Lyon".
  bool district(size_t i, Span& name) const;
  // A place name of `place_length` tokens at i and a number: a station or a
  // channel, "Europe 1", "France 24" (not "Paris 2024": two digits at most).
  bool numbered(size_t i, size_t place_length, Span& name) const;
  // A word that no list knows, then a city: "Spartak Moscou", "Dynamo Kiev".
  bool club(size_t i, Span& name) const;
  // A newspaper: two capitalised words or more from token i (not an
  // article) that end with a media word, "Jerusalem Post", "Korea Herald"
  // (corpus/entities-fr.tsv, media-word), "The Hollywood Reporter".
  bool medium(size_t i, Span& name) const;
  // A sports club: a club word before a city ("FC Nantes", "les Girondins de
  // Bordeaux") or after one ("Manchester United"): corpus/entities-fr.tsv.
  bool sports_club(size_t i, Span& name) const;

 private:
  // Whether a role and "de" (or "d’") stand right before token i: "le
  // président de l’Assemblée".
  bool after_role(size_t i) const;
  // The number of tokens of a head word of `set` starting at i (0: none).
  template <typename InSet>
  size_t head_at(size_t i, InSet&& in_set) const;
  // A lower-case adjective at k: a demonym or role adjective, or a word with
  // an adjective's ending ("national", "fédérale", "constitutionnel").
  bool adjective(size_t k) const;
  // Past "de", "du" or "des" in lower case at k, and "la" after it: the
  // token after them; k itself when k holds none of them.
  size_t past_de(size_t k) const;
  // Past "de", "du", "des", "de la", "d’", "l’" from k, to a capitalised word
  // of the same sentence; k itself when there is no such complement.
  size_t complement_start(size_t k) const;
  // Past "de", "du", "des", "de la" or "d’" in lower case from k, the next
  // token when it is in lower case too; the largest size_t otherwise.
  size_t past_lower_de(size_t k) const;
  // From k, the last token of a ministry's portfolio in lower case ("de la
  // santé", "des affaires étrangères", "de l’intérieur"); the largest size_t
  // when there is none.
  size_t portfolio_end(size_t k) const;
  // For a name from token i whose head and adjectives end before k, the
  // last token of its complements in lower case from k ("Conseil des
  // ministres", "Ligue des droits de l’homme"), and of the adjectives before
  // the acronym that it defines ("Front de libération nationale corse
  // (FLNC)"); the largest size_t when no complement follows.
  size_t lower_complement_end(size_t i, size_t k) const;
  // The last token of [first, end] and of up to three lower-case words after
  // it, when an acronym in brackets follows them and abbreviates them; `end`
  // otherwise.
  size_t defined_until(size_t first, size_t end) const;
  // Whether the acronym at token a abbreviates tokens [first, last].
  bool abbreviates(size_t a, size_t first, size_t last) const;
  // The last token of a run of capitalised words from k (with particles and
  // digits between them, adjectives after), or k - 1 when k is not capitalised.
  size_t capitalised_run(size_t k, size_t max_tokens) const;
  bool continues(size_t k, size_t from) const;  // token k follows k - 1 in one phrase
  // A short capitalised name in quotes from k, which opens them.
  bool quoted(size_t k, Span& name) const;
  // The token that closes what opens at k (a quote, a bracket): the first of
  // the next `max_tokens` tokens of one phrase whose `mark` is set
  // (Tok::quote_after, Tok::paren_after); the largest size_t when none is.
  size_t closing(size_t k, size_t max_tokens, bool Tok::*mark) const;

  const Gazetteer& g_;
  const ArticleText& t_;
};

}  // namespace gazette::entities
