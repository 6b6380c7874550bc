#include "search/quotes.h"

#include <algorithm>
#include <set>

#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/stored_document.h"

namespace gazette {
namespace {

namespace s = schema;

// The stems of the words of `text` that a query would search (stop words
// left out, as the index leaves them in the free text).
std::set<std::string> stems_of(std::string_view text, const FrenchAnalyzer& analyzer) {
  std::set<std::string> stems;
  tokenize(text, [&](const Token& t) {
    if (!analyzer.is_stopword(t.folded)) stems.insert(analyzer.stem(t.folded));
  });
  return stems;
}

bool holds_all(const std::set<std::string>& quote_stems, const std::set<std::string>& wanted) {
  return std::includes(quote_stems.begin(), quote_stems.end(), wanted.begin(), wanted.end());
}

}  // namespace

Result<QuoteSearchResult> find_quotes(const Xapian::Database& db, const QuoteRequest& request) {
  FrenchAnalyzer analyzer;
  const std::set<std::string> wanted = stems_of(request.query, analyzer);
  std::vector<Xapian::Query> parts = {Xapian::Query(s::kQuoted)};
  for (const std::string& stem : wanted) parts.push_back(in_quote(s::kStemPrefix + stem));
  if (!request.speaker.empty()) parts.emplace_back(s::kSpeaker + request.speaker);
  Xapian::Query query =
      QueryBuilder::filtered(Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()), request.filters);

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value_then_relevance(s::kTimestampSlot, true);
  std::unique_ptr<FacetCounter> speakers;
  if (request.facet_size > 0) {
    speakers = make_facet_counter(s::kSpeakersSlot, request.spies);
    enquire.add_matchspy(&speakers->spy());
  }
  // Every match is visited (exact counts for the speakers); a page's
  // articles are read from its start.
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.start.article),
                                       static_cast<Xapian::doccount>(kMaxQuoteArticlesRead), db.get_doccount());

  QuoteSearchResult out;
  out.articles = mset.get_matches_estimated();
  size_t article = request.start.article;
  for (auto m = mset.begin(); m != mset.end() && !out.next; ++m, ++article) {
    Result<Article> a = read_article(m.get_document());
    if (!a) return a.problem();
    size_t matching = 0;  // this article's matching quotes so far
    for (size_t i = 0; i < a->quotes.size(); ++i) {
      const ArticleQuote& q = a->quotes[i];
      if (!request.speaker.empty() && q.speaker_id != request.speaker) continue;
      if (!wanted.empty() && !holds_all(stems_of(q.text, analyzer), wanted)) continue;
      const size_t rank = matching++;  // its place among the article's matching quotes
      if (article == request.start.article && rank < request.start.quote) continue;
      if (out.quotes.size() == request.limit) {
        out.next = QuotePosition{article, rank};
        break;
      }
      out.quotes.push_back({q, i, a->id, a->title, a->section, a->date});
    }
  }
  if (!out.next && article < out.articles) out.next = QuotePosition{article, 0};
  if (speakers) {
    std::vector<FacetValue> counted;
    for (const auto& [entry, count] : speakers->tally()) {
      EntityEntry e = entity_entry(entry);
      counted.push_back({std::string(e.id), count, std::string(e.name)});
    }
    std::sort(counted.begin(), counted.end(), [](const FacetValue& a, const FacetValue& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (counted.size() > request.facet_size) counted.resize(request.facet_size);
    out.speakers = std::move(counted);
  }
  return out;
}

}  // namespace gazette
