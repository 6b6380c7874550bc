#include "common/text_folding.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>

#include <simdjson.h>

namespace gazette {
namespace {

void append_utf8(int32_t c, std::string& out) {
  char buf[U8_MAX_LENGTH];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buf, len);
}

bool is_mark(int32_t c) { return (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_ME_MASK)) != 0; }

const icu::Normalizer2& nfkd() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKDInstance(status);
    if (U_FAILURE(status)) std::abort();  // ICU's data is missing: nothing can work
    return n;
  }();
  return *instance;
}

}  // namespace

bool is_apostrophe(int32_t c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x00B4 || c == '`';
}

namespace {

void fold_with_icu(int32_t c, std::string& out) {
  if (is_apostrophe(c)) {
    out.push_back('\'');
    return;
  }
  // Ligatures and letters that Unicode does not decompose into base letter
  // plus accent, but that French readers type as two letters or a plain one.
  switch (c) {
    case 0x0152:
    case 0x0153:
      out += "oe";
      return;  // Œ œ
    case 0x00C6:
    case 0x00E6:
      out += "ae";
      return;  // Æ æ
    case 0x00DF:
    case 0x1E9E:
      out += "ss";
      return;  // ß ẞ
    case 0x00D8:
    case 0x00F8:
      out += "o";
      return;  // Ø ø
    case 0x0141:
    case 0x0142:
      out += "l";
      return;  // Ł ł
    case 0x0110:
    case 0x0111:
      out += "d";
      return;  // Đ đ
  }
  if (is_mark(c)) return;
  int32_t folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
  icu::UnicodeString decomposition;
  if (!nfkd().getDecomposition(folded, decomposition)) {
    append_utf8(folded, out);
    return;
  }
  for (int32_t i = 0; i < decomposition.length();) {
    int32_t part = decomposition.char32At(i);
    i += U16_LENGTH(part);
    // A letter's compatibility form may hold a space or punctuation
    // (U+037A is a space and a mark, U+0140 "l·"): keep only its letters,
    // so that a word folds to a word.
    if (is_mark(part) || (u_isalnum(c) && !u_isalnum(part))) continue;
    if (part < 0x80)
      append_folded(part, out);
    else
      append_utf8(u_foldCase(part, U_FOLD_CASE_DEFAULT), out);
  }
}

}  // namespace

bool is_word_char_beyond_ascii(int32_t c) {
  return u_isalnum(c) || (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_MC_MASK)) != 0;
}

const TabulatedChar* tabulated_chars() {
  static const std::array<TabulatedChar, kTabulatedCharsBelow> table = [] {
    std::array<TabulatedChar, kTabulatedCharsBelow> t{};
    for (int32_t c = 0x80; c < kTabulatedCharsBelow; ++c) {
      std::string folded;
      fold_with_icu(c, folded);
      if (folded.size() > sizeof t[c].folded) continue;
      t[c].word = is_word_char_beyond_ascii(c);
      t[c].size = static_cast<uint8_t>(folded.size());
      folded.copy(t[c].folded, folded.size());
    }
    return t;
  }();
  return table.data();
}

void append_folded_beyond_ascii(int32_t c, std::string& out) {
  if (c < kTabulatedCharsBelow) {
    if (const TabulatedChar& t = tabulated_chars()[c]; t.size) {
      out.append(t.folded, t.size);
      return;
    }
  }
  fold_with_icu(c, out);
}

std::string fold_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t c;
    U8_NEXT(s, i, length, c);
    if (c >= 0) append_folded(c, out);
  }
  return out;
}

size_t find_invalid_utf8(std::string_view text) {
  // Nearly every text is valid: simdjson checks it 32 bytes a step, and only
  // an invalid one is walked a character at a time to find where.
  if (simdjson::validate_utf8(text.data(), text.size())) return std::string_view::npos;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i, c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::string_view::npos;
}

}  // namespace gazette
