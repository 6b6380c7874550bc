#include "entities/acronyms.h"

#include <algorithm>
#include <string>

namespace gazette::entities {
namespace {

bool initials_match(const Gazetteer& g, const ArticleText& t, size_t s, size_t e, std::string_view letters) {
  std::vector<std::string_view> words;
  for (size_t k = s; k <= e; ++k) {
    // The elided article is a word: "Fratelli d’Italia" spells "fdi".
    if (k > s && t[k].elided_d) words.push_back("d");
    if (k > s && t[k].elided_l) words.push_back("l");
    words.push_back(t[k].folded);
  }
  return spells(g, letters, words);
}

}  // namespace

std::vector<AcronymDefinition> acronym_definitions(const Gazetteer& g, const ArticleText& t) {
  std::vector<AcronymDefinition> found;
  for (size_t a = 1; a < t.size(); ++a) {
    const Tok& acronym = t[a];
    if (acronym.cap != kUpper || !acronym.paren_before || !acronym.paren_after || acronym.unit_end != a) continue;
    const std::string& letters = acronym.folded;
    if (letters.size() < 2 || letters.size() > 6 || g.find(letters)) continue;
    if (!std::all_of(letters.begin(), letters.end(), [](char c) { return c >= 'a' && c <= 'z'; })) continue;
    const size_t e = a - 1;
    if (t[e].sentence != acronym.sentence) continue;
    // The shortest phrase ending at e whose words' initials spell the acronym.
    for (size_t s = e + 1; s-- > 0 && e - s < 12;) {
      if (s < e && !t.joined(s + 1)) break;
      if (t[s].sentence != acronym.sentence) break;
      if (!t[s].capital() || t[s].folded[0] != letters[0]) continue;
      if (!initials_match(g, t, s, e, letters)) continue;
      found.push_back({a, s, e});
      break;
    }
  }
  return found;
}

bool spells(const Gazetteer& g, std::string_view letters, const std::vector<std::string_view>& words) {
  std::vector<char> can(letters.size() + 1, 0);
  can[0] = 1;
  for (std::string_view word : words) {
    if (word.empty()) continue;
    std::vector<char> next(letters.size() + 1, 0);
    const bool little = g.is_stopword(word) || g.is_particle(word);
    for (size_t a = 0; a <= letters.size(); ++a) {
      if (!can[a]) continue;
      if (little) next[a] = 1;
      if (a < letters.size() && word[0] == letters[a]) next[a + 1] = 1;
    }
    can.swap(next);
  }
  return can[letters.size()] != 0;
}

}  // namespace gazette::entities
