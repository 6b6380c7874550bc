#include "common/whitespace.h"

namespace gazette {

namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The length of the white space `s` ends with.
size_t trailing_space_bytes(std::string_view s) {
  if (is_ascii_space(s.back())) return 1;
  if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") return 2;
  if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\xAF") return 3;
  return 0;
}

}  // namespace

size_t space_bytes(std::string_view s) {
  if (s.empty()) return 0;
  if (is_ascii_space(s[0])) return 1;
  if (s.compare(0, 2, "\xC2\xA0") == 0) return 2;
  if (s.compare(0, 3, "\xE2\x80\xAF") == 0) return 3;
  return 0;
}

std::string_view trim_whitespace(std::string_view text) {
  while (size_t n = space_bytes(text)) text.remove_prefix(n);
  while (size_t n = text.empty() ? 0 : trailing_space_bytes(text)) text.remove_suffix(n);
  return text;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (size_t i = 0; i < text.size();) {
    if (size_t n = space_bytes(text.substr(i))) {
      space = true;
      i += n;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += text[i++];
  }
  return out;
}

}  // namespace gazette
