// Folding of French text to the form Gazette indexes and searches: Unicode
// compatibility decomposition, case folding and removal of accents (with
// ICU), ligatures spelt out (œ -> oe), typographic apostrophes made plain.
// "Élysée" and "elysee", "Œuvre" and "oeuvre" fold to the same string.
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gazette {

// Folds every character of `text`; characters that are neither letters nor
// digits are kept as they are, except apostrophes, which all become '\''.
// Invalid UTF-8 sequences are dropped.
std::string fold_text(std::string_view text);

// Appends the folded form of one code point to `out`. Inline for ASCII,
// which is most of the text folded at every word indexed and highlighted.
void append_folded_beyond_ascii(int32_t code_point, std::string& out);
inline void append_folded(int32_t code_point, std::string& out) {
  if (code_point >= 0x80) return append_folded_beyond_ascii(code_point, out);
  const char c = static_cast<char>(code_point);
  out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c);
}

// True for the code points beyond ASCII a word is made of: letters, digits
// and marks. (In ASCII, kAsciiWordFold in french_analyzer.h says it.)
bool is_word_char_beyond_ascii(int32_t code_point);

// A code point below U+0250 (Latin-1, Latin Extended-A and B: the accented
// letters of French, « », the no-break space): whether it is a word
// character, and its folded form, found once with ICU. Most of the text
// beyond ASCII that Gazette folds and tokenizes is made of these, at every
// word indexed and highlighted. append_folded() and tokenize()
// (french_analyzer.h) both read them here; a sixth of the words of French
// news hold one, and reading them in tokenize() instead of decoding each,
// asking ICU whether it is a letter and folding it saved a tenth of the
// instructions of tokenising 4,000 articles (callgrind).
struct TabulatedChar {
  bool word;
  uint8_t size;  // of `folded`; 0 when it is empty or longer: not tabulated
  char folded[6];
};
inline constexpr int32_t kTabulatedCharsBelow = 0x250;
// kTabulatedCharsBelow of them, by code point (those below U+0080 unused).
const TabulatedChar* tabulated_chars();

// True for the apostrophes that French text uses for elision: ' ’ ‘ ʼ ´ `.
bool is_apostrophe(int32_t code_point);

// The byte offset of the first invalid UTF-8 sequence in `text`, or npos.
size_t find_invalid_utf8(std::string_view text);

}  // namespace gazette
