#include "entities/nameless_things.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>

namespace gazette::entities {

size_t NamelessThings::model_after(size_t maker, size_t k) {
  // "la Toyota Supra", "une Aston Martin Rapide": after an article, the
  // model may be a common word.
  static constexpr std::string_view kArticles[] = {"la", "le", "une", "un", "sa", "son", "cette", "nouvelle", "autre"};
  const bool article = t_[maker].elided_l || (maker > 0 && t_[maker].gap == kSpace &&
                                              std::find(std::begin(kArticles), std::end(kArticles),
                                                        t_[maker - 1].folded) != std::end(kArticles));
  // "les pneumatiques Michelin Pilot Super Sport", "le prototype électrique
  // VW ID.R": after a product's noun (and an adjective), any capitalised
  // words.
  size_t noun = maker;
  if (noun > 0 && t_[noun - 1].cap == kLower && !g_.is_stopword(t_[noun - 1].folded) &&
      !g_.is_product_cue(t_[noun - 1].folded))
    --noun;
  const bool cued =
      noun > 0 && t_[noun].gap == kSpace && t_[noun - 1].cap == kLower && g_.is_product_cue(t_[noun - 1].folded);
  if (cued) {
    size_t last = 0;
    for (size_t m = k; m < t_.size() && m < k + 4 && t_.joined(m) && t_[m].sentence == t_[maker].sentence &&
                       (t_[m].capital() || t_[m].cap == kOther);
         m = t_[m].unit_end + 1)
      last = t_[m].unit_end;
    return last;
  }
  size_t last = 0, words = 0;
  bool word = false;
  for (size_t m = k; m < t_.size() && m < k + 3; m = t_[m].unit_end + 1) {
    const Tok& w = t_[m];
    if (w.gap != kSpace || w.sentence != t_[k - 1].sentence) break;
    const std::string unit = t_.unit_key(m);
    // A letter is a code ("Rapide E"), but not an initial or "M.".
    const bool code = w.cap == kOther || (w.cap == kUpper && w.folded.size() <= 3) ||
                      (w.cap == kCapital && w.folded.size() == 1 && !w.dot_after);
    word = !code && w.cap == kCapital && w.folded.size() >= 3 && matcher_.longest(m).length == 0 &&
           !g_.is_given_name(unit) && (article || !g_.is_common_word(unit)) && !g_.is_name(w.folded);
    // Two such words are more often a person's name ("l’OMS Tedros Adhanom").
    if ((!code && !word) || (word && ++words > 1)) return last == 0 || t_[m].capital() ? 0 : last;
    last = t_[m].unit_end;
  }
  if (last == 0) return 0;
  const size_t next = last + 1;
  if (next < t_.size() && t_[next].sentence == t_[last].sentence &&
      (t_[next].capital() || (word && t_[next].gap == kComma)))
    return 0;
  return last;
}

bool NamelessThings::after_work_cue(size_t i) const {
  return i > 0 && t_[i].gap == kSpace && t_[i - 1].cap == kLower && g_.is_work_cue(t_[i - 1].folded) &&
         !(i > 1 && t_[i - 2].folded == "en" && t_[i - 1].gap == kSpace);
}

}  // namespace gazette::entities
