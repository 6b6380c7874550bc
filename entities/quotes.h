// Finds what people are quoted as saying in French news text, and who says it.
//
// A quote is the text between quote marks: « … » (Le Monde, with or without
// no-break spaces inside), “ … ” or "…" (wire copy). Quotes do not span
// paragraphs: a mark left open at the end of a line is dropped. Only the
// outermost marks make a quote; marks inside it are part of its text. Not
// quotes: spans of fewer than four words (scare quotes, « gilets jaunes »), a
// span alone on its line without final punctuation (a heading), and titles of
// works ("un album intitulé « … »", "« … » (1958)", "« … », de May Angeli").
//
// The speaker is read in the sentence of the quote, conservatively: an empty
// speaker is better than a wrong one (bench/quote_judgments.md: 0.97 of the
// speakers given are right, and 28 % of the quotes get one). Read, in order:
//   - after the quote: « … », a déclaré X / déclare X / selon X / a indiqué à
//     l’AFP le ministre de l’intérieur, X;
//   - before it: X : « … » / X a affirmé que « … » / Selon X, « … » /
//     Pour X, « … » / …, note X, ancien ambassadeur : « … »;
//   - inside it, Le Monde's incise: « …, explique X. … »;
//   - pronouns (« … », a-t-il ajouté / Il a assuré : « … ») name the last
//     person named before the quote, outside quotes or in an incise, in the
//     same paragraph or the one before. Nobody when a speaker not named came
//     after that person ("a dit le ministre", "le ministère a dénoncé « … »"),
//     or a capitalised name missing from `people`, or when "M."/"Mme" or a
//     role ("la ministre X") says the gender differs;
//   - quotes of one sentence joined by "et", ", avant d’ajouter :",
//     ", estimant que" … share a speaker.
// A speaker is a person: a name of `people`, a title and a capitalised name
// ("M. Véran"), or without `people` two or more capitalised words. Names in a
// complement ("le porte-parole de X", "la femme du président X", "à X"), in
// brackets, or after an article or an institution ("la Maison Blanche",
// "l’hôpital X") are no speakers; plural and indefinite subjects ("ont
// déclaré", "estiment-ils", "a-t-on") give no speaker.
//
// A pure function: thread-safe, no I/O. Nothing here throws but
// std::bad_alloc. Any bytes are accepted (invalid UTF-8 is read as
// punctuation and copied as is); time and memory are linear in the text
// (about 40 MB/s).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gazette {

struct Quote {
  std::string text;           // the quoted words, without the marks, trimmed
  size_t begin = 0, end = 0;  // byte range of `text` in the input
  // The speaker's full name: as written in `people` (the longest entry that
  // ends with the name used: "Véran" -> "Olivier Véran"), else as written in
  // the text, a surname alone taking the last full name before it that ends
  // with it. "" when unknown.
  std::string speaker;
  // The byte range of the name occurrence the speaker was read from, without
  // a title ("Véran" in "M. Véran"): inside the quote for an incise; for a
  // pronoun, the antecedent's, before the quote. 0, 0 when `speaker` is empty.
  size_t speaker_begin = 0, speaker_end = 0;
};

// The quotes of `text` (one field of an article, UTF-8), in order.
// `people`: names of the people of the article, full names and the other
// forms written (EntityExtractor's people: their names and aliases); a
// speaker must be one of them or carry a title. Empty: people are found by
// capitals alone, which is less precise.
std::vector<Quote> extract_quotes(std::string_view text, const std::vector<std::string>& people = {});

}  // namespace gazette
