// Attributor (quote_attributor.h), first half: one quote's own attribution,
// read in its sentence after the quote, else before it.
#include "entities/quote_attributor.h"

#include "entities/quote_letters.h"

namespace gazette::quoting {
namespace {

// "explique-t-il" -> "explique", 1.
int split_inversion(std::string_view& word) {
  static const std::pair<std::string_view, int> kSuffixes[] = {
      {"-t-elles", 3}, {"-t-elle", 2}, {"-t-ils", 3}, {"-t-il", 1}, {"-t-on", 3},
      {"-elles", 3},   {"-elle", 2},   {"-ils", 3},   {"-il", 1},   {"-on", 3}};
  for (const auto& [suffix, pronoun] : kSuffixes) {
    if (word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix) {
      word.remove_suffix(suffix.size());
      return pronoun;
    }
  }
  return 0;
}

constexpr size_t kSentenceWindow = 40;  // tokens read before a quote
constexpr size_t kSubjectWindow = 14;   // tokens read for a subject after a verb

}  // namespace

// The end of a sentence: . ! ? … ; a line break, or a quote that ends with
// its own final punctuation when a new clause follows it.
bool Attributor::boundary(size_t i) const {
  const Token& t = t_[i];
  if (t.kind == Kind::kBreak) return true;
  if (t.kind == Kind::kPunct) return ends_sentence(t.punct) || t.punct == ';';
  if (t.kind != Kind::kQuote || !t.final) return false;
  const bool continues =
      i + 1 < t_.size() && (punct_is(t_[i + 1], ',') || (t_[i + 1].kind == Kind::kWord && !t_[i + 1].capital));
  return !continues;
}

size_t Attributor::sentence_start(size_t q) const {
  size_t start = q;
  while (start > 0 && q - start < kSentenceWindow && !boundary(start - 1)) --start;
  return start;
}

// A verb of saying at token i, with its auxiliary, adverbs and inverted
// pronoun: "a déclaré", "a-t-il encore ajouté", "s’est-elle souvenue",
// "explique", "dit-il". After a quote any participle after an auxiliary will
// do ("», a tranché X"); before one the verb must be in the lexicon.
VerbGroup Attributor::verb_group(size_t i, bool after_quote) const {
  const bool reflexive = word_is(i, "s'") || word_is(i, "se");
  if (reflexive) ++i;
  if (i >= t_.size() || t_[i].kind != Kind::kWord) return {};
  std::string_view word = t_[i].lower;
  const int pronoun = split_inversion(word);
  const Aux aux = auxiliary(word, reflexive);
  if (aux != Aux::kNone) return compound_verb(i + 1, aux, pronoun, after_quote);
  VerbGroup g;
  g.pronoun = pronoun;
  if (const uint8_t forms = verb_forms(word); forms & (kFinite | kPlural)) {
    g.plural = !(forms & kFinite);
    g.end = i + 1;
  } else if (after_quote && pronoun != 0 && !t_[i].capital) {
    g.end = i + 1;  // "», sourit-il"
  } else if (!after_quote && (word == "de" || word == "d'") && i + 1 < t_.size() &&
             (verb_forms(t_[i + 1].lower) & kInfinitive)) {
    g.end = i + 2;  // "Et X de conclure : …"
  } else {
    return {};
  }
  g.found = true;
  return g;
}

// The rest of a compound tense from token i, after its auxiliary: "-t-il",
// adverbs, the participle ("a t-il encore ajouté", "a fait savoir").
VerbGroup Attributor::compound_verb(size_t i, Aux aux, int pronoun, bool after_quote) const {
  VerbGroup g;
  g.plural = aux == Aux::kPlural;
  g.pronoun = pronoun;
  if (pronoun == 0 && i < t_.size() && t_[i].kind == Kind::kWord) {
    std::string_view next = t_[i].lower;
    if ((g.pronoun = split_inversion(next)) != 0) ++i;  // "a t-il": a typo
  }
  for (size_t n = 0; n < 3 && i < t_.size() && t_[i].kind == Kind::kWord && is_adverb(t_[i].lower); ++n) ++i;
  if (i >= t_.size() || t_[i].kind != Kind::kWord || t_[i].capital) return {};
  const std::string_view participle = t_[i].lower;
  if (participle == "été" || participle == "eu") return {};  // "a été accusé": not the speaker
  const bool fait = participle == "fait" && (word_is(i + 1, "savoir") || word_is(i + 1, "valoir") ||
                                             word_is(i + 1, "remarquer") || word_is(i + 1, "observer"));
  const bool known = (verb_forms(participle) & kParticiple) || fait;
  if (!known && !(after_quote && !in(function_words(), participle))) return {};
  g.end = i + 1 + fait;
  g.found = true;
  return g;
}

// After the quote: "», a déclaré X", "», selon X", "», a-t-il ajouté".
Attribution Attributor::after(size_t q) const {
  size_t i = q + 1;
  if (i < t_.size() && punct_is(t_[i], ',')) ++i;
  Attribution a;
  if (word_is(i, "selon") || (word_is(i, "d'") && word_is(i + 1, "après"))) {
    const size_t at = i + (word_is(i, "selon") ? 1 : 2);
    if (word_is(at, "lui") || word_is(at, "elle")) {
      a = {Who::kPronoun, nullptr, word_is(at, "lui") ? 1 : 2, at, at + 1};
    } else {
      a = subject_after_verb(at);
    }
  } else {
    const VerbGroup g = verb_group(i, true);
    if (!g.found) return a;
    if (g.pronoun == 1 || g.pronoun == 2) {
      a = {Who::kPronoun, nullptr, g.pronoun, g.end - 1, g.end};
    } else if (g.pronoun == 3 || g.plural) {
      a = {Who::kUnknown, nullptr, 0, 0, g.end};
    } else {
      a = subject_after_verb(g.end);
    }
  }
  a.after = true;
  a.unnamed = a.who == Who::kUnknown;
  return a;
}

// The subject after an inverted verb: the first name that is not in a
// complement ("le porte-parole de X"), before the end of the clause: "a
// déclaré vendredi sur RTL le professeur X, pédiatre".
Attribution Attributor::subject_after_verb(size_t start) const {
  static const WordSet kStops = {"qui",   "que",   "qu'",   "dont",    "où",     "lequel",  "laquelle",
                                 "et",    "mais",  "ou",    "car",     "tandis", "lorsque", "lorsqu'",
                                 "quand", "lors",  "afin",  "puisque", "parce",  "selon",   "en",
                                 "avant", "après", "alors", "comme"};
  size_t i = start;
  for (; i < t_.size() && i < start + kSubjectWindow; ++i) {
    const Token& t = t_[i];
    if (boundary(i) || t.kind == Kind::kQuote) break;
    if (t.kind == Kind::kPunct && t.punct != ',' && t.punct != '\'' && t.punct != 0x2019) break;
    if (t.kind != Kind::kWord) continue;
    if (in(kStops, t.lower)) break;
    const bool gerund = t.lower.size() > 4 && t.lower.substr(t.lower.size() - 3) == "ant";
    if (gerund && i > start && punct_is(t_[i - 1], ',')) break;  // ", évoquant X"
    const Name* name = names_.starting_at(t_, i);
    if (!name) continue;
    if (!name->complement) return {Who::kName, name, 0, 0, name->last};
    i = name->last - 1;
  }
  return {Who::kUnknown, nullptr, 0, 0, i};
}

// Before the quote, in its sentence: "X : «", "X a affirmé que «",
// "Il a dit : «", "Selon X, «", "Pour X, «".
Attribution Attributor::before(size_t q) const {
  const size_t start = sentence_start(q);
  if (q == start) return {};
  if (q >= 2 && punct_is(t_[q - 1], ':')) {
    const Name* name = names_.at(q - 2);
    if (name && name->last == q - 1 && heads_sentence(start, *name)) return {Who::kName, name, 0, 0, q};
    const Attribution a = inverted_before_colon(start, q - 1);
    if (a.who != Who::kNone) return a;
  }
  Attribution a = subject_and_verb(start, q);
  if (a.who == Who::kNone) a = according_to(start, q);
  return a.who != Who::kNone ? a : unnamed_subject(start, q);
}

// "Le ministère a dénoncé « … »": a sentence whose subject is a noun, not a
// name, and a verb of saying a few words before the quote.
Attribution Attributor::unnamed_subject(size_t start, size_t q) const {
  size_t i = start;
  while (word_is(i, "et") || word_is(i, "mais")) ++i;
  if (i >= q || !determiner(t_[i])) return {};
  for (size_t v = i + 1; v < q; ++v) {
    if (names_.at(v) || t_[v].kind == Kind::kQuote) return {};
    const VerbGroup g = verb_group(v, false);
    if (!g.found) continue;
    if (!clean_gap(g.end, q, 12)) return {};
    Attribution a;
    a.who = Who::kUnknown;
    a.unnamed = true;
    a.end = q;
    return a;
  }
  return {};
}

// "X : «" names the speaker when X is the subject: no verb and no other name
// before it in the sentence ("Le maire de Nice, X : «", not "Il a
// interpellé X : «"), no preposition just before it ("Réaction de X :").
bool Attributor::heads_sentence(size_t start, const Name& name) const {
  const size_t first = with_title(t_, name.first);
  if (name.complement || first < start) return false;
  for (size_t k = start; k < first; ++k) {
    if (names_.at(k) || t_[k].kind == Kind::kQuote) return false;
    if (t_[k].kind == Kind::kWord && (verb_forms(t_[k].lower) || is_auxiliary(t_[k].lower))) return false;
  }
  return true;
}

// "…, note X, ancien ambassadeur à Paris : «", "…, explique-t-il : «": an
// inverted verb of saying after a comma, its subject, then nothing but an
// apposition (no name, no verb of saying) up to the colon. The closest such
// verb decides.
Attribution Attributor::inverted_before_colon(size_t start, size_t colon) const {
  for (size_t v = colon; v-- > start + 1;) {
    if (!punct_is(t_[v - 1], ',')) continue;
    const VerbGroup g = verb_group(v, false);
    if (!g.found) continue;
    if (g.plural || g.pronoun == 3) return {Who::kUnknown};
    if (g.pronoun != 0) {
      if (!clean_gap(g.end, colon, 20)) return {};
      return {Who::kPronoun, nullptr, g.pronoun, v, colon + 1};
    }
    const Attribution a = subject_after_verb(g.end);
    if (a.who != Who::kName || !clean_gap(a.end, colon, 20)) return {};
    return {Who::kName, a.name, 0, 0, colon + 1};
  }
  return {};
}

// The closest subject before the quote that a verb of saying follows, and
// nothing but a few words between that verb and the quote: no other name,
// no other quote.
Attribution Attributor::subject_and_verb(size_t start, size_t q) const {
  for (size_t t = q; t-- > start;) {
    const Name* name = names_.at(t);
    const bool pronoun = (word_is(t, "il") || word_is(t, "elle")) &&
                         (t == start || punct_is(t_[t - 1], ',') || word_is(t - 1, "et") || word_is(t - 1, "mais"));
    if (!(name && name->last == t + 1) && !pronoun) continue;
    const size_t subject_end = t + 1;
    if (name) t = name->first;
    size_t v = skip_apposition(subject_end, q);
    if (word_is(v, "qui")) ++v;
    while (v < q && t_[v].kind == Kind::kWord && is_adverb(t_[v].lower) && !word_is(v, "en")) ++v;
    const VerbGroup g = verb_group(v, false);
    if (!g.found || g.pronoun != 0) continue;
    if (g.plural || (name && name->complement)) return {Who::kUnknown};
    if (!clean_gap(g.end, q, 12)) return {};  // the verb's quote is another one: « A », estimant que « B »
    if (pronoun) return {Who::kPronoun, nullptr, word_is(t, "il") ? 1 : 2, t, q};
    return {Who::kName, name, 0, 0, q};
  }
  return {};
}

// "Selon X, «" or "d’après X," anywhere in the sentence, "Pour X, «" at its
// start; with no verb of saying between it and the quote.
Attribution Attributor::according_to(size_t start, size_t q) const {
  for (size_t t = q; t-- > start;) {
    size_t at = 0;
    if (word_is(t, "selon") || (word_is(t, "pour") && t == start)) at = t + 1;
    if (word_is(t, "d'") && word_is(t + 1, "après")) at = t + 2;
    if (at == 0 || at >= q) continue;
    if ((word_is(at, "lui") || word_is(at, "elle")) && punct_is(t_[at + 1], ',') && clean_gap(at + 2, q, 25))
      return {Who::kPronoun, nullptr, word_is(at, "lui") ? 1 : 2, at, q};
    const Name* name = names_.starting_at(t_, at);
    if (!name || name->last >= q || !punct_is(t_[name->last], ',')) return {};
    if (!clean_gap(name->last + 1, q, 25)) return {};
    return {Who::kName, name, 0, 0, q};
  }
  return {};
}

// After a subject, its apposition between commas or brackets: "X, ministre
// de la santé, a dit" -> the token of "a". A comma then a compound tense or
// "de" + infinitive goes on with the subject ("X, a dit", "X, de
// conclure"); a comma then a simple tense is an inverted verb whose subject
// follows ("X, explique le ministère").
size_t Attributor::skip_apposition(size_t i, size_t q) const {
  if (i >= q) return i;
  const char32_t close = punct_is(t_[i], ',') ? ',' : punct_is(t_[i], '(') ? ')' : 0;
  if (close == 0) return i;
  const size_t verb = i + 1 + (word_is(i + 1, "s'") || word_is(i + 1, "se"));
  const bool compound = verb < q && (is_auxiliary(t_[verb].lower) || word_is(verb, "de") || word_is(verb, "d'"));
  if (close == ',' && compound && verb_group(i + 1, false).found) return i + 1;
  for (size_t k = i + 1; k < q && k < i + 16; ++k) {
    if (punct_is(t_[k], close)) return k + 1;
    if (boundary(k) || t_[k].kind == Kind::kQuote || punct_is(t_[k], ':')) break;
  }
  return i;
}

// Between a verb of saying and its quote: a few words, no name, no quote,
// no end of sentence, no other verb of saying.
bool Attributor::clean_gap(size_t from, size_t to, size_t max_tokens) const {
  if (to < from || to - from > max_tokens) return false;
  for (size_t k = from; k < to; ++k) {
    if (boundary(k) || t_[k].kind == Kind::kQuote || names_.at(k)) return false;
    if (t_[k].kind == Kind::kWord && (verb_forms(t_[k].lower) & (kFinite | kParticiple | kPlural))) return false;
  }
  return true;
}

}  // namespace gazette::quoting
