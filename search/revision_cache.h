// What a process computes once per revision of an index and shares read-only
// between its threads (facet columns, the suggestion index): the copy of the
// latest revision seen. A T is built as T(db), where `db` reads that revision,
// or as T(db, earlier) when T has such a constructor and the cache holds the
// T of an earlier revision (facet columns extend theirs), and must be
// immutable once built.
//
// Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <type_traits>

#include <xapian.h>

#include "common/index_revision.h"

namespace gazette {

template <typename T>
class RevisionCache {
 public:
  // The T of `db` at `revision`, or null: then the caller does without.
  // When the cache holds an older revision, the first caller builds the new
  // one while the others get null, so that no reader waits for a build;
  // under a stream of commits a build starts at most every other build's
  // time, so that building takes at most a third of a core. Throws what T's
  // constructor throws (Xapian's errors: DatabaseModifiedError when commits
  // discard the revision, and the caller reopens and tries again).
  std::shared_ptr<const T> get(const Xapian::Database& db, const IndexRevision& revision) {
    using Clock = std::chrono::steady_clock;
    std::shared_ptr<const T> earlier;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (built_ && revision_ == revision) return built_;
      // An older handle than the cache's, a build under way, or one too soon.
      if (revision.not_after(revision_) || building_ || Clock::now() < next_build_) return nullptr;
      building_ = true;
      earlier = built_;
    }
    const auto start = Clock::now();
    std::shared_ptr<const T> built;
    try {
      if constexpr (std::is_constructible_v<T, const Xapian::Database&, const T&>)
        built = earlier ? std::make_shared<const T>(db, *earlier) : std::make_shared<const T>(db);
      else
        built = std::make_shared<const T>(db);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      building_ = false;
      throw;
    }
    const auto end = Clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    building_ = false;
    next_build_ = end + 2 * (end - start);
    revision_ = revision;
    built_ = built;
    return built;
  }

 private:
  std::mutex mutex_;
  IndexRevision revision_;
  std::shared_ptr<const T> built_;
  bool building_ = false;
  std::chrono::steady_clock::time_point next_build_{};
};

}  // namespace gazette
