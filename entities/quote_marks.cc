#include "entities/quote_marks.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "entities/quote_letters.h"
#include "entities/quote_lexicon.h"

namespace gazette::quoting {
namespace {

enum class Mark : uint8_t { kNone, kOpenGuillemet, kCloseGuillemet, kOpenCurly, kCloseCurly, kStraight };

Mark mark_at(std::string_view s, size_t i, size_t& len) {
  // Most bytes start no mark: they are told at their first byte, without
  // comparing them with each mark: 424 M instructions of find_quotes() for
  // 1,000 articles of the corpus before, 65 M after.
  const char first = s[i];
  len = 1;
  if (first != '\xC2' && first != '\xE2') return first == '"' ? Mark::kStraight : Mark::kNone;
  const auto at = [&](std::string_view m) { return s.compare(i, m.size(), m) == 0; };
  len = 2;
  if (at("\xC2\xAB")) return Mark::kOpenGuillemet;
  if (at("\xC2\xBB")) return Mark::kCloseGuillemet;
  len = 3;
  if (at("\xE2\x80\x9C")) return Mark::kOpenCurly;
  if (at("\xE2\x80\x9D")) return Mark::kCloseCurly;
  len = 1;  // another character: its next byte is looked at next
  return Mark::kNone;
}

// Where the first character other than a space is in [from, s.size()): a
// line break counts as one.
size_t skip_spaces(std::string_view s, size_t from) {
  while (from < s.size()) {
    const Char c = decode(s, from);
    if (!is_space(c.cp)) break;
    from += c.len;
  }
  return from;
}

// Pairs quote marks line by line and returns the outermost pairs. « and “
// open, » and ” close; a straight " opens when a word follows it and closes
// when one precedes it. A " that can only open while one is open means the
// first was never closed: it is dropped. Marks left open at the end of a
// line are dropped; nesting deeper than kMaxDepth is ignored.
std::vector<Span> pair_marks(std::string_view s) {
  constexpr size_t kMaxDepth = 8;
  struct Open {
    Mark mark;
    size_t at, len;
  };
  std::vector<Open> stack;
  std::vector<Span> spans;
  size_t line_text = 0;  // the first character of the current line that is not a space
  const auto close = [&](size_t depth, size_t at, size_t len) {
    if (depth == 0) {
      const size_t after = skip_spaces(s, at + len);
      const bool alone = line_text == stack[0].at && (after == s.size() || s[after] == '\n');
      spans.push_back({stack[0].at, stack[0].at + stack[0].len, at, at + len, alone});
    }
    stack.resize(depth);
  };
  const auto find = [&](Mark mark) {
    for (size_t d = stack.size(); d-- > 0;)
      if (stack[d].mark == mark) return d;
    return stack.size();
  };
  for (size_t i = 0; i < s.size();) {
    if (i == 0 || s[i - 1] == '\n') line_text = skip_spaces(s, i);
    if (s[i] == '\n') {
      stack.clear();
      ++i;
      continue;
    }
    size_t len = 0;
    Mark mark = mark_at(s, i, len);
    if (mark == Mark::kCloseCurly && find(Mark::kOpenCurly) == stack.size()) mark = Mark::kStraight;
    if (mark == Mark::kOpenGuillemet || mark == Mark::kOpenCurly) {
      if (stack.size() < kMaxDepth) stack.push_back({mark, i, len});
    } else if (mark == Mark::kCloseGuillemet || mark == Mark::kCloseCurly) {
      const size_t d = find(mark == Mark::kCloseGuillemet ? Mark::kOpenGuillemet : Mark::kOpenCurly);
      if (d < stack.size()) close(d, i, len);
    } else if (mark == Mark::kStraight) {
      const char32_t before = decode_before(s, i);
      const char32_t after = i + len < s.size() ? decode(s, i + len).cp : 0;
      const bool can_close = before != 0 && before != '\n' && !is_space(before);
      const bool can_open = after != 0 && after != '\n' && !is_space(after);
      const size_t d = find(Mark::kStraight);
      if (d < stack.size() && can_close) {
        close(d, i, len);
      } else if (can_open && stack.size() < kMaxDepth) {
        if (d < stack.size()) stack.resize(d);
        stack.push_back({mark, i, len});
      }
    }
    i += len;
  }
  return spans;
}

// [begin, end) without the spaces at either end.
void trim(std::string_view s, size_t& begin, size_t& end) {
  while (begin < end) {
    const Char c = decode(s, begin);
    if (!is_space(c.cp)) break;
    begin += c.len;
  }
  while (end > begin && is_space(decode_before(s, end))) end = char_start(s, end);
}

// Words as a reader counts them: runs between spaces with a letter or digit.
size_t count_words(std::string_view s) {
  size_t words = 0;
  bool counted = false;
  for (size_t i = 0; i < s.size();) {
    const Char c = decode(s, i);
    if (is_space(c.cp) || c.cp == '\n') {
      counted = false;
    } else if (!counted && (is_letter(c.cp) || is_digit(c.cp))) {
      ++words;
      counted = true;
    }
    i += c.len;
  }
  return words;
}

// A span alone on its line with no final punctuation is a heading (Le
// Monde's subheads quote a sentence of the article below them).
bool heading(std::string_view s, const Span& span) { return span.alone && !ends_sentence(decode_before(s, span.end)); }

// The word that ends before byte i, spaces skipped, in lower case (its last
// 40 bytes at most).
std::string word_before(std::string_view s, size_t i) {
  while (i > 0 && is_space(decode_before(s, i))) i = char_start(s, i);
  size_t begin = i;
  while (begin > 0 && i - begin < 40 && (is_letter(decode_before(s, begin)) || decode_before(s, begin) == '-'))
    begin = char_start(s, begin);
  std::string word;
  for (size_t k = begin; k < i;) {
    const Char c = decode(s, k);
    append_utf8(to_lower(c.cp), word);
    k += c.len;
  }
  return word;
}

// Titles of works and names of things are written in quote marks too: after
// "intitulé", "le film", "l’opération" …, or followed by a year "(1958)" or
// an author ", de May Angeli".
bool work_title(std::string_view s, const Span& span) {
  static const WordSet kCues = {
      "intitulé", "intitulée",   "intitulés", "intitulées",    "baptisé",      "baptisée",     "baptisés", "baptisées",
      "nommé",    "nommée",      "surnommé",  "surnommée",     "dénommé",      "dénommée",     "titré",    "titrée",
      "titre",    "film",        "téléfilm",  "court-métrage", "long-métrage", "documentaire", "série",    "feuilleton",
      "émission", "livre",       "roman",     "ouvrage",       "essai",        "recueil",      "album",    "disque",
      "chanson",  "single",      "spectacle", "pièce",         "opéra",        "exposition",   "festival", "magazine",
      "revue",    "rubrique",    "podcast",   "programme",     "opération",    "plan",         "hashtag",  "slogan",
      "label",    "application", "jeu"};
  if (in(kCues, word_before(s, span.open))) return true;
  const std::string_view after = s.substr(skip_spaces(s, span.close_end));
  const bool year = after.size() >= 5 && after[0] == '(' &&
                    std::all_of(after.begin() + 1, after.begin() + 5, [](char c) { return c >= '0' && c <= '9'; });
  size_t author = 0;
  for (std::string_view of : {", de ", ", d'", ", d\xE2\x80\x99"})
    if (after.substr(0, of.size()) == of) author = of.size();
  return year || (author > 0 && author < after.size() && is_upper(decode(after, author).cp));
}

constexpr size_t kMinWords = 4;

}  // namespace

std::vector<Span> find_quotes(std::string_view s) {
  std::vector<Span> quotes;
  for (Span span : pair_marks(s)) {
    trim(s, span.begin, span.end);
    if (count_words(s.substr(span.begin, span.end - span.begin)) < kMinWords || heading(s, span) || work_title(s, span))
      continue;
    quotes.push_back(span);
  }
  return quotes;
}

}  // namespace gazette::quoting
