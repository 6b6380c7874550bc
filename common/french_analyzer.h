// French text analysis, the one implementation used to index articles, to
// parse queries and to highlight snippets, so that all three agree.
//
// A word is a run of letters and digits; hyphens and punctuation separate
// words ("Jong-un" is "jong" then "un", at adjacent positions). Apostrophes
// split words too, and an elided article or pronoun before one is dropped:
// "l’école", "l'école" and "école" all give "ecole"; "jusqu’à" gives "a".
// Each word is folded (text_folding.h) and can be stemmed with Xapian's
// French Snowball stemmer.
//
// tokenize() is thread-safe. A FrenchAnalyzer holds a Xapian::Stem, which is
// not: use one analyzer per thread. Construction is cheap.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <xapian.h>

namespace gazette {

struct Token {
  std::string folded;  // lower case, no accents: the exact term
  size_t begin = 0;    // byte range of the word in the analysed text
  size_t end = 0;
};

// Calls `emit` for every word of `text`, in order. Invalid UTF-8 bytes
// separate words and are otherwise ignored.
void tokenize(std::string_view text, const std::function<void(const Token&)>& emit);

// The folded key under which a section, tag or author is filtered: its words
// folded and joined by single spaces, so "Faits divers", "faits-divers" and
// "FAITS DIVERS" share one key.
std::string facet_key(std::string_view value);

class FrenchAnalyzer {
 public:
  FrenchAnalyzer();

  // The stem of a folded word ("ecoles" -> "ecol").
  std::string stem(const std::string& folded) const { return stemmer_(folded); }

  bool is_stopword(const std::string& folded) const;

  const Xapian::Stem& stemmer() const { return stemmer_; }
  // A stopper holding the folded French stop words, for Xapian::QueryParser.
  static Xapian::Stopper* new_stopper();

 private:
  Xapian::Stem stemmer_;
};

// True when `folded` is an article or pronoun that French elides before a
// vowel (l', d', qu', jusqu', ...), given in folded form without apostrophe.
bool is_elision(std::string_view folded);

}  // namespace gazette
