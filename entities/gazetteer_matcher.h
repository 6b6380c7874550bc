// Gazetteer names (entities/gazetteer.h) in an article's words: where one
// may be read, and which one is the longest. A gazetteer name is read at a
// capitalised word when its capitals are in the text, it is not cut out of
// a hyphenated word ("Paris" is not in "Paris-Saclay"), its acronyms are
// written in capitals, and, when made of common words ("Tours", "Assemblée
// nationale"), it does not start a sentence. A hyphenated word made only of
// places ("France-Allemagne", "Marseille-Miramas") is each of them.
//
// A matcher reads one article; it is not thread-safe (it keeps a buffer).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "entities/gazetteer.h"
#include "entities/text.h"

namespace gazette::entities {

// A gazetteer name at some token: its length in tokens (0: none) and entry.
struct GazetteerMatch {
  size_t length = 0;
  int32_t entry = -1;
};

class GazetteerMatcher {
 public:
  GazetteerMatcher(const Gazetteer& gazetteer, const ArticleText& text) : g_(gazetteer), t_(text) {}

  // The longest gazetteer name that may be read from token i.
  GazetteerMatch longest(size_t i);

  // The places of the hyphenated word that starts at token i, each with the
  // token it starts at, when it is made of two places or more and of
  // nothing else ("Nord-Pas-de-Calais" is one name, not a pair); none
  // otherwise.
  std::vector<std::pair<size_t, GazetteerMatch>> place_parts(size_t i);

 private:
  // The longest name of tokens [i, k], k <= last, whose alias `fits(alias, k)`.
  template <typename Fits>
  GazetteerMatch longest_name(size_t i, size_t last, Fits&& fits);
  // `part`: [i, k] is one of the places of a hyphenated word.
  bool alias_fits(const GazetteerAlias& a, size_t i, size_t k, Mode m, bool part = false) const;
  bool acronym_pair(size_t a, size_t b) const { return t_[a].cap == kUpper && t_[b].cap == kUpper; }
  bool after_article(size_t i) const;

  const Gazetteer& g_;
  const ArticleText& t_;
  std::string key_;
};

}  // namespace gazette::entities
