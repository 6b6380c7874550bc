// Turns what a reader types, and the filters a page or script sets, into a
// Xapian::Query over the Gazette schema.
//
// The query text goes through the same French analysis as the articles
// (fold_query), then Xapian's QueryParser with the French stemmer and stop
// words: words (ANDed), "phrases" (« » and “ ” too; a hyphenated word is
// one), -exclusion (alone: everything but), OR / AND / NOT, parentheses,
// field prefixes (titre:, resume:, auteur:, tag:, section:, source:) and
// date ranges (2020..2021, date:2022-03-01..2022-03-31). Stemmed matching
// finds the articles, phrases included ("gilet jaune" finds "gilets
// jaunes"); exact forms, when present, add weight, so "Gaza" ranks articles
// about Gaza above articles about gas. The words of a plain query weigh more
// in a title, and more again standing together in the order typed there: the
// Searcher adds that weight (title_match.h) from `title_terms`.
//
// Not thread-safe (QueryParser is not): use one QueryBuilder per thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/date.h"
#include "common/problem.h"
#include "search/facets.h"

namespace gazette {

// A query that matches every article. Not Xapian::Query::MatchAll: that is
// one object shared by every thread, and Xapian 1.4 counts its references
// without atomics, so threads that copy it race (a SEGV in /stats under
// ASan). Each call makes its own.
inline Xapian::Query match_all_query() { return Xapian::Query(std::string()); }

// Filters set outside the query text. Values of one filter are ORed,
// different filters ANDed. Empty means "no filter".
struct SearchFilters {
  std::vector<std::string> sections, tags, authors, sources;
  std::vector<std::string> entities;  // entity ids ("p:emmanuel-macron")
  std::optional<Date> from, to;       // inclusive days

  bool empty() const;
};

// The values `filters` filters `facet` on; null for the date (a range).
const std::vector<std::string>* filter_values(const SearchFilters& filters, Facet facet);
// Whether `filters` filter `facet`.
bool has_own_filter(const SearchFilters& filters, Facet facet);

// `filters` without the filter on `facet`: what a disjunctive facet is
// counted over.
SearchFilters without_filter_on(SearchFilters filters, Facet facet);

struct ParsedQuery {
  Xapian::Query query;     // ranks: stemmed matches, boosted by exact forms
  Xapian::Query matching;  // the same matches, unboosted: for counting
  // For a query of 2 to 8 plain words, their title stem terms ("ZS" + stem):
  // the Searcher adds the weight they earn in titles, more when they stand
  // in their order (title_match.h).
  std::vector<std::string> title_terms;
  // A syntax error ("bad_query"), with its position; the queries are unusable.
  std::optional<Problem> problem;
  // What a lenient parse left out, in French for the reader: "« AND » et
  // « ( » ignorés : …". Empty when the query was read as written.
  std::string notice;
  bool ok() const { return !problem; }
  // What the Highlighter marks (snippet.h): the query, and the plain words
  // as a phrase, so that a stop word standing in it is marked ("de" of "de
  // Gaulle", not of "bataille de France").
  Xapian::Query marked() const;
};

// Folds the words of a query like article text (accents, case, elisions,
// apostrophes) and leaves its syntax (quotes, operators in capitals,
// prefixes, ranges) alone: "L’école AND Élysée" -> "ecole AND elysee".
// Quotation marks become '"', and the hyphen or dot inside a word '-', the
// phrase QueryParser reads: "« Kim Jong-un »" -> "\" kim jong-un \"".
std::string fold_query(std::string_view query);

// The words of a folded query as Xapian's QueryParser reads them without
// its syntax flags: runs of letters and digits, lower case ("AND" is a word).
std::vector<std::string> plain_words(const std::string& folded);

class QueryBuilder {
 public:
  QueryBuilder();

  // The query for `text`; an empty or blank text matches every article.
  // What a reader types never fails: an operator without its operands
  // ("Macron OR", "NOT") or a bracket left alone ("(retraites") is left out
  // and said so in `notice`. `strict`: such a query is a "bad_query" problem
  // with its position instead (scripts that want to know).
  ParsedQuery parse(const std::string& text, bool strict = false);

  // The query with each word that is rare in the index `db` replaced by the
  // closest word of the spelling data (titles' words) of `spelling` when
  // that word is in many times more articles, folded; empty when nothing was
  // corrected.
  std::string corrected(const std::string& text, const Xapian::Database& db, const Xapian::Database& spelling);

  // The boolean filter for `filters` (match_all_query() when empty).
  static Xapian::Query filter(const SearchFilters& filters);
  // `query` restricted to the articles that pass `filters` (`query` itself
  // when there are none).
  static Xapian::Query filtered(const Xapian::Query& query, const SearchFilters& filters);

 private:
  // Parses an already folded query into `parsed`; false, with QueryParser's
  // message in `error`, when it cannot.
  bool parse_folded(const std::string& folded, ParsedQuery& parsed, std::string& error);

  Xapian::QueryParser stemmed_, exact_;
  Xapian::Stem stem_;
};

}  // namespace gazette
