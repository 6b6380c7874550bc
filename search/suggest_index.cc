#include "search/suggest_index.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <queue>
#include <unordered_map>

#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/stored_document.h"

namespace gazette {
namespace {

namespace s = schema;

constexpr uint32_t kNoKey = std::numeric_limits<uint32_t>::max();  // never collapsed
constexpr uint32_t kNoEntity = std::numeric_limits<uint32_t>::max();

// The `k` best values offered, best first, each once. `better` must order
// distinct values strictly (ties broken by the value itself).
template <typename Better>
class Best {
 public:
  Best(size_t k, Better better) : k_(k), better_(better) {}

  void offer(uint32_t v) {
    if (k_ == 0 || (kept_.size() == k_ && !better_(v, kept_.back()))) return;
    auto at = std::upper_bound(kept_.begin(), kept_.end(), v, better_);
    if (at != kept_.begin() && *(at - 1) == v) return;
    kept_.insert(at, v);
    if (kept_.size() > k_) kept_.pop_back();
  }
  std::vector<uint32_t> take() { return std::move(kept_); }

 private:
  size_t k_;
  Better better_;
  std::vector<uint32_t> kept_;
};

bool is_word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }

// Increasing ranks from several increasing lists, each once.
class Union {
 public:
  using Range = std::pair<const uint32_t*, const uint32_t*>;
  explicit Union(const std::vector<Range>& lists) {
    for (const Range& r : lists)
      if (r.first != r.second) heap_.push(r);
  }
  bool next(uint32_t& out) {
    while (!heap_.empty()) {
      Range r = heap_.top();
      heap_.pop();
      const uint32_t v = *r.first++;
      if (r.first != r.second) heap_.push(r);
      if (v != last_) {
        out = last_ = v;
        return true;
      }
    }
    return false;
  }

 private:
  struct Later {
    bool operator()(const Range& a, const Range& b) const { return *a.first > *b.first; }
  };
  std::priority_queue<Range, std::vector<Range>, Later> heap_;
  uint32_t last_ = std::numeric_limits<uint32_t>::max();
};

}  // namespace

void SuggestIndex::Strings::add(std::string_view s) {
  chars_.append(s);
  ends_.push_back(static_cast<uint32_t>(chars_.size()));
}

void SuggestIndex::Strings::shrink_to_fit() {
  chars_.shrink_to_fit();
  ends_.shrink_to_fit();
}

SuggestIndex::SuggestIndex(const Xapian::Database& db) {
  std::vector<Rank> rank_of;
  read_documents(db, rank_of);
  read_title_words(db, rank_of);
  read_entities(db);
  for (Strings* strings : {&words_, &stems_, &entity_ids_, &entity_names_}) strings->shrink_to_fit();
  for (auto* v : {&counts_, &postings_.starts, &postings_.values, &docids_, &title_keys_, &doc_words_.starts,
                  &doc_words_.values, &entity_articles_})
    v->shrink_to_fit();
  word_starts_.shrink_to_fit();
  block_best_.shrink_to_fit();
}

void SuggestIndex::read_documents(const Xapian::Database& db, std::vector<Rank>& rank_of) {
  // Xapian's order for a sort on the timestamp, newest first: by the value's
  // bytes, then by increasing id; documents without a date come last.
  const Xapian::docid last = db.get_lastdocid();
  std::vector<std::pair<std::string, Xapian::docid>> order;
  std::vector<bool> dated(last + 1);
  for (auto v = db.valuestream_begin(s::kTimestampSlot); v != db.valuestream_end(s::kTimestampSlot); ++v) {
    order.emplace_back(*v, v.get_docid());
    dated[v.get_docid()] = true;
  }
  for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p)
    if (!dated[*p]) order.emplace_back(std::string(), *p);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    int c = a.first.compare(b.first);
    return c != 0 ? c > 0 : a.second < b.second;
  });
  rank_of.assign(last + 1, 0);
  docids_.reserve(order.size());
  for (const auto& [timestamp, did] : order) {
    rank_of[did] = static_cast<Rank>(docids_.size());
    docids_.push_back(did);
  }

  std::unordered_map<std::string, uint32_t> code_of;
  title_keys_.assign(docids_.size(), kNoKey);
  for (auto v = db.valuestream_begin(s::kTitleKeySlot); v != db.valuestream_end(s::kTitleKeySlot); ++v)
    title_keys_[rank_of[v.get_docid()]] = code_of.try_emplace(*v, static_cast<uint32_t>(code_of.size())).first->second;
}

