// Cutting a string at a separator, for the data files compiled into the
// binaries (entity lists, query variants), dates and HTTP header lists.
#pragma once

#include <cctype>
#include <string_view>
#include <vector>

namespace gazette {

// The parts of `text` between `separator`s: n separators give n + 1 parts,
// empty ones included. They view `text`.
inline std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// `s` without the ASCII white space at its ends.
inline std::string_view trim_ascii_space(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace gazette
