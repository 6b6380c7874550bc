// Searching what people are quoted as saying: the quotes that the indexer
// found in article bodies (entities/quotes.h, stored with each article).
//
// A quote matches when its own words hold every word of the query (French
// analysis: accents, case, elisions and inflections do not matter) and, when
// a speaker is asked for, when that entity says it; the filters of a search
// (period, section, ...) choose the articles. Xapian finds the articles
// whose quotes hold the words and whose speakers include the one asked for
// (quote words are indexed under their own prefix, speakers as filter
// terms); each article's quotes are then checked one by one.
// Quotes come newest article first, in their order within the article.
//
// Not thread-safe (a Xapian::Database is not): one call at a time per
// database handle. Xapian's errors are thrown.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "common/problem.h"
#include "search/facets.h"
#include "search/query_builder.h"

namespace gazette {

// Where a page of quotes starts: the matching article, in the order of the
// search, and how many of its matching quotes come before.
struct QuotePosition {
  size_t article = 0;
  size_t quote = 0;
};

struct QuoteRequest {
  std::string query;    // words, all required; empty: any quote
  std::string speaker;  // an entity id ("p:olivier-veran"); empty: anyone, known or not
  SearchFilters filters;
  QuotePosition start;
  size_t limit = 10;
  size_t facet_size = 10;  // speakers counted; 0: none
  SpyKind spies = SpyKind::kInProcess;
};

struct QuoteHit {
  ArticleQuote quote;
  size_t index = 0;  // its place among its article's quotes, from 0
  std::string article_id, title, section;
  Date date;
};

struct QuoteSearchResult {
  std::vector<QuoteHit> quotes;
  // Where the next page starts; none after the last quote.
  std::optional<QuotePosition> next;
  // Articles that match, exactly: their quotes hold the words between them
  // (each quote is checked afterwards), and the speaker asked for.
  size_t articles = 0;
  // The speakers quoted in those articles, by the number of articles that
  // quote them (value: entity id, name: display name).
  std::vector<FacetValue> speakers;
};

// At most this many articles are read for one page: a page that finds
// fewer quotes than asked in them ends there, with `next` after them (it
// may hold no quote at all), so that a page costs a bounded time.
inline constexpr size_t kMaxQuoteArticlesRead = 5000;

Result<QuoteSearchResult> find_quotes(const Xapian::Database& db, const QuoteRequest& request);

}  // namespace gazette
