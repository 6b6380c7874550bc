// RevisionCache (search/revision_cache.h), behind the facet columns and the
// suggestion index: one copy per revision, never an old revision's copy for
// a new one, no copy for an older handle, and a failed build retried;
// readers that wait for a quick build, and builds in the background.
#include <atomic>
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
    if (modified_next > 0) {
      --modified_next;
      throw Xapian::DatabaseModifiedError("the revision read was discarded");
    }
  }
  Xapian::doccount docs;
  static inline bool fail_next = false;
  static inline int modified_next = 0;  // builds that commits overtake
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

// What a build opens: a new handle on the index in `dir`, at its latest
// revision.
template <typename T>
typename RevisionCache<T>::Opened open_index(const std::string& dir) {
  Xapian::Database own(dir);
  return {own, IndexRevision::of(own), nullptr};
}

// Writes the fixture's first article again under `id`, and moves `db` to
// the revision written.
void add_article(LiveWriter& writer, Xapian::Database& db, const std::string& id) {
  Article added = test::CorpusSlice::committed().articles[0];
  added.id = id;
  writer.put({added});
  db.reopen();
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
  add_article(writer, db, "revision-cache-added");
  ASSERT_FALSE(IndexRevision::of(db) == IndexRevision::of(old_handle));
  auto second = get_soon(cache, db);
  ASSERT_NE(second, nullptr);
  EXPECT_NE(second, first);
  EXPECT_EQ(second->docs, test::kFixtureArticles + 1);
  // A handle still at the older revision gets nothing, not the newer copy.
  EXPECT_EQ(cache.get(old_handle, IndexRevision::of(old_handle)), nullptr);

  // A build that throws leaves the cache as it was; the next call builds.
  ASSERT_TRUE(writer.remove("revision-cache-added"));
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

  LiveWriter writer(dir);
  add_article(writer, db, "revision-cache-extended");
  auto second = get_soon(cache, db);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->docs, test::kFixtureArticles + 1);
  EXPECT_EQ(second->from, test::kFixtureArticles);
}

// A T that records the thread that built it, and how many builds that
// thread had made (thread ids of ended threads are given again).
struct BuiltOn {
  explicit BuiltOn(const Xapian::Database& db)
      : docs(db.get_doccount()), thread(std::this_thread::get_id()), nth(++built_here) {}
  Xapian::doccount docs;
  std::thread::id thread;
  int nth;
  static inline thread_local int built_here = 0;
};

TEST(RevisionCache, EveryBuildRunsOnTheCachesOneThread) {
  // (So that the copies come from one malloc arena, not one per caller:
  // build_thread.h.)
  const std::string dir = test::writable_copy(test::CorpusSlice::committed().db, "revision-cache-thread");
  Xapian::Database db(dir);
  RevisionCache<BuiltOn> cache;
  auto first = get_soon(cache, db);
  ASSERT_NE(first, nullptr);
  EXPECT_NE(first->thread, std::this_thread::get_id());
  EXPECT_EQ(first->nth, 1);

  // From another caller's thread, and in the background: the same thread.
  LiveWriter writer(dir);
  add_article(writer, db, "revision-cache-thread-1");
  std::shared_ptr<const BuiltOn> second;
  std::thread caller([&] { second = get_soon(cache, db); });
  caller.join();
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->docs, test::kFixtureArticles + 1);
  EXPECT_EQ(second->thread, first->thread);
  EXPECT_EQ(second->nth, 2);

  add_article(writer, db, "revision-cache-thread-2");
  auto open = [&](int) { return open_index<BuiltOn>(dir); };
  std::shared_ptr<const BuiltOn> third;
  for (int tries = 0; tries < 2000 && !third; ++tries) {
    cache.latest(IndexRevision::of(db), open);
    cache.wait_for_build();
    auto given = cache.latest(IndexRevision::of(db), open);
    if (given && given->docs == test::kFixtureArticles + 2)
      third = given;
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_NE(third, nullptr);
  EXPECT_EQ(third->thread, first->thread);
  EXPECT_EQ(third->nth, 3);
}

// A build that takes as long as the test says, and tells when it started.
struct Timed {
  explicit Timed(const Xapian::Database& db) : docs(db.get_doccount()) {
    started = true;
    std::this_thread::sleep_for(build_time);
  }
  Xapian::doccount docs;
  static inline std::atomic<bool> started = false;
  static inline std::chrono::milliseconds build_time{0};
};

// Two readers of the index in `dir`, each with its own handle, ask for the
// T of its latest revision, the second once the build that the first
// started is under way: what the second got.
std::shared_ptr<const Timed> while_building(RevisionCache<Timed>& cache, const std::string& dir,
                                            std::shared_ptr<const Timed>& first) {
  Timed::started = false;
  Xapian::Database mine(dir), theirs(dir);
  std::thread builder([&] { first = cache.get(theirs, IndexRevision::of(theirs)); });
  while (!Timed::started) std::this_thread::yield();
  auto second = cache.get(mine, IndexRevision::of(mine));
  builder.join();
  return second;
}

