#include "stories/story_vector.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <thread>
#include <unordered_map>

#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/shard_numbering.h"
#include "common/stored_document.h"

namespace gazette {
namespace s = schema;

bool is_story_word(const std::string& term) {
  if (term.size() < 4 || term[0] != s::kStemPrefix[0]) return false;
  const char c = term[1];
  if (c >= 'A' && c <= 'Z') return false;  // a field's stems
  if (std::all_of(term.begin() + 1, term.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) return false;
  static const FrenchAnalyzer analyzer;
  return !analyzer.is_stopword(term.substr(1));
}

Xapian::doccount TermStatistics::frequency(const std::string& term) {
  auto [it, added] = frequencies_.try_emplace(term, 0);
  if (added) it->second = db_.get_termfreq(term);
  return it->second;
}

namespace {

// What a summary's words are among the terms of its document, for one
// thread: each word's free-text stem ("Z" + the stem of the folded word, as
// DocumentBuilder::index_text() writes it) is looked up once, by `lookup`.
template <typename Value>
class SummaryWords {
 public:
  explicit SummaryWords(std::function<Value(const std::string& term)> lookup) : lookup_(std::move(lookup)) {}

  // Calls fn(lookup's value) for each word of the summary of the article
  // that `record` stores (schema::kRecordSlot), if it can be read.
  template <typename Fn>
  void for_each(std::string_view record, Xapian::docid doc, Fn&& fn) {
    const Result<Article> article = read_summary(record, doc);
    if (!article) return;
    tokenize(article->summary, [&](const Token& t) {
      if (t.folded.size() > s::kMaxTermBytes) return;
      if (known_.size() >= kMaxKnownWords) known_.clear();
      auto [it, added] = known_.try_emplace(std::string(t.folded));
      if (added) it->second = lookup_(s::kStemPrefix + analyzer_.stem(t.folded));
      fn(it->second);
    });
  }

 private:
  static constexpr size_t kMaxKnownWords = 1 << 19;
  std::function<Value(const std::string&)> lookup_;
  FrenchAnalyzer analyzer_;
  std::unordered_map<std::string, Value> known_;
};

// How many times each document's summary has each vector term, for the
// postings of one shard read term by term in the terms' order: each
// document's summary words by number, in that order, with their counts (8
// bytes a distinct word of a summary), and a cursor a document.
class SummaryCounts {
 public:
  // `terms` numbered in byte order; the stems from `first_stem` on.
  SummaryCounts(const Xapian::Database& shard, const std::vector<std::string>& terms, size_t first_stem)
      : first_(shard.get_lastdocid() + 2, 0) {
    constexpr uint32_t kNone = UINT32_MAX;
    SummaryWords<uint32_t> words([&](const std::string& term) {
      auto at = std::lower_bound(terms.begin() + first_stem, terms.end(), term);
      return at != terms.end() && *at == term ? static_cast<uint32_t>(at - terms.begin()) : kNone;
    });
    std::vector<uint32_t> numbers;
    Xapian::docid next = 1;  // the first document whose range is not set
    for (auto v = shard.valuestream_begin(s::kRecordSlot); v != shard.valuestream_end(s::kRecordSlot); ++v) {
      for (; next <= v.get_docid(); ++next) first_[next] = counts_.size();
      numbers.clear();
      words.for_each(*v, v.get_docid(), [&](uint32_t number) {
        if (number != kNone) numbers.push_back(number);
      });
      std::sort(numbers.begin(), numbers.end());
      for (size_t i = 0; i < numbers.size(); ++i)
        if (i > 0 && numbers[i] == numbers[i - 1])
          ++counts_.back().second;
        else
          counts_.emplace_back(numbers[i], 1);
    }
    for (; next < first_.size(); ++next) first_[next] = counts_.size();
  }

  // Cursors for count(): where each document's words start.
  std::vector<uint32_t> cursors() const { return std::vector<uint32_t>(first_.begin(), first_.end() - 1); }

  // The count of term `number` in the summary of document `doc`: 0 when it
  // has none. Calls for one document come with increasing numbers.
  Xapian::termcount count(Xapian::docid doc, uint32_t number, std::vector<uint32_t>& cursors) const {
    uint32_t& at = cursors[doc];
    while (at < first_[doc + 1] && counts_[at].first < number) ++at;
    return at < first_[doc + 1] && counts_[at].first == number ? counts_[at].second : 0;
  }

 private:
  std::vector<uint32_t> first_;                        // by document: its first word's place in counts_
  std::vector<std::pair<uint32_t, uint32_t>> counts_;  // term number, count
};

// What `term` weighs in a vector, or nothing when it cannot link its article
// to another one.
std::optional<float> term_weight(bool is_entity, Xapian::termcount wdf, Xapian::doccount df, double documents) {
  // A term of this article alone links it to none other (yet).
  if (df < 2) return std::nullopt;
  const double idf = std::log(documents / df);
  if (idf <= 0) return std::nullopt;
  const double tf = is_entity ? StoryVector::kEntityWeight : 1 + std::log(std::max<Xapian::termcount>(wdf, 1));
  return static_cast<float>(tf * idf);
}

// Whether weighted term `a` goes into a vector before `b`: the heavier, and
// of two as heavy, the first in byte order (terms numbered in byte order
// compare as their numbers).
template <typename Key>
bool heavier(const std::pair<Key, float>& a, const std::pair<Key, float>& b) {
  return a.second > b.second || (a.second == b.second && a.first < b.first);
}

// The vector of `weighted`: its kTerms heaviest, normalised, in key order.
template <typename Key>
void keep_heaviest(std::vector<std::pair<Key, float>>& weighted) {
  const size_t kept = std::min(weighted.size(), StoryVector::kTerms);
  std::partial_sort(weighted.begin(), weighted.begin() + kept, weighted.end(), heavier<Key>);
  weighted.resize(kept);
  double norm = 0;
  for (const auto& [term, w] : weighted) norm += double(w) * w;
  norm = std::sqrt(norm);
  for (auto& [term, w] : weighted) w = static_cast<float>(w / norm);
  std::sort(weighted.begin(), weighted.end());
}

}  // namespace

StoryVector StoryVector::of_document(const Xapian::Database& db, Xapian::docid doc, TermStatistics& stats) {
  const double documents = std::max<Xapian::doccount>(stats.documents(), 1);
  const std::string entity = s::kEntity;
  std::unordered_map<std::string, Xapian::termcount> in_summary;  // free-text stem -> its count in the summary
  SummaryWords<std::string> summary([](const std::string& term) { return term; });
  summary.for_each(db.get_document(doc).get_value(s::kRecordSlot), doc,
                   [&](const std::string& term) { ++in_summary[term]; });
  std::vector<std::pair<std::string, float>> weighted;
  for (auto t = db.termlist_begin(doc); t != db.termlist_end(doc); ++t) {
    const std::string term = *t;
    const bool is_entity = term.compare(0, entity.size(), entity) == 0;
    if (!is_entity && !is_story_word(term)) continue;
    Xapian::termcount wdf = t.get_wdf();
    if (auto found = in_summary.find(term); found != in_summary.end()) wdf += found->second;
    if (auto w = term_weight(is_entity, wdf, stats.frequency(term), documents)) weighted.emplace_back(term, *w);
  }
  keep_heaviest(weighted);
  StoryVector v;
  v.terms_ = std::move(weighted);
  return v;
}

StoryVectors::StoryVectors(const Xapian::Database& db) : StoryVectors(std::vector<Xapian::Database>{db}) {}

StoryVectors::StoryVectors(const std::vector<Xapian::Database>& shards) {
  Xapian::Database db;
  for (const Xapian::Database& shard : shards) db.add_database(shard);
  vectors_.resize(db.get_lastdocid() + 1);
  const double documents = std::max<Xapian::doccount>(db.get_doccount(), 1);
  // The terms that can weigh in a vector, numbered in byte order ("XE"
  // sorts before "Z"), with their frequencies in the whole database.
  std::vector<Xapian::doccount> frequencies;
  size_t entities = 0;  // the first ones
  for (const std::string prefix : {s::kEntity, s::kStemPrefix}) {
    const bool is_entity = prefix == s::kEntity;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      const std::string term = *t;
      if (!is_entity && !is_story_word(term)) continue;
      const Xapian::doccount df = t.get_termfreq();
      if (!term_weight(is_entity, 1, df, documents)) continue;  // its frequency rules it out
      terms_.push_back(term);
      frequencies.push_back(df);
      entities += is_entity;
    }
  }
  // A thread per shard fills the vectors of the shard's documents.
  auto read_shard = [&](size_t shard) {
    const Xapian::Database& reader = shards[shard];
    const SummaryCounts summary(reader, terms_, entities);
    std::vector<uint32_t> cursors = summary.cursors();
    // Each document's heaviest terms so far, in a heap ordered by heavier():
    // the lightest is on top, the one a heavier term replaces.
    auto order = [](const Weighted& a, const Weighted& b) { return heavier(a, b); };
    const Xapian::PostingIterator end;  // a default iterator is at its end
    for (uint32_t number = 0; number < terms_.size(); ++number) {
      const bool is_entity = number < entities;
      const std::string& term = terms_[number];
      for (auto p = reader.postlist_begin(term); p != end; ++p) {
        const Xapian::termcount wdf = p.get_wdf() + summary.count(*p, number, cursors);
        const Weighted w{number, *term_weight(is_entity, wdf, frequencies[number], documents)};
        auto& heap = vectors_[combined_docid(*p, shard, shards.size())];
        if (heap.size() < StoryVector::kTerms) {
          heap.push_back(w);
          std::push_heap(heap.begin(), heap.end(), order);
        } else if (heavier(w, heap.front())) {
          std::pop_heap(heap.begin(), heap.end(), order);
          heap.back() = w;
          std::push_heap(heap.begin(), heap.end(), order);
        }
      }
    }
    for (Xapian::docid d = shard + 1; d < vectors_.size(); d += shards.size()) keep_heaviest(vectors_[d]);
  };
  std::vector<std::exception_ptr> errors(shards.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < shards.size(); ++i)
    threads.emplace_back([&, i] {
      try {
        read_shard(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

const std::vector<StoryVectors::Weighted>& StoryVectors::of(Xapian::docid doc) const {
  static const std::vector<Weighted> none;
  return doc < vectors_.size() ? vectors_[doc] : none;
}

StoryVector StoryVectors::spelt(Xapian::docid doc) const {
  std::vector<std::pair<std::string, float>> terms;
  for (const auto& [number, w] : of(doc)) terms.emplace_back(terms_[number], w);
  return StoryVector::from_terms(std::move(terms));
}

StoryVector StoryVector::from_terms(std::vector<std::pair<std::string, float>> terms) {
  std::sort(terms.begin(), terms.end());
  StoryVector v;
  v.terms_ = std::move(terms);
  return v;
}

std::string StoryVector::serialise() const {
  std::string out;
  for (const auto& [term, w] : terms_) {
    if (term.size() > 255) continue;
    out += static_cast<char>(std::clamp(static_cast<int>(std::lround(w * 255)), 1, 255));
    out += static_cast<char>(term.size());
    out += term;
  }
  return out;
}

std::optional<StoryVector> StoryVector::parse(std::string_view bytes) {
  StoryVector v;
  double norm = 0;
  while (!bytes.empty()) {
    if (bytes.size() < 2) return std::nullopt;
    const float w = static_cast<unsigned char>(bytes[0]) / 255.0f;
    const size_t length = static_cast<unsigned char>(bytes[1]);
    if (bytes.size() < 2 + length) return std::nullopt;
    v.terms_.emplace_back(std::string(bytes.substr(2, length)), w);
    norm += double(w) * w;
    bytes.remove_prefix(2 + length);
  }
  // Rounding to 8 bits moved the norm a little off 1.
  if (norm > 0)
    for (auto& [term, w] : v.terms_) w = static_cast<float>(w / std::sqrt(norm));
  return v;
}

}  // namespace gazette
