// Query-biased snippets: the passages of an article that best show why it
// matched, with the matching words marked. Words match by the same analysis
// as the index (folded exact form or French stem), so "écoles" in the text is
// marked for the query "ecole".
//
// A Highlighter is built once per query and is not thread-safe (it stems).
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/french_analyzer.h"
#include "common/string_hash.h"

namespace gazette {

// A passage of text and where its matching words are. One string and one
// array, not a string per run of text: making the runs was a quarter of a
// served search's allocations (perf probe on malloc).
struct Fragment {
  std::string text;
  // The byte ranges [first, second) of `text` that are matching words, in
  // order and apart.
  std::vector<std::pair<uint32_t, uint32_t>> marks;
};

class Highlighter {
 public:
  // Takes the free-text terms of `query`: unprefixed exact terms and
  // "Z"-prefixed stems, except those it excludes. Field and filter terms
  // are ignored. Stop words are marked only inside the query's phrases.
  explicit Highlighter(const Xapian::Query& query);

  // All of `text` (a title, say), with matching words marked.
  Fragment mark(std::string_view text);

  // Up to `max_fragments` passages of about `words` words from `text`, best
  // first by the number of distinct query words they contain; no two
  // overlap or repeat the same words. Without a match, the opening words of
  // the text.
  std::vector<Fragment> snippets(std::string_view text, size_t max_fragments = 3, size_t words = 30);

  bool empty() const { return terms_.empty(); }

  // A word of an analysed text: its byte range, the distinct query word it
  // matches (an index into terms_, or -1), and the query stem it has (or -1).
  struct Word {
    size_t begin, end;
    int match, stem;
  };

 private:
  // Adds a free-text term of the query; its index in terms_, or -1 for a
  // field or filter term.
  int add_term(const std::string& term);
  // Adds the terms of `query` that hits contain (not what AND_NOT
  // excludes), and its phrases.
  void collect(const Xapian::Query& query);
  // The query term `t` matches (its exact form, else its stem) and its
  // stem among the query's, as indexes into terms_, or -1. Requires
  // may_match(t.folded).
  struct Match {
    int term = -1, stem = -1;
  };
  Match match(const Token& t);
  // Whether a word could match at all: most words of a text start
  // otherwise than every query word (heads_), and are ruled out here,
  // inline, before any lookup.
  bool may_match(std::string_view folded) const {
    return heads_.test(head_key(folded)) || one_letter_stems_.test(static_cast<uint8_t>(folded[0]));
  }
  // A word's first two bytes (the second 0 for a one-byte word).
  static size_t head_key(std::string_view word) {
    return size_t{static_cast<uint8_t>(word[0])} << 8 | (word.size() > 1 ? static_cast<uint8_t>(word[1]) : 0);
  }
  bool could_stem_to_a_query_stem(std::string_view word) const;
  // The words of `text` with their matches.
  std::vector<Word> words(std::string_view text);
  // Appends words first..last of `text` (and what lies between them) to
  // `f`, their matches marked.
  static void append_marked(std::string_view text, const std::vector<Word>& all, size_t first, size_t last,
                            Fragment& f);

  FrenchAnalyzer analyzer_;
  // The distinct query words: an exact term and a stem that are the same
  // word ("macron") are one, for passages are scored by distinct words.
  std::vector<std::string> terms_;
  std::vector<bool> stop_;          // per term: a stop word
  std::vector<int> exact_, stems_;  // indexes into terms_
  // The query's phrases (and NEARs), as indexes into terms_ in their order
  // (-1 for a term of a field): a stop word is marked only inside one.
  std::vector<std::vector<int>> phrases_;
  std::vector<std::string> stem_heads_;
  // The first two bytes of the query words (head_key): most words of a
  // text start otherwise and are ruled out before any lookup. A one-letter
  // stem rules out only words of other first letters.
  std::bitset<1 << 16> heads_;
  std::bitset<256> one_letter_stems_;
  // An article repeats its words: each distinct word is looked up (and
  // stemmed) once per query.
  StringMap<Match> matched_;
};

// The fragment for a terminal: matches between `open` and `close`.
std::string to_text(const Fragment& fragment, const std::string& open, const std::string& close);

}  // namespace gazette
