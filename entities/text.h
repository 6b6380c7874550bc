// The article as the entity extractor (entities.h) reads it: the words of
// gazette::tokenize with, from the original bytes, their capitals and the
// punctuation between them; sentences, and how each one is capitalised.
//
// A sentence ends at . ! ? … : ; a line break, an opening quote, a dash or a
// bullet ("M." and initials "J." do not end one). The capital of a sentence's
// first word says nothing, unless an elided article precedes it
// ("L’Assemblée"). A sentence whose words are mostly capitalised with
// capitalised little words ("Discussions Sur La Sécurité") is in title case;
// one in capitals ("LUDOVIC MARIN / AFP") is in capitals: capitals say
// nothing in either. A sentence of a few words in capitals that ends its
// line is a credit ("- / AFP", "LE MONDE"): it names nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entities/gazetteer.h"

namespace gazette::entities {

enum Cap : uint8_t { kLower, kCapital, kUpper, kOther };  // kUpper: all capitals; kOther: digits
enum Gap : uint8_t { kSpace, kHyphen, kElision, kComma, kBreak, kSentence };
// kCredit: a short line in capitals, a photo credit ("LE MONDE", "- / AFP").
enum Mode : uint8_t { kNormal, kTitleCase, kAllCaps, kCredit };

struct Tok {
  std::string folded;
  std::string_view text;  // the whole field
  uint32_t begin = 0, end = 0;
  uint32_t unit_end = 0;  // last token of the hyphenated word it belongs to
  uint32_t sentence = 0;
  Cap cap = kLower;
  Gap gap = kSentence;            // what separates it from the previous token
  bool elided_d = false;          // that gap is "d’" ("Giscard d’Estaing")
  bool elided_l = false;          // that gap ends with the article "l’"
  bool ampersand_before = false;  // "&" in that gap: "Reynal & Hitchcock"
  bool paren_before = false;      // "(" in that gap
  bool paren_after = false;       // ")" right after it
  bool dot_after = false;         // "." right after it
  bool quote_before = false;      // an opening quote in the gap before it
  bool quote_after = false;       // a closing quote right after it
  bool line_before = false;       // a line break in the gap before it
  bool informative = false;       // its capital means something
  bool capital() const { return cap == kCapital || cap == kUpper; }
  std::string_view written() const { return text.substr(begin, end - begin); }
};

// "II", "XIV": roman numerals go on names ("Elizabeth II").
bool roman_numeral(std::string_view written);
// "Xe", "XIXe", "Ier", "IIIème": a roman ordinal, a century or a rank, never
// part of a name ("la Toscane du Xe siècle").
bool roman_ordinal(std::string_view written);

// "le", "la", "les" and their forms joined to "à" and "de" ("du", "au",
// "aux", "des"), folded.
bool is_article(std::string_view folded);

class ArticleText {
 public:
  ArticleText(const Gazetteer& gazetteer, std::string_view title, std::string_view summary, std::string_view body);

  size_t size() const { return toks_.size(); }
  const Tok& operator[](size_t i) const { return toks_[i]; }
  Mode mode(size_t i) const { return modes_[toks_[i].sentence]; }

  // Hyphenated words ("Jong-un", "Saint-Étienne") are units of tokens.
  bool unit_start(size_t i) const { return toks_[i].gap != kHyphen || i == 0; }
  // Token i follows the previous one within a name: a space, a hyphen or an
  // elision between them.
  bool joined(size_t i) const { return toks_[i].gap == kSpace || toks_[i].gap == kHyphen || toks_[i].gap == kElision; }
  // The folded unit that starts at i, its tokens joined by '-': "jong-un".
  std::string unit_key(size_t i) const;
  // Whether that unit is capitalised ("al-Assad" is).
  bool unit_capital(size_t i) const;
  // A particle of a name: "de", "von", "Le" (in lower case, "le" is the
  // article: "Pierre Pénisson le Dictionnaire").
  bool single_particle(size_t i) const;
  // Whether role words ("président", "numéro un", corpus/entities-fr.tsv)
  // end at token j, in lower case (a capitalised role is a name: "General
  // Motors").
  bool role_ends_at(size_t j) const;
  // Whether tokens [first, last] lie in a short name in quotes made of
  // capitalised words only (with more words than these when `longer`): a
  // title, a series, a service ("un point « Accueil Ukraine »").
  bool in_quoted_name(size_t first, size_t last, bool longer = false) const;
  // Tokens first..last as written (each run of white space one plain
  // space), and folded and joined by ' '.
  std::string written(size_t first, size_t last) const;
  std::string key(size_t first, size_t last) const;

 private:
  void read_field(std::string_view text);
  void find_modes();

  const Gazetteer& g_;
  std::vector<Tok> toks_;
  std::vector<Mode> modes_;
  uint32_t sentences_ = 0;
};

}  // namespace gazette::entities
