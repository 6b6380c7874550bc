// Cuts a text into the tokens that the speaker rules of quotes.h read:
// words, punctuation, line breaks, and each quote as one token, so that what
// is said never counts as who says it.
//
// Any bytes are accepted: what is neither a letter, a digit nor a space
// (invalid UTF-8 included) is punctuation. Time is linear in the text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entities/quote_marks.h"

namespace gazette::quoting {

enum class Kind : uint8_t { kWord, kPunct, kQuote, kBreak };

struct Token {
  Kind kind = Kind::kPunct;
  bool capital = false;    // a word whose first letter is a capital
  bool has_upper = false;  // a word with a capital anywhere ("al-Assad")
  bool all_caps = false;   // two letters or more, all capitals ("AFP")
  bool digit = false;      // a word with a digit
  int title = -1;          // a title ("M.", "Mme", "Me"): its gender (0 unknown), else -1
  bool final = false;      // kQuote: its text ends with . ! ? or …
  char32_t punct = 0;      // kPunct: the character
  size_t begin = 0, end = 0;
  size_t quote = 0;   // kQuote: its index among the quotes
  std::string lower;  // kWord: lower case, ’ written '
};

inline bool punct_is(const Token& t, char32_t c) { return t.kind == Kind::kPunct && t.punct == c; }

// The tokens of s: each quote one kQuote token, each run of line breaks one
// kBreak, spaces skipped. Marks that make no quote are punctuation.
// `quotes`: spans of s in order, as find_quotes returns them.
std::vector<Token> tokenize(std::string_view s, const std::vector<Span>& quotes);

}  // namespace gazette::quoting
