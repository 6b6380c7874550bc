// What a process computes once per revision of an index and shares read-only
// between its threads (facet columns, the suggestion index, the stories'
// members): the copy of the latest revision built. A T is built as T(db),
// where `db` reads that revision, or as T(db, earlier) when T has such a
// constructor and the cache holds the T of an earlier revision (facet
// columns extend theirs), and must be immutable once built.
//
// Two ways to read it:
//  - get(): the T of the caller's own revision, built from the caller's
//    handle while the caller waits (for a T read by document id, which must
//    match the handle's);
//  - latest(): the T of the latest revision built, whatever the caller's,
//    built from a handle of the cache's own while the caller goes on (for a
//    T that a later revision's handle can read, the caller coping with what
//    changed since: the suggestion index).
// Both build on the cache's one thread (build_thread.h says why).
// Under a stream of commits a build starts at most every other build's time
// after the last one ended, so that building takes at most a third of a core.
//
// Thread-safe. The destructor waits for a build under way.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>

#include <xapian.h>

#include "common/index_revision.h"
#include "search/build_thread.h"

namespace gazette {

template <typename T>
class RevisionCache {
  using Clock = std::chrono::steady_clock;

 public:
  // How long a reader of get() waits for a build under way, or for the end
  // of the pause between builds, before it does without: long enough for
  // facet columns extended by a commit's documents (~14 ms for 63,000
  // articles), not for a whole build (0.3 s; 4 s at 1,000,000).
  static constexpr Clock::duration kLongestWait = std::chrono::milliseconds(25);

  RevisionCache() = default;
  RevisionCache(const RevisionCache&) = delete;
  RevisionCache& operator=(const RevisionCache&) = delete;

  // The T of `db` at `revision`, or null: then the caller does without.
  // When the cache holds an older revision, the first caller builds the new
  // one; the others wait for it up to kLongestWait, then get null, so that
  // no reader waits long for a build. A handle older than
  // the cache's revision gets null. Throws what T's constructor throws
  // (Xapian's errors: DatabaseModifiedError when commits discard the
  // revision, and the caller reopens and tries again).
  std::shared_ptr<const T> get(const Xapian::Database& db, const IndexRevision& revision) {
    std::shared_ptr<const T> earlier;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      const auto deadline = Clock::now() + kLongestWait;
      for (;;) {
        if (built_ && revision_ == revision) return built_;
        if (revision.not_after(revision_)) return nullptr;
        const auto now = Clock::now();
        if (!building_ && now >= next_build_) break;
        if (now >= deadline) return nullptr;
        changed_.wait_until(lock, building_ ? deadline : std::min(deadline, next_build_));
      }
      building_ = true;
      earlier = built_;
    }
    const auto start = Clock::now();
    std::shared_ptr<const T> built;
    try {
      built = builds_.run_and_wait([&db, &earlier] { return make(db, earlier); });
    } catch (...) {
      finish(start, nullptr, revision);
      throw;
    }
    finish(start, built, revision);
    return built;
  }

  // What a build on the cache's thread reads: a handle of its own, the
  // revision it reads (one shard or several), and whatever the build must
  // hold while it reads (the service holds off its own writes).
  struct Opened {
    Xapian::Database db;
    IndexRevision revision;
    std::shared_ptr<void> held;
  };
  // Opens for the build's `attempt` (1, 2, ... kAttempts).
  using Open = std::function<Opened(int attempt)>;
  // Commits discard the revision a build reads (DatabaseModifiedError: a
  // build of 0.4 s under a commit every 0.1 s): it is tried again with a
  // new handle, up to this many times in all.
  static constexpr int kAttempts = 3;

  // The T of the latest revision built of the caller's databases, or null
  // (none built yet, or only of other databases: a shard left out or an
  // index replaced). When that is not `revision` (the caller's), and no
  // build is under way or too soon, starts one on the cache's thread, on the
  // handles `open` gives (at `revision` or later); the caller does not wait
  // for it. A build that fails is dropped: the cache keeps what it holds,
  // and a later call starts another.
  std::shared_ptr<const T> latest(const IndexRevision& revision, Open open) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::shared_ptr<const T> usable = revision.same_databases(revision_) ? built_ : nullptr;
    // (An equal revision is not after the cache's either.)
    if (revision.not_after(revision_) || building_ || Clock::now() < next_build_) return usable;
    // building_ is set once the build is queued (it cannot end before: its
    // finish() waits for this lock), so that a failed post() leaves none.
    builds_.post([this, open = std::move(open), earlier = built_] {
      const auto start = Clock::now();
      std::shared_ptr<const T> built;
      IndexRevision at;
      for (int attempt = 1; attempt <= kAttempts && !built; ++attempt) {
        try {
          Opened opened = open(attempt);
          built = make(opened.db, earlier);
          at = opened.revision;
        } catch (const Xapian::DatabaseModifiedError&) {
          // Tried again on a new handle.
        } catch (...) {
          break;
        }
      }
      finish(start, std::move(built), at);
    });
    building_ = true;
    return usable;
  }

  // Waits until no build is under way (tests: what latest() started).
  void wait_for_build() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return !building_; });
  }

 private:
  // The T of `db`, from `earlier` when T can be made so. Throws what T's
  // constructor throws.
  static std::shared_ptr<const T> make(const Xapian::Database& db, const std::shared_ptr<const T>& earlier) {
    if constexpr (std::is_constructible_v<T, const Xapian::Database&, const T&>)
      if (earlier) return std::make_shared<const T>(db, *earlier);
    return std::make_shared<const T>(db);
  }

  // Ends the build started at `start` (the caller had set building_),
  // keeping what it built, if anything, as the T of `revision`.
  void finish(Clock::time_point start, std::shared_ptr<const T> built, const IndexRevision& revision) {
    const auto end = Clock::now();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      building_ = false;
      next_build_ = end + 2 * (end - start);
      if (built) {
        revision_ = revision;
        built_ = std::move(built);
      }
    }
    changed_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable changed_;  // a build ended
  IndexRevision revision_;
  std::shared_ptr<const T> built_;
  bool building_ = false;
  Clock::time_point next_build_{};
  BuildThread builds_;  // last: it ends first, running the build under way
};

}  // namespace gazette
