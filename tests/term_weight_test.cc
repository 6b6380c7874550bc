// Words weighed with the documents' lengths from memory (term_weight.h) rank
// as Xapian's BM25Weight ranks them: the same documents, in the same order,
// with the same weights and the same estimates of the matches, in one index
// and in kept shards searched as one.
#include <gtest/gtest.h>

#include "cluster/index_layout.h"
#include "corpus_fixture.h"
#include "search/facet_columns.h"
#include "search/query_builder.h"
#include "search/searcher.h"
#include "search/term_weight.h"

namespace gazette {
namespace {

// Queries of every shape QueryBuilder gives: one word, several, other
// spellings at a lower weight (OP_SCALE_WEIGHT: "UE", "Etats-Unis"), a
// phrase, an exclusion, OR, a field.
const char* const kQueries[] = {
    "obama",           "élection présidentielle", "ue",          "Etats-Unis",        "\"premier ministre\"",
    "france -sarkozy", "syrie OR libye",          "titre:obama", "l’armée française", "président de la république",
};

std::vector<ShardLengths> lengths_of(const std::vector<const FacetColumns*>& columns) {
  std::vector<ShardLengths> out;
  for (const FacetColumns* c : columns) out.push_back({c->uuid(), &c->document_lengths()});
  return out;
}

// Ranks every match of each query both ways, with `bm25` and with Xapian's
// `weight`, and compares.
void expect_same_ranking(const Xapian::Database& db, const std::vector<ShardLengths>& lengths,
                         const Bm25Parameters& bm25 = kRankingBm25, const Xapian::Weight& weight = ranking_weight()) {
  QueryBuilder builder;
  for (const char* q : kQueries) {
    SCOPED_TRACE(q);
    const ParsedQuery parsed = builder.parse(q);
    ASSERT_TRUE(parsed.ok());
    const Xapian::Query from_memory = weigh_terms_from_memory(parsed.query, db, bm25, lengths);
    ASSERT_NE(from_memory.get_description().find("TermWeightSource"), std::string::npos)
        << from_memory.get_description();
    Xapian::Enquire xapians(db), ours(db);
    xapians.set_query(parsed.query);
    ours.set_query(from_memory);
    xapians.set_weighting_scheme(weight);
    ours.set_weighting_scheme(bm25.weight());
    // Every match, then a first page, where Xapian skips what cannot enter
    // it by the terms' bounds on their weights.
    for (Xapian::doccount size : {db.get_doccount(), Xapian::doccount{10}}) {
      const Xapian::MSet expected = xapians.get_mset(0, size), got = ours.get_mset(0, size);
      ASSERT_GT(expected.size(), 0u);
      ASSERT_EQ(got.size(), expected.size());
      EXPECT_EQ(got.get_matches_lower_bound(), expected.get_matches_lower_bound());
      EXPECT_EQ(got.get_matches_estimated(), expected.get_matches_estimated());
      EXPECT_EQ(got.get_matches_upper_bound(), expected.get_matches_upper_bound());
      for (Xapian::doccount i = 0; i < expected.size(); ++i) {
        ASSERT_EQ(*got[i], *expected[i]) << "rank " << i + 1;
        EXPECT_NEAR(got[i].get_weight(), expected[i].get_weight(), 1e-12 * expected[i].get_weight())
            << "rank " << i + 1;
      }
    }
  }
}

TEST(TermWeight, RanksAsXapiansBm25InOneIndex) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  const FacetColumns columns(db);
  expect_same_ranking(db, lengths_of({&columns}));
  // Without the lengths in memory, from the index.
  expect_same_ranking(db, {});
  // With the parameters of Xapian's default BM25Weight, as related coverage
  // weighs its terms.
  expect_same_ranking(db, lengths_of({&columns}), kXapianBm25, Xapian::BM25Weight());
}

TEST(TermWeight, RanksAsXapiansBm25OverShards) {
  const auto& slice = test::CorpusSlice::committed();
  Xapian::Database sharded;
  std::vector<std::unique_ptr<FacetColumns>> columns;
  for (size_t i = 0; i < test::kClusterShards; ++i) {
    Xapian::Database shard(layout::shard_path(slice.shards, i));
    sharded.add_database(shard);
    columns.push_back(std::make_unique<FacetColumns>(shard));
  }
  // The statistics are every shard's: a shard's own would weigh its words
  // otherwise.
  expect_same_ranking(sharded, lengths_of({columns[0].get(), columns[1].get(), columns[2].get()}));
  // One shard's lengths in memory, the others' from the index.
  expect_same_ranking(sharded, lengths_of({columns[1].get()}));
  // Xapian estimates the matches of a first page from each shard's own
  // frequencies.
  TermWeightSource source(sharded, "Zfranc", 1.0, kRankingBm25, {});
  Xapian::doccount sum = 0;
  for (size_t i = 0; i < test::kClusterShards; ++i) {
    Xapian::Database shard(layout::shard_path(slice.shards, i));
    source.init(shard);
    EXPECT_EQ(source.get_termfreq_est(), shard.get_termfreq("Zfranc"));
    EXPECT_LT(source.get_termfreq_est(), sharded.get_termfreq("Zfranc"));
    sum += source.get_termfreq_est();
  }
  EXPECT_EQ(sum, sharded.get_termfreq("Zfranc"));
}

TEST(TermWeight, OnlyTermsWeighedAsWholesBecomeSources) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  const FacetColumns columns(db);
  const std::vector<ShardLengths> lengths = lengths_of({&columns});
  using Q = Xapian::Query;
  auto sources = [&](const Q& q) {
    const std::string d = weigh_terms_from_memory(q, db, kRankingBm25, lengths).get_description();
    size_t n = 0;
    for (size_t at = d.find("TermWeightSource"); at != std::string::npos; at = d.find("TermWeightSource", at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(sources(Q("Zobam")), 1u);
  EXPECT_EQ(sources(Q(Q::OP_OR, Q("Zobam"), Q(Q::OP_SCALE_WEIGHT, Q("Zromney"), 0.3))), 2u);
  // A word asked for twice (its wqf weighs it more), the words of a phrase,
  // and what filters or excludes keep Xapian's terms.
  EXPECT_EQ(sources(Q("Zobam", 2)), 0u);
  const std::vector<Q> words = {Q("Zbarack"), Q("Zobam")};
  EXPECT_EQ(sources(Q(Q::OP_PHRASE, words.begin(), words.end(), 2)), 0u);
  EXPECT_EQ(sources(Q(Q::OP_FILTER, Q("Zobam"), Q("Zromney"))), 1u);
  EXPECT_EQ(sources(Q(Q::OP_AND_NOT, Q("Zobam"), Q("Zromney"))), 1u);
  EXPECT_EQ(sources(Q(Q::OP_SCALE_WEIGHT, Q("Zobam"), 0)), 0u);
  // A source has no part in a whole document's weight, which k2 gives.
  EXPECT_THROW(TermWeightSource(db, "Zobam", 1.0, Bm25Parameters{1.2, 1, 1, 0.75, 0.5}, {}), std::invalid_argument);
}

// The lengths read are Xapian's, and an extended read is a whole one.
TEST(TermWeight, DocumentLengthsAreXapians) {
  Xapian::Database db(test::CorpusSlice::committed().db);
  const Xapian::docid last = db.get_lastdocid();
  const DocumentLengths whole = DocumentLengths().extended(db, last);
  ASSERT_EQ(whole.last(), last);
  size_t read = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it, ++read)
    ASSERT_EQ(whole.length(*it), db.get_doclength(*it)) << *it;
  EXPECT_EQ(read, test::kFixtureArticles);
  EXPECT_FALSE(whole.holds(last + 1));
  EXPECT_EQ(DocumentLengths().extended(db, last - 10).extended(db, last), whole);
}

}  // namespace
}  // namespace gazette
