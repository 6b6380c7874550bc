#include "search/searcher.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "common/schema.h"
#include "common/stored_document.h"
#include "stories/stories.h"
#include "stories/versions.h"

namespace gazette {

Xapian::BM25Weight ranking_weight() { return kRankingBm25.weight(); }

Searcher::Searcher(Xapian::Database db, SpyKind spies, std::optional<Xapian::Database> spelling)
    : db_(std::move(db)), spies_(spies), spelling_(std::move(spelling)) {}

void Searcher::reopen() {
  db_.reopen();
  if (spelling_) spelling_->reopen();
}

namespace {

// Their keys (facet_value_key; an entity id is its own).
std::vector<std::string> selected_keys(const SearchFilters& f, Facet facet) {
  std::vector<std::string> keys;
  if (const auto* values = filter_values(f, facet))
    for (const auto& v : *values) keys.push_back(facet == Facet::kEntity ? v : facet_value_key(facet, v));
  return keys;
}

// The version key of each hit of `mset`, in its order: from memory when it
// holds the stories (a search with all facets read 104 index blocks, 14 of
// them for these keys; strace), else from the index.
std::vector<std::string> version_keys(const Xapian::MSet& mset, const RevisionMemory& memory) {
  std::vector<std::string> keys;
  for (auto it = mset.begin(); it != mset.end(); ++it)
    keys.emplace_back(memory.stories ? memory.stories->version_key(*it) : version_key(it.get_document()));
  return keys;
}

// Notes the number of every match. A spy is told each shard's own numbers,
// which are the Database's only when it has one shard.
class MatchNumbers : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override { numbers.push_back(doc.get_docid()); }
  std::vector<Xapian::docid> numbers;
};

// The stories of the most matches in `per_story` (story id, matches), most
// first, then by id, as ValueCountMatchSpy::top_values_begin() orders them;
// at most `size`, none without an id.
std::vector<std::pair<std::string, Xapian::doccount>> most_matching(
    std::vector<std::pair<std::string, Xapian::doccount>> per_story, size_t size) {
  std::erase_if(per_story, [](const auto& story) { return story.first.empty(); });
  auto before = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const size_t kept = std::min(size, per_story.size());
  std::partial_sort(per_story.begin(), per_story.begin() + kept, per_story.end(), before);
  per_story.resize(kept);
  return per_story;
}

}  // namespace

Xapian::MSet Searcher::count(const Xapian::Database& db, const Xapian::Query& query,
                             const std::vector<Xapian::MatchSpy*>& spies, double time_limit_seconds) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  if (time_limit_seconds > 0) enquire.set_time_limit(time_limit_seconds);
  for (Xapian::MatchSpy* spy : spies) enquire.add_matchspy(spy);
  return enquire.get_mset(0, 0, db.get_doccount());
}

Xapian::doccount Searcher::total(const Xapian::Database& db, QueryBuilder& builder, const std::string& query) {
  ParsedQuery parsed = builder.parse(query);
  if (!parsed.ok()) return 0;
  // One term (a word without other spellings): its frequency is its count.
  if (parsed.matching.get_type() == Xapian::Query::LEAF_TERM)
    return db.get_termfreq(*parsed.matching.get_terms_begin());
  return count(db, parsed.matching, {}, 0).get_matches_estimated();
}

void Searcher::count_with_columns(const SearchRequest& request, const ParsedQuery& parsed,
                                  const std::vector<ShardColumns>& columns, SearchResult& result) {
  // One pass over the matches without the facet filters decides each facet
  // filter per document from the columns (facet_columns.h). Unweighted, a
  // shard's pass needs no statistics of the others: its counts are exact.
  const Xapian::Query query =
      QueryBuilder::filtered(parsed.matching, ColumnFacetCounter::without_facet_filters(request.filters));
  std::vector<std::unique_ptr<ColumnFacetCounter>> counters;
  std::vector<const ColumnFacetCounter*> counted;
  result.total = 0;
  result.total_exact = true;
  for (const ShardColumns& shard : columns) {
    counters.push_back(std::make_unique<ColumnFacetCounter>(*shard.columns, request.filters, request.facets));
    Xapian::MSet mset = count(shard.shard, query, {counters.back().get()}, request.time_limit_seconds);
    result.total_exact = result.total_exact && mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    result.total += counters.back()->total();
    counted.push_back(counters.back().get());
  }
  for (Facet facet : request.facets)
    result.facets.push_back(facet_result(facet, *ColumnFacetCounter::counts(counted, facet), request.facet_size,
                                         request.date_interval, selected_keys(request.filters, facet)));
}

