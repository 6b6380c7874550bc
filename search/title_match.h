// TitleMatch: the weight that a query's words earn in an article's title,
// as BM25 over the title alone (BM25F's idea for one field), and half as
// much again when the title holds them side by side in the query's order:
// articles titled with the words together ("kim jong un") rank above those
// where they are scattered ("Kim Yo Jong").
//
// Xapian 1.4's BM25Weight normalises every term by the length of the whole
// document, so a title word weighs less in a long article than in a short
// one, and of two articles whose titles hold the query's words, the one
// with the shorter body wins. A reader who remembers an article remembers its
// title, whatever the length of its body; this source weighs the title's
// words by the title's length instead: of two titles holding the words, the
// shorter one, where they are more of what the title says, ranks first.
//
// The source walks the postings of the title's stem terms ("ZS" + stem) and
// takes each matching article's title length from memory (TitleWords, which
// FacetColumns keep per revision), or else from the folded title
// (schema::kTitleKeySlot): reading that value for each candidate made the
// ranked pass 10 % longer. Used under OP_AND_MAYBE, it is asked only about
// articles that match the query. When Xapian says how much weight a
// document must at least earn from the source (min_wt), the source walks only
// the terms that can earn it together (MaxScore): "equipe de france" walks
// the titles with "equipe" or "france", not the 37,589 with "de", and weighs
// "de" where they stop. The order is checked for articles whose title holds
// every word: from the stems in memory, or else from the title's positions.
// As an OP_PHRASE beside the query, the same check made Xapian 1.4 read
// positions for many more candidates:
// the ranked pass took 70 % longer over queries.txt and the known items,
// and its first page differed from a full weighing for 6 of 349 queries.
//
// A PostingSource of the process: a remote shard (xapian-tcpsrv) cannot
// unserialise it, so searches over remote shards do not use it (searcher.h).
// Not thread-safe; Xapian clones it per database and per search.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace gazette {

// The words of a folded title as stored (schema::kTitleKeySlot, facet_key of
// the title): its spaces plus one; 0 for an empty key.
size_t title_key_words(std::string_view key);

// A 64-bit hash of a folded title (schema::kTitleKeySlot): related coverage
// tells republished copies by it without reading the titles. Two different
// titles share one by chance about once in 2^64.
uint64_t title_key_hash(std::string_view folded_title);

// What the source reads of the titles of one database from memory, by
// document id: each title's length, and its words' stems in order, which say
// whether the query's words are side by side without reading positions (30
// position reads a search over queries.txt, a pread each: 5 % of a search),
// and each title's title_key_hash(). FacetColumns keeps one per revision.
// Immutable once read; thread-safe to read.
class TitleWords {
 public:
  // These titles, then the folded titles (schema::kTitleKeySlot) of `db`'s
  // documents after those held, up to `last`: a new object, so that a
  // revision's titles stay immutable while the next one's are read. Throws
  // what Xapian throws while reading.
  TitleWords extended(const Xapian::Database& db, Xapian::docid last) const;

  // The words of the folded title of `did`, at most 255; 0 for a document
  // without a title or past those read.
  uint8_t length(Xapian::docid did) const { return did < lengths_.size() ? lengths_[did] : 0; }
  // title_key_hash() of the folded title of `did` (of "" for a document
  // without one or past those read).
  uint64_t key_hash(Xapian::docid did) const {
    return did < key_hashes_.size() ? key_hashes_[did] : title_key_hash("");
  }
  // Whether the title of `did` holds the stems whose codes (title_stem_code)
  // are `codes`, side by side in this order, as its positions number them
  // (words over schema::kMaxTermBytes have none). Empty when `did` is past
  // the documents read.
  std::optional<bool> holds_in_order(Xapian::docid did, const std::vector<uint32_t>& codes) const;
  // The highest document id read.
  Xapian::docid last() const { return lengths_.empty() ? 0 : static_cast<Xapian::docid>(lengths_.size() - 1); }
  size_t bytes() const;
  bool operator==(const TitleWords& other) const = default;

 private:
  std::vector<uint8_t> lengths_;      // docid -> words
  std::vector<uint64_t> key_hashes_;  // docid -> title_key_hash() of its folded title
  std::vector<uint32_t> first_code_;  // docid -> its first code in codes_; one past the last ends them
  std::vector<uint32_t> codes_;       // each title's stems, in order
};

// A title stem's code in TitleWords: 32 bits of its hash. Two stems of a
// title and a query share one by chance about once in 4 billion, and the
// order check asks for as many in a row as the query has words, after the
// title's terms have said that it holds every one of them.
uint32_t title_stem_code(std::string_view stem);

// The titles of one database (FacetColumns::title_words()), which the caller
// keeps alive while the source is used.
struct ShardTitles {
  std::string uuid;  // of the database they were read from
  const TitleWords* titles = nullptr;
};

class TitleMatchSource : public Xapian::PostingSource {
 public:
  // The weight of `terms` (title stem terms, as indexed) in the titles of
  // `db`, whose statistics give each term's idf, scaled by `scale`. Each
  // database (shard) the source is run on reads its titles from `titles`
  // when they hold its uuid, else from its values and positions.
  TitleMatchSource(const Xapian::Database& db, std::vector<std::string> terms, double scale,
                   std::vector<ShardTitles> titles = {});

  TitleMatchSource* clone() const override;
  std::string name() const override { return "gazette::TitleMatchSource"; }
  void init(const Xapian::Database& db) override;

  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return termfreq_est_; }
  Xapian::doccount get_termfreq_max() const override { return termfreq_max_; }

  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return current_ == 0; }
  Xapian::docid get_docid() const override { return current_; }
  double get_weight() const override;
  std::string get_description() const override;

 private:
  TitleMatchSource() = default;
  // Leaves out of the walk the terms of least weight that cannot earn
  // `min_wt` together.
  void choose_walked(double min_wt);
  // Sets current_ to the smallest document a walked term is at; 0 at the end.
  void settle();
  // Whether the title of current_ holds the terms side by side in the
  // query's order.
  bool in_order() const;
  // Sets codes_ from terms_.
  void set_codes();

  struct Term {
    std::string name;
    double idf = 0;
    double max_weight = 0;
    // Moved by get_weight() const when the term is not walked.
    mutable Xapian::PostingIterator at;
    Xapian::PostingIterator end;
  };
  std::vector<Term> terms_;  // in the query's order
  // terms_ by max_weight, as indexes; those from walked_ on are walked.
  std::vector<size_t> by_weight_;
  size_t walked_ = 0;
  double scale_ = 1;
  std::vector<ShardTitles> all_titles_;
  const TitleWords* titles_ = nullptr;  // of the database init() was given, if in memory
  std::vector<uint32_t> codes_;         // of terms_, in order
  Xapian::doccount termfreq_est_ = 0, termfreq_max_ = 0;
  Xapian::Database db_;
  // Read by get_weight() const: a position in the stream, not a state of the source.
  mutable Xapian::ValueIterator lengths_;
  Xapian::ValueIterator lengths_end_;
  Xapian::docid current_ = 0;
  bool started_ = false;
};

}  // namespace gazette
