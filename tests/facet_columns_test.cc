// Facet counts from the columns (search/facet_columns.h) against counts made
// by brute force, document by document, over the filtered matches: single-
// and multi-select requests, after writes and deletes (a new revision), and
// over local shards read as one database. On the committed fixture.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include <gtest/gtest.h>
#include <xapian.h>

#include "common/entity.h"
#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/stored_document.h"
#include "common/value_list.h"
#include "corpus_fixture.h"
#include "indexer/live_writer.h"
#include "search/facet_columns.h"
#include "search/searcher.h"
#include "stories/story_members.h"

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
  std::map<Facet, std::map<std::string, std::string>> shown;  // key -> the spelling shown
};

// `array_codes_limit`: 0 counts every column by sorting codes, the default
// every code of the fixture's columns in an array, a few codes each column's
// most frequent in an array and the others by sorting (as the entities' are
// at scale).
Counted count_with_columns(const Xapian::Database& db, const FacetColumns& columns, const std::string& text,
                           const SearchFilters& filters,
                           size_t array_codes_limit = ColumnFacetCounter::kArrayCodesLimit) {
  const std::vector<Facet> facets(std::begin(kAllFacets), std::end(kAllFacets));
  ColumnFacetCounter counter(columns, filters, facets, array_codes_limit);
  QueryBuilder builder;
  Xapian::Enquire enquire(db);
  ParsedQuery parsed = builder.parse(text);
  enquire.set_query(QueryBuilder::filtered(parsed.matching, ColumnFacetCounter::without_facet_filters(filters)));
  enquire.add_matchspy(&counter);
  enquire.get_mset(0, 0, db.get_doccount());
  Counted out{counter.total(), {}};
  for (Facet f : facets) {
    auto counts = counter.counts(f);
    for (const KeyedCounts::Counted& c : counts->counted()) {
      out.facets[f][std::string(counts->key(c.key))] = c.count;
      out.shown[f][std::string(counts->key(c.key))] = counts->shown(c.key);
    }
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
    // Every column counted by sorting codes, and split as the entities' are.
    Counted sorted = count_with_columns(db, columns, r.text, r.filters, 0);
    Counted split = count_with_columns(db, columns, r.text, r.filters, 3);
    EXPECT_EQ(got.total, all_matches(db, r.text, r.filters).size());
    EXPECT_EQ(sorted.total, got.total);
    EXPECT_EQ(split.total, got.total);
    nonempty += got.total > 0;
    for (Facet f : kAllFacets) {
      EXPECT_EQ(got.facets[f], brute_force(db, r.text, r.filters, f)) << facet_name(f);
      EXPECT_EQ(sorted.facets[f], got.facets[f]) << facet_name(f);
      EXPECT_EQ(sorted.shown[f], got.shown[f]) << facet_name(f);
      EXPECT_EQ(split.facets[f], got.facets[f]) << facet_name(f);
      EXPECT_EQ(split.shown[f], got.shown[f]) << facet_name(f);
    }
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

// A count in a counter's array has 16 bits (FacetColumns::borrow_counts):
// counts of 65,536 and more are right all the same, in the array, sorted,
// or split between both.
TEST(FacetColumns, CountsPastWhatAnArraysSixteenBitsHold) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  constexpr Xapian::doccount kArticles = 70'000, kWrapped = 65'536;
  for (Xapian::doccount i = 0; i < kArticles; ++i) {
    Xapian::Document doc;
    doc.add_value(schema::kSectionSlot, "Météo");
    doc.add_value(schema::kTagsSlot, join_values(i < kWrapped ? std::vector<std::string>{"Orages", "Grêle"}
                                                              : std::vector<std::string>{"Orages"}));
    db.add_document(doc);
  }
  const FacetColumns columns(db);
  for (size_t limit : {ColumnFacetCounter::kArrayCodesLimit, size_t{0}, size_t{1}}) {
    SCOPED_TRACE(limit);
    Counted got = count_with_columns(db, columns, "", {}, limit);
    EXPECT_EQ(got.total, kArticles);
    EXPECT_EQ(got.facets[Facet::kSection], (Counts{{"meteo", kArticles}}));
    EXPECT_EQ(got.facets[Facet::kTag], (Counts{{"grele", kWrapped}, {"orages", kArticles}}));
  }
}

// How many documents of `column` (up to `last`) hold each code.
std::vector<size_t> documents_per_code(const FacetColumn& column, Xapian::docid last) {
  std::vector<size_t> held(column.value_count(), 0);
  for (Xapian::docid did = 1; did <= last; ++did)
    for (uint32_t c : column.codes(did)) ++held[c];
  return held;
}

// A column read whole numbers its codes by how many documents hold them,
// most first, so that the counters' arrays hold the frequent ones.
TEST(FacetColumns, CodesAreNumberedByFrequencyMostFirst) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  const FacetColumns columns(db);
  for (Facet f : kAllFacets) {
    SCOPED_TRACE(facet_name(f));
    const std::vector<size_t> held = documents_per_code(columns.column(f), db.get_lastdocid());
    ASSERT_FALSE(held.empty());
    EXPECT_TRUE(std::is_sorted(held.rbegin(), held.rend()));
    // The fixture has one section and one source; its tags, entities and
    // days are of many frequencies.
    if (f == Facet::kTag || f == Facet::kEntity || f == Facet::kDate) {
      EXPECT_GT(held.front(), held.back());
    }
  }
  // The fixture's most frequent tag is "France" (2012 Wikinews in French).
  const FacetColumn& tags = columns.column(Facet::kTag);
  EXPECT_EQ(facet_value_key(Facet::kTag, tags.value(0)), "france");
}

