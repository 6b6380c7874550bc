// Several strings in one value slot (an article's tags), so that a MatchSpy
// can count each of them. Values are joined by the ASCII unit separator,
// which is removed from the values themselves.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gazette {

inline constexpr char kValueSeparator = '\x1f';

std::string join_values(const std::vector<std::string>& values);

// Calls `fn(std::string_view)` for each value of a joined list.
template <typename Fn>
void for_each_value(std::string_view joined, Fn&& fn) {
  while (!joined.empty()) {
    size_t end = joined.find(kValueSeparator);
    std::string_view value = joined.substr(0, end);
    if (!value.empty()) fn(value);
    if (end == std::string_view::npos) break;
    joined.remove_prefix(end + 1);
  }
}

}  // namespace gazette