void SuggestIndex::read_title_words(const Xapian::Database& db, const std::vector<Rank>& rank_of) {
  const std::string prefix = s::kTitle;
  const FrenchAnalyzer analyzer;
  std::vector<uint32_t>& words_of = doc_words_.starts;  // counts first, then where each document's list ends
  words_of.assign(docids_.size() + 1, 0);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string term = *t;
    words_.add(std::string_view(term).substr(prefix.size()));
    stems_.add(analyzer.stem(term.substr(prefix.size())));
    counts_.push_back(t.get_termfreq());
    std::vector<uint32_t>& ranks = postings_.values;
    const size_t first = ranks.size();
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      ranks.push_back(rank_of[*p]);
      ++words_of[rank_of[*p] + 1];
    }
    std::sort(ranks.begin() + first, ranks.end());
    postings_.starts.push_back(static_cast<uint32_t>(ranks.size()));
  }
  // The same (word, document) pairs by document: words come in order.
  for (size_t r = 1; r < words_of.size(); ++r) words_of[r] += words_of[r - 1];
  std::vector<uint32_t> next(words_of.begin(), words_of.end() - 1);
  doc_words_.values.resize(postings_.values.size());
  for (WordId w = 0; w < words_.size(); ++w)
    for (const Rank* r = postings_.begin(w); r != postings_.end(w); ++r) doc_words_.values[next[*r]++] = w;
}

void SuggestIndex::read_entities(const Xapian::Database& db) {
  const std::string prefix = s::kEntity;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string id = (*t).substr(prefix.size());
    if (!EntityId::parse(id)) continue;  // as find_entities
    entity_ids_.add(id);
    entity_articles_.push_back(t.get_termfreq());
  }
  // A slug's words start after "p:" and after each '-' (entity_slug_prefix).
  for (uint32_t e = 0; e < entity_ids_.size(); ++e) {
    const std::string_view id = entity_ids_[e];
    for (uint32_t at = 2; at < id.size(); ++at)
      if (at == 2 || id[at - 1] == '-') word_starts_.emplace_back(e, at);
  }
  std::sort(word_starts_.begin(), word_starts_.end(),
            [this](const auto& a, const auto& b) { return slug_from(a) < slug_from(b); });
  auto better = [this](uint32_t a, uint32_t b) { return more_articles(a, b); };
  for (size_t block = 0; block * kBlock < word_starts_.size(); ++block) {
    Best<decltype(better)> best(kBlockBest, better);
    for (size_t i = block * kBlock; i < std::min(word_starts_.size(), (block + 1) * kBlock); ++i)
      best.offer(word_starts_[i].first);
    std::vector<uint32_t> kept = best.take();
    kept.resize(kBlockBest, kNoEntity);
    block_best_.insert(block_best_.end(), kept.begin(), kept.end());
  }

  // The name find_entities shows: the first that the entity's first
  // document stores for it.
  std::unordered_map<std::string_view, uint32_t> entity_of;
  for (uint32_t e = 0; e < entity_ids_.size(); ++e) entity_of.emplace(entity_ids_[e], e);
  std::vector<std::string> names(entity_ids_.size());
  std::vector<Xapian::docid> named_from(entity_ids_.size(), std::numeric_limits<Xapian::docid>::max());
  for (auto v = db.valuestream_begin(s::kEntitiesSlot); v != db.valuestream_end(s::kEntitiesSlot); ++v) {
    const Xapian::docid did = v.get_docid();
    for_each_entity(*v, [&](EntityEntry entry) {
      auto it = entity_of.find(entry.id);
      if (it == entity_of.end()) return;
      const uint32_t e = it->second;
      if (did < named_from[e] || (did == named_from[e] && names[e].empty())) {
        named_from[e] = did;
        names[e] = std::string(entry.name);
      }
    });
  }
  for (const std::string& name : names) entity_names_.add(name);
}

std::optional<SuggestIndex::WordId> SuggestIndex::find_word(std::string_view w) const {
  auto [first, last] = words_starting(w);
  if (first == last || words_[first] != w) return std::nullopt;
  return first;
}

