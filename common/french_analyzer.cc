#include "common/french_analyzer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <sstream>
#include <unordered_set>

#include "common/stopwords_fr.h"
#include "common/text_folding.h"

namespace gazette {
namespace {

const std::unordered_set<std::string>& stopwords() {
  static const std::unordered_set<std::string> words = [] {
    std::unordered_set<std::string> set;
    std::istringstream in{std::string(kFrenchStopwords)};
    std::string line;
    while (std::getline(in, line))
      if (!line.empty() && line[0] != '#') set.insert(fold_text(line));
    return set;
  }();
  return words;
}

bool is_word_char(int32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return u_isalnum(c) || (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_MC_MASK)) != 0;
}

}  // namespace

bool is_elision(std::string_view w) {
  return w == "l" || w == "d" || w == "j" || w == "m" || w == "n" || w == "s" || w == "t" || w == "c" || w == "qu" ||
         w == "jusqu" || w == "lorsqu" || w == "puisqu" || w == "quoiqu";
}

FrenchAnalyzer::FrenchAnalyzer() : stemmer_("french") {}

bool FrenchAnalyzer::is_stopword(const std::string& folded) const { return stopwords().count(folded) != 0; }

Xapian::Stopper* FrenchAnalyzer::new_stopper() {
  const auto& words = stopwords();
  return new Xapian::SimpleStopper(words.begin(), words.end());
}

void tokenize(std::string_view text, const std::function<void(const Token&)>& emit) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  Token token;
  bool in_word = false;
  // Whether the word being read follows an apostrophe inside the same
  // run of letters, the only place where an elision can precede it.
  bool after_apostrophe = false;

  auto finish = [&](bool at_apostrophe) {
    if (!in_word) return;
    in_word = false;
    if (at_apostrophe && !after_apostrophe && is_elision(token.folded)) {
      token.folded.clear();
      return;
    }
    if (!token.folded.empty()) emit(token);
    token.folded.clear();
  };

  for (int32_t i = 0; i < length;) {
    int32_t start = i, c;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && is_word_char(c)) {
      if (!in_word) {
        in_word = true;
        token.begin = static_cast<size_t>(start);
      }
      append_folded(c, token.folded);
      token.end = static_cast<size_t>(i);
    } else if (c >= 0 && is_apostrophe(c) && in_word) {
      finish(true);
      after_apostrophe = true;
    } else {
      finish(false);
      after_apostrophe = false;
    }
  }
  finish(false);
}

std::string facet_key(std::string_view value) {
  std::string key;
  tokenize(value, [&](const Token& t) {
    if (!key.empty()) key += ' ';
    key += t.folded;
  });
  return key;
}

}  // namespace gazette
