// What looks like a name but names no company, person or place, as the
// hand-tagged set's guidelines say (tests/data/entities-gold/GUIDELINES.md):
//  - a product, its maker's name and its model's: "la Toyota GR Supra",
//    "une Peugeot 208", "les pneumatiques Michelin Pilot Super Sport" (after
//    a product's noun: corpus/entities-fr.tsv, product-cue);
//  - a work or its hero, after the noun that its title follows: "la série
//    James Bond" (work-cue).
// The scanner (scanner.cc) asks before it mentions a maker or a person.
//
// One article; not thread-safe (the gazetteer matcher keeps a buffer).
#pragma once

#include <cstddef>

#include "entities/gazetteer.h"
#include "entities/gazetteer_matcher.h"
#include "entities/text.h"

namespace gazette::entities {

class NamelessThings {
 public:
  NamelessThings(const Gazetteer& gazetteer, const ArticleText& text, GazetteerMatcher& matcher)
      : g_(gazetteer), t_(text), matcher_(matcher) {}

  // The last token of a product's model name from token k, right after its
  // maker's name (at token `maker`): numbers and codes ("4", "GR"), or a
  // capitalised word that names nothing else and is no common word unless
  // an article precedes the maker ("Supra"), one at most, and then no other
  // capitalised word, nor a comma after such a word ("à l’AFP Ankit Bharat,
  // chef de…" names a person); after a product's noun, any capitalised
  // words. 0 when there is none.
  size_t model_after(size_t maker, size_t k);

  // Whether token i follows a noun that a work's title follows ("la série
  // James Bond"; not "en série": "le tueur en série Ted Bundy").
  bool after_work_cue(size_t i) const;

 private:
  const Gazetteer& g_;
  const ArticleText& t_;
  GazetteerMatcher& matcher_;
};

}  // namespace gazette::entities
