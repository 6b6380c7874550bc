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

Highlighter::Highlighter(const Xapian::Query& query) { collect(query); }

int Highlighter::add_term(const std::string& term) {
  std::string word;
  bool stem = false;
  if (is_body_term(term)) {
    word = term;
  } else if (term.size() > 1 && term[0] == schema::kStemPrefix[0] && is_body_term(term.substr(1))) {
    word = term.substr(1);
    stem = true;
  } else {
    return -1;
  }
  auto it = std::find(terms_.begin(), terms_.end(), word);
  int index = static_cast<int>(it - terms_.begin());
  if (it == terms_.end()) {
    terms_.push_back(word);
    stop_.push_back(analyzer_.is_stopword(word));
  }
  std::vector<int>& kind = stem ? stems_ : exact_;
  if (std::find(kind.begin(), kind.end(), index) == kind.end()) kind.push_back(index);
  // The French stemmer only rewrites endings: a word that stems to a stem
  // of two letters or more starts with them (and is never shorter).
  if (stem && word.size() == 1)
    one_letter_stems_.set(static_cast<uint8_t>(word[0]));
  else
    heads_.set(head_key(word));
  if (stem) {
    std::string head = word.substr(0, kStemHeadBytes);
    if (std::find(stem_heads_.begin(), stem_heads_.end(), head) == stem_heads_.end()) stem_heads_.push_back(head);
  }
  return index;
}

void Highlighter::collect(const Xapian::Query& query) {
  using Q = Xapian::Query;
  const size_t n = query.get_num_subqueries();
  if (n == 0) {
    for (auto it = query.get_terms_begin(); it != query.get_terms_end(); ++it) add_term(*it);
    return;
  }
  switch (query.get_type()) {
    case Q::OP_AND_NOT:  // what is excluded is not in the hits
      collect(query.get_subquery(0));
      return;
    case Q::OP_PHRASE:
    case Q::OP_NEAR: {
      // In the order of the subqueries: the terms' own order is by position,
      // and a phrase built by hand has none.
      // A phrase of the title's stems names the same words as one of the
      // text's: a plain query's words, as a phrase for marking
      // (ParsedQuery::marked), mark the text's words so too.
      static const std::string title_stem = std::string(schema::kStemPrefix) + schema::kTitle;
      std::vector<int> phrase;
      for (size_t i = 0; i < n; ++i) {
        Xapian::Query word = query.get_subquery(i);
        if (word.get_terms_begin() == word.get_terms_end()) {
          phrase.push_back(-1);
          continue;
        }
        std::string term = *word.get_terms_begin();
        if (term.rfind(title_stem, 0) == 0) term.erase(1, title_stem.size() - 1);
        phrase.push_back(add_term(term));
      }
      phrases_.push_back(std::move(phrase));
      return;
    }
    default:
      for (size_t i = 0; i < n; ++i) collect(query.get_subquery(i));
  }
}

Highlighter::Match Highlighter::match(const Token& t) {
  auto it = matched_.find(t.folded);
  if (it != matched_.end()) return it->second;
  it = matched_.emplace(t.folded, Match{}).first;
  auto find = [this](const std::vector<int>& among, std::string_view word) {
    for (int i : among)
      if (terms_[i] == word) return i;
    return -1;
  };
  Match& m = it->second;
  if (!stems_.empty() && could_stem_to_a_query_stem(t.folded)) m.stem = find(stems_, analyzer_.stem(t.folded));
  m.term = find(exact_, t.folded);
  if (m.term < 0) m.term = m.stem;
  return m;
}

bool Highlighter::could_stem_to_a_query_stem(std::string_view word) const {
  // The French stemmer only rewrites endings, so a word and its stem share
  // their first letters: most words are ruled out without stemming them.
  for (const auto& prefix : stem_heads_)
    if (word.substr(0, prefix.size()) == prefix) return true;
  return false;
}

