// TitleMatch: the weight that a query's words earn in an article's title,
// as BM25 over the title alone (BM25F's idea for one field).
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
// reads each matching article's title length from the folded title
// (schema::kTitleKeySlot). Used under OP_AND_MAYBE, it is asked only about
// articles that match the query.
//
// A PostingSource of the process: a remote shard (xapian-tcpsrv) cannot
// unserialise it, so searches over remote shards do not use it (searcher.h).
// Not thread-safe; Xapian clones it per database and per search.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace gazette {

class TitleMatchSource : public Xapian::PostingSource {
 public:
  // The weight of `terms` (title stem terms, as indexed) in the titles of
  // `db`, whose statistics give each term's idf and the mean title length,
  // scaled by `scale`.
  TitleMatchSource(const Xapian::Database& db, std::vector<std::string> terms, double scale);

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
  // Sets current_ to the smallest document any term is at; 0 at the end.
  void settle();

  struct Term {
    std::string name;
    double idf = 0;
    Xapian::PostingIterator at, end;
  };
  std::vector<Term> terms_;
  double scale_ = 1;
  Xapian::doccount termfreq_est_ = 0, termfreq_max_ = 0;
  Xapian::Database db_;
  // Read by get_weight() const: a position in the stream, not a state of the source.
  mutable Xapian::ValueIterator lengths_;
  Xapian::ValueIterator lengths_end_;
  Xapian::docid current_ = 0;
  bool started_ = false;
};

}  // namespace gazette
