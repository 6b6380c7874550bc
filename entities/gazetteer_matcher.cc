#include "entities/gazetteer_matcher.h"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace gazette::entities {
namespace {

bool is_direction(const std::string& folded) {
  return folded == "nord" || folded == "sud" || folded == "est" || folded == "ouest";
}

}  // namespace

GazetteerMatch GazetteerMatcher::longest(size_t i) {
  GazetteerMatch best;
  const Tok& first = t_[i];
  if (!first.capital() && !g_.starts_lowercase_name(first.folded)) return best;
  // Not from the middle of a hyphenated name: "Saclay" in "Paris-Saclay";
  // but acronyms joined by a hyphen are each one: "l’alliance EELV-PS".
  if (first.gap == kHyphen && i > 0 && t_[i - 1].capital() && !acronym_pair(i - 1, i)) return best;
  const Mode m = t_.mode(i);
  return longest_name(i, t_.size() - 1,
                      [&](const GazetteerAlias& alias, size_t k) { return alias_fits(alias, i, k, m); });
}

template <typename Fits>
GazetteerMatch GazetteerMatcher::longest_name(size_t i, size_t last, Fits&& fits) {
  GazetteerMatch best;
  key_.clear();
  for (size_t k = i; k <= last && k - i < 32; ++k) {
    if (k > i) {
      if (!t_.joined(k) || t_[k].sentence != t_[i].sentence) break;
      key_ += ' ';
    }
    key_ += t_[k].folded;
    const Gazetteer::Node* node = g_.find(key_);
    if (!node) break;
    for (const auto& alias : node->aliases)
      if (k - i + 1 > best.length && fits(alias, k)) best = {k - i + 1, alias.entry};
    if (!node->longer) break;
  }
  return best;
}

std::vector<std::pair<size_t, GazetteerMatch>> GazetteerMatcher::place_parts(size_t i) {
  const size_t end = t_[i].unit_end;
  const Mode m = t_.mode(i);
  std::vector<std::pair<size_t, GazetteerMatch>> parts;
  for (size_t p = i; p <= end;) {
    // A place that ends where a part of the word ends.
    const GazetteerMatch best = longest_name(p, end, [&](const GazetteerAlias& alias, size_t k) {
      return (k == end || t_[k + 1].gap == kHyphen) && g_.entry(alias.entry).type == EntityType::kPlace &&
             alias_fits(alias, p, k, m, true);
    });
    if (best.length == 0) return {};
    parts.emplace_back(p, best);
    p += best.length;
  }
  if (parts.size() < 2) return {};
  return parts;
}

bool GazetteerMatcher::alias_fits(const GazetteerAlias& a, size_t i, size_t k, Mode m, bool part) const {
  if (!(a.capitals & 1u) && a.length == 1) return false;
  if (a.after_article && !after_article(i)) return false;
  // Not cut out of a hyphenated name: "Nord" in "Nord-Pas-de-Calais".
  if (!part && k + 1 < t_.size() && t_[k + 1].gap == kHyphen && t_[k + 1].capital() && !acronym_pair(k, k + 1))
    return false;
  // A direction after a place is part of its name: "Pacifique Nord".
  if (a.length == 1 && i > 0 && t_.joined(i) && t_[i - 1].capital() && t_[i - 1].sentence == t_[i].sentence &&
      g_.is_place_word(t_[i - 1].folded) && is_direction(t_[i].folded))
    return false;
  if (a.common && (m != kNormal || !t_[i].informative)) return false;
  for (size_t t = 0; t <= k - i && t < 32; ++t) {
    const Tok& tok = t_[i + t];
    if ((a.capitals >> t) & 1u) {
      if (!tok.capital() && tok.cap != kOther) return false;
    }
    if ((a.acronym >> t) & 1u) {
      // "OTAN"; "Otan" and "Nupes" are acronyms written as names.
      bool ok = tok.cap == kUpper ||
                (tok.cap == kCapital && m == kNormal && tok.folded.size() >= 4 && !g_.is_common_word(tok.folded));
      if (!ok) return false;
    }
  }
  return true;
}

// "au Monde", "du « Monde »", "chez les Républicains", but not "la Coupe du
// Monde": a lower-case article right before token i, itself after no name.
bool GazetteerMatcher::after_article(size_t i) const {
  if (i == 0 || (t_[i].gap != kSpace && !t_[i].quote_before)) return false;
  const Tok& article = t_[i - 1];
  if (article.cap != kLower || article.text.data() != t_[i].text.data()) return false;
  if (!is_article(article.folded)) return false;
  return !(i >= 2 && t_[i - 2].capital() && t_.joined(i - 1));
}

}  // namespace gazette::entities
