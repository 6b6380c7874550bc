// The tokenizer's rules (common/french_analyzer.h) read a code point at a
// time, as plainly as they can be written: what tokenize(), which reads 16
// bytes at a time and looks common letters up in a table, must give for any
// bytes. The analyzer fuzz target and the analysis test compare the two.
#pragma once

#include <unicode/utf8.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/french_analyzer.h"
#include "common/text_folding.h"

namespace gazette {

struct ReferenceToken {
  std::string folded;
  size_t begin = 0, end = 0;
  bool operator==(const ReferenceToken&) const = default;
};

inline void PrintTo(const ReferenceToken& t, std::ostream* os) {
  *os << '"' << t.folded << "\" [" << t.begin << ", " << t.end << ")";
}

inline std::vector<ReferenceToken> reference_tokens(std::string_view text) {
  std::vector<ReferenceToken> out;
  ReferenceToken word;
  bool in_word = false, after_apostrophe = false;
  // Ends the word being read, at an apostrophe or not: an elided article
  // or pronoun before the first apostrophe of a run of letters is dropped.
  auto end_word = [&](bool apostrophe) {
    const bool elided = apostrophe && !after_apostrophe && is_elision(word.folded);
    if (in_word && !elided && !word.folded.empty()) out.push_back(word);
    in_word = false;
    after_apostrophe = apostrophe;
  };
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i, c;
    U8_NEXT(s, i, length, c);  // c < 0: not UTF-8, a separator
    enum { kLetter, kApostrophe, kSeparator } kind = kSeparator;
    if (c >= 0 && (c < 0x80 ? kAsciiWordFold[c] != 0 : is_word_char_beyond_ascii(c)))
      kind = kLetter;
    else if (c >= 0 && is_apostrophe(c))
      kind = kApostrophe;
    switch (kind) {
      case kLetter:
        if (!in_word) word = {"", static_cast<size_t>(start), 0};
        in_word = true;
        append_folded(c, word.folded);
        word.end = static_cast<size_t>(i);
        break;
      case kApostrophe:  // only inside a word; elsewhere a separator
        end_word(in_word);
        break;
      case kSeparator:
        end_word(false);
        break;
    }
  }
  end_word(false);
  return out;
}

// What tokenize() gives, in the same form.
inline std::vector<ReferenceToken> tokenized(std::string_view text) {
  std::vector<ReferenceToken> out;
  tokenize(text, [&](const Token& t) { out.push_back({std::string(t.folded), t.begin, t.end}); });
  return out;
}

}  // namespace gazette
