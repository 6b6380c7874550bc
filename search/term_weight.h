// TermWeightSource: a word's BM25 weight, with each document's length read
// from memory (DocumentLengths, which FacetColumns keep per revision).
//
// Xapian 1.4's BM25Weight reads a candidate's length from the index's list
// of lengths, which all the words of a search share through one cursor: the
// cursor decodes the list entry by entry, one a document, from the last
// candidate read to the next, and goes back to the start of its chunk when a
// candidate comes before the last one (an OR whose branches stand at
// different documents). A one-word search reads the lengths of all the
// documents between its candidates: "eau" took 0.26 ms for its first page,
// 0.04 ms when BM25 needs no length (b = 0); "eau" with its other form
// "Émirats arabes unis" took 1.19 ms. The same weights with the lengths from
// memory: 0.09 ms for "eau".
//
// The source gives a term the weight that BM25Weight with the same
// parameters gives it, by the same operations in the same order, over the
// statistics of the database the query runs on (every shard's), so that
// rankings do not change. Where a document's length is not in memory (a
// shard whose lengths were not read, a document added since), it reads it
// from the index. A PostingSource of the process: a remote shard
// (xapian-tcpsrv) cannot unserialise it, so searches over remote shards keep
// Xapian's terms (searcher.h). Not thread-safe; Xapian clones it per
// database and per search.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace gazette {

// The parameters of Xapian::BM25Weight, in its constructor's order. A
// source has no part of its own in the weight of a whole document: k2 (a
// correction by the query's length) is 0 in both sets below.
struct Bm25Parameters {
  double k1, k2, k3, b, min_normlen;
  Xapian::BM25Weight weight() const { return Xapian::BM25Weight(k1, k2, k3, b, min_normlen); }
};
// For ranked searches: Robertson's (and Lucene's) k1 = 1.2 and b = 0.75. On
// the development judgments, known-item MRR@10 is 0.964 with them and 0.957
// with Xapian's defaults. k3 = 1, and a document's length counts as at least
// half the average.
inline constexpr Bm25Parameters kRankingBm25{1.2, 0, 1, 0.75, 0.5};
// BM25Weight()'s defaults, which related coverage weighs its expansion
// terms with (related.h).
inline constexpr Bm25Parameters kXapianBm25{1, 0, 1, 0.5, 0.5};

// The length (Xapian's document length: its words) of each document of one
// database, by document id. Immutable once read; thread-safe to read.
class DocumentLengths {
 public:
  // These lengths, then those of `db`'s documents after them, up to `last`:
  // a new object, so that a revision's lengths stay immutable while the next
  // one's are read. A deleted document reads as 0. Throws what Xapian throws
  // while reading.
  DocumentLengths extended(const Xapian::Database& db, Xapian::docid last) const;

  // Whether the length of `did` was read.
  bool holds(Xapian::docid did) const { return did < lengths_.size(); }
  // The length of `did`, which holds().
  Xapian::termcount length(Xapian::docid did) const { return lengths_[did]; }
  // The highest document id read.
  Xapian::docid last() const { return lengths_.empty() ? 0 : static_cast<Xapian::docid>(lengths_.size() - 1); }
  size_t bytes() const { return lengths_.capacity() * sizeof(Xapian::termcount); }
  bool operator==(const DocumentLengths& other) const = default;

 private:
  std::vector<Xapian::termcount> lengths_;  // docid -> length; [0] holds nothing
};

// The lengths of one database (FacetColumns::document_lengths()), which the
// caller keeps alive while the query is run.
struct ShardLengths {
  std::string uuid;  // of the database they were read from
  const DocumentLengths* lengths = nullptr;
};

class TermWeightSource : public Xapian::PostingSource {
 public:
  // The documents that index `term`, each with the weight the BM25Weight of
  // `bm25` gives the term there with `factor` (an OP_SCALE_WEIGHT's), from
  // the statistics of `db` (all its shards). Each database the source is run
  // on reads its lengths from `lengths` when they hold its uuid, else from
  // the index. Throws std::invalid_argument when `bm25.k2` is not 0.
  TermWeightSource(const Xapian::Database& db, std::string term, double factor, const Bm25Parameters& bm25,
                   std::vector<ShardLengths> lengths);

  TermWeightSource* clone() const override;
  std::string name() const override { return "gazette::TermWeightSource"; }
  void init(const Xapian::Database& db) override;

  Xapian::doccount get_termfreq_min() const override { return termfreq_; }
  Xapian::doccount get_termfreq_est() const override { return termfreq_; }
  Xapian::doccount get_termfreq_max() const override { return termfreq_; }

  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return at_ == end_; }
  Xapian::docid get_docid() const override { return *at_; }
  double get_weight() const override;
  std::string get_description() const override { return "gazette::TermWeightSource(" + term_ + ")"; }

 private:
  TermWeightSource() = default;

  std::string term_;
  Bm25Parameters bm25_{};
  // BM25Weight's, from the statistics of every shard.
  double termweight_ = 0, len_factor_ = 0;
  Xapian::termcount doclength_lower_bound_ = 0, wdf_upper_bound_ = 0;
  std::string uuid_;  // of the database of the statistics
  std::vector<ShardLengths> all_lengths_;
  // Of the database init() was given.
  const DocumentLengths* lengths_ = nullptr;
  Xapian::doccount termfreq_ = 0;
  Xapian::PostingIterator at_, end_;
  bool started_ = false;
};

// `query` with each term that is weighed as a whole (not a word of a phrase,
// a NEAR or a synonym, nor of a filter or an exclusion) replaced by its
// TermWeightSource over `db` with `bm25`, and the factors of its
// OP_SCALE_WEIGHT nodes moved down to those sources and to the nodes that
// keep Xapian's weights. Run it with `bm25.weight()`.
Xapian::Query weigh_terms_from_memory(const Xapian::Query& query, const Xapian::Database& db,
                                      const Bm25Parameters& bm25, const std::vector<ShardLengths>& lengths);

}  // namespace gazette
