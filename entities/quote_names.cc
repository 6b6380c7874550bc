#include "entities/quote_names.h"

#include <algorithm>

#include "entities/quote_lexicon.h"

namespace gazette::quoting {
namespace {

// The written form of tokens [first, last) as a name key: words joined by
// one space, ’ written '.
std::string name_key(std::string_view s, const std::vector<Token>& tokens, size_t first, size_t last) {
  std::string key;
  for (size_t k = first; k < last; ++k) {
    if (k > first) key += ' ';
    std::string_view w = s.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
    for (size_t at; (at = w.find("\xE2\x80\x99")) != std::string_view::npos; w.remove_prefix(at + 3))
      key.append(w.substr(0, at)).append("'");
    key.append(w);
  }
  return key;
}

bool name_word(const Token& t) {
  return t.kind == Kind::kWord && t.capital && !t.all_caps && !t.digit && t.title < 0 &&
         !in(function_words(), t.lower) && !in(not_names(), t.lower);
}

// The capitalised words starting at i ("Jean-Luc Mélenchon", "Charles de
// Gaulle"; after a title a particle may come first: "M. Le Maire"): their
// token count, and in `words` the capitalised ones.
size_t capital_run(const std::vector<Token>& tokens, size_t i, size_t& words) {
  constexpr size_t kMaxTokens = 8;  // no name is longer; and runs of capitals stay linear
  words = 0;
  size_t j = i;
  const bool titled = i > 0 && tokens[i - 1].title >= 0;
  while (j < tokens.size() && j - i < kMaxTokens) {
    if (name_word(tokens[j])) {
      ++words;
      ++j;
    } else if ((words > 0 || (titled && j == i)) && tokens[j].kind == Kind::kWord && in(particles(), tokens[j].lower) &&
               j + 1 < tokens.size() && name_word(tokens[j + 1])) {
      j += 1;
    } else {
      break;
    }
  }
  return j - i;
}

// Whether a preposition opens the phrase whose head noun is at `noun`:
// "par le président", "du ministre", "à l’ancien juge".
bool opened_by_preposition(const std::vector<Token>& tokens, size_t noun) {
  static const WordSet kOpeners = {"de",   "d'",     "du",    "des",   "à",      "au",    "aux",  "par",
                                   "pour", "avec",   "sur",   "chez",  "contre", "entre", "sans", "envers",
                                   "vers", "auprès", "après", "avant", "devant", "face"};
  for (size_t n = 0, k = noun; n < 3 && k > 0; ++n) {
    const Token& t = tokens[--k];
    if (t.kind != Kind::kWord || t.capital) return false;
    if (in(kOpeners, t.lower)) return true;
  }
  return false;
}

// Whether the name starting at token `first` is in a complement rather than
// a subject: right after a preposition, an article or an institution ("le
// porte-parole de X", "a dit à X", "la Maison Blanche", "l’hôpital X"), or in
// a phrase that a preposition opens and a person noun heads ("par le
// président X", "la femme du président X"): X is then that other person.
// Names in brackets are complements too (find_names).
bool complement(const std::vector<Token>& tokens, size_t first) {
  size_t k = with_title(tokens, first);
  if (k > 0 && tokens[k - 1].kind == Kind::kWord && in(institution_nouns(), tokens[k - 1].lower)) return true;
  if (k > 0 && tokens[k - 1].kind == Kind::kWord && in(prepositions(), tokens[k - 1].lower)) {
    const Token& before = tokens[k - 1];
    const bool article = before.lower == "la" || before.lower == "le";  // "la Dr Sanz": the title's article
    const bool topic = before.lower == "pour" && before.capital;        // "Pour X, …" at a sentence's start
    return !(article && k < first) && !topic;
  }
  for (size_t n = 0; n < 6 && k > 0; ++n) {
    const Token& t = tokens[--k];
    if (t.kind != Kind::kWord || t.capital) return false;
    if (in(person_nouns(), t.lower)) return opened_by_preposition(tokens, k);
  }
  return false;
}

// The gender of a determiner: 1 "le", 2 "la", 0 other.
int determiner_gender(const Token& t) {
  static const WordSet male = {"le", "un", "ce", "cet"}, female = {"la", "une", "cette"};
  if (t.kind != Kind::kWord) return 0;
  return in(male, t.lower) ? 1 : in(female, t.lower) ? 2 : 0;
}

// The gender that a role says for the name at [first, last): "la ministre
// X", "le président américain, X", "X, la directrice de …". 0 when unknown.
int role_gender(const std::vector<Token>& tokens, size_t first, size_t last) {
  bool noun = false;
  size_t k = first > 0 && punct_is(tokens[first - 1], ',') ? first - 1 : first;  // "la présidente, X"
  for (size_t n = 0; n < 6 && k > 0; ++n) {
    const Token& t = tokens[--k];
    if (t.kind != Kind::kWord) break;
    if (noun && determiner_gender(t)) return determiner_gender(t);
    noun = noun || in(person_nouns(), t.lower);
  }
  if (last + 2 < tokens.size() && punct_is(tokens[last], ',') && in(person_nouns(), tokens[last + 2].lower))
    return determiner_gender(tokens[last + 1]);
  return 0;
}

// With a list of people, the capitalised words at i that are no known
// person: their token count when they look like a name (two capitalised
// words, "Binu Sapera"), else 0. They stop before a known name.
size_t unknown_name(std::string_view s, const std::vector<Token>& tokens, size_t i, const KnownPeople& people) {
  size_t words = 0;
  const size_t run = capital_run(tokens, i, words);
  size_t len = 0;
  for (words = 0; len < run && (len == 0 || !people.match(s, tokens, i + len)); ++len)
    words += name_word(tokens[i + len]);
  return words >= 2 ? len : 0;
}

}  // namespace

KnownPeople::KnownPeople(const std::vector<std::string>& people) {
  constexpr size_t kMaxWords = 8;
  struct Best {
    std::string full;
    size_t words = 0;
    bool ambiguous = false;
  };
  std::unordered_map<std::string, Best> best;
  for (const std::string& name : people) {
    const std::vector<Token> tokens = tokenize(name, {});
    if (tokens.empty() || tokens.size() > kMaxWords) continue;
    if (std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.kind != Kind::kWord; })) continue;
    forms_.insert(name_key(name, tokens, 0, tokens.size()));
    max_words_ = std::max(max_words_, tokens.size());
    for (size_t first = 0; first < tokens.size(); ++first) {
      Best& b = best[name_key(name, tokens, first, tokens.size())];
      if (tokens.size() > b.words) {
        b = {name, tokens.size(), false};
      } else if (tokens.size() == b.words && b.full != name) {
        b.ambiguous = true;
      }
    }
  }
  for (auto& [key, b] : best) full_[key] = b.ambiguous ? "" : b.full;
}

