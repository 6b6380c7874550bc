#include "common/french_analyzer.h"

#include <unicode/utf8.h>

#include <sstream>

#include "common/stopwords_fr.h"
#include "common/string_hash.h"
#include "common/text_folding.h"

namespace gazette {
namespace {

const StringSet& stopwords() {
  static const StringSet words = [] {
    StringSet set;
    std::istringstream in{std::string(kFrenchStopwords)};
    std::string line;
    while (std::getline(in, line))
      if (!line.empty() && line[0] != '#') set.insert(fold_text(line));
    return set;
  }();
  return words;
}

}  // namespace

bool is_elision(std::string_view w) {
  return w == "l" || w == "d" || w == "j" || w == "m" || w == "n" || w == "s" || w == "t" || w == "c" || w == "qu" ||
         w == "jusqu" || w == "lorsqu" || w == "puisqu" || w == "quoiqu";
}

FrenchAnalyzer::FrenchAnalyzer() : stemmer_("french") {}

bool FrenchAnalyzer::is_stopword(std::string_view folded) const { return stopwords().count(folded) != 0; }

Xapian::Stopper* FrenchAnalyzer::new_stopper() {
  const auto& words = stopwords();
  return new Xapian::SimpleStopper(words.begin(), words.end());
}

std::string facet_key(std::string_view value) {
  std::string key;
  tokenize(value, [&](const Token& t) {
    if (!key.empty()) key += ' ';
    key += t.folded;
  });
  return key;
}

std::string section_key(std::string_view value) {
  static const StringSet kConnectors = {"et", "de",  "des", "du", "d",  "l",   "le",
                                        "la", "les", "s",   "a",  "au", "aux", "en"};
  std::string key;
  tokenize(value, [&](const Token& t) {
    if (kConnectors.count(t.folded)) return;
    for (char c : t.folded)
      if (c != 's') key += c;
  });
  return key;
}

}  // namespace gazette