TEST(RevisionCache, ReadersWaitForAQuickBuildAndDoWithoutALongOne) {
  const std::string dir = test::writable_copy(test::CorpusSlice::committed().db, "revision-cache-wait");
  Xapian::Database db(dir);
  RevisionCache<Timed> cache;
  // A quick build (under kLongestWait): the second reader waits for it and
  // gets the same copy.
  Timed::build_time = std::chrono::milliseconds(10);
  std::shared_ptr<const Timed> first;
  auto second = while_building(cache, dir, first);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(second, first);

  // A new revision, built slowly.
  LiveWriter writer(dir);
  add_article(writer, db, "revision-cache-wait-1");
  Timed::build_time = std::chrono::duration_cast<std::chrono::milliseconds>(3 * RevisionCache<Timed>::kLongestWait);
  first = get_soon(cache, db);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->docs, test::kFixtureArticles + 1);

  // A reader waits no longer than kLongestWait: not for the end of the pause
  // after a slow build, nor for a slow build under way.
  add_article(writer, db, "revision-cache-wait-2");
  EXPECT_EQ(cache.get(db, IndexRevision::of(db)), nullptr);
  add_article(writer, db, "revision-cache-wait-3");
  std::this_thread::sleep_for(3 * Timed::build_time);
  second = while_building(cache, dir, first);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->docs, test::kFixtureArticles + 3);
  EXPECT_EQ(second, nullptr);
  EXPECT_EQ(cache.get(db, IndexRevision::of(db)), first);
}

TEST(RevisionCache, LatestGivesTheLastCopyBuiltAndBuildsTheNextInTheBackground) {
  const std::string dir = test::writable_copy(test::CorpusSlice::committed().db, "revision-cache-latest");
  Xapian::Database db(dir);
  RevisionCache<DocCount> cache;
  // The attempts that `open` was asked for, by the builds since cleared;
  // read once wait_for_build() has returned.
  std::vector<int> attempts;
  auto open = [&](int attempt) {
    attempts.push_back(attempt);
    return open_index<DocCount>(dir);
  };
  // Calls latest() until a call starts a build (a build starts at most every
  // other build's time after the last), waits for that build to end, and
  // returns what that call gave.
  auto build = [&](const RevisionCache<DocCount>::Open& opener) {
    attempts.clear();
    std::shared_ptr<const DocCount> given;
    for (int tries = 0; tries < 2000 && attempts.empty(); ++tries) {
      given = cache.latest(IndexRevision::of(db), opener);
      cache.wait_for_build();
      if (attempts.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    EXPECT_FALSE(attempts.empty()) << "no build started";
    return given;
  };
  EXPECT_EQ(build(open), nullptr);  // nothing built yet
  EXPECT_EQ(attempts, std::vector<int>{1});
  auto first = cache.latest(IndexRevision::of(db), open);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->docs, test::kFixtureArticles);

  // A new revision: the earlier copy until the build it starts ends.
  LiveWriter writer(dir);
  add_article(writer, db, "revision-cache-latest-1");
  EXPECT_EQ(build(open), first);
  auto second = cache.latest(IndexRevision::of(db), open);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->docs, test::kFixtureArticles + 1);

  // Builds that fail, opening or building, keep the copy held.
  add_article(writer, db, "revision-cache-latest-2");
  auto fails_to_open = [&](int attempt) -> RevisionCache<DocCount>::Opened {
    attempts.push_back(attempt);
    throw Xapian::DatabaseOpeningError("no such shard");
  };
  EXPECT_EQ(build(fails_to_open), second);
  EXPECT_EQ(attempts, std::vector<int>{1});
  DocCount::fail_next = true;
  EXPECT_EQ(build(open), second);
  EXPECT_FALSE(DocCount::fail_next);  // the failing build was tried
  EXPECT_EQ(attempts, std::vector<int>{1});

  // One that commits overtake is tried again on a new handle, up to
  // kAttempts times in all; then dropped.
  DocCount::modified_next = 1;
  EXPECT_EQ(build(open), second);
  EXPECT_EQ(attempts, (std::vector<int>{1, 2}));
  auto retried = cache.latest(IndexRevision::of(db), open);
  ASSERT_NE(retried, nullptr);
  EXPECT_EQ(retried->docs, test::kFixtureArticles + 2);
  add_article(writer, db, "revision-cache-latest-3");
  DocCount::modified_next = RevisionCache<DocCount>::kAttempts;
  EXPECT_EQ(build(open), retried);
  EXPECT_EQ(attempts, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(DocCount::modified_next, 0);
  EXPECT_EQ(cache.latest(IndexRevision::of(db), open), retried);
  cache.wait_for_build();  // before `attempts` goes

  // Another database (an index replaced, a shard left out) gets nothing of
  // this one's, while its own is built.
  const std::string other_dir = test::temp_dir("revision-cache-other") + "/index";
  const auto& articles = test::CorpusSlice::committed().articles;
  LiveWriter(other_dir).put({articles.begin(), articles.begin() + 3});
  Xapian::Database other(other_dir);
  ASSERT_NE(other.get_uuid(), db.get_uuid());
  auto open_other = [&](int attempt) {
    attempts.push_back(attempt);
    return open_index<DocCount>(other_dir);
  };
  attempts.clear();
  std::shared_ptr<const DocCount> of_other;
  for (int tries = 0; tries < 2000 && !of_other; ++tries) {
    auto given = cache.latest(IndexRevision::of(other), open_other);
    cache.wait_for_build();
    if (given) {
      of_other = given;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_FALSE(attempts.empty());
  ASSERT_NE(of_other, nullptr);
  EXPECT_EQ(of_other->docs, 3u);
  EXPECT_EQ(cache.latest(IndexRevision::of(db), open), nullptr);  // and the first one, no more of its own
  cache.wait_for_build();
}

}  // namespace
}  // namespace gazette
