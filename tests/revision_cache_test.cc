// RevisionCache (search/revision_cache.h), behind the facet columns and the
// suggestion index: one copy per revision, never an old revision's copy for
// a new one, no copy for an older handle, and a failed build retried.
#include <optional>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>
#include <xapian.h>

#include "corpus_fixture.h"
#include "indexer/live_writer.h"
#include "search/revision_cache.h"

namespace gazette {
namespace {

// What the cache holds: the document count it was built from.
struct DocCount {
  explicit DocCount(const Xapian::Database& db) : docs(db.get_doccount()) {
    if (fail_next) {
      fail_next = false;
      throw std::runtime_error("build failed");
    }
  }
  Xapian::doccount docs;
  static inline bool fail_next = false;
};

// A build starts at most every other build's time: ask again for a bounded
// while (the builds here take microseconds).
template <typename T>
std::shared_ptr<const T> get_soon(RevisionCache<T>& cache, const Xapian::Database& db) {
  for (int tries = 0; tries < 2000; ++tries) {
    if (auto got = cache.get(db, IndexRevision::of(db))) return got;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return nullptr;
}

TEST(RevisionCache, OneCopyPerRevisionAndNeverAnOldOneForANewRevision) {
  const std::string dir = test::writable_copy(test::CorpusSlice::committed().db, "revision-cache");
  Xapian::Database db(dir), old_handle(dir);
  RevisionCache<DocCount> cache;
  auto first = get_soon(cache, db);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->docs, test::kFixtureArticles);
  EXPECT_EQ(cache.get(db, IndexRevision::of(db)), first);  // the same copy, not built again

  LiveWriter writer(dir);
  Article added = test::CorpusSlice::committed().articles[0];
  added.id = "revision-cache-added";
  writer.put({added});
  db.reopen();
  ASSERT_FALSE(IndexRevision::of(db) == IndexRevision::of(old_handle));
  auto second = get_soon(cache, db);
  ASSERT_NE(second, nullptr);
  EXPECT_NE(second, first);
  EXPECT_EQ(second->docs, test::kFixtureArticles + 1);
  // A handle still at the older revision gets nothing, not the newer copy.
  EXPECT_EQ(cache.get(old_handle, IndexRevision::of(old_handle)), nullptr);

  // A build that throws leaves the cache as it was; the next call builds.
  ASSERT_TRUE(writer.remove(added.id));
  db.reopen();
  DocCount::fail_next = true;
  bool threw = false;
  for (int tries = 0; tries < 2000 && !threw; ++tries) {
    try {
      if (cache.get(db, IndexRevision::of(db))) break;
    } catch (const std::runtime_error&) {
      threw = true;
    }
    if (!threw) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_TRUE(threw);
  auto third = get_soon(cache, db);
  ASSERT_NE(third, nullptr);
  EXPECT_EQ(third->docs, test::kFixtureArticles);
}

// A T that can be made from the T of an earlier revision (facet columns).
struct Extended {
  explicit Extended(const Xapian::Database& db) : docs(db.get_doccount()) {}
  Extended(const Xapian::Database& db, const Extended& earlier) : docs(db.get_doccount()), from(earlier.docs) {}
  Xapian::doccount docs;
  std::optional<Xapian::doccount> from;  // the docs of the copy it was made from
};

TEST(RevisionCache, ANewRevisionIsMadeFromTheEarlierCopyWhenTCanBe) {
  const std::string dir = test::writable_copy(test::CorpusSlice::committed().db, "revision-cache-extended");
  Xapian::Database db(dir);
  RevisionCache<Extended> cache;
  auto first = get_soon(cache, db);
  ASSERT_NE(first, nullptr);
  EXPECT_FALSE(first->from);

  Article added = test::CorpusSlice::committed().articles[0];
  added.id = "revision-cache-extended";
  LiveWriter(dir).put({added});
  db.reopen();
  auto second = get_soon(cache, db);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->docs, test::kFixtureArticles + 1);
  EXPECT_EQ(second->from, test::kFixtureArticles);
}

}  // namespace
}  // namespace gazette
