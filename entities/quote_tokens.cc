#include "entities/quote_tokens.h"

#include "entities/quote_letters.h"
#include "entities/quote_lexicon.h"

namespace gazette::quoting {
namespace {

// Reads the word that starts at i: letters and digits, joined by inner
// hyphens ("a-t-il", "Jean-Michel"), inner apostrophes ("aujourd'hui") and
// digit separators ("3.500"); an elided word ends at its apostrophe ("l’").
// "M." and initials ("J.") keep their dot, which ends no sentence.
Token read_word(std::string_view s, size_t& i) {
  Token t;
  t.kind = Kind::kWord;
  t.begin = i;
  size_t letters = 0, capitals = 0;
  const auto letter_at = [&](size_t k) { return k < s.size() && is_letter(decode(s, k).cp); };
  const auto word_char_at = [&](size_t k) {
    if (k >= s.size()) return false;
    const char32_t c = decode(s, k).cp;
    return is_letter(c) || is_digit(c);
  };
  while (i < s.size()) {
    // A run of lower-case ASCII letters, most of a French word, at once:
    // decoded and classified a character at a time, it was a third of
    // finding quotes.
    size_t run = i;
    while (run < s.size() && s[run] >= 'a' && s[run] <= 'z') ++run;
    if (run > i) {
      letters += run - i;
      t.lower.append(s.substr(i, run - i));
      i = run;
      continue;
    }
    const Char c = decode(s, i);
    if (is_letter(c.cp) || is_digit(c.cp)) {
      if (is_letter(c.cp)) ++letters;
      if (is_upper(c.cp)) {
        ++capitals;
        if (i == t.begin) t.capital = true;
      }
      t.digit = t.digit || is_digit(c.cp);
      append_utf8(to_lower(c.cp), t.lower);
      i += c.len;
    } else if (c.cp == '-' && word_char_at(i + 1)) {
      t.lower += '-';
      i += 1;
    } else if ((c.cp == '\'' || c.cp == 0x2019) && letter_at(i + c.len)) {
      const bool elided = in(elisions(), t.lower);
      t.lower += '\'';
      i += c.len;
      if (elided) break;
    } else if ((c.cp == '.' || c.cp == ',') && t.digit && is_digit(decode_before(s, i)) && i + 1 < s.size() &&
               is_digit(decode(s, i + 1).cp)) {
      t.lower += static_cast<char>(c.cp);
      i += 1;
    } else {
      break;
    }
  }
  t.has_upper = capitals > 0;
  t.all_caps = letters >= 2 && capitals == letters;
  const bool dot = i < s.size() && s[i] == '.';
  const int gender = t.capital ? title_gender(t.lower) : -1;
  const bool initial = t.capital && letters == 1 && t.lower.size() <= 2;
  if (dot && (gender >= 0 || initial)) ++i;
  if (gender >= 0 && (dot || t.lower != "m")) t.title = gender;  // "M" alone is no title
  t.end = i;
  return t;
}

}  // namespace

std::vector<Token> tokenize(std::string_view s, const std::vector<Span>& quotes) {
  std::vector<Token> tokens;
  size_t q = 0;
  for (size_t i = 0; i < s.size();) {
    if (q < quotes.size() && i == quotes[q].open) {
      Token t;
      t.kind = Kind::kQuote;
      t.begin = i;
      t.end = i = quotes[q].close_end;
      t.final = ends_sentence(decode_before(s, quotes[q].end));
      t.quote = q++;
      tokens.push_back(std::move(t));
      continue;
    }
    const Char c = decode(s, i);
    if (c.cp == '\n') {
      if (tokens.empty() || tokens.back().kind != Kind::kBreak) {
        tokens.emplace_back();
        tokens.back().kind = Kind::kBreak;
        tokens.back().begin = i;
      }
      tokens.back().end = ++i;
    } else if (is_space(c.cp)) {
      i += c.len;
    } else if (is_letter(c.cp) || is_digit(c.cp)) {
      tokens.push_back(read_word(s, i));
    } else {
      Token t;
      t.punct = c.cp;
      t.begin = i;
      t.end = i += c.len;
      tokens.push_back(std::move(t));
    }
  }
  return tokens;
}

}  // namespace gazette::quoting