std::vector<Highlighter::Word> Highlighter::words(std::string_view text) {
  std::vector<Word> all;
  all.reserve(text.size() / 6);
  bool stop_word_matched = false;
  tokenize(text, [&](const Token& t) {
    const Match m = may_match(t.folded) ? match(t) : Match{};
    stop_word_matched |= m.term >= 0 && stop_[m.term];
    all.push_back({t.begin, t.end, m.term, m.stem});
  });
  if (!stop_word_matched) return all;
  // A stop word is marked only inside a phrase or name of the query: "de"
  // in "de Gaulle", not in "bataille de France"; "un" in "Kim Jong Un",
  // not in "un cendrier". So a stop word stays marked when a neighbour is
  // the word next to it in one of the query's phrases (which are of stems).
  std::vector<int> kept(all.size(), -1);
  for (size_t i = 0; i < all.size(); ++i) {
    int m = all[i].match;
    if (m < 0 || !stop_[m]) {
      kept[i] = m;
      continue;
    }
    for (const auto& phrase : phrases_)
      for (size_t k = 0; k < phrase.size() && kept[i] < 0; ++k) {
        if (phrase[k] != all[i].stem) continue;
        bool before = k > 0 && i > 0 && all[i - 1].stem == phrase[k - 1];
        bool after = k + 1 < phrase.size() && i + 1 < all.size() && all[i + 1].stem == phrase[k + 1];
        if (before || after) kept[i] = m;
      }
  }
  for (size_t i = 0; i < all.size(); ++i) all[i].match = kept[i];
  return all;
}

void Highlighter::append_marked(std::string_view text, const std::vector<Word>& all, size_t first, size_t last,
                                Fragment& f) {
  const size_t from = all[first].begin;
  const auto shift = static_cast<uint32_t>(f.text.size() - from);
  f.text.append(text.substr(from, all[last].end - from));
  for (size_t i = first; i <= last; ++i)
    if (all[i].match >= 0)
      f.marks.emplace_back(static_cast<uint32_t>(all[i].begin) + shift, static_cast<uint32_t>(all[i].end) + shift);
}

Fragment Highlighter::mark(std::string_view text) {
  std::vector<Word> all = words(text);
  Fragment out;
  if (all.empty()) {
    out.text = text;
    return out;
  }
  out.text = text.substr(0, all.front().begin);
  append_marked(text, all, 0, all.size() - 1, out);
  out.text.append(text.substr(all.back().end));
  return out;
}

namespace {

// Two passages say the same thing when most word pairs of one are in the
// other: a summary quoted further down the body, a paragraph quoted
// twice, the same passage shifted by a few words (a summary the body repeats
// whole is not in the text: free_text(), article.h). Copies are verbatim, so
// words compare by their bytes, each hashed once, and only in the passages
// compared: a long text is compared in a few places.
class RepeatFinder {
 public:
  RepeatFinder(std::string_view text, const std::vector<Highlighter::Word>& all, size_t words)
      : text_(text), all_(all), words_(words), hashes_(all.size(), 0) {}

  // Whether the passage at `first` repeats one of those taken before.
  bool repeats_taken(size_t first) {
    if (taken_.empty()) return false;
    const std::vector<size_t>& mine = pairs(first, mine_);
    for (const std::vector<size_t>& other : taken_) {
      size_t shared = 0;
      for (size_t p : mine) shared += std::binary_search(other.begin(), other.end(), p);
      if (!mine.empty() && shared * 2 >= mine.size()) return true;
    }
    return false;
  }
  void take(size_t first) {
    taken_.emplace_back();
    pairs(first, taken_.back());
    std::sort(taken_.back().begin(), taken_.back().end());
  }

