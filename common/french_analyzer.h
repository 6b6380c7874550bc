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

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
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

// Words are a few bytes long: scanning a word a byte a step, the loop's exit
// mispredicts at every word, and so did one test a word of where it ends.
// tokenize() classifies 16 bytes at a time instead (SSE2, in every x86-64;
// a byte at a time elsewhere): in each block, the bytes that are ASCII
// letters or digits, the upper-case ones, and the "special" bytes, beyond
// ASCII or apostrophes, that must be decoded one by one. The words and gaps
// before a block's first special byte are read from its bit masks.
struct ByteClasses {
  uint32_t word;     // ASCII letters and digits
  uint32_t upper;    // ASCII upper-case letters
  uint32_t special;  // bytes of 0x80 and more, ' and `
};
inline ByteClasses classify_bytes(const uint8_t* p) {
#if defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Bytes of 0x80 and more are negative as signed chars: outside every range.
  auto within = [&v](char low, char high) {
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(low - 1))),
                         _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(high + 1))));
  };
  const auto upper = static_cast<uint32_t>(_mm_movemask_epi8(within('A', 'Z')));
  const auto lower = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(within('a', 'z'), within('0', '9'))));
  const __m128i quotes = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')), _mm_cmpeq_epi8(v, _mm_set1_epi8('`')));
  const auto special = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(v, quotes)));
  return {lower | upper, upper, special};
#else
  ByteClasses c{0, 0, 0};
  for (uint32_t k = 0; k < 16; ++k) {
    const uint8_t kind = kAsciiWordCase[p[k]];
    c.word |= uint32_t{kind != 0} << k;
    c.upper |= uint32_t{kind == kAsciiUpper} << k;
    c.special |= uint32_t{p[k] >= 0x80 || p[k] == '\'' || p[k] == '`'} << k;
  }
  return c;
#endif
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

  const TabulatedChar* const chars = tabulated_chars();
  // The last bytes, fewer than 16, are classified from a copy padded with
  // separators.
  uint8_t tail[16];
  for (int32_t i = 0; i < length;) {
    const uint8_t* block = s + i;
    if (length - i < 16) {
      std::memset(tail, ' ', sizeof tail);
      std::memcpy(tail, block, static_cast<size_t>(length - i));
      block = tail;
    }
    const ByteClasses bytes = classify_bytes(block);
    // Bytes [i, i + plain) are ASCII and no apostrophe: letters and digits
    // make words, any other byte ends one.
    const int32_t plain = std::min(bytes.special ? __builtin_ctz(bytes.special) : 16, length - i);
    // The words and gaps of those bytes, shifted out as they are read: bit
    // 0 of `word` (and of `upper`) is byte i + p.
    uint32_t word = bytes.word & ((1u << plain) - 1), upper = bytes.upper;
    for (int32_t p = 0; p < plain;) {
      if (!(word & 1)) {  // a gap: it ends the word being read
        finish(false);
        after_apostrophe = false;
        if (!word) break;
        const int gap = __builtin_ctz(word);
        word >>= gap;
        upper >>= gap;
        p += gap;
      }
      // Bits past `plain` are 0 in `word`: the run stops there at the latest.
      const int run = __builtin_ctz(~word);
      start_word(i + p);
      if (upper & ((1u << run) - 1)) stop_verbatim();
      if (!verbatim) {
        // An ASCII letter or digit folds by setting its bit 0x20.
        const size_t at = folded.size();
        folded.append(reinterpret_cast<const char*>(block + p), static_cast<size_t>(run));
        for (size_t k = at; k < folded.size(); ++k) folded[k] = static_cast<char>(folded[k] | 0x20);
      }
      p += run;
      token.end = static_cast<size_t>(i + p);
      word >>= run;
      upper >>= run;
    }
    i += plain;
    if (plain == 16 || i == length) continue;
    // A special byte: an ASCII apostrophe, or the code point it starts
    // (negative for bytes that are not UTF-8).
    if (s[i] < 0x80) {
      const bool apostrophe = in_word;
      finish(apostrophe);
      after_apostrophe = apostrophe;
      ++i;
      continue;
    }
    int32_t start = i, c;
    const TabulatedChar* tabulated = nullptr;
    // A lead byte of C2 to C9 and a continuation byte: U+0080 to U+027F.
    if (s[i] >= 0xC2 && s[i] <= 0xC9 && i + 1 < length && (s[i + 1] & 0xC0) == 0x80 &&
        (c = (s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F)) < kTabulatedCharsBelow && chars[c].size) {
      tabulated = &chars[c];
      i += 2;
    } else {
      U8_NEXT(s, i, length, c);
    }
    if (tabulated ? tabulated->word : c >= 0 && is_word_char_beyond_ascii(c)) {
      start_word(start);
      stop_verbatim();
      if (tabulated)
        folded.append(tabulated->folded, tabulated->size);
      else
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
