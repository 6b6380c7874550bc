#include "common/article.h"

#include "common/whitespace.h"

namespace gazette {
namespace {

// How many bytes of `a` repeat all of `b`, white space aside (npos: `a`
// does not start with `b`): the summary and the body wrap and space the
// same words differently. Byte by byte while they agree, which is almost
// all of a repeat.
size_t repeated_bytes(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (j < b.size()) {
    if (i < a.size() && a[i] == b[j]) {
      ++i;
      ++j;
      continue;
    }
    const size_t skip_a = space_bytes(a.substr(i)), skip_b = space_bytes(b.substr(j));
    if (!skip_a && !skip_b) return std::string_view::npos;
    i += skip_a;
    j += skip_b;
  }
  return i;
}

bool starts_with_ignoring_space(std::string_view a, std::string_view b) {
  return repeated_bytes(a, b) != std::string_view::npos;
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

SummaryText summary_text(std::string_view summary, const FreeText& text) {
  if (!text.summary.empty() || summary.empty() || text.body.empty()) return {text.summary, text.body};
  size_t end = repeated_bytes(text.body, summary);
  while (end < text.body.size() && !space_bytes(text.body.substr(end))) ++end;  // its last word, whole
  return {text.body.substr(0, end), text.body.substr(end)};
}

}  // namespace gazette
