// Reads who says each quote of a text, by the rules of quotes.h, from the
// tokens (quote_tokens.h) and the names of people (quote_names.h) of that
// text.
//
// quote_attributor.cc reads one quote's own attribution in its sentence:
// after it ("», a déclaré X"), else before it ("X a dit : «"). quote_speakers.cc
// turns those into speakers: inside the quote (Le Monde's incise),
// pronouns, and quotes of one sentence that share a speaker.
//
// An Attributor keeps references to what it is given and serves one call
// of speakers(). Every search stops at the end of the sentence and after a
// bounded number of tokens: time is linear in the number of tokens.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "entities/quote_lexicon.h"
#include "entities/quote_marks.h"
#include "entities/quote_names.h"
#include "entities/quote_tokens.h"

namespace gazette::quoting {

// How a quote's speaker is given.
enum class Who : uint8_t {
  kNone,     // no attribution read
  kName,     // a name
  kPronoun,  // "a-t-il ajouté", "Il a dit :": the last person named
  kUnknown,  // an attribution that names nobody: "a dit le ministre", "ont-ils dit"
};

struct Attribution {
  Who who = Who::kNone;
  const Name* name = nullptr;  // kName
  int gender = 0;              // kPronoun: 1 "il", 2 "elle"
  size_t pronoun = 0;          // kPronoun: the pronoun's token
  size_t end = 0;              // the token after the attribution
  bool after = false;          // read after the quote
  bool unnamed = false;        // to someone not named ("a dit le ministre"): later pronouns are not resolved
};

// A verb of saying and what it tells about its subject.
struct VerbGroup {
  bool found = false;
  size_t end = 0;       // the token after it
  bool plural = false;  // "ont dit", "estiment"
  int pronoun = 0;      // an inverted subject: 1 "-il", 2 "-elle", 3 "-ils", "-elles", "-on"
};

// A quote's speaker: the full name and where it was read ("": unknown).
struct Speaker {
  std::string full;
  size_t begin = 0, end = 0;
};

class Attributor {
 public:
  // `quotes` are the spans of `text` that its kQuote tokens stand for.
  Attributor(std::string_view text, const std::vector<Token>& tokens, const Names& names,
             const std::vector<Span>& quotes, const KnownPeople& people);

  // The speakers of the quotes, in order.
  std::vector<Speaker> speakers();

 private:
  bool word_is(size_t i, std::string_view w) const {
    return i < t_.size() && t_[i].kind == Kind::kWord && t_[i].lower == w;
  }

  // quote_attributor.cc
  bool boundary(size_t i) const;
  size_t sentence_start(size_t q) const;
  VerbGroup verb_group(size_t i, bool after_quote) const;
  VerbGroup compound_verb(size_t i, Aux aux, int pronoun, bool after_quote) const;
  Attribution after(size_t q) const;
  Attribution subject_after_verb(size_t start) const;
  Attribution before(size_t q) const;
  bool heads_sentence(size_t start, const Name& name) const;
  Attribution inverted_before_colon(size_t start, size_t colon) const;
  Attribution subject_and_verb(size_t start, size_t q) const;
  Attribution according_to(size_t start, size_t q) const;
  Attribution unnamed_subject(size_t start, size_t q) const;
  size_t skip_apposition(size_t i, size_t q) const;
  bool clean_gap(size_t from, size_t to, size_t max_tokens) const;

  // quote_speakers.cc
  Speaker antecedent(size_t token, int gender) const;
  bool connected(size_t from, size_t to) const;
  Attribution attribute(size_t k, size_t q, Speaker& speaker);
  Who incise(size_t quote, Speaker& named, int& gender) const;
  bool clause_ends(size_t i) const;
  Speaker speaker_of(const Name* name) const;

  std::string_view s_;
  const std::vector<Token>& t_;
  const Names& names_;
  const std::vector<Span>& quotes_;
  const KnownPeople& people_;
  std::vector<size_t> antecedents_;                  // names that are not complements, in order
  std::vector<size_t> unnamed_;                      // quotes whose attribution named nobody, in order
  std::vector<std::pair<size_t, Speaker>> incised_;  // quotes whose incise named their speaker, in order
  std::vector<uint32_t> paragraph_;                  // each token's paragraph
};

}  // namespace gazette::quoting
