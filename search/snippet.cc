#include "search/snippet.h"

#include <algorithm>
#include <cstdint>

#include "common/schema.h"

namespace gazette {
namespace {

// Bytes of a stem that a word must start with to be worth stemming.
constexpr size_t kStemHeadBytes = 3;

// Marks a passage that does not start or end where the text does.
constexpr char kEllipsis[] = "…";

bool is_body_term(const std::string& term) { return !term.empty() && (term[0] < 'A' || term[0] > 'Z'); }

}  // namespace

Highlighter::Highlighter(const Xapian::Query& query) {
  auto index_of = [this](const std::string& word) {
    auto it = std::find(terms_.begin(), terms_.end(), word);
    if (it != terms_.end()) return static_cast<int>(it - terms_.begin());
    terms_.push_back(word);
    first_bytes_.set(static_cast<uint8_t>(word[0]));
    return static_cast<int>(terms_.size() - 1);
  };
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string& term = *it;
    if (is_body_term(term)) {
      exact_.push_back(index_of(term));
    } else if (term.size() > 1 && term[0] == schema::kStemPrefix[0] && is_body_term(term.substr(1))) {
      stems_.push_back(index_of(term.substr(1)));
      std::string head = term.substr(1, kStemHeadBytes);
      if (std::find(stem_heads_.begin(), stem_heads_.end(), head) == stem_heads_.end()) stem_heads_.push_back(head);
    }
  }
}

int Highlighter::match(const Token& t) {
  // Exact terms and stems start as the word does (the stemmer rewrites endings).
  if (!first_bytes_.test(static_cast<uint8_t>(t.folded[0]))) return -1;
  auto [it, fresh] = matched_.try_emplace(t.folded, -1);
  if (!fresh) return it->second;
  auto find = [this](const std::vector<int>& among, const std::string& word) {
    for (int i : among)
      if (terms_[i] == word) return i;
    return -1;
  };
  it->second = find(exact_, t.folded);
  if (it->second < 0 && !stems_.empty() && could_stem_to_a_query_stem(t.folded))
    it->second = find(stems_, analyzer_.stem(t.folded));
  return it->second;
}

bool Highlighter::could_stem_to_a_query_stem(const std::string& word) const {
  // The French stemmer only rewrites endings, so a word and its stem share
  // their first letters: most words are ruled out without stemming them.
  for (const auto& prefix : stem_heads_)
    if (word.compare(0, prefix.size(), prefix) == 0) return true;
  return false;
}

Fragment Highlighter::mark(std::string_view text) {
  Fragment out;
  size_t copied = 0;
  tokenize(text, [&](const Token& t) {
    if (match(t) < 0) return;
    if (t.begin > copied) out.push_back({std::string(text.substr(copied, t.begin - copied)), false});
    out.push_back({std::string(text.substr(t.begin, t.end - t.begin)), true});
    copied = t.end;
  });
  if (copied < text.size()) out.push_back({std::string(text.substr(copied)), false});
  return out;
}

std::vector<Fragment> Highlighter::snippets(std::string_view text, size_t max_fragments, size_t words) {
  struct Word {
    size_t begin, end;
    int match;  // index of the distinct matched term, or -1
  };
  std::vector<Word> all;
  all.reserve(text.size() / 6);
  tokenize(text, [&](const Token& t) { all.push_back({t.begin, t.end, match(t)}); });
  if (all.empty()) return {};
  words = std::max<size_t>(1, std::min(words, all.size()));

  // Score every window start by its distinct matches (then total matches),
  // and take the best windows that do not overlap.
  struct Window {
    size_t start;
    size_t distinct, total;
  };
  // Terms past the 64th share a bit: only the distinct count can be off.
  auto bit = [](int term) { return uint64_t{1} << std::min(term, 63); };
  std::vector<Window> windows;
  for (size_t start = 0; start + words <= all.size(); ++start) {
    if (all[start].match < 0 && start != 0) continue;  // start passages on a match
    uint64_t seen = 0;
    size_t total = 0;
    for (size_t i = start; i < start + words; ++i)
      if (all[i].match >= 0) {
        seen |= bit(all[i].match);
        ++total;
      }
    windows.push_back({start, static_cast<size_t>(__builtin_popcountll(seen)), total});
  }
  std::stable_sort(windows.begin(), windows.end(), [](const Window& a, const Window& b) {
    return a.distinct != b.distinct ? a.distinct > b.distinct : a.total > b.total;
  });
  std::vector<size_t> chosen;
  for (const Window& w : windows) {
    if (chosen.size() == max_fragments) break;
    if (w.distinct == 0 && !chosen.empty()) break;
    bool overlaps =
        std::any_of(chosen.begin(), chosen.end(), [&](size_t c) { return w.start < c + words && c < w.start + words; });
    if (!overlaps) chosen.push_back(w.start);
  }

  std::vector<Fragment> out;
  for (size_t start : chosen) {
    // Show a little context before the first match so the passage reads well.
    size_t first = start >= 3 && all[start].match >= 0 ? start - 3 : start;
    size_t last = std::min(all.size(), first + words) - 1;
    Fragment f;
    if (first > 0) f.push_back({kEllipsis, false});
    size_t copied = all[first].begin;
    for (size_t i = first; i <= last; ++i) {
      if (all[i].match < 0) continue;
      if (all[i].begin > copied) f.push_back({std::string(text.substr(copied, all[i].begin - copied)), false});
      f.push_back({std::string(text.substr(all[i].begin, all[i].end - all[i].begin)), true});
      copied = all[i].end;
    }
    if (all[last].end > copied) f.push_back({std::string(text.substr(copied, all[last].end - copied)), false});
    if (last + 1 < all.size()) f.push_back({kEllipsis, false});
    out.push_back(std::move(f));
  }
  return out;
}

std::string to_text(const Fragment& fragment, const std::string& open, const std::string& close) {
  std::string out;
  for (const Segment& s : fragment) {
    if (s.marked) out += open;
    for (char c : s.text) out.push_back(c == '\n' ? ' ' : c);
    if (s.marked) out += close;
  }
  return out;
}

}  // namespace gazette
