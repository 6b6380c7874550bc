#include "common/date.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <vector>

#include "common/split.h"
#include "common/text_folding.h"

namespace gazette {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool plausible(const Date& d) {
  return d.year >= kMinYear && d.year <= kMaxYear && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month) && d.hour >= 0 && d.hour < 24 && d.minute >= 0 && d.minute < 60 &&
         d.second >= 0 && d.second <= 60;
}

// Reads exactly `n` digits at `pos`; advances `pos` on success.
bool read_digits(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  pos += n;
  return true;
}

bool accept(std::string_view s, size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

// YYYY-MM-DD[(T| )hh:mm[:ss[.fff]][Z|±hh[:]mm]] starting at `pos`.
std::optional<Date> read_iso(std::string_view s, size_t& pos) {
  Date d;
  size_t p = pos;
  if (!read_digits(s, p, 4, d.year) || !accept(s, p, '-') || !read_digits(s, p, 2, d.month) || !accept(s, p, '-') ||
      !read_digits(s, p, 2, d.day))
    return std::nullopt;
  size_t t = p;
  if ((accept(s, t, 'T') || accept(s, t, ' ')) && read_digits(s, t, 2, d.hour) && accept(s, t, ':') &&
      read_digits(s, t, 2, d.minute)) {
    d.has_time = true;
    p = t;
    if (accept(s, p, ':') && !read_digits(s, p, 2, d.second)) return std::nullopt;
    if (accept(s, p, '.'))
      while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) ++p;
    if (accept(s, p, 'Z')) {
      d.offset_minutes = 0;
    } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
      int sign = s[p] == '-' ? -1 : 1, oh = 0, om = 0;
      ++p;
      if (!read_digits(s, p, 2, oh)) return std::nullopt;
      accept(s, p, ':');
      if (!read_digits(s, p, 2, om)) return std::nullopt;
      if (oh > 14 || om > 59) return std::nullopt;
      d.offset_minutes = sign * (oh * 60 + om);
    }
  }
  if (!plausible(d)) return std::nullopt;
  pos = p;
  return d;
}

// DD/MM/YYYY, DD.MM.YYYY or DD-MM-YYYY (French order) starting at `pos`.
std::optional<Date> read_numeric(std::string_view s, size_t& pos) {
  Date d;
  size_t p = pos;
  size_t day_len = (p + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[p + 1]))) ? 2 : 1;
  if (!read_digits(s, p, day_len, d.day)) return std::nullopt;
  if (p >= s.size() || (s[p] != '/' && s[p] != '.' && s[p] != '-')) return std::nullopt;
  char sep = s[p++];
  size_t month_len = (p + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[p + 1]))) ? 2 : 1;
  if (!read_digits(s, p, month_len, d.month) || !accept(s, p, sep) || !read_digits(s, p, 4, d.year) || !plausible(d))
    return std::nullopt;
  pos = p;
  return d;
}

int month_from_word(const std::string& w) {
  static const std::array<std::vector<const char*>, 12> kNames = {{
      {"janvier", "janv", "january", "jan"},
      {"fevrier", "fevr", "fev", "february", "feb"},
      {"mars", "march", "mar"},
      {"avril", "avr", "april", "apr"},
      {"mai", "may"},
      {"juin", "june", "jun"},
      {"juillet", "juil", "july", "jul"},
      {"aout", "august", "aug"},
      {"septembre", "sept", "september", "sep"},
      {"octobre", "oct", "october"},
      {"novembre", "nov", "november"},
      {"decembre", "dec", "december"},
  }};
  for (size_t m = 0; m < kNames.size(); ++m)
    for (const char* name : kNames[m])
      if (w == name) return static_cast<int>(m) + 1;
  return 0;
}

struct Word {
  std::string text;   // folded: lower case, no accents
  size_t begin, end;  // byte range in the original text
};

std::vector<Word> words_of(std::string_view s) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    if (std::isalnum(c) || c >= 0x80) {
      size_t j = i;
      while (j < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[j])) || static_cast<unsigned char>(s[j]) >= 0x80))
        ++j;
      out.push_back({fold_text(s.substr(i, j - i)), i, j});
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

