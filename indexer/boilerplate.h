// What an article's body holds that is not its text, and is dropped before
// it is indexed and stored, so that it is neither found nor shown in
// snippets:
//   - links to other articles ("Lire aussi : Article réservé à nos
//     abonnés …", "Lire l’éditorial …", "Voir aussi …"), and a subscription
//     notice standing alone ("Article réservé à nos abonnés");
//   - photo credits at the end of a caption ("… le 12 octobre 2021. THOMAS
//     SAMSON / AFP"): the credit goes, the caption stays;
//   - code that interactive pages leave in their text: JavaScript calls
//     ("d3.selectAll(…).style(…)", "toggleCase(this)"), CSS rules
//     ("#tableau .d_ligne:hover,"), HTML comments ("-->");
//   - the text of a web form (a call for testimonies' form and its rules:
//     "RÈGLEMENT DES DÉPÔTS DE TÉMOIGNAGE …");
//   - what an embedded Instagram post leaves ("View this post on
//     Instagram", "A post shared by … (@…)").
// Paragraphs are separated by blank lines, as in the corpus. Each rule keeps
// a paragraph unless it is plainly one of these: a false drop loses text,
// a miss only leaves noise.
//
// Thread-safe (no state).
#pragma once

#include <string>

namespace gazette {

struct BoilerplateDropped {
  size_t links = 0, credits = 0, code = 0, form = 0, embeds = 0;  // paragraphs (credits: captions cut)
  size_t total() const { return links + credits + code + form + embeds; }
};

// Removes what is described above from `body`; says what it removed.
BoilerplateDropped drop_boilerplate(std::string& body);

}  // namespace gazette
