#include "entities/text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "common/french_analyzer.h"
#include "common/text_folding.h"
#include "common/whitespace.h"

namespace gazette::entities {
namespace {

// ICU's character classes, with ASCII (most of a French text) answered
// without a call: ICU's calls were a tenth of reading an article's words.
bool is_upper(int32_t c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : u_isupper(c); }
bool is_alpha(int32_t c) { return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : u_isalpha(c); }

Cap classify(std::string_view w) {
  const auto* p = reinterpret_cast<const uint8_t*>(w.data());
  int32_t n = static_cast<int32_t>(w.size()), i = 0, c;
  U8_NEXT(p, i, n, c);
  if (c < 0) return kOther;
  if (c < 0x80 ? c >= '0' && c <= '9' : u_isdigit(c)) return kOther;
  // No ASCII character is title case.
  if (!is_upper(c) && (c < 0x80 || !u_istitle(c))) return kLower;
  int letters = 1;
  while (i < n) {
    U8_NEXT(p, i, n, c);
    if (c >= 0 && is_alpha(c)) {
      if (!is_upper(c)) return kCapital;
      ++letters;
    }
  }
  return letters >= 2 ? kUpper : kCapital;
}

struct GapInfo {
  Gap gap = kSpace;
  bool paren_open = false, paren_close = false, elided = false, elided_d = false, elided_l = false;
  bool quote_open = false, quote_close = false, line = false;
  bool ampersand = false;             // "Procter & Gamble": joins the words of a name
  bool starts_with_dot_only = false;  // ". " and nothing else
};

// `first`: the gap before a field's first word.
GapInfo read_any_gap(std::string_view g, bool first) {
  GapInfo info;
  bool sentence = false, brk = false, comma = false, hyphen = false, space = false;
  bool apostrophe = false;
  std::string letters;  // elided words after the last sentence mark
  const auto* p = reinterpret_cast<const uint8_t*>(g.data());
  int32_t n = static_cast<int32_t>(g.size());
  for (int32_t i = 0; i < n;) {
    int32_t c;
    U8_NEXT(p, i, n, c);
    if (c == 0xAB || c == 0x201C) info.quote_open = true;
    if (c == 0xBB || c == 0x201D) info.quote_close = true;
    if (c == '\n') info.line = true;
    if (c == '"') {
      // A straight quote right after a word closes ("ligne", assure…) and,
      // like "»", ends no sentence; one after a space opens.
      if (!space && !info.line && !first) {
        info.quote_close = brk = true;
        continue;
      }
      info.quote_open = true;
    }
    switch (c) {
      case '\n':
      case '.':
      case '!':
      case '?':
      case ':':
      case ';':
      case 0x2026:
      case 0xAB:
      case '"':
      case 0x201C:
      case 0x2014:
      case 0x2013:
      case 0x2022:
      case 0x25CF:
        sentence = true;
        letters.clear();
        apostrophe = false;
        continue;
      case ',':
        comma = true;
        continue;
      case '-':
      case 0x2010:
      case 0x2011:
        hyphen = true;
        continue;
      case '&':
        space = info.ampersand = true;
        continue;
      case '(':
        brk = info.paren_open = true;
        continue;
      case ')':
        brk = info.paren_close = true;
        continue;
      default:
        break;
    }
    if (c < 0) {
      brk = true;
    } else if (is_apostrophe(c)) {
      apostrophe = true;
    } else if (is_alpha(c)) {
      letters += static_cast<char>(c < 0x80 ? (c | 0x20) : '?');
    } else if (c < 0x80 ? c == ' ' || (c >= '\t' && c <= '\r') : u_isUWhiteSpace(c) || c == 0xA0 || c == 0x202F) {
      space = true;
    } else {
      brk = true;
    }
  }
  info.elided = apostrophe && !letters.empty();
  info.elided_d = info.elided && letters == "d";
  info.elided_l = info.elided && letters == "l";
  if (sentence)
    info.gap = kSentence;
  else if (brk)
    info.gap = kBreak;
  else if (comma)
    info.gap = kComma;
  else if (info.elided)
    info.gap = kElision;
  else if (hyphen)
    info.gap = space ? kSentence : kHyphen;  // " - " is a dash
  else if (apostrophe)
    info.gap = kBreak;
  else
    info.gap = kSpace;
  info.starts_with_dot_only =
      g.size() >= 2 && g[0] == '.' && std::all_of(g.begin() + 1, g.end(), [](char ch) { return ch == ' '; });
  return info;
}

// Most gaps between words are one space, read once.
GapInfo read_gap(std::string_view g, bool first) {
  static const GapInfo kOneSpace = read_any_gap(" ", false);
  if (g.size() == 1 && g[0] == ' ') return kOneSpace;
  return read_any_gap(g, first);
}

}  // namespace

namespace {

bool roman_letters(std::string_view w) {
  return std::all_of(w.begin(), w.end(), [](char c) { return c == 'I' || c == 'V' || c == 'X'; });
}

}  // namespace

bool roman_numeral(std::string_view w) { return !w.empty() && w.size() <= 5 && roman_letters(w); }

bool is_article(std::string_view folded) {
  for (std::string_view w : {"le", "la", "les", "du", "des", "au", "aux"})
    if (folded == w) return true;
  return false;
}

bool roman_ordinal(std::string_view w) {
  for (std::string_view suffix : {"e", "er", "ème", "eme", "ère", "è"})
    if (w.size() > suffix.size() && w.substr(w.size() - suffix.size()) == suffix &&
        roman_letters(w.substr(0, w.size() - suffix.size())))
      return true;
  return false;
}

ArticleText::ArticleText(const Gazetteer& gazetteer, std::string_view title, std::string_view summary,
                         std::string_view body)
    : g_(gazetteer) {
  // A French word and its separator take six bytes or more: growing the
  // vector token by token moved each Tok and its string several times, 4 %
  // of the extraction's instructions (callgrind, 200 articles).
  toks_.reserve((title.size() + summary.size() + body.size()) / 5 + 1);
  for (std::string_view field : {title, summary, body}) read_field(field);
  find_modes();
}

void ArticleText::read_field(std::string_view text) {
  size_t start = toks_.size();
  tokenize(text, [&](const Token& t) {
    Tok tok;
    tok.folded = t.folded;
    tok.text = text;
    tok.begin = static_cast<uint32_t>(t.begin);
    tok.end = static_cast<uint32_t>(t.end);
    toks_.push_back(std::move(tok));
  });
  for (size_t i = start; i < toks_.size(); ++i) {
    Tok& t = toks_[i];
    t.cap = classify(t.written());
    if (i == start) {
      GapInfo info = read_gap(text.substr(0, t.begin), true);
      t.gap = kSentence;
      t.informative = info.elided;
      t.paren_before = info.paren_open;
      t.quote_before = info.quote_open;
      ++sentences_;
    } else {
      Tok& prev = toks_[i - 1];
      std::string_view g = text.substr(prev.end, t.begin - prev.end);
      GapInfo info = read_gap(g, false);
      t.gap = info.gap;
      t.elided_d = info.elided_d;
      t.elided_l = info.elided_l;
      t.ampersand_before = info.ampersand;
      t.paren_before = info.paren_open;
      t.quote_before = info.quote_open;
      t.line_before = info.line;
      prev.paren_after = info.paren_close;
      prev.quote_after = info.quote_close;
      prev.dot_after = !g.empty() && g[0] == '.';
      // "M. Castex", "George W. Bush": the dot of an abbreviation.
      if (info.starts_with_dot_only && prev.capital() &&
          (g_.is_title(prev.written()) || (prev.cap == kCapital && prev.end - prev.begin == 1)))
        t.gap = kSpace;
      if (t.gap == kSentence) ++sentences_;
      t.informative = t.gap != kSentence || info.elided;
    }
    t.sentence = sentences_;
  }
  // Hyphenated words: "Jong-un", "Saint-Étienne".
  for (size_t i = toks_.size(); i-- > start;)
    toks_[i].unit_end =
        (i + 1 < toks_.size() && toks_[i + 1].gap == kHyphen) ? toks_[i + 1].unit_end : static_cast<uint32_t>(i);
}

void ArticleText::find_modes() {
  modes_.assign(sentences_ + 1, kNormal);
  size_t i = 0;
  while (i < toks_.size()) {
    size_t j = i;
    unsigned alpha = 0, capital = 0, upper = 0, little = 0;
    for (; j < toks_.size() && toks_[j].sentence == toks_[i].sentence; ++j) {
      const Tok& t = toks_[j];
      if (t.cap == kOther) continue;
      ++alpha;
      if (t.capital()) ++capital;
      if (t.cap == kUpper) ++upper;
      if (t.capital() && t.informative && g_.is_stopword(t.folded) && !g_.is_particle(t.folded)) ++little;
    }
    Mode m = kNormal;
    bool ends_line = j == toks_.size() || toks_[j].line_before || toks_[j].text.data() != toks_[i].text.data();
    if (alpha >= 1 && alpha <= 6 && upper == alpha && ends_line)
      m = kCredit;
    else if (alpha >= 2 && upper * 10 >= alpha * 8)
      m = kAllCaps;
    else if (alpha >= 3 && capital * 10 >= alpha * 6 && little >= 1)
      m = kTitleCase;
    modes_[toks_[i].sentence] = m;
    i = j;
  }
}

std::string ArticleText::unit_key(size_t i) const {
  std::string key = toks_[i].folded;
  for (size_t k = i + 1; k <= toks_[i].unit_end; ++k) (key += '-') += toks_[k].folded;
  return key;
}
bool ArticleText::unit_capital(size_t i) const {
  if (toks_[i].capital()) return true;
  if (!g_.is_particle(toks_[i].folded)) return false;  // "al-Assad"
  for (size_t k = i + 1; k <= toks_[i].unit_end; ++k)
    if (toks_[k].capital()) return true;
  return false;
}
bool ArticleText::single_particle(size_t i) const {
  const Tok& t = toks_[i];
  if (t.unit_end != i || !g_.is_particle(t.folded)) return false;
  bool article = t.folded == "le" || t.folded == "la" || t.folded == "les" || t.folded.size() == 1;
  return t.cap != kLower || !article;
}

bool ArticleText::role_ends_at(size_t j) const {
  std::string words;
  for (size_t len = 1; len <= g_.max_role_words() && len <= j + 1; ++len) {
    size_t k = j + 1 - len;
    if (len > 1 && (!joined(k + 1) || toks_[k].sentence != toks_[j].sentence)) break;
    // "General Motors", "Président Wilson": a capitalised role is a name.
    if (toks_[k].cap != kLower && toks_[k].informative) break;
    words = len == 1 ? toks_[k].folded : toks_[k].folded + ' ' + words;
    if (g_.is_role(words)) return true;
  }
  return false;
}

bool ArticleText::in_quoted_name(size_t first, size_t last, bool longer) const {
  size_t open = first, close = last;
  while (open > 0 && !toks_[open].quote_before && first - open < 3 && joined(open)) --open;
  while (close + 1 < toks_.size() && !toks_[close].quote_after && close - last < 3 && joined(close + 1)) ++close;
  if (!toks_[open].quote_before || !toks_[close].quote_after || (longer && open == first && close == last))
    return false;
  for (size_t k = open; k <= close; ++k)
    if (!toks_[k].capital() && toks_[k].cap != kOther) return false;
  return true;
}

std::string ArticleText::written(size_t first, size_t last) const {
  // One plain space between words, whatever the text had: the corpus mixes
  // no-break and plain spaces ("Emmanuel\u00a0 Macron" was a name).
  return collapse_whitespace(toks_[first].text.substr(toks_[first].begin, toks_[last].end - toks_[first].begin));
}

std::string ArticleText::key(size_t first, size_t last) const {
  std::string key;
  for (size_t k = first; k <= last; ++k) {
    if (k > first) key += ' ';
    key += toks_[k].folded;
  }
  return key;
}

}  // namespace gazette::entities