void Searcher::count_with_spies(const SearchRequest& request, const ParsedQuery& parsed, SearchResult& result) {
  std::vector<std::pair<Facet, std::unique_ptr<FacetCounter>>> spies;
  std::vector<Xapian::MatchSpy*> on_count_pass;
  for (Facet facet : request.facets) {
    spies.emplace_back(facet, make_facet_counter(facet_slot(facet), spies_));
    if (!has_own_filter(request.filters, facet)) on_count_pass.push_back(&spies.back().second->spy());
  }
  if (!result.total_exact || !on_count_pass.empty()) {
    Xapian::MSet counted =
        count(db_, QueryBuilder::filtered(parsed.matching, request.filters), on_count_pass, request.time_limit_seconds);
    result.total_exact = counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
    result.total = counted.get_matches_estimated();
  }
  for (auto& [facet, spy] : spies) {
    if (has_own_filter(request.filters, facet))
      count(db_, QueryBuilder::filtered(parsed.matching, without_filter_on(request.filters, facet)), {&spy->spy()},
            request.time_limit_seconds);
    result.facets.push_back(facet_result(facet, spy->tally(), request.facet_size, request.date_interval,
                                         selected_keys(request.filters, facet)));
  }
}

SearchResult Searcher::search(const SearchRequest& request, const RevisionMemory& memory) {
  auto start = std::chrono::steady_clock::now();
  SearchResult result = search_as_typed(request, memory);
  // "Did you mean": a correction is offered whenever it finds many times
  // more; when the query finds nothing, its hits are shown instead.
  if (!result.problem && !request.query.empty()) {
    std::string corrected = builder_.corrected(request.query, db_, spelling_ ? *spelling_ : db_);
    if (!corrected.empty() && result.total == 0) {
      SearchRequest instead = request;
      instead.query = corrected;
      SearchResult found = search_as_typed(instead, memory);
      if (!found.problem && found.total > 0) {
        result = std::move(found);
        result.corrected = true;
      }
    }
    result.suggestion = std::move(corrected);
  }
  result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

// Each word weighs twice its BM25 weight in the title (a stop word's idf
// makes it weigh little): of two articles that hold the words, the one whose
// title holds more of them ranks first. Measured on the development known
// items, with Xapian's BM25 over the title's terms: MRR@10 0.961 -> 0.973
// (weight 1: 0.970; 3: 0.971; stop words left out: 0.972; a fixed weight a
// word: 0.967-0.970). With the title's own length (title_match.h): 0.976,
// scale 3 or 4: 0.975.
constexpr double kTitleWordScale = 2.0;

Xapian::Query ranked_query(const ParsedQuery& parsed, const Xapian::Database& db, SpyKind kind,
                           std::vector<ShardTitles> titles, const std::vector<ShardLengths>& lengths) {
  const Xapian::Query query = kind == SpyKind::kInProcess && !lengths.empty()
                                  ? weigh_terms_from_memory(parsed.query, db, kRankingBm25, lengths)
                                  : parsed.query;
  if (parsed.title_terms.empty()) return query;
  const auto& terms = parsed.title_terms;
  // One AND_MAYBE with the query's own boosts: Xapian 1.4 matches a nested
  // one several times slower ("toi faut toute": 3.9 against 0.5 ms for the
  // ranked pass alone).
  std::vector<Xapian::Query> parts;
  if (query.get_type() == Xapian::Query::OP_AND_MAYBE) {
    for (size_t i = 0; i < query.get_num_subqueries(); ++i) parts.push_back(query.get_subquery(i));
  } else {
    parts.push_back(query);
  }
  if (kind == SpyKind::kStock) {
    // A remote shard (xapian-tcpsrv) cannot run this process's
    // PostingSource: Xapian's BM25 over the title's terms, and their phrase.
    parts.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(terms.size()));
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                       kTitleWordScale);
  } else {
    parts.emplace_back((new TitleMatchSource(db, terms, kTitleWordScale, std::move(titles)))->release());
  }
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, parts.begin(), parts.end());
}

