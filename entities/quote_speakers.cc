// Attributor (quote_attributor.h), second half: from each quote's own
// attribution to its speaker, with the incise inside a quote, pronouns and
// their antecedents, and quotes that share a speaker.
#include "entities/quote_attributor.h"

#include <algorithm>

namespace gazette::quoting {

Attributor::Attributor(std::string_view text, const std::vector<Token>& tokens, const Names& names,
                       const std::vector<Span>& quotes, const KnownPeople& people)
    : s_(text), t_(tokens), names_(names), quotes_(quotes), people_(people) {
  for (size_t i = 0; i < names.list.size(); ++i)
    if (!names.list[i].complement) antecedents_.push_back(i);
  paragraph_.reserve(tokens.size());
  uint32_t paragraph = 0;
  for (const Token& t : tokens) paragraph_.push_back(paragraph += t.kind == Kind::kBreak);
}

// The person a pronoun at `token` stands for: the last person named before
// it, outside quotes and not in a complement, or in the incise of a quote;
// in the same paragraph or the one before. Nobody when after that person an
// attribution named nobody ("a dit le ministre") or an unknown name came,
// or when a title or a role says the gender differs.
Speaker Attributor::antecedent(size_t token, int gender) const {
  const auto name_it = std::lower_bound(antecedents_.begin(), antecedents_.end(), token,
                                        [&](size_t n, size_t tok) { return names_.list[n].last <= tok; });
  const Name* name = name_it == antecedents_.begin() ? nullptr : &names_.list[*(name_it - 1)];
  Speaker found = speaker_of(name);
  size_t first = name ? name->first : 0, last = name ? name->last : 0;
  const auto incised_it = std::lower_bound(incised_.begin(), incised_.end(), token,
                                           [](const auto& incised, size_t tok) { return incised.first < tok; });
  if (incised_it != incised_.begin() && (!name || (incised_it - 1)->first > last)) {
    found = (incised_it - 1)->second;
    first = last = (incised_it - 1)->first;
  }
  if (found.full.empty() || paragraph_[token] > paragraph_[first] + 1) return {};
  for (const std::vector<size_t>* later : {&unnamed_, &names_.others}) {
    const auto it = std::lower_bound(later->begin(), later->end(), token);
    if (it != later->begin() && *(it - 1) >= last) return {};
  }
  const auto g = names_.genders.find(found.full);
  if (g != names_.genders.end() && g->second != 3 && g->second != gender) return {};
  return found;
}

// Whether the tokens between two quotes of a sentence only join them:
// "« A » et « B »", "« A », a dit X, avant d’ajouter : « B »".
bool Attributor::connected(size_t from, size_t to) const {
  static const WordSet kJoins = {"et", "mais",  "ou",   "puis",  "encore",  "aussi",     "désormais", "avant",
                                 "d'", "de",    "que",  "qu'",   "ainsi",   "également", "même",      "voire",
                                 "ni", "car",   "plus", "enfin", "ensuite", "alors",     "en",        "qui",
                                 "a",  "avait", "lui",  "leur",  "tard",    "loin",      "s'",        "se"};
  if (to < from || to - from > 8) return false;
  for (size_t k = from; k < to; ++k) {
    const Token& t = t_[k];
    if (t.kind == Kind::kPunct && (t.punct == ',' || t.punct == ':')) continue;
    if (t.kind != Kind::kWord || names_.at(k)) return false;
    if (!in(kJoins, t.lower) && !verb_forms(t.lower)) return false;
  }
  return true;
}

// "« A, reconnaît-il. B »", "« A, assure X, le président de Y. B »": Le
// Monde writes the attribution inside the quote, after a comma and before
// the end of a clause. Read with the quote's own tokens; the verb must be a
// verb of saying. Fills `named` for a name, `gender` for a pronoun;
// kUnknown for a subject that is no name (", explique le ministre").
Who Attributor::incise(size_t quote, Speaker& named, int& gender) const {
  const Span& span = quotes_[quote];
  const std::string_view inner = s_.substr(span.begin, span.end - span.begin);
  const std::vector<Token> tokens = tokenize(inner, {});
  const Names names = find_names(inner, tokens, people_);
  // The inner text has no quotes of its own; the Attributor keeps a
  // reference to the list, so it must outlive it (not a temporary).
  const std::vector<Span> no_quotes;
  const Attributor inside(inner, tokens, names, no_quotes, people_);
  for (size_t i = 1; i + 1 < tokens.size(); ++i) {
    if (!punct_is(tokens[i], ',')) continue;
    const VerbGroup g = inside.verb_group(i + 1, false);
    if (!g.found || g.plural || g.pronoun == 3) continue;
    if (g.pronoun != 0) {
      if (!inside.clause_ends(g.end)) continue;
      gender = g.pronoun;
      return Who::kPronoun;
    }
    const Attribution a = inside.subject_after_verb(g.end);
    if (a.who != Who::kName || !inside.clause_ends(a.end)) {
      if (g.end < tokens.size() && determiner(tokens[g.end])) return Who::kUnknown;  // ", explique le ministre"
      continue;
    }
    named = inside.speaker_of(a.name);
    named.begin += span.begin;
    named.end += span.begin;
    return Who::kName;
  }
  return Who::kNone;
}

// The end of a clause: punctuation or the end of the text.
bool Attributor::clause_ends(size_t i) const {
  return i >= t_.size() || boundary(i) || (t_[i].kind == Kind::kPunct && t_[i].punct != '\'' && t_[i].punct != 0x2019);
}

Speaker Attributor::speaker_of(const Name* name) const {
  if (!name) return {};
  return {name->full, t_[name->first].begin, t_[name->last - 1].end};
}

// Quote k's own attribution, read around it, else inside it; fills its
// speaker. A pronoun after a quote whose incise names someone is that
// person: « A, explique X. B », ajoute-t-il.
Attribution Attributor::attribute(size_t k, size_t q, Speaker& speaker) {
  Attribution a = after(q);
  if (a.who == Who::kNone) a = before(q);
  if (a.who == Who::kNone || a.who == Who::kPronoun) {
    Speaker named;
    int gender = 0;
    const Who inside = incise(k, named, gender);
    if (inside == Who::kName) {
      a.who = Who::kName;
      speaker = named;
      incised_.emplace_back(q, named);
      return a;
    }
    if (inside == Who::kUnknown) a = {Who::kUnknown, nullptr, 0, 0, q + 1, false, true};
    if (inside == Who::kPronoun && a.who == Who::kNone) a = {Who::kPronoun, nullptr, gender, q, q + 1};
  }
  if (a.who == Who::kName) speaker = speaker_of(a.name);
  if (a.who == Who::kPronoun) speaker = antecedent(std::min(a.pronoun, q), a.gender);
  if (a.unnamed) unnamed_.push_back(q);
  return a;
}

std::vector<Speaker> Attributor::speakers() {
  const size_t count = quotes_.size();
  std::vector<size_t> at(count);  // each quote's token
  for (size_t i = 0; i < t_.size(); ++i)
    if (t_[i].kind == Kind::kQuote) at[t_[i].quote] = i;
  std::vector<Attribution> own(count);
  std::vector<Speaker> speaker(count);
  for (size_t k = 0; k < count; ++k) own[k] = attribute(k, at[k], speaker[k]);
  // Quotes without an attribution of their own take their neighbour's.
  for (size_t k = 1; k < count; ++k) {
    const size_t from = own[k - 1].after ? own[k - 1].end : at[k - 1] + 1;
    if (own[k].who == Who::kNone && !boundary(at[k - 1]) && connected(from, at[k])) {
      own[k] = own[k - 1];
      own[k].after = false;  // the next quote joins this one, not its neighbour's attribution
      speaker[k] = speaker[k - 1];
    }
  }
  for (size_t k = count; k-- > 1;) {
    if (own[k - 1].who == Who::kNone && own[k].after && !boundary(at[k - 1]) && connected(at[k - 1] + 1, at[k])) {
      own[k - 1] = own[k];
      speaker[k - 1] = speaker[k];
    }
  }
  return speaker;
}

}  // namespace gazette::quoting