// "14", "1er", "1st", "2nd", "14th" -> the day number, else 0.
int day_from_word(const std::string& w) {
  size_t digits = 0;
  while (digits < w.size() && std::isdigit(static_cast<unsigned char>(w[digits]))) ++digits;
  if (digits == 0 || digits > 2) return 0;
  std::string_view rest = std::string_view(w).substr(digits);
  if (!rest.empty() && rest != "er" && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return 0;
  return std::stoi(w.substr(0, digits));
}

int year_from_word(const std::string& w) {
  if (w.size() != 4) return 0;
  for (char c : w)
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
  return std::stoi(w);
}

// A written date at words[i]: "14 septembre 2024" or "Sep 14, 2024".
// Returns the number of words used, 0 when there is none.
size_t read_written(const std::vector<Word>& words, size_t i, Date& d) {
  if (i + 2 >= words.size()) return 0;
  Date c;
  if ((c.day = day_from_word(words[i].text)) && (c.month = month_from_word(words[i + 1].text)) &&
      (c.year = year_from_word(words[i + 2].text)) && plausible(c)) {
    d = c;
    return 3;
  }
  c = Date{};
  if ((c.month = month_from_word(words[i].text)) && (c.day = day_from_word(words[i + 1].text)) &&
      (c.year = year_from_word(words[i + 2].text)) && plausible(c)) {
    d = c;
    return 3;
  }
  return 0;
}

bool is_filler(const std::string& w) {
  static const char* kFillers[] = {"lundi",  "mardi",   "mercredi",  "jeudi",    "vendredi", "samedi",   "dimanche",
                                   "monday", "tuesday", "wednesday", "thursday", "friday",   "saturday", "sunday",
                                   "le",     "publie",  "mis",       "a",        "jour",     "on",       "at",
                                   "h",      "utc",     "gmt",       "mon",      "tue",      "wed",      "thu",
                                   "fri",    "sat",     "sun"};
  for (const char* f : kFillers)
    if (w == f) return true;
  // Clock times such as "10h30" or the digits of "10:30".
  for (char c : w)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != 'h') return false;
  return true;
}

}  // namespace

std::string Date::compact() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

std::string Date::iso() const {
  char buf[40];
  if (!has_time) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  } else {
    int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year, month, day, hour, minute, second,
                  offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  }
  return buf;
}

int64_t Date::unix_seconds() const {
  // Howard Hinnant's days_from_civil.
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  int64_t days = static_cast<int64_t>(era) * 146097 + doe - 719468;
  return days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
}

std::optional<Date> parse_date(std::string_view text) {
  text = trim_ascii_space(text);
  size_t pos = 0;
  if (auto d = read_iso(text, pos); d && pos == text.size()) return d;
  pos = 0;
  if (auto d = read_numeric(text, pos); d && pos == text.size()) return d;
  std::vector<Word> words = words_of(text);
  size_t i = 0;
  while (i < words.size() && is_filler(words[i].text) && !day_from_word(words[i].text)) ++i;
  Date d;
  size_t used = read_written(words, i, d);
  if (!used) return std::nullopt;
  for (size_t j = i + used; j < words.size(); ++j)
    if (!is_filler(words[j].text)) return std::nullopt;
  return d;
}

std::optional<Date> find_date(std::string_view text) {
  for (size_t pos = 0; pos + 8 <= text.size(); ++pos) {
    if (!std::isdigit(static_cast<unsigned char>(text[pos]))) continue;
    if (pos > 0 && std::isdigit(static_cast<unsigned char>(text[pos - 1]))) continue;
    size_t p = pos;
    if (auto d = read_iso(text, p)) return d;
    p = pos;
    if (auto d = read_numeric(text, p)) return d;
  }
  std::vector<Word> words = words_of(text);
  for (size_t i = 0; i < words.size(); ++i) {
    Date d;
    if (read_written(words, i, d)) return d;
  }
  return std::nullopt;
}

std::optional<Date> parse_compact_date(std::string_view text) {
  Date d;
  size_t p = 0;
  if (!read_digits(text, p, 4, d.year) || !read_digits(text, p, 2, d.month) || !read_digits(text, p, 2, d.day) ||
      p != text.size() || !plausible(d))
    return std::nullopt;
  return d;
}

std::optional<Date> parse_date_bound(std::string_view text, bool end) {
  text = trim_ascii_space(text);
  if (auto d = parse_date(text)) return d;
  Date d;
  size_t p = 0;
  if (read_digits(text, p, 4, d.year) && p == text.size()) {
    d.month = end ? 12 : 1;
  } else if (p = 0; read_digits(text, p, 4, d.year) && (accept(text, p, '-') || accept(text, p, '/')) &&
                    read_digits(text, p, 2, d.month) && p == text.size()) {
  } else if (p = 0; read_digits(text, p, 2, d.month) && (accept(text, p, '/') || accept(text, p, '-')) &&
                    read_digits(text, p, 4, d.year) && p == text.size()) {
  } else {
    return std::nullopt;
  }
  if (d.month < 1 || d.month > 12) return std::nullopt;
  d.day = end ? days_in_month(d.year, d.month) : 1;
  if (!plausible(d)) return std::nullopt;
  return d;
}

std::string utc_timestamp(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  // Not gmtime: its result is one static buffer, which threads would share.
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string utc_now() { return utc_timestamp(std::time(nullptr)); }

}  // namespace gazette