size_t KnownPeople::match(std::string_view s, const std::vector<Token>& tokens, size_t i) const {
  if (!tokens[i].has_upper) return 0;
  size_t longest = 0;
  for (size_t n = 1; n <= max_words_ && i + n <= tokens.size() && tokens[i + n - 1].kind == Kind::kWord; ++n)
    if (forms_.count(name_key(s, tokens, i, i + n))) longest = n;
  return longest;
}

std::string KnownPeople::full_name(const std::string& key) const {
  const auto it = full_.find(key);
  return it == full_.end() ? "" : it->second;
}

size_t with_title(const std::vector<Token>& tokens, size_t first) {
  return first > 0 && tokens[first - 1].title >= 0 ? first - 1 : first;
}

bool determiner(const Token& t) {
  static const WordSet set = {"le",    "la",  "les", "l'", "un",  "une",  "ce",   "cet",
                              "cette", "ces", "son", "sa", "ses", "leur", "leurs"};
  return t.kind == Kind::kWord && in(set, t.lower);
}

Names find_names(std::string_view s, const std::vector<Token>& tokens, const KnownPeople& people) {
  Names names;
  names.of_token.assign(tokens.size(), -1);
  std::unordered_map<std::string, std::string> full_by_surname;  // from the names read so far
  int brackets = 0;  // depth of "(" in the current paragraph: "(après X, Y ou Z)" names no subject
  for (size_t i = 0; i < tokens.size();) {
    if (tokens[i].kind != Kind::kWord) {
      if (punct_is(tokens[i], '(')) ++brackets;
      if (punct_is(tokens[i], ')') && brackets > 0) --brackets;
      if (tokens[i].kind == Kind::kBreak) brackets = 0;
      ++i;
      continue;
    }
    const int title = i > 0 ? tokens[i - 1].title : -1;
    size_t len = people.match(s, tokens, i), words = 0;
    if (len == 0 && !people.empty() && title < 0) {
      if (const size_t other = unknown_name(s, tokens, i, people)) {
        if (brackets == 0 && !complement(tokens, i)) names.others.push_back(i + other);
        i += other;
        continue;
      }
    }
    if (len == 0 && (people.empty() || title >= 0)) len = capital_run(tokens, i, words);
    const std::string key = name_key(s, tokens, i, i + len);
    if (len > 0 && words == 1 && title < 0 && !full_by_surname.count(key)) len = 0;  // one capital says nothing
    if (len == 0) {
      ++i;
      continue;
    }
    std::string full = people.full_name(key);
    if (full.empty() && full_by_surname.count(key) && key.find(' ') == std::string::npos) full = full_by_surname[key];
    if (full.empty()) full = std::string(s.substr(tokens[i].begin, tokens[i + len - 1].end - tokens[i].begin));
    if (len > 1 || full.find(' ') != std::string::npos)
      full_by_surname[name_key(s, tokens, i + len - 1, i + len)] = full;
    names.list.push_back({i, i + len, full, brackets > 0 || complement(tokens, i)});
    if (const int gender = title >= 0 ? title : role_gender(tokens, i, i + len)) names.genders[full] |= gender;
    for (size_t k = i; k < i + len; ++k) names.of_token[k] = static_cast<int32_t>(names.list.size() - 1);
    i += len;
  }
  return names;
}

}  // namespace gazette::quoting
