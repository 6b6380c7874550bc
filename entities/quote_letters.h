// The characters that the quote finder (quotes.h) reads in UTF-8 text: code
// points, spaces, letters, capitals and final punctuation.
//
// Any bytes decode: a byte that does not start a valid sequence is one
// U+FFFD, which is no letter, so invalid UTF-8 reads as punctuation. Pure
// functions, no allocation but in append_utf8. Defined here, inline: they
// run on every byte of an article, and out of line they made
// extract_quotes about 12 % slower.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gazette::quoting {

struct Char {
  char32_t cp = 0;
  size_t len = 1;  // bytes
};

// The code point at byte i < s.size().
inline Char decode(std::string_view s, size_t i) {
  const unsigned char c = s[i];
  if (c < 0x80) return {c, 1};
  const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) return {0xFFFD, 1};
  char32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    const unsigned char b = s[i + k];
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
  return {cp, len};
}

// Where the code point that ends just before byte i > 0 starts: an invalid
// byte is a code point of its own.
inline size_t char_start(std::string_view s, size_t i) {
  size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  return start + decode(s, start).len == i ? start : i - 1;
}

// The code point that ends just before byte i (U+FFFD if invalid, 0 at 0).
inline char32_t decode_before(std::string_view s, size_t i) { return i == 0 ? 0 : decode(s, char_start(s, i)).cp; }

inline void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Spaces within a line: the no-break spaces of French typography included;
// '\n' is not one.
inline bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

inline bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// Letters of the scripts news text uses; every code point from U+00C0 is one
// but the signs, the punctuation block and U+FFFD.
inline bool is_letter(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  if (c < 0xC0 || c == 0xD7 || c == 0xF7 || c == 0xFFFD || c == 0xFEFF) return false;
  return !(c >= 0x2000 && c < 0x2C00) && !(c >= 0x3000 && c < 0x3040);
}

// Lower case for Latin, Greek and Cyrillic capitals: enough to read the
// words of the lexicon and to see a capital.
inline char32_t to_lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 ? c + 1 : c;
  if (c == 0x178) return 0xFF;
  if (c >= 0x100 && c <= 0x177 && c % 2 == 0 && c != 0x138) return c + 1;
  if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F)) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

inline bool is_upper(char32_t c) { return to_lower(c) != c; }

// . ! ? and …
inline bool ends_sentence(char32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

}  // namespace gazette::quoting