 private:
  size_t word(size_t i) {
    // 0 marks a hash not yet made (a real 0 is only made again).
    if (hashes_[i] == 0)
      hashes_[i] = std::hash<std::string_view>{}(text_.substr(all_[i].begin, all_[i].end - all_[i].begin));
    return hashes_[i];
  }
  // The hashes of the passage's pairs of words, into `out`.
  const std::vector<size_t>& pairs(size_t first, std::vector<size_t>& out) {
    out.clear();
    for (size_t i = first; i + 1 < std::min(all_.size(), first + words_); ++i)
      out.push_back(word(i) * 31 + word(i + 1));
    return out;
  }

  std::string_view text_;
  const std::vector<Highlighter::Word>& all_;
  size_t words_;
  std::vector<size_t> hashes_;
  std::vector<std::vector<size_t>> taken_;  // each taken passage's pairs, sorted
  std::vector<size_t> mine_;                // the pairs of the passage compared
};

}  // namespace

std::vector<Fragment> Highlighter::snippets(std::string_view text, size_t max_fragments, size_t words) {
  std::vector<Word> all = this->words(text);
  if (all.empty()) return {};
  words = std::max<size_t>(1, std::min(words, all.size()));

  // Score every window start by its distinct matches (then total matches),
  // and take the best windows that neither overlap nor repeat one taken.
  struct Window {
    size_t start;
    size_t first;  // the first word shown: a little context before the match
    size_t distinct, total;
  };
  // Terms past the 64th share a bit: only the distinct count can be off.
  auto bit = [](int term) { return uint64_t{1} << std::min(term, 63); };
  std::vector<Window> windows;
  windows.reserve(1 + std::count_if(all.begin(), all.end(), [](const Word& w) { return w.match >= 0; }));
  for (size_t start = 0; start < all.size(); ++start) {
    if (all[start].match < 0 && start != 0) continue;  // start passages on a match
    // A match among the last words is shown in the text's last passage.
    const size_t from = std::min(start, all.size() - words);
    uint64_t seen = 0;
    size_t total = 0;
    for (size_t i = from; i < from + words; ++i)
      if (all[i].match >= 0) {
        seen |= bit(all[i].match);
        ++total;
      }
    size_t first = from == start && start >= 3 && all[start].match >= 0 ? start - 3 : from;
    windows.push_back({start, first, static_cast<size_t>(__builtin_popcountll(seen)), total});
  }
  // Of windows as good, the earliest first (a sort without a buffer to allocate).
  std::sort(windows.begin(), windows.end(), [](const Window& a, const Window& b) {
    if (a.distinct != b.distinct) return a.distinct > b.distinct;
    return a.total != b.total ? a.total > b.total : a.start < b.start;
  });
  std::vector<size_t> chosen;
  RepeatFinder repeat(text, all, words);
  for (const Window& w : windows) {
    if (chosen.size() == max_fragments) break;
    if (w.distinct == 0 && !chosen.empty()) break;
    bool overlaps =
        std::any_of(chosen.begin(), chosen.end(), [&](size_t c) { return w.first < c + words && c < w.first + words; });
    if (overlaps || repeat.repeats_taken(w.first)) continue;
    chosen.push_back(w.first);
    repeat.take(w.first);
  }

  std::vector<Fragment> out(chosen.size());
  for (size_t k = 0; k < chosen.size(); ++k) {
    const size_t first = chosen[k], last = std::min(all.size(), first + words) - 1;
    Fragment& f = out[k];
    if (first > 0) f.text = kEllipsis;
    append_marked(text, all, first, last, f);
    if (last + 1 < all.size()) f.text += kEllipsis;
  }
  return out;
}

std::string to_text(const Fragment& fragment, const std::string& open, const std::string& close) {
  std::string out;
  size_t copied = 0;
  auto copy = [&](size_t end) {
    for (; copied < end; ++copied) out.push_back(fragment.text[copied] == '\n' ? ' ' : fragment.text[copied]);
  };
  for (const auto& [begin, end] : fragment.marks) {
    copy(begin);
    out += open;
    copy(end);
    out += close;
  }
  copy(fragment.text.size());
  return out;
}

}  // namespace gazette
