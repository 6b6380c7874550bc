// Facet counts from the columns (search/facet_columns.h) against counts made
// by brute force, document by document, over the filtered matches: single-
// and multi-select requests, after writes and deletes (a new revision), and
// over local shards read as one database. On the committed fixture.
#include <filesystem>
#include <map>

#include <gtest/gtest.h>
#include <xapian.h>

#include "common/value_list.h"
#include "corpus_fixture.h"
#include "indexer/live_writer.h"
#include "search/facet_columns.h"
#include "search/searcher.h"

namespace gazette {
namespace {

using Counts = std::map<std::string, Xapian::doccount>;

// Every match of `text` and `filters`, by Xapian's own filter terms.
Xapian::MSet all_matches(const Xapian::Database& db, const std::string& text, const SearchFilters& filters) {
  QueryBuilder builder;
  ParsedQuery parsed = builder.parse(text);
  EXPECT_TRUE(parsed.ok());
  Xapian::Enquire enquire(db);
  enquire.set_query(QueryBuilder::filtered(parsed.matching, filters));
  return enquire.get_mset(0, db.get_doccount());
}

// The keys (facet_value_key) of `facet` over the matches of `text` and every filter but the
// facet's own, read from each document's slot.
Counts brute_force(const Xapian::Database& db, const std::string& text, const SearchFilters& filters, Facet facet) {
  Counts out;
  Xapian::MSet mset = all_matches(db, text, without_filter_on(filters, facet));
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    std::set<std::string> seen;
    for_each_value(it.get_document().get_value(facet_slot(facet)), [&](std::string_view v) {
      std::string key = facet_value_key(facet, v);
      if (seen.insert(key).second) ++out[key];
    });
  }
  return out;
}

struct Counted {
  Xapian::doccount total = 0;
  std::map<Facet, Counts> facets;
};

Counted count_with_columns(const Xapian::Database& db, const FacetColumns& columns, const std::string& text,
                           const SearchFilters& filters) {
  const std::vector<Facet> facets(std::begin(kAllFacets), std::end(kAllFacets));
  ColumnFacetCounter counter(columns, filters, facets);
  QueryBuilder builder;
  Xapian::Enquire enquire(db);
  ParsedQuery parsed = builder.parse(text);
  enquire.set_query(QueryBuilder::filtered(parsed.matching, ColumnFacetCounter::without_facet_filters(filters)));
  enquire.add_matchspy(&counter);
  enquire.get_mset(0, 0, db.get_doccount());
  Counted out{counter.total(), {}};
  for (Facet f : facets) {
    auto counts = counter.counts(f);
    counts->for_each_counted([&](uint32_t k, Xapian::doccount n) { out.facets[f][std::string(counts->key(k))] = n; });
  }
  return out;
}

struct Request {
  std::string text;
  SearchFilters filters;

  // The search with every facet, every value.
  SearchRequest all_facets() const {
    SearchRequest request;
    request.query = text;
    request.filters = filters;
    request.facets.assign(std::begin(kAllFacets), std::end(kAllFacets));
    request.facet_size = 1000;
    return request;
  }
};

// Single- and multi-select requests over what the fixture holds (2012
// Wikinews: tags "france" and "québec", Québec and Barack Obama, a week of
// July).
std::vector<Request> requests() {
  std::vector<Request> out;
  out.push_back({"", {}});
  out.push_back({"gouvernement", {}});
  SearchFilters tag;
  tag.tags = {"France"};
  out.push_back({"", tag});
  SearchFilters two_tags = tag;
  two_tags.tags.push_back("Québec");
  two_tags.entities = {"l:quebec", "p:barack-obama"};
  out.push_back({"", two_tags});
  SearchFilters week;
  week.from = parse_date_bound("2012-07-02", false);
  week.to = parse_date_bound("2012-07-08", true);
  out.push_back({"", week});
  SearchFilters everything = two_tags;
  everything.from = parse_date_bound("2012-06", false);
  everything.sections = {"wikinews"};
  everything.sources = {"Wikinews"};
  out.push_back({"le", everything});
  return out;
}

void expect_brute_force_counts(const Xapian::Database& db, const FacetColumns& columns) {
  size_t nonempty = 0;
  for (const Request& r : requests()) {
    SCOPED_TRACE("q='" + r.text + "'");
    Counted got = count_with_columns(db, columns, r.text, r.filters);
    EXPECT_EQ(got.total, all_matches(db, r.text, r.filters).size());
    nonempty += got.total > 0;
    for (Facet f : kAllFacets) EXPECT_EQ(got.facets[f], brute_force(db, r.text, r.filters, f)) << facet_name(f);
  }
  // The requests are not vacuous: most match something.
  EXPECT_GE(nonempty, 5u);
}

TEST(FacetColumns, CountsEqualBruteForceForSingleAndMultiSelect) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  FacetColumns columns(db);
  EXPECT_GT(columns.column(Facet::kTag).value_count(), 100u);
  EXPECT_GT(columns.column(Facet::kEntity).value_count(), 50u);
  ASSERT_FALSE(columns.column(Facet::kTag).codes_of_key("france").empty());
  expect_brute_force_counts(db, columns);
}

