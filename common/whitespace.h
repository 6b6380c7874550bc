// White space as French text has it: ASCII spaces, tabs and line breaks,
// and the no-break spaces of typography (U+00A0 before ":" and inside « »,
// U+202F before ";" "?" "!"), which the corpus mixes with plain ones
// ("Emmanuel\u00a0 Macron").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gazette {

// The length in bytes of the white space `s` starts with (0: none).
size_t space_bytes(std::string_view s);

// `text` with each run of white space made one plain space, and none at
// either end, so that a paragraph or a name reads the same however its
// source wrapped or spaced it.
std::string collapse_whitespace(std::string_view text);

// `text` without the white space at either end.
std::string_view trim_whitespace(std::string_view text);

}  // namespace gazette
