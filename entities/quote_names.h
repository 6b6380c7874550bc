// Finds the names of people among the tokens of quote_tokens.h, for the
// speaker rules of quotes.h: the names the caller gives (KnownPeople), a
// title and capitalised words ("M. Véran"), or, without a list of people,
// capitalised words alone; and whether each name is a subject that can
// speak or in a complement ("le porte-parole de X", "à X", "la Maison
// Blanche").
//
// Time is linear in the number of tokens.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "entities/quote_tokens.h"

namespace gazette::quoting {

// The people given by the caller, as name keys: the words written, joined
// by one space, ’ written '. Each key maps to the full name it stands for:
// the longest entry ending with it ("Véran" -> "Olivier Véran"); "" when two
// entries as long end with it.
class KnownPeople {
 public:
  explicit KnownPeople(const std::vector<std::string>& people);

  bool empty() const { return forms_.empty(); }

  // The number of tokens of the longest known form starting at token i.
  size_t match(std::string_view s, const std::vector<Token>& tokens, size_t i) const;

  // The full name a key stands for: "" when unknown or ambiguous.
  std::string full_name(const std::string& key) const;

 private:
  std::unordered_set<std::string> forms_;
  std::unordered_map<std::string, std::string> full_;
  size_t max_words_ = 0;
};

struct Name {
  size_t first = 0, last = 0;  // tokens [first, last), the title excluded
  std::string full;            // the full name it stands for
  bool complement = false;     // in a complement or in brackets: not a subject
};

// The names of people in the tokens, with for each token the name it is in.
struct Names {
  std::vector<Name> list;
  std::vector<int32_t> of_token;                 // index in list, or -1
  std::unordered_map<std::string, int> genders;  // full name -> bits: 1 "M.", 2 "Mme"
  // Where capitalised words that are no known person end ("Binu Sapera" that
  // the caller's list missed): a pronoun after them is not resolved.
  std::vector<size_t> others;

  const Name* at(size_t token) const { return of_token[token] < 0 ? nullptr : &list[of_token[token]]; }
  // The name that starts at token t, or that a title at t introduces.
  const Name* starting_at(const std::vector<Token>& tokens, size_t t) const {
    if (tokens[t].title >= 0 && t + 1 < tokens.size()) ++t;
    const Name* n = at(t);
    return n && n->first == t ? n : nullptr;
  }
};

// Finds the names of people: the forms of `people`, a title followed by
// capitalised words ("M. Véran"), and without `people` two capitalised
// words or more, or a surname alone when its full name came before.
// `tokens` are those of `s`.
Names find_names(std::string_view s, const std::vector<Token>& tokens, const KnownPeople& people);

// Where the name starting at token `first` starts with its title ("M.").
size_t with_title(const std::vector<Token>& tokens, size_t first);

// "le", "la", "un", "ce", "son" …: what starts a noun phrase.
bool determiner(const Token& t);

}  // namespace gazette::quoting