// Counts, hits, their order and weights, and their stories are the same
// from the revision's memory (columns, titles' words, stories) as from the
// index.
TEST(FacetColumns, SearcherAnswersTheSameFromMemoryAndFromTheIndex) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  Searcher with(db), without(db);
  RevisionMemory memory = RevisionMemory::of(db, std::make_shared<const FacetColumns>(db));
  memory.stories = StoryMembership{{std::make_shared<const StoryMembers>(db)}};
  size_t hits_in_stories = 0;
  for (const Request& r : requests()) {
    SCOPED_TRACE("q='" + r.text + "'");
    SearchResult a = with.search(r.all_facets(), memory), b = without.search(r.all_facets());
    ASSERT_FALSE(a.problem);
    EXPECT_EQ(a.total, b.total);
    EXPECT_TRUE(a.total_exact);
    ASSERT_EQ(a.hits.size(), b.hits.size());
    for (size_t h = 0; h < a.hits.size(); ++h) {
      EXPECT_EQ(a.hits[h].article.id, b.hits[h].article.id);
      EXPECT_DOUBLE_EQ(a.hits[h].score, b.hits[h].score);
      EXPECT_EQ(a.hits[h].story, b.hits[h].story);
      hits_in_stories += !a.hits[h].story.empty();
    }
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
  EXPECT_GT(hits_in_stories, 10u);
}

// The entity facet gives each type's `facet_size` most counted entities,
// ties in key order, then the selected ones not among them: as brute force
// ranks them. facet_result() passes over a key counted less than every
// type's worst kept one before it looks up the key's type.
TEST(FacetColumns, EntityFacetGivesEachTypesMostCountedAsBruteForce) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  Searcher searcher(db);
  RevisionMemory memory = RevisionMemory::of(db, std::make_shared<const FacetColumns>(db));
  constexpr size_t kSize = 3;
  size_t types_cut = 0;  // types with more entities counted than shown
  for (const Request& r : requests()) {
    SCOPED_TRACE("q='" + r.text + "'");
    SearchRequest request = r.all_facets();
    request.facets = {Facet::kEntity};
    request.facet_size = kSize;
    SearchResult got = searcher.search(request, memory);
    ASSERT_FALSE(got.problem);
    ASSERT_EQ(got.facets.size(), 1u);

    std::map<EntityType, std::vector<std::pair<Xapian::doccount, std::string>>> by_type;
    for (const auto& [key, count] : brute_force(db, r.text, r.filters, Facet::kEntity))
      if (auto type = entity_type_of_id(key)) by_type[*type].emplace_back(count, key);
    auto ranks_before = [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    auto selected = [&](const std::string& key) {
      return std::find(r.filters.entities.begin(), r.filters.entities.end(), key) != r.filters.entities.end();
    };
    std::vector<std::pair<std::string, Xapian::doccount>> expected;
    for (EntityType type : kEntityTypes) {
      auto& keys = by_type[type];
      std::sort(keys.begin(), keys.end(), ranks_before);
      types_cut += keys.size() > kSize;
      for (size_t i = 0; i < keys.size(); ++i)
        if (i < kSize || selected(keys[i].second)) expected.emplace_back(keys[i].second, keys[i].first);
    }
    std::vector<std::pair<std::string, Xapian::doccount>> shown;
    for (const FacetValue& v : got.facets[0].values) shown.emplace_back(v.value, v.count);
    EXPECT_EQ(shown, expected);
  }
  // The requests cut most types' lists short, where keys are passed over.
  EXPECT_GE(types_cut, 10u);
}

