#include "stories/story_vector.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>
#include <thread>
#include <unordered_map>

#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/shard_numbering.h"

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

// "ZU": the summary field's stems (schema.h).
std::string summary_stem_prefix() { return s::kStemPrefix + std::string(s::kSummary); }

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
  const std::string entity = s::kEntity, summary_stem = summary_stem_prefix();
  std::vector<std::pair<std::string, Xapian::termcount>> terms;   // story terms and their wdf
  std::unordered_map<std::string, Xapian::termcount> in_summary;  // free-text stem -> its summary field wdf
  for (auto t = db.termlist_begin(doc); t != db.termlist_end(doc); ++t) {
    const std::string term = *t;
    if (term.compare(0, summary_stem.size(), summary_stem) == 0) {
      in_summary.emplace(s::kStemPrefix + term.substr(summary_stem.size()), t.get_wdf());
      continue;
    }
    const bool is_entity = term.compare(0, entity.size(), entity) == 0;
    if (is_entity || is_story_word(term)) terms.emplace_back(term, t.get_wdf());
  }
  std::vector<std::pair<std::string, float>> weighted;
  for (auto& [term, wdf] : terms) {
    const bool is_entity = term.compare(0, entity.size(), entity) == 0;
    if (auto summary = in_summary.find(term); summary != in_summary.end()) wdf += summary->second;
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
  // sorts before "Z"), with their frequencies in the whole database, and
  // for each stem whether the summary field has it too (opening a posting
  // list costs a look-up: only those that exist are opened).
  std::vector<Xapian::doccount> frequencies;
  std::vector<bool> in_summary;
  size_t entities = 0;  // the first ones
  const std::string summary_stem = summary_stem_prefix();
  auto summary = db.allterms_begin(summary_stem);
  const auto summary_end = db.allterms_end(summary_stem);
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
      bool twin = false;
      if (!is_entity && summary != summary_end) {
        summary.skip_to(summary_stem + term.substr(1));
        twin = summary != summary_end && std::string_view(*summary).substr(summary_stem.size()) == term.substr(1);
      }
      in_summary.push_back(twin);
    }
  }
  // A thread per shard fills the vectors of the shard's documents.
  auto read_shard = [&](size_t shard) {
    const Xapian::Database& reader = shards[shard];
    // Each document's heaviest terms so far, in a heap ordered by heavier():
    // the lightest is on top, the one a heavier term replaces.
    auto order = [](const Weighted& a, const Weighted& b) { return heavier(a, b); };
    const Xapian::PostingIterator end;  // a default iterator is at its end
    for (uint32_t number = 0; number < terms_.size(); ++number) {
      const bool is_entity = number < entities;
      const std::string& term = terms_[number];
      // The summary field's postings of the stem, a subset of its own.
      Xapian::PostingIterator summary;
      if (in_summary[number]) summary = reader.postlist_begin(summary_stem + term.substr(1));
      for (auto p = reader.postlist_begin(term); p != end; ++p) {
        Xapian::termcount wdf = p.get_wdf();
        if (summary != end && *summary < *p) summary.skip_to(*p);
        if (summary != end && *summary == *p) wdf += summary.get_wdf();
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
