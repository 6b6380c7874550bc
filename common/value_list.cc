#include "common/value_list.h"

namespace gazette {

std::string join_values(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += kValueSeparator;
    for (char c : v)
      if (c != kValueSeparator) out += c;
  }
  return out;
}

}  // namespace gazette