std::optional<std::vector<SuggestIndex::WordId>> SuggestIndex::find_words(const std::vector<std::string>& words) const {
  std::vector<WordId> ids;
  for (const std::string& word : words) {
    auto w = find_word(word);
    if (!w) return std::nullopt;
    ids.push_back(*w);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::pair<SuggestIndex::WordId, SuggestIndex::WordId> SuggestIndex::words_starting(std::string_view prefix) const {
  // The first word not before `prefix`, then the first after it that does
  // not start so.
  auto first_not = [](WordId lo, WordId hi, auto&& pred) {
    while (lo < hi) {
      WordId mid = lo + (hi - lo) / 2;
      if (pred(mid))
        lo = mid + 1;
      else
        hi = mid;
    }
    return lo;
  };
  const WordId end = words_.size();
  const WordId first = first_not(0, end, [&](WordId w) { return words_[w] < prefix; });
  const WordId last = first_not(first, end, [&](WordId w) { return words_[w].substr(0, prefix.size()) == prefix; });
  return {first, last};
}

std::vector<SuggestIndex::WordId> SuggestIndex::most_frequent(std::pair<WordId, WordId> words, size_t k) const {
  auto more_frequent = [this](WordId a, WordId b) {
    return counts_[a] != counts_[b] ? counts_[a] > counts_[b] : a < b;
  };
  Best<decltype(more_frequent)> best(k, more_frequent);
  for (WordId w = words.first; w < words.second; ++w) best.offer(w);
  return best.take();
}

std::vector<Suggestions::Completion> SuggestIndex::completions(const Xapian::Database& db, const TypedPrefix& typed,
                                                               size_t size) const {
  if (typed.last.empty()) return {};
  const auto [first, last] = words_starting(typed.last);
  // With words before it, the last word's completions are counted in the
  // titles that hold those words too ("reforme des ret": "retraites", not
  // the more frequent "retour"): the titles of the rarest word are read.
  // No title has them all when one is not a title word.
  const std::vector<WordId> head = find_words(plain_words(typed.head)).value_or(std::vector<WordId>{});
  std::unordered_map<WordId, Xapian::doccount> together;
  if (!head.empty()) {
    const WordId rarest =
        *std::min_element(head.begin(), head.end(), [this](WordId a, WordId b) { return counts_[a] < counts_[b]; });
    for (const Rank* r = postings_.begin(rarest); r != postings_.end(rarest); ++r) {
      const WordId* words = doc_words_.begin(*r);
      const WordId* end = doc_words_.end(*r);
      if (!std::includes(words, end, head.begin(), head.end())) continue;
      for (const WordId* w = std::lower_bound(words, end, first); w != end && *w < last; ++w) ++together[*w];
    }
  }
  std::vector<TitleWord> words;
  if (together.empty()) {  // the last word alone, in all titles
    for (WordId w = first; w < last; ++w) words.push_back({words_[w], stems_[w], counts_[w]});
  } else {
    for (const auto& [w, titles] : together) words.push_back({words_[w], stems_[w], titles});
  }
  return counted_completions(db, typed, words, size);
}

bool SuggestIndex::more_articles(uint32_t a, uint32_t b) const {
  const Xapian::doccount x = entity_articles_[a], y = entity_articles_[b];
  return x != y ? x > y : a < b;  // then in id order, as find_entities
}

std::vector<EntitySummary> SuggestIndex::find_entities(std::string_view prefix, size_t size) const {
  const std::string wanted = entity_slug_prefix(prefix);
  const auto begin = word_starts_.begin();
  const auto first = std::lower_bound(begin, word_starts_.end(), wanted,
                                      [this](const auto& w, const std::string& p) { return slug_from(w) < p; });
  const auto last = std::partition_point(
      first, word_starts_.end(), [&](const auto& w) { return slug_from(w).substr(0, wanted.size()) == wanted; });
  auto better = [this](uint32_t a, uint32_t b) { return more_articles(a, b); };
  Best<decltype(better)> best(size, better);
  // A short prefix covers thousands of word starts: whole blocks offer
  // their best only, when that is enough.
  const bool by_block = size <= kBlockBest;
  for (size_t i = first - begin, end = last - begin; i < end;) {
    if (by_block && i % kBlock == 0 && i + kBlock <= end) {
      for (size_t j = i / kBlock * kBlockBest; j < (i / kBlock + 1) * kBlockBest; ++j)
        if (block_best_[j] != kNoEntity) best.offer(block_best_[j]);
      i += kBlock;
    } else {
      best.offer(word_starts_[i++].first);
    }
  }
  std::vector<EntitySummary> out;
  for (uint32_t e : best.take()) {
    const std::string_view id = entity_ids_[e];
    out.push_back({std::string(id), std::string(entity_names_[e]), *entity_type_of_id(id), entity_articles_[e]});
  }
  return out;
}

std::vector<Xapian::docid> SuggestIndex::title_documents(const TypedPrefix& typed, size_t size) const {
  std::vector<Xapian::docid> out;
  std::vector<std::string> words = plain_words(typed.folded);
  if (words.empty() || size == 0) return out;
  // QueryParser's FLAG_PARTIAL reads the last word as a prefix only when
  // nothing follows it; every other word must be in the title.
  std::optional<std::string> partial;
  if (is_word_byte(typed.folded.back())) {
    partial = std::move(words.back());
    words.pop_back();
  }
  std::optional<std::vector<WordId>> found = find_words(words);
  if (!found) return out;
  const std::vector<WordId>& required = *found;
  // The prefix stands for its most frequent words, and for itself.
  std::vector<WordId> expansion;
  if (partial) {
    expansion = most_frequent(words_starting(*partial), kTitleExpansion);
    if (auto exact = find_word(*partial)) expansion.push_back(*exact);
    if (expansion.empty()) return out;
    std::sort(expansion.begin(), expansion.end());
    expansion.erase(std::unique(expansion.begin(), expansion.end()), expansion.end());
  }

  auto postings = [this](WordId w) { return Union::Range(postings_.begin(w), postings_.end(w)); };
  auto matches = [&](Rank r) {
    const WordId* first = doc_words_.begin(r);
    const WordId* last = doc_words_.end(r);
    if (!std::includes(first, last, required.begin(), required.end())) return false;
    return !partial || std::any_of(first, last,
                                   [&](WordId w) { return std::binary_search(expansion.begin(), expansion.end(), w); });
  };
  // Walked newest first: the shortest posting list of a required word, or
  // the expansion's lists merged, whichever holds fewer documents.
  uint64_t merged = 0;
  for (WordId w : expansion) merged += counts_[w];
  auto shortest = std::min_element(required.begin(), required.end(),
                                   [this](WordId a, WordId b) { return counts_[a] < counts_[b]; });
  std::vector<Union::Range> lists;
  if (!partial || (shortest != required.end() && counts_[*shortest] < merged))
    lists.push_back(postings(*shortest));
  else
    for (WordId w : expansion) lists.push_back(postings(w));
  Union candidates(lists);
  std::vector<uint32_t> keys;  // of the titles taken: copies show once
  for (Rank r; out.size() < size && candidates.next(r);) {
    if (!matches(r)) continue;
    const uint32_t key = title_keys_[r];
    if (key != kNoKey) {
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      keys.push_back(key);
    }
    out.push_back(docids_[r]);
  }
  return out;
}

Result<Suggestions> SuggestIndex::suggest(const Xapian::Database& db, std::string_view prefix, size_t size) const {
  Suggestions out;
  const TypedPrefix typed = read_typed_prefix(prefix);
  if (typed.last.empty()) return out;
  out.completions = completions(db, typed, size);
  out.entities = find_entities(prefix, std::min(size, kMaxSuggestedEntities));
  for (Xapian::docid did : title_documents(typed, size)) {
    Xapian::Document doc;
    try {
      doc = db.get_document(did);
    } catch (const Xapian::DocNotFoundError&) {
      continue;  // deleted since this index was built
    }
    Result<ArticleTitle> title = read_title(doc);
    if (!title) return title.problem();
    out.titles.push_back({std::move(title->id), std::move(title->title)});
  }
  return out;
}

size_t SuggestIndex::bytes() const {
  size_t n = words_.bytes() + stems_.bytes() + postings_.bytes() + doc_words_.bytes() + entity_ids_.bytes() +
             entity_names_.bytes() + word_starts_.capacity() * sizeof(word_starts_[0]) +
             block_best_.capacity() * sizeof(uint32_t);
  for (const auto* v : {&counts_, &docids_, &title_keys_, &entity_articles_}) n += v->capacity() * sizeof(uint32_t);
  return n;
}

}  // namespace gazette
