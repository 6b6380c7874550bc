// What an article is about, as stories compare it: its most telling words
// and entities, weighted by tf-idf and normalised, so that the cosine of two
// vectors says how much two articles share what is rare in the archive.
//
// A vector holds at most kTerms terms of the article's index entry: stems of
// its free text ("Z" + a lower-case word, minus stop words and numbers,
// is_story_word()) and its entities ("XE" + id). A term weighs
// (1 + ln wdf) * ln(N / df); an entity counts once, times kEntityWeight.
// A stem's wdf is its free text's plus its count in the summary: the
// standfirst, where news writing says what the story is, weighs double (the
// free text has it once, article.h). The summary is read from the stored
// article: the index has no terms of its own for it (schema.h). A term that
// no other article has (df 1) links the article to none and is left out.
//
// Values, and functions of their arguments: thread-safe. TermStatistics
// caches one database's term frequencies and is not.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

namespace gazette {

// Whether `term` is a stem of free text that can say what a story is about.
bool is_story_word(const std::string& term);

// Term frequencies of one database, each asked once.
class TermStatistics {
 public:
  explicit TermStatistics(const Xapian::Database& db) : db_(db), documents_(db.get_doccount()) {}
  Xapian::doccount documents() const { return documents_; }
  Xapian::doccount frequency(const std::string& term);

 private:
  const Xapian::Database& db_;
  Xapian::doccount documents_;
  std::unordered_map<std::string, Xapian::doccount> frequencies_;
};

class StoryVector {
 public:
  static constexpr size_t kTerms = 24;
  static constexpr double kEntityWeight = 1.5;

  // The vector of document `doc` of the database behind `stats`, read from
  // its terms.
  static StoryVector of_document(const Xapian::Database& db, Xapian::docid doc, TermStatistics& stats);

  // The vector of these weighted terms, as they are.
  static StoryVector from_terms(std::vector<std::pair<std::string, float>> terms);

  // Terms in byte order, each with its weight; the weights' squares sum to 1
  // (or the vector is empty).
  const std::vector<std::pair<std::string, float>>& terms() const { return terms_; }
  bool empty() const { return terms_.empty(); }

  // One byte of weight, one of length and the term, per term; and back
  // (nullopt when `bytes` is not one). Weights keep 8 bits.
  std::string serialise() const;
  static std::optional<StoryVector> parse(std::string_view bytes);

 private:
  std::vector<std::pair<std::string, float>> terms_;
};

// The vectors of every document of a database, each as
// StoryVector::of_document() makes it, but with its terms numbered: read in
// one pass over the postings of the story words and entities, where
// of_document() reads a document's term list and looks each term up (for a
// whole index, that was most of the import's time in stories).
//
// Holds every vector in memory (up to about 300 bytes a document), and
// while it reads a shard, the words of the shard's summaries (8 bytes a
// distinct word of a summary). Read-only
// once built: thread-safe.
class StoryVectors {
 public:
  using Weighted = std::pair<uint32_t, float>;

  explicit StoryVectors(const Xapian::Database& db);
  // The same for the database that `shards` make (one, or the shards of a
  // stub in its order; numbered as common/shard_numbering.h says), read by
  // a thread per shard. Each shard is a handle of its own (Xapian's objects
  // are not thread-safe).
  explicit StoryVectors(const std::vector<Xapian::Database>& shards);

  // The vector of `doc` with its terms numbered, in increasing order
  // (empty for a document the database does not hold).
  const std::vector<Weighted>& of(Xapian::docid doc) const;
  // The term numbered `number`: numbers follow the terms' byte order.
  const std::string& term(uint32_t number) const { return terms_[number]; }
  size_t term_count() const { return terms_.size(); }
  // The vector of `doc` with its terms spelt: of_document()'s.
  StoryVector spelt(Xapian::docid doc) const;

 private:
  std::vector<std::string> terms_;
  std::vector<std::vector<Weighted>> vectors_;  // by document id
};

// The centroid (sum) of the weighted terms of a story's members
// (StoryVector::terms(), or terms numbered instead of spelt), summed once so
// that each member can be compared with it: recomputing the sum for each of
// a story's n members was n² work, four fifths of listing a search's stories.
template <typename Key>
class Centroid {
 public:
  using Terms = std::vector<std::pair<Key, float>>;
  explicit Centroid(const std::vector<const Terms*>& members) {
    for (const Terms* m : members)
      for (const auto& [term, w] : *m) sum_[term] += w;
    for (const auto& [term, w] : sum_) norm_ += w * w;
    norm_ = std::sqrt(norm_);
  }
  // The cosine of `v`, a unit vector, with the centroid; 0 for an empty one.
  double cosine(const Terms& v) const {
    if (norm_ == 0) return 0;
    double dot = 0;
    for (const auto& [term, w] : v)
      if (auto it = sum_.find(term); it != sum_.end()) dot += w * it->second;
    return dot / norm_;
  }

 private:
  std::unordered_map<Key, double> sum_;
  double norm_ = 0;
};

// The cosine of the weighted terms `v` with the centroid of `members`.
template <typename Key>
double centroid_cosine(const std::vector<std::pair<Key, float>>& v,
                       const std::vector<const std::vector<std::pair<Key, float>>*>& members) {
  return Centroid<Key>(members).cosine(v);
}

}  // namespace gazette
