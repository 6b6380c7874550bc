// Which saved searches match which newly written articles (percolation: the
// search runs over the documents, not the documents over the search).
//
// Each alert's query is parsed once, strictly, with the QueryBuilder that
// /search uses, so an alert matches exactly what a search with the same
// query and filters would find (versions are not collapsed). A batch of
// written documents is copied into a small in-memory Xapian database and
// the queries run over it (positions only for the terms of phrases, the
// only ones that need them). Only candidate alerts run: each alert lists terms
// of which any article it matches holds at least one (the rarest branch of
// an AND, every branch of an OR), and a batch checks the alerts listed under
// one of its terms, plus those that can match without any term (a filter on
// dates alone, a NOT alone, a wildcard).
//
// Thread-safe: calls are serialised by an internal mutex (Xapian 1.4 counts
// a Query's references without atomics: two threads may not copy one).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "alerts/alert.h"

namespace gazette {

// Terms of which every document matching `query` holds at least one;
// nullopt when it can match a document without any of its terms.
std::optional<std::vector<std::string>> required_terms(const Xapian::Query& query);

class Percolator {
 public:
  // Adds the alert, or replaces the one with its id. The Problem of a query
  // that does not parse ("bad_query", with its position).
  // `frequencies`, when given, is the index the alerts will see: of the
  // branches of an AND, the one whose terms are in the fewest articles is
  // listed (else, or when the index fails to answer, the one with the
  // fewest terms). Throws nothing but std::bad_alloc.
  Status add(const Alert& alert, const Xapian::Database* frequencies = nullptr);
  void remove(const std::string& id);
  size_t size() const;
  // The Problem of `query` if add() would refuse it.
  Status check(const std::string& query);

  struct Match {
    std::string alert_id;
    Xapian::docid doc;  // in the `source` given to match()
  };
  // The alerts that each of `docs` in `source` matches, by document in the
  // order of `docs`. Documents `source` does not hold are left out.
  std::vector<Match> match(const Xapian::Database& source, const std::vector<Xapian::docid>& docs);

  // How many alerts the last match() ran, for the benchmark.
  size_t last_candidates() const;

 private:
  struct Compiled {
    std::string id;
    Xapian::Query query;
    std::optional<std::vector<std::string>> terms;
  };
  void index(size_t slot);
  void unindex(size_t slot);

  mutable std::mutex mutex_;
  QueryBuilder builder_;
  std::vector<std::optional<Compiled>> alerts_;  // a removed alert leaves its slot free
  std::vector<size_t> free_slots_;
  std::map<std::string, size_t> slot_of_;
  std::unordered_map<std::string, std::vector<size_t>> by_term_;
  std::vector<size_t> without_terms_;
  // The terms of phrases (and NEARs), with the number of alerts using them:
  // the only terms whose positions a batch copies (reading every term's
  // positions was most of a check's time).
  std::unordered_map<std::string, size_t> positional_;
  size_t last_candidates_ = 0;
};

}  // namespace gazette
