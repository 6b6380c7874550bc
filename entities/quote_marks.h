// Finds the spans of a text that quotes.h calls quotes: the outermost pairs
// of quote marks of each line, « … », “ … ” or "…", that hold four words or
// more and are neither a heading nor the title of a work.
//
// Any bytes are accepted; time is linear in the text.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace gazette::quoting {

// Byte offsets into the text.
struct Span {
  size_t open = 0;            // the opening mark
  size_t begin = 0, end = 0;  // the quoted text, marks excluded
  size_t close_end = 0;       // just after the closing mark
  bool alone = false;         // nothing but spaces around it on its line
};

// The spans of `s` that are quotes, in order, their text trimmed of spaces.
std::vector<Span> find_quotes(std::string_view s);

}  // namespace gazette::quoting