TEST(FacetColumns, SearcherCountsTheSameWithAndWithoutColumns) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  Searcher with(db), without(db);
  with.set_columns(std::make_shared<const FacetColumns>(db));
  for (const Request& r : requests()) {
    SCOPED_TRACE("q='" + r.text + "'");
    SearchResult a = with.search(r.all_facets()), b = without.search(r.all_facets());
    ASSERT_FALSE(a.problem);
    EXPECT_EQ(a.total, b.total);
    EXPECT_TRUE(a.total_exact);
    ASSERT_EQ(a.facets.size(), b.facets.size());
    for (size_t i = 0; i < a.facets.size(); ++i) {
      ASSERT_EQ(a.facets[i].values.size(), b.facets[i].values.size()) << facet_name(a.facets[i].facet);
      for (size_t v = 0; v < a.facets[i].values.size(); ++v) {
        EXPECT_EQ(a.facets[i].values[v].value, b.facets[i].values[v].value);
        EXPECT_EQ(a.facets[i].values[v].count, b.facets[i].values[v].count);
        EXPECT_EQ(a.facets[i].values[v].name, b.facets[i].values[v].name);
      }
    }
  }
}

TEST(FacetColumns, ANewRevisionAfterWritesAndDeletesCountsRight) {
  const std::string dir = test::temp_dir("facet-columns-writes") + "/index";
  std::filesystem::copy(test::CorpusSlice::committed().db, dir, std::filesystem::copy_options::recursive);
  Xapian::Database db(dir);
  expect_brute_force_counts(db, FacetColumns(db));

  // A new article with a new tag, an article deleted, one rewritten.
  LiveWriter writer(dir);
  const auto& articles = test::CorpusSlice::committed().articles;
  Article added = articles[0];
  added.id = "facet-columns-added";
  added.tags = {"France", "Tag nouveau"};
  Article changed = articles[1];
  changed.tags = {"Québec"};
  writer.put({added, changed});
  ASSERT_TRUE(writer.remove(articles[2].id));
  db.reopen();
  FacetColumns fresh(db);
  expect_brute_force_counts(db, fresh);
  Counted all = count_with_columns(db, fresh, "", {});
  EXPECT_EQ(all.total, test::kFixtureArticles);  // one added, one deleted
  EXPECT_EQ(all.facets[Facet::kTag]["tag nouveau"], 1u);
}

// Local shards are read as one database with MatchSpies (no columns: see
// ShardSet::revision()); one index with columns counts the same.
TEST(FacetColumns, LocalShardsCountAsOneIndexWithColumns) {
  const auto& fixture = test::CorpusSlice::committed();
  auto opened = test::open_fixture_shards();
  ASSERT_NE(opened, nullptr);
  ShardSet& shards = opened->shards;
  EXPECT_FALSE(shards.revision());
  Xapian::Database one(fixture.db);
  Searcher sharded(shards.database()), single(one);
  single.set_columns(std::make_shared<const FacetColumns>(one));
  for (const Request& r : requests()) {
    SCOPED_TRACE("q='" + r.text + "'");
    SearchResult a = sharded.search(r.all_facets()), b = single.search(r.all_facets());
    EXPECT_EQ(a.total, b.total);
    ASSERT_EQ(a.facets.size(), b.facets.size());
    for (size_t i = 0; i < a.facets.size(); ++i) {
      std::map<std::string, Xapian::doccount> x, y;
      for (const auto& v : a.facets[i].values) x[v.value] = v.count;
      for (const auto& v : b.facets[i].values) y[v.value] = v.count;
      EXPECT_EQ(x, y) << facet_name(a.facets[i].facet);
    }
  }
}

}  // namespace
}  // namespace gazette
