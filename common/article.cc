#include "common/article.h"

#include "common/whitespace.h"

namespace gazette {
namespace {

// Whether `a` starts with all of `b`, white space aside: the summary and
// the body wrap and space the same words differently. Byte by byte while
// they agree, which is almost all of a repeat.
bool starts_with_ignoring_space(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (j < b.size()) {
    if (i < a.size() && a[i] == b[j]) {
      ++i;
      ++j;
      continue;
    }
    const size_t skip_a = space_bytes(a.substr(i)), skip_b = space_bytes(b.substr(j));
    if (!skip_a && !skip_b) return false;
    i += skip_a;
    j += skip_b;
  }
  return true;
}

}  // namespace

FreeText free_text(std::string_view summary, std::string_view body) {
  FreeText text{summary, body};
  if (text.summary.empty() || text.body.empty()) return text;
  if (starts_with_ignoring_space(text.body, text.summary))
    text.summary = {};
  else if (starts_with_ignoring_space(text.summary, text.body))
    text.body = {};
  return text;
}

}  // namespace gazette
