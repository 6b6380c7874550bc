#include "search/query_variants.h"

#include <algorithm>

#include <xapian.h>

#include "common/french_analyzer.h"
#include "common/split.h"
#include "search/query_rewrite.h"
#include "search/query_variants_fr.h"

namespace gazette {
namespace {

// The kinds of entity lines whose third column lists other names.
bool names_a_thing(std::string_view kind) { return kind == "place" || kind == "region" || kind == "org"; }

constexpr double kAlternativeWeight = 0.3;

}  // namespace

QueryVariants::QueryVariants(std::string_view groups, std::string_view entity_names) {
  for (std::string_view line : split(groups, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> forms;
    for (std::string_view form : split(line, '|')) forms.emplace_back(form);
    add_group(forms);
  }
  for (std::string_view line : split(entity_names, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> columns = split(line, '\t');
    if (columns.size() < 3 || !names_a_thing(columns[0]) || columns[2].empty()) continue;
    std::vector<std::string> forms = {std::string(columns[1])};
    for (std::string_view form : split(columns[2], '|')) forms.emplace_back(form);
    add_group(forms);
  }
}

void QueryVariants::add_group(const std::vector<std::string>& forms) {
  FrenchAnalyzer analyzer;
  std::vector<std::vector<std::string>> stemmed;
  for (const auto& form : forms) {
    std::vector<std::string> stems;
    bool only_stop_words = true;
    tokenize(form, [&](const Token& t) {
      stems.push_back(analyzer.stem(t.folded));
      only_stop_words = only_stop_words && analyzer.is_stopword(t.folded);
    });
    // "EU" or "UA" would be harmless, "on" or "le" would not.
    if (stems.empty() || only_stop_words) continue;
    if (std::find(stemmed.begin(), stemmed.end(), stems) == stemmed.end()) stemmed.push_back(std::move(stems));
  }
  auto join = [](const std::vector<std::string>& stems) {
    std::string key;
    for (const auto& s : stems) key += (key.empty() ? "" : " ") + s;
    return key;
  };
  // A form that holds another ("la republ en march" holds "republ en
  // march") finds no article that the other does not: as an alternative it
  // only adds a phrase to check in every match, and one of common words
  // ("la", "en") is the dearest part of such a search.
  std::vector<std::string> padded;  // " stem stem ", to find whole words
  for (const auto& form : stemmed) padded.push_back(' ' + join(form) + ' ');
  auto holds_another = [&](size_t i) {
    for (size_t j = 0; j < padded.size(); ++j)
      if (j != i && padded[i].find(padded[j]) != std::string::npos) return true;
    return false;
  };
  for (size_t i = 0; i < stemmed.size(); ++i) {
    auto& alternatives = alternatives_[join(stemmed[i])];
    for (size_t j = 0; j < stemmed.size(); ++j) {
      if (j != i && !holds_another(j) &&
          std::find(alternatives.begin(), alternatives.end(), stemmed[j]) == alternatives.end())
        alternatives.push_back(stemmed[j]);
    }
    longest_ = std::max(longest_, stemmed[i].size());
  }
}

const QueryVariants& QueryVariants::french() {
  static const QueryVariants variants(kQueryVariantsFr, kEntityNamesFr);
  return variants;
}

const std::vector<std::vector<std::string>>* QueryVariants::find(const std::string& stems) const {
  auto it = alternatives_.find(stems);
  return it == alternatives_.end() || it->second.empty() ? nullptr : &it->second;
}

namespace {

// A word of the query that may be part of a form: folded letters and digits,
// parts joined by '-' (a hyphenated word), not an operator or excluded.
bool is_plain_item(std::string_view item) {
  if (item.empty() || item.front() == '-' || item.back() == '-') return false;
  if (item == "AND" || item == "OR" || item == "NOT" || item == "XOR") return false;
  for (char c : item)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (c & 0x80))) return false;
  return true;
}

}  // namespace

std::string QueryVariants::quote_forms(const std::string& folded, const Xapian::Stem& stem) const {
  // The query's items, and whether each may be part of a form.
  std::vector<std::string_view> items = split(folded, ' ');
  std::vector<bool> plain(items.size());
  bool in_quote = false;
  for (size_t i = 0; i < items.size(); ++i) {
    plain[i] = !in_quote && is_plain_item(items[i]);
    in_quote ^= std::count(items[i].begin(), items[i].end(), '"') % 2 == 1;
  }
  std::vector<std::pair<size_t, size_t>> quoted;  // [first, last) item ranges
  for (size_t i = 0; i < items.size();) {
    size_t found = 0;
    std::string key;
    size_t words = 0;
    for (size_t j = i; j < items.size() && plain[j]; ++j) {
      for (std::string_view word : split(items[j], '-')) {
        key += (key.empty() ? "" : " ") + stem(std::string(word));
        ++words;
      }
      if (words > longest_) break;
      if (j > i && find(key)) found = j + 1;
    }
    if (found) {
      quoted.emplace_back(i, found);
      i = found;
    } else {
      ++i;
    }
  }
  if (quoted.empty()) return folded;
  std::string out;
  size_t next = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ' ';
    bool opens = next < quoted.size() && quoted[next].first == i;
    bool closes = next < quoted.size() && quoted[next].second == i + 1;
    if (opens) out += '"';
    out += items[i];
    if (closes) {
      out += '"';
      ++next;
    }
  }
  return out;
}

Xapian::Query QueryVariants::expand(const Xapian::Query& stemmed) const {
  using Q = Xapian::Query;
  // The stem of a free-text term ("Znato" -> "nato"); empty for another term.
  auto free_stem = [](const Q& leaf) -> std::string {
    if (leaf.get_type() != Q::LEAF_TERM || leaf.get_terms_begin() == leaf.get_terms_end()) return {};
    std::string term = *leaf.get_terms_begin();
    if (term.size() < 2 || term[0] != 'Z' || (term[1] >= 'A' && term[1] <= 'Z')) return {};
    return term.substr(1);
  };
  return rewrite_query(stemmed, [&](const Q& node) -> std::optional<Q> {
    std::string key = free_stem(node);
    if (node.get_type() == Q::OP_PHRASE) {
      for (size_t i = 0; i < node.get_num_subqueries(); ++i) {
        std::string word = free_stem(node.get_subquery(i));
        if (word.empty()) return std::nullopt;
        key += (key.empty() ? "" : " ") + word;
      }
    }
    const auto* alternatives = key.empty() ? nullptr : find(key);
    if (!alternatives) return std::nullopt;
    // A phrase weighs the sum of its words: an alternative weighs, per word,
    // kAlternativeWeight of what the typed form does, so that "UE" ranks
    // the articles that write "UE" above those that write "Union
    // européenne", even in their title (3 times the weight of the text).
    const double typed_words = static_cast<double>(std::count(key.begin(), key.end(), ' ') + 1);
    std::vector<Q> forms = {node};
    for (const auto& form : *alternatives) {
      std::vector<Q> words;
      for (const auto& s : form) words.emplace_back("Z" + s);
      Q other = words.size() == 1
                    ? words[0]
                    : Q(Q::OP_PHRASE, words.begin(), words.end(), static_cast<Xapian::termcount>(words.size()));
      forms.emplace_back(Q::OP_SCALE_WEIGHT, other,
                         kAlternativeWeight * typed_words / static_cast<double>(words.size()));
    }
    return Q(Q::OP_OR, forms.begin(), forms.end());
  });
}

}  // namespace gazette