// Every document has the same values in `a` and `b`, and the values group
// under the same keys.
void expect_same_columns(const Xapian::Database& db, const FacetColumns& a, const FacetColumns& b) {
  for (Facet f : kAllFacets) {
    SCOPED_TRACE(facet_name(f));
    const FacetColumn &x = a.column(f), &y = b.column(f);
    auto values = [](const FacetColumn& column, Xapian::docid did) {
      std::set<std::string> out;
      for (uint32_t c : column.codes(did)) out.emplace(column.value(c));
      return out;
    };
    for (Xapian::docid did = 1; did <= db.get_lastdocid() + 1; ++did) ASSERT_EQ(values(x, did), values(y, did)) << did;
    ASSERT_EQ(x.group_count(), y.group_count());
    EXPECT_EQ(a.title_words(), b.title_words());
    EXPECT_EQ(a.document_lengths(), b.document_lengths());
    for (uint32_t g = 0; g < x.group_count(); ++g) {
      EXPECT_EQ(x.group_key(g), y.group_key(g));
      std::set<std::string> in_x, in_y;
      for (uint32_t c : x.group_codes(g)) in_x.emplace(x.value(c));
      for (uint32_t c : y.group_codes(g)) in_y.emplace(y.value(c));
      EXPECT_EQ(in_x, in_y) << x.group_key(g);
    }
    // Each code is in its group, and marked alone exactly when it is.
    for (const FacetColumn* column : {&x, &y})
      for (uint32_t c = 0; c < column->value_count(); ++c) {
        const uint32_t g = column->group(c);
        ASSERT_LT(g, column->group_count()) << column->value(c);
        const auto codes = column->group_codes(g);
        EXPECT_NE(std::find(codes.begin(), codes.end(), c), codes.end()) << column->value(c);
        EXPECT_EQ(column->alone_in_group(c), codes.end() - codes.begin() == 1) << column->value(c);
      }
  }
}

// Ranking reads each title's length from the columns (title_match.h): the
// words of the folded title that the index stores.
TEST(FacetColumns, TitleLengthsAreTheWordsOfEachFoldedTitle) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  const FacetColumns columns(db);
  ASSERT_EQ(columns.title_words().last(), db.get_lastdocid());
  size_t titled = 0;
  for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
    const std::string title = db.get_document(did).get_value(schema::kTitleKeySlot);
    const size_t words = title.empty() ? 0 : 1 + std::count(title.begin(), title.end(), ' ');
    EXPECT_EQ(columns.title_words().length(did), words) << did << " " << title;
    titled += words > 0;
  }
  EXPECT_EQ(titled, db.get_doccount());  // every fixture article has a title
  EXPECT_EQ(columns.title_words().length(db.get_lastdocid() + 1), 0);
}

// The title source checks the order of the query's words from the stems the
// columns keep; they must say what the title's positions say. For every
// article, each pair of stems side by side (by position) is held in order,
// the whole title too, and a pair the positions never put side by side is
// not.
TEST(FacetColumns, TitleStemsAreInTheOrderOfTheTitlesPositions) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  const FacetColumns columns(db);
  const std::string prefix = std::string(schema::kStemPrefix) + schema::kTitle;
  size_t pairs = 0, absent = 0;
  for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
    std::map<Xapian::termpos, std::string> at;
    for (auto t = db.termlist_begin(did); t != db.termlist_end(did); ++t) {
      if ((*t).rfind(prefix, 0) != 0 || (*t).size() == prefix.size() ||
          std::isupper(static_cast<unsigned char>((*t)[prefix.size()])))
        continue;
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at[*p] = (*t).substr(prefix.size());
    }
    std::vector<uint32_t> title;
    std::set<std::pair<uint32_t, uint32_t>> side_by_side;
    for (const auto& [pos, stem] : at) {
      ASSERT_EQ(pos, title.size() + 1) << did << ": positions are numbered from 1 without gaps";
      title.push_back(title_stem_code(stem));
      if (title.size() > 1) side_by_side.emplace(title[title.size() - 2], title.back());
    }
    ASSERT_FALSE(title.empty()) << did;
    EXPECT_EQ(columns.title_words().holds_in_order(did, title), true) << did;
    for (const auto& [a, b] : side_by_side) {
      EXPECT_EQ(columns.title_words().holds_in_order(did, {a, b}), true) << did;
      ++pairs;
      if (!side_by_side.count({b, a}) && a != b) {
        EXPECT_EQ(columns.title_words().holds_in_order(did, {b, a}), false) << did;
        ++absent;
      }
    }
  }
  EXPECT_GT(pairs, 500u);
  EXPECT_GT(absent, 500u);
  EXPECT_EQ(columns.title_words().holds_in_order(db.get_lastdocid() + 1, {1, 2}), std::nullopt);
}

