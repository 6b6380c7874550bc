// Answers searches over a Gazette index: the matching articles in the asked
// order, with their stored fields and query-biased snippets.
//
// A Searcher holds a Xapian::Database (one index, or a cluster's shards
// opened as one: Xapian shares their statistics, so results are those of one
// index) and a QueryBuilder; neither is thread-safe, so use one Searcher per
// thread. Expected failures (a bad query, an unreadable stored document) are
// returned as Problems. Xapian's errors are thrown: Xapian::NetworkError when
// a remote shard fails, Xapian::DatabaseModifiedError when commits discard the
// revision being read (the caller reopens and tries again).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "common/problem.h"
#include "search/facet_columns.h"
#include "search/facets.h"
#include "search/query_builder.h"
#include "search/revision_memory.h"
#include "search/snippet.h"
#include "search/story_timeline.h"
#include "search/title_match.h"
#include "stories/story_members.h"

namespace gazette {

enum class SortOrder { kRelevance, kNewestFirst, kOldestFirst };

// The weighting of ranked searches: BM25 with kRankingBm25 (term_weight.h).
Xapian::BM25Weight ranking_weight();
// The query that ranks the hits of `parsed` in `db`: its query, and the
// weight its words earn in titles (title_match.h), with the titles in memory
// of `titles`, and its words weighed with the documents' lengths in memory
// of `lengths` when there are any (term_weight.h; both kept alive by the
// caller while the query is run). `kind` kStock: Xapian's terms, and its
// BM25 over the title's terms and their phrase, as a remote shard can run.
Xapian::Query ranked_query(const ParsedQuery& parsed, const Xapian::Database& db, SpyKind kind,
                           std::vector<ShardTitles> titles = {}, const std::vector<ShardLengths>& lengths = {});

struct SearchRequest {
  std::string query;
  SearchFilters filters;
  SortOrder sort = SortOrder::kRelevance;
  size_t offset = 0;
  size_t limit = 10;
  size_t snippets = 3;  // fragments per hit; 0 for none
  std::vector<Facet> facets;
  size_t facet_size = 10;                     // values per facet (per type for entities; not for dates)
  std::optional<DateInterval> date_interval;  // chosen from the matches if unset
  double time_limit_seconds = 0;              // 0: none; else results may be partial
  bool strict = false;                        // an incomplete operator or a lone bracket is an error, not left out
  // Versions of one text (stories/versions.h) show as one hit, the best
  // ranked; the total and the facets still count every article.
  bool collapse = true;
};

struct Hit {
  Article article;  // without its quotes and its entities' aliases (read_hit_article)
  double score = 0;
  Fragment title;                  // the title with matches marked
  std::vector<Fragment> snippets;  // best passages of summary and body
  size_t versions = 0;             // other versions of its text in the index
  std::string story;               // the id of its story (stories/stories.h)
};

struct SearchResult {
  std::optional<Problem> problem;  // a bad query, an unreadable hit: the rest is empty
  size_t total = 0;                // matching articles (an estimate unless total_exact)
  bool total_exact = true;
  // The hits once versions are collapsed, when the match knows it exactly;
  // else `total`, which it cannot exceed: pages end there at the latest.
  size_t hits_total = 0;
  std::vector<Hit> hits;
  std::vector<FacetResult> facets;
  // A corrected query ("did you mean"), when a rare word of this one has a
  // spelling in many times more articles. `corrected`: this query found
  // nothing, and the hits, total and facets are the suggestion's.
  std::string suggestion;
  bool corrected = false;
  // In French, what was left out of the query to read it ("« OR » ignoré :
  // …"); empty when it was read as typed (ParsedQuery::notice).
  std::string notice;
  double took_ms = 0;
};

class Searcher {
 public:
  // `spies`: kStock when `db` has remote shards (facets.h). `spelling`: the
  // database holding the spelling data for "did you mean", when not `db`
  // (remote shards do not answer spelling requests).
  explicit Searcher(Xapian::Database db, SpyKind spies = SpyKind::kInProcess,
                    std::optional<Xapian::Database> spelling = std::nullopt);

  // Searches database() as `memory` lets it: the same results with any
  // memory of the revision read, or none.
  SearchResult search(const SearchRequest& request, const RevisionMemory& memory = {});

  // Moves to the latest committed revision (cheap when nothing changed).
  void reopen();

  // The stored article with this id; Problem "not_found" when the index has
  // none, "bad_stored_document" when it cannot be read.
  Result<Article> article(const std::string& id);
  // The other versions of article `id` (stories/versions.h), oldest first;
  // the same Problems.
  Result<std::vector<Article>> versions(const std::string& id);

  // The stories (stories/stories.h) with the most articles matching the
  // query and filters of `request` (its sort, page and facets are not
  // used), at most `size`, most matching first, each summarised; the
  // Problem of a bad query.
  // Each story's articles come from `members` when given (at the revision
  // database() reads), else from the days around them (story_timeline.h).
  Result<std::vector<StorySummary>> stories(const SearchRequest& request, size_t size,
                                            const StoryMembership* members = nullptr);

  Xapian::Database& database() { return db_; }
  SpyKind spy_kind() const { return spies_; }

  // The `total` that search() gives for `query` alone (no filters, no time
  // limit), read by `builder` as search() reads it and counted exactly; 0
  // when it finds nothing (where search() would try a correction).
  static Xapian::doccount total(const Xapian::Database& db, QueryBuilder& builder, const std::string& query);

 private:
  // Visits every match of `query` in `db` without weighting it, feeding
  // `spies`.
  static Xapian::MSet count(const Xapian::Database& db, const Xapian::Query& query,
                            const std::vector<Xapian::MatchSpy*>& spies, double time_limit_seconds);

  // The search of the query as typed, without a correction.
  SearchResult search_as_typed(const SearchRequest& request, const RevisionMemory& memory);

  // The exact total and the facets of `request`, counted from the columns in
  // one pass per shard.
  void count_with_columns(const SearchRequest& request, const ParsedQuery& parsed,
                          const std::vector<ShardColumns>& columns, SearchResult& result);

  // The exact total and the facets of `request`, counted by MatchSpies: one
  // pass, and one more per facet filtered on itself.
  void count_with_spies(const SearchRequest& request, const ParsedQuery& parsed, SearchResult& result);

  Xapian::Database db_;
  SpyKind spies_;
  std::optional<Xapian::Database> spelling_;
  QueryBuilder builder_;
};

}  // namespace gazette
