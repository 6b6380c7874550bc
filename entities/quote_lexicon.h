// The French words that the quote finder (quotes.h) knows: the word classes
// that tell a name from other capitalised words and a subject from a
// complement, and the verbs of saying with their forms.
//
// Words are looked up in lower case with ’ written ' (Token::lower in
// quote_tokens.h). The sets are built on first use and never change: they
// may be read from any thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_set>

namespace gazette::quoting {

// Sets of static strings.
using WordSet = std::unordered_set<std::string_view>;

inline bool in(const WordSet& set, std::string_view word) { return set.count(word) != 0; }

// Elided words that end at their apostrophe: "l’", "qu’", "jusqu’".
const WordSet& elisions();

// A title before a name ("m", "mme", "dr"…): its gender, for pronouns: 1
// male, 2 female, 0 unknown; -1 when `lower` is no title.
int title_gender(std::string_view lower);

// Words that cannot start a name written with a capital: the capital of a
// sentence's first word says nothing ("Pour Jean Dupont").
const WordSet& function_words();

// Capitalised words that are not people's names, for the rule by capitals
// alone (without a list of people).
const WordSet& not_names();

// Particles inside a name: "Charles de Gaulle", "Marine Le Pen".
const WordSet& particles();

// A name after one of these is a complement, not a subject: "le
// porte-parole de X", "a dit à X", "la Maison Blanche", "a estimé que X…".
const WordSet& prepositions();

// Nouns for people: a name after "de … <one of these>" is that other
// person's ("la femme du président X" is not X).
const WordSet& person_nouns();

// Nouns for places and institutions: a name right after one is theirs, not
// a person's ("l’hôpital Tor Vergata", "le groupe Renault").
const WordSet& institution_nouns();

enum class Aux : uint8_t { kNone, kSingular, kPlural };

// The auxiliary of a compound tense: "a", "avait" …, "ont" …; after "se",
// "est", "sont" … too ("s’est félicité").
Aux auxiliary(std::string_view w, bool reflexive);

bool is_auxiliary(std::string_view w);

// Adverbs between an auxiliary and its participle ("a encore ajouté"), and
// clitics before a verb ("X lui a dit"); any word in -ment.
bool is_adverb(std::string_view w);

// Speech verbs ("déclarer", "estimer", "se souvenir", …) and the forms
// they take around a quote.
enum VerbForm : uint8_t {
  kFinite = 1,      // 3rd person singular: "déclare", "déclarait", "dit"
  kParticiple = 2,  // "déclaré", "dit"
  kPlural = 4,      // 3rd person plural: "déclarent"
  kInfinitive = 8,  // "déclarer", "de compléter"
  kGerund = 16,     // "déclarant"
};

// The forms of speech verbs that `word` is, VerbForm bits; 0 for a word
// that is no speech verb.
uint8_t verb_forms(std::string_view word);

}  // namespace gazette::quoting