TEST(FacetColumns, AddedArticlesExtendTheColumnsOfTheEarlierRevision) {
  const std::string dir = test::writable_copy(test::CorpusSlice::committed().db, "facet-columns-added");
  Xapian::Database db(dir);
  const FacetColumns earlier(db);
  const Xapian::docid last = db.get_lastdocid();

  // Three new articles, with a new tag, a new section and a new spelling of
  // an existing tag, and one with neither section nor date; and an article
  // written again unchanged.
  LiveWriter writer(dir);
  const auto& articles = test::CorpusSlice::committed().articles;
  Article first = articles[0], second = articles[1], third = articles[2];
  first.id = "facet-columns-added-1";
  first.tags = {"FRANCE", "Tag nouveau"};
  second.id = "facet-columns-added-2";
  second.section = "Rubrique nouvelle";
  third.id = "facet-columns-added-3";
  third.section.clear();
  third.date = Date{};
  writer.put({first, second, third, articles[3]});
  db.reopen();
  const FacetColumns extended(db, earlier);
  EXPECT_EQ(extended.first_read(), last + 1);
  expect_same_columns(db, extended, FacetColumns(db));
  expect_brute_force_counts(db, extended);
  Counted all = count_with_columns(db, extended, "", {});
  EXPECT_EQ(all.total, test::kFixtureArticles + 3);
  // A slot of one value that a document leaves empty gives it no code.
  const std::optional<Xapian::docid> undated = find_article(db, third.id);
  ASSERT_TRUE(undated);
  EXPECT_TRUE(extended.column(Facet::kSection).codes(*undated).empty());
  EXPECT_TRUE(extended.column(Facet::kDate).codes(*undated).empty());
  EXPECT_EQ(
      extended.column(Facet::kSource).codes(*undated).end() - extended.column(Facet::kSource).codes(*undated).begin(),
      1);
  EXPECT_EQ(all.facets[Facet::kTag]["tag nouveau"], 1u);
  EXPECT_EQ(all.facets[Facet::kSection][section_key("Rubrique nouvelle")], 1u);
  EXPECT_EQ(all.facets[Facet::kTag]["france"],
            count_with_columns(db, earlier, "", {}).facets[Facet::kTag]["france"] + 1);

  // Codes keep their numbers when extended: the new values follow.
  for (Facet f : kAllFacets)
    for (uint32_t c = 0; c < earlier.column(f).value_count(); ++c)
      ASSERT_EQ(extended.column(f).value(c), earlier.column(f).value(c)) << facet_name(f);
  EXPECT_GE(extended.column(Facet::kTag).codes_of_key("tag nouveau").begin()[0],
            earlier.column(Facet::kTag).value_count());

  // The columns of the first documents only, extended to all of them.
  const FacetColumns prefix(db, last - 10);
  EXPECT_TRUE(prefix.column(Facet::kSection).codes(last).empty());
  const FacetColumns whole(db, prefix);
  EXPECT_EQ(whole.first_read(), last - 9);
  expect_same_columns(db, whole, extended);
}

