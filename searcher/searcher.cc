#include "searcher/searcher.h"

#include <chrono>

#include "common/article_json.h"
#include "common/schema.h"

namespace gazette {
namespace {

// Counting matches exactly costs a pass over every candidate; beyond this
// many, Xapian's estimate (with its bounds) is returned instead.
constexpr Xapian::doccount kExactCountUpTo = 100000;

}  // namespace

Article article_from_document(const Xapian::Document& doc) {
  auto value = nlohmann::json::parse(doc.get_data(), nullptr, false);
  ArticleFromJson parsed = article_from_json(value);
  return parsed.article ? std::move(*parsed.article) : Article{};
}

Searcher::Searcher(Xapian::Database db) : db_(std::move(db)) {}

SearchResult Searcher::search(const SearchRequest& request) {
  auto start = std::chrono::steady_clock::now();
  SearchResult result;
  ParsedQuery parsed = builder_.parse(request.query);
  if (!parsed.ok()) {
    result.error = parsed.error;
    return result;
  }
  Xapian::Query query = parsed.query;
  if (!request.filters.empty())
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, QueryBuilder::filter(request.filters));

  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  switch (request.sort) {
    case SortOrder::kRelevance: break;
    case SortOrder::kNewestFirst: enquire.set_sort_by_value_then_relevance(schema::kTimestampSlot, true); break;
    case SortOrder::kOldestFirst: enquire.set_sort_by_value_then_relevance(schema::kTimestampSlot, false); break;
  }
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                       static_cast<Xapian::doccount>(request.limit),
                                       kExactCountUpTo);
  result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  result.total = mset.get_matches_estimated();

  Highlighter highlighter(parsed.query);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.article = article_from_document(it.get_document());
    hit.score = it.get_weight();
    hit.title = highlighter.mark(hit.article.title);
    if (request.snippets) {
      const std::string& text = hit.article.summary.empty() ? hit.article.body : hit.article.summary + "\n\n" + hit.article.body;
      hit.snippets = highlighter.snippets(text, request.snippets);
    }
    result.hits.push_back(std::move(hit));
  }
  result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

std::optional<Article> Searcher::article(const std::string& id) {
  std::string term = schema::kId + id;
  Xapian::PostingIterator it = db_.postlist_begin(term);
  if (it == db_.postlist_end(term)) return std::nullopt;
  return article_from_document(db_.get_document(*it));
}

}  // namespace gazette