SearchResult Searcher::search_as_typed(const SearchRequest& request, const RevisionMemory& memory) {
  SearchResult result;
  ParsedQuery parsed = builder_.parse(request.query, request.strict);
  if (!parsed.ok()) {
    result.problem = parsed.problem;
    return result;
  }
  result.notice = std::move(parsed.notice);
  // The ranked pass finds the page of hits, and can stop early; a counting
  // pass, unweighted and without the boosts, visits every match for the
  // exact total and the facets that are not filtered on themselves. Facets
  // filtered on themselves get a counting pass without their filter.
  Xapian::Enquire enquire(db_);
  enquire.set_query(QueryBuilder::filtered(
      ranked_query(parsed, db_, spies_, memory.title_words(), memory.document_lengths()), request.filters));
  enquire.set_weighting_scheme(ranking_weight());
  if (request.time_limit_seconds > 0) enquire.set_time_limit(request.time_limit_seconds);
  switch (request.sort) {
    case SortOrder::kRelevance:
      break;
    case SortOrder::kNewestFirst:
      enquire.set_sort_by_value_then_relevance(schema::kTimestampSlot, true);
      break;
    case SortOrder::kOldestFirst:  // undated articles, without a value, last in both orders
      enquire.set_sort_by_value_then_relevance(schema::kOldestFirstSlot, true);
      break;
  }
  const auto offset = static_cast<Xapian::doccount>(request.offset);
  const auto limit = static_cast<Xapian::doccount>(request.limit);
  // Versions collapse (stories/versions.h). A collapse key makes Xapian read
  // every candidate's key; it doubled the median "filtered" search. So a
  // first page is matched without it, and again with it only when one of
  // its hits has versions: otherwise it is the collapsed first page too,
  // since only an article with versions is ever collapsed, and only into a
  // better-ranked one.
  bool collapsed = request.collapse && offset > 0;
  if (collapsed) enquire.set_collapse_key(schema::kVersionsSlot);
  Xapian::MSet mset = enquire.get_mset(offset, limit);
  // Each hit's key, read once: the check and the hit need it, and each read
  // of a value is a lookup in the index (a sixth of reading a hit, perf).
  std::vector<std::string> keys = version_keys(mset, memory);
  if (request.collapse && offset == 0 &&
      std::any_of(keys.begin(), keys.end(), [](const std::string& k) { return !k.empty(); })) {
    collapsed = true;
    enquire.set_collapse_key(schema::kVersionsSlot);
    mset = enquire.get_mset(offset, limit);
    keys = version_keys(mset, memory);
  }
  // The uncollapsed bounds count every article, as the counting pass does.
  result.total_exact = mset.get_uncollapsed_matches_lower_bound() == mset.get_uncollapsed_matches_upper_bound();
  result.total = mset.get_uncollapsed_matches_estimated();
  // Xapian's estimate of the collapsed count is a guess that depends on how
  // the index is split; only its agreed bounds are given, else the total.
  const bool hits_known = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();

  if (!memory.columns.empty() && spies_ == SpyKind::kInProcess && !request.facets.empty()) {
    count_with_columns(request, parsed, memory.columns, result);
  } else {
    count_with_spies(request, parsed, result);
  }
  result.hits_total = collapsed && hits_known ? mset.get_matches_lower_bound() : result.total;

  Highlighter highlighter(parsed.marked());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    const Xapian::Document doc = it.get_document();
    Result<Article> stored = read_hit_article(doc);
    if (!stored) {
      result = SearchResult{};
      result.problem = stored.problem();
      return result;
    }
    hit.article = std::move(stored).value();
    hit.score = it.get_weight();
    hit.versions = other_versions(db_, *it, keys[it.get_rank() - offset]);
    hit.story = memory.stories ? std::string(memory.stories->story_of(*it)) : story_id(doc);
    hit.title = highlighter.mark(hit.article.title);
    if (request.snippets) {
      const FreeText text = free_text(hit.article.summary, hit.article.body);
      std::string both;
      std::string_view shown = text.summary.empty() ? text.body : text.summary;
      if (!text.summary.empty() && !text.body.empty())
        shown = both = std::string(text.summary) + "\n\n" + std::string(text.body);
      hit.snippets = highlighter.snippets(shown, request.snippets);
    }
    result.hits.push_back(std::move(hit));
  }
  return result;
}