TEST(FacetColumns, ARevisionThatRewroteIsBuiltAnewOneThatDeletedIsExtended) {
  const std::string dir = test::writable_copy(test::CorpusSlice::committed().db, "facet-columns-writes");
  Xapian::Database db(dir);
  const FacetColumns earlier(db);
  expect_brute_force_counts(db, earlier);

  // A new article with a new tag, and one rewritten.
  LiveWriter writer(dir);
  const auto& articles = test::CorpusSlice::committed().articles;
  Article added = articles[0];
  added.id = "facet-columns-added";
  added.tags = {"France", "Tag nouveau"};
  Article changed = articles[1];
  changed.tags = {"Tag réécrit"};
  writer.put({added, changed});
  db.reopen();
  const FacetColumns after_rewrite(db, earlier);
  EXPECT_EQ(after_rewrite.first_read(), 1u);
  expect_same_columns(db, after_rewrite, FacetColumns(db));
  expect_brute_force_counts(db, after_rewrite);
  EXPECT_EQ(
      count_with_columns(db, after_rewrite, "", {}).facets[Facet::kTag][facet_value_key(Facet::kTag, "Tag réécrit")],
      1u);

  // An article deleted and one added: the columns are extended, and the
  // deleted one, whose values they keep, is counted nowhere.
  const Xapian::docid last = db.get_lastdocid();
  const Counted before_delete = count_with_columns(db, after_rewrite, "", {});
  Article deleted = articles[2];
  ASSERT_FALSE(deleted.section.empty());
  const std::string deleted_section = facet_value_key(Facet::kSection, deleted.section);
  ASSERT_TRUE(writer.remove(deleted.id));
  Article added_after = articles[0];
  added_after.id = "facet-columns-added-after-delete";
  added_after.section = "Rubrique après suppression";
  writer.put({added_after});
  db.reopen();
  const FacetColumns after_delete(db, after_rewrite);
  EXPECT_EQ(after_delete.first_read(), last + 1);
  expect_brute_force_counts(db, after_delete);
  Counted all = count_with_columns(db, after_delete, "", {});
  EXPECT_EQ(all.total, test::kFixtureArticles + 1);  // two added, one deleted
  EXPECT_EQ(all.facets[Facet::kTag]["tag nouveau"], 1u);
  EXPECT_EQ(all.facets[Facet::kSection][facet_value_key(Facet::kSection, "Rubrique après suppression")], 1u);
  const auto section_count = [&](const Counted& c) {
    auto found = c.facets.at(Facet::kSection).find(deleted_section);
    return found == c.facets.at(Facet::kSection).end() ? 0u : found->second;
  };
  EXPECT_EQ(section_count(all) + 1, section_count(before_delete) + (added_after.section == deleted.section));
}

TEST(FacetColumns, AnotherDatabaseIsBuiltAnew) {
  // An outside reindex: a new database, which only ever added documents
  // and has more of them, but is not the one the columns were read from.
  Xapian::Database db(test::CorpusSlice::committed().db);
  const FacetColumns earlier(db);
  const std::string dir = test::temp_dir("facet-columns-other") + "/index";
  std::vector<Article> articles = test::CorpusSlice::committed().articles;
  articles.push_back(articles[0]);
  articles.back().id = "facet-columns-other";
  LiveWriter(dir).put(articles);
  Xapian::Database other(dir);
  ASSERT_GT(other.get_lastdocid(), db.get_lastdocid());
  const FacetColumns columns(other, earlier);
  EXPECT_EQ(columns.first_read(), 1u);
  expect_same_columns(other, columns, FacetColumns(other));
}

// Local shards read as one database count as one index: with columns, one
// pass per shard summed by key, and with MatchSpies over the combined
// database.
TEST(FacetColumns, LocalShardsCountAsOneIndex) {
  const auto& fixture = test::CorpusSlice::committed();
  auto opened = test::open_fixture_shards();
  ASSERT_NE(opened, nullptr);
  ShardSet& shards = opened->shards;
  RevisionMemory shards_memory;
  for (auto& [i, shard] : shards.local_shards())
    shards_memory.columns.push_back({shard, std::make_shared<const FacetColumns>(shard)});
  ASSERT_EQ(shards_memory.columns.size(), test::kClusterShards);
  Xapian::Database one(fixture.db);
  Searcher with_columns(shards.database()), with_spies(shards.database()), single(one);
  const RevisionMemory single_memory = RevisionMemory::of(one, std::make_shared<const FacetColumns>(one));
  auto counts = [](const FacetResult& f) {
    std::map<std::string, Xapian::doccount> out;
    for (const auto& v : f.values) out[v.value] = v.count;
    return out;
  };
  for (const Request& r : requests()) {
    SCOPED_TRACE("q='" + r.text + "'");
    SearchResult a = with_columns.search(r.all_facets(), shards_memory), b = with_spies.search(r.all_facets()),
                 c = single.search(r.all_facets(), single_memory);
    EXPECT_EQ(a.total, c.total);
    EXPECT_EQ(b.total, c.total);
    EXPECT_TRUE(a.total_exact);
    ASSERT_EQ(a.facets.size(), c.facets.size());
    ASSERT_EQ(b.facets.size(), c.facets.size());
    for (size_t i = 0; i < c.facets.size(); ++i) {
      EXPECT_EQ(counts(a.facets[i]), counts(c.facets[i])) << facet_name(c.facets[i].facet);
      EXPECT_EQ(counts(b.facets[i]), counts(c.facets[i])) << facet_name(c.facets[i].facet);
      // Entities show the same names however they are counted.
      for (size_t v = 0; v < a.facets[i].values.size() && v < c.facets[i].values.size(); ++v) {
        if (a.facets[i].values[v].value == c.facets[i].values[v].value) {
          EXPECT_EQ(a.facets[i].values[v].name, c.facets[i].values[v].name);
        }
      }
    }
  }
}

}  // namespace
}  // namespace gazette
