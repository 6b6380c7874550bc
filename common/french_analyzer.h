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

#include <unicode/utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <xapian.h>

#include "common/text_folding.h"

namespace gazette {

struct Token {
  // Lower case, no accents: the exact term. It views the analysed text when
  // the word is its own folded form (most French words), else a buffer of
  // tokenize()'s: valid only during the call to `emit`.
  std::string_view folded;
  size_t begin = 0;  // byte range of the word in the analysed text
  size_t end = 0;
};

// Calls `emit(const Token&)` for every word of `text`, in order. Invalid
// UTF-8 bytes separate words and are otherwise ignored. A template, so that
// `emit` is inlined: it runs for every word indexed and highlighted.
template <typename Emit>
void tokenize(std::string_view text, Emit&& emit);

// The folded key under which a section, tag or author is filtered: its words
// folded and joined by single spaces, so "Faits divers", "faits-divers" and
// "FAITS DIVERS" share one key.
std::string facet_key(std::string_view value);

// The key of a section's identity: its folded words without the small words
// that section names keep or drop at will (et, de, des, du, d, l, le, la,
// les, s, a, au, aux, en), run together, without the letter s (plural marks
// and spacing vary: "Séries d'été" and "Series d ete", "Police et justice"
// and "Police justice", "Côté cour(s), côté jardin(s)" and
// "Cotecourscotesjardins" each share one key).
std::string section_key(std::string_view value);

class FrenchAnalyzer {
 public:
  FrenchAnalyzer();

  // The stem of a folded word ("ecoles" -> "ecol").
  std::string stem(const std::string& folded) const { return stemmer_(folded); }
  std::string stem(std::string_view folded) const { return stemmer_(std::string(folded)); }

  bool is_stopword(std::string_view folded) const;

  const Xapian::Stem& stemmer() const { return stemmer_; }
  // A stopper holding the folded French stop words, for Xapian::QueryParser.
  static Xapian::Stopper* new_stopper();

 private:
  Xapian::Stem stemmer_;
};

// True when `folded` is an article or pronoun that French elides before a
// vowel (l', d', qu', jusqu', ...), given in folded form without apostrophe.
bool is_elision(std::string_view folded);

// True for the code points beyond ASCII a word is made of: letters, digits
// and marks. (In ASCII, kAsciiWordFold below says it.)
bool is_word_char_beyond_ascii(int32_t code_point);

// Each ASCII letter or digit folded (lower case); 0 for every other byte.
inline constexpr auto kAsciiWordFold = [] {
  std::array<char, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = static_cast<char>(c);
  for (int c = 'a'; c <= 'z'; ++c) table[c] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = static_cast<char>(c - 'A' + 'a');
  return table;
}();

// Each ASCII byte of a word by its case: kAsciiLower for a lower-case
// letter or a digit, kAsciiUpper for an upper-case letter; 0 otherwise.
inline constexpr uint8_t kAsciiLower = 1, kAsciiUpper = 2;
inline constexpr auto kAsciiWordCase = [] {
  std::array<uint8_t, 256> table{};
  for (int c = 0; c < 256; ++c)
    if (kAsciiWordFold[c]) table[c] = kAsciiWordFold[c] == static_cast<char>(c) ? kAsciiLower : kAsciiUpper;
  return table;
}();

// Words are a few bytes long: scanning a word a byte a step, the loop's
// exit mispredicts at every word. ascii_word_end() classifies 16 bytes at a
// time instead (SSE2, in every x86-64), and goes byte by byte near the end
// of the text or without SSE2. (Gaps between words are mostly one space:
// skipping them 16 bytes at a time was slower.)
#if defined(__SSE2__)
// A bit per byte of the 16 at `p`: ASCII letters and digits in `word`,
// upper-case letters in `upper`.
struct AsciiBits {
  uint32_t word, upper;
};
inline AsciiBits ascii_bits(const uint8_t* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Bytes of 0x80 and more are negative as signed chars: outside every range.
  auto within = [&v](char low, char high) {
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(low - 1))),
                         _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(high + 1))));
  };
  const auto upper = static_cast<uint32_t>(_mm_movemask_epi8(within('A', 'Z')));
  const auto lower = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(within('a', 'z'), within('0', '9'))));
  return {lower | upper, upper};
}
#endif

// The end of the run of ASCII letters and digits at `from` in `s` (of
// `length` bytes); sets `has_upper` when it holds an upper-case letter.
inline int32_t ascii_word_end(const uint8_t* s, int32_t from, int32_t length, bool& has_upper) {
#if defined(__SSE2__)
  for (; from + 16 <= length; from += 16) {
    const AsciiBits bits = ascii_bits(s + from);
    if (bits.word != 0xFFFF) {
      const int ends_at = __builtin_ctz(~bits.word);
      has_upper |= (bits.upper & ((1u << ends_at) - 1)) != 0;
      return from + ends_at;
    }
    has_upper |= bits.upper != 0;
  }
#endif
  for (uint8_t c; from < length && (c = kAsciiWordCase[s[from]]) != 0; ++from) has_upper |= c == kAsciiUpper;
  return from;
}

template <typename Emit>
void tokenize(std::string_view text, Emit&& emit) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  Token token;
  bool in_word = false;
  // Whether the word being read is its own folded form (lower-case ASCII
  // letters and digits): then its token views the text, and nothing is
  // copied. Otherwise it is folded into `folded`.
  bool verbatim = true;
  std::string folded;
  // Whether the word being read follows an apostrophe inside the same
  // run of letters, the only place where an elision can precede it.
  bool after_apostrophe = false;

  auto start_word = [&](int32_t at) {
    if (in_word) return;
    in_word = true;
    verbatim = true;
    token.begin = token.end = static_cast<size_t>(at);
  };
  auto stop_verbatim = [&] {
    if (!verbatim) return;
    verbatim = false;
    folded.assign(text.data() + token.begin, token.end - token.begin);
  };
  auto finish = [&](bool at_apostrophe) {
    if (!in_word) return;
    in_word = false;
    token.folded = verbatim ? text.substr(token.begin, token.end - token.begin) : std::string_view(folded);
    if (at_apostrophe && !after_apostrophe && is_elision(token.folded)) return;
    if (!token.folded.empty()) emit(static_cast<const Token&>(token));
  };

  for (int32_t i = 0; i < length;) {
    // A run of ASCII letters and digits, most of a French text, is read by
    // ascii_word_end(), without decoding each character or copying it.
    if (kAsciiWordFold[s[i]]) {
      start_word(i);
      bool has_upper = false;
      const int32_t run_end = ascii_word_end(s, i, length, has_upper);
      if (has_upper) stop_verbatim();
      if (!verbatim)
        for (; i < run_end; ++i) folded.push_back(kAsciiWordFold[s[i]]);
      i = run_end;
      token.end = static_cast<size_t>(i);
      continue;
    }
    if (s[i] < 0x80) {  // an ASCII separator
      const bool apostrophe = (s[i] == '\'' || s[i] == '`') && in_word;
      finish(apostrophe);
      after_apostrophe = apostrophe;
      ++i;
      continue;
    }
    // Beyond ASCII: c is a code point of 0x80 or more, or negative for bytes
    // that are not UTF-8.
    int32_t start = i, c;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && is_word_char_beyond_ascii(c)) {
      start_word(start);
      stop_verbatim();
      append_folded(c, folded);
      token.end = static_cast<size_t>(i);
    } else if (c >= 0 && is_apostrophe(c) && in_word) {
      finish(true);
      after_apostrophe = true;
    } else {
      finish(false);
      after_apostrophe = false;
    }
  }
  finish(false);
}

}  // namespace gazette