Result<Article> Searcher::article(const std::string& id) {
  auto docid = find_article(db_, id);
  if (!docid) return Problem{"not_found", "no article with id '" + id + "'", ""};
  return read_article(db_.get_document(*docid));
}

Result<std::vector<StorySummary>> Searcher::stories(const SearchRequest& request, size_t size,
                                                    const StoryMembership* members) {
  ParsedQuery parsed = builder_.parse(request.query, request.strict);
  if (!parsed.ok()) return *parsed.problem;
  // Every match counts for its story; an article without one (an older
  // index) counts for none. From memory, a match's story is a look-up by its
  // number, where Xapian's spy reads and hashes its value: the pass took 854 M
  // of the 2,994 M instructions of listing the stories of queries.txt with
  // the spy, 232 M from memory (callgrind).
  const Xapian::Query matching = QueryBuilder::filtered(parsed.matching, request.filters);
  std::vector<std::pair<std::string, Xapian::doccount>> per_story;
  if (members && db_.size() == 1) {
    MatchNumbers matches;
    count(db_, matching, {&matches}, request.time_limit_seconds);
    std::unordered_map<std::string_view, Xapian::doccount> counted;
    for (Xapian::docid did : matches.numbers) ++counted[members->story_of(did)];
    for (const auto& [story, n] : counted) per_story.emplace_back(story, n);
  } else {
    Xapian::ValueCountMatchSpy spy(schema::kStorySlot);
    count(db_, matching, {&spy}, request.time_limit_seconds);
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) per_story.emplace_back(*it, it.get_termfreq());
  }
  std::vector<StorySummary> out;
  for (const auto& [story, matching_articles] : most_matching(std::move(per_story), size)) {
    // An article of the story leads to the others: from memory, else the
    // first matching one (a match that Xapian may drive from the value
    // range, reading the whole slot: 218 ms a request at 1,000,000).
    Xapian::docid member = 0;
    if (members) {
      const std::vector<Xapian::docid> all = members->of(story);
      if (!all.empty()) member = all.front();
    } else {
      Xapian::Enquire one(db_);
      one.set_query(Xapian::Query(Xapian::Query::OP_FILTER, matching,
                                  Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kStorySlot, story, story)));
      one.set_weighting_scheme(Xapian::BoolWeight());
      Xapian::MSet found = one.get_mset(0, 1);
      if (!found.empty()) member = *found.begin();
    }
    if (!member) continue;
    out.push_back(summarize_story(db_, member, members));
    out.back().matching = matching_articles;
  }
  return out;
}

Result<std::vector<Article>> Searcher::versions(const std::string& id) {
  auto docid = find_article(db_, id);
  if (!docid) return Problem{"not_found", "no article with id '" + id + "'", ""};
  std::vector<Article> out;
  const std::string key = version_key(db_.get_document(*docid));
  if (key.empty()) return out;
  std::vector<std::pair<std::string, Xapian::Document>> members;  // (oldest-first key, document)
  for (Xapian::docid d : version_group(db_, *docid, key)) {
    if (d == *docid) continue;
    Xapian::Document doc = db_.get_document(d);
    members.emplace_back(doc.get_value(schema::kOldestFirstSlot), std::move(doc));
  }
  // Oldest first is the slot in descending order; undated articles last.
  std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
    if (a.first.empty() != b.first.empty()) return b.first.empty();
    return a.first > b.first;
  });
  for (const auto& [order, doc] : members) {
    Result<Article> version = read_article(doc);
    if (!version) return version.problem();
    out.push_back(std::move(version).value());
  }
  return out;
}

}  // namespace gazette
