// Lets a reader that keeps losing its revision read once without losing it.
//
// A Xapian reader fails with DatabaseModifiedError when the writer commits
// twice while it reads: a slow search (all facets on a busy machine) can lose
// every retry to a steady stream of small API writes. Such a reader holds the
// gate shared for its last tries; a writer holds it exclusively from opening
// the database to its commit, so it waits for that reader and the reader's
// revision stays whole. Readers ask for it only after losing twice, so writes
// seldom wait, and then for one read. Only writers that go through the gate
// wait: another process writing the same index does not.
//
// Thread-safe.
#pragma once

#include <mutex>
#include <shared_mutex>

namespace gazette {

class CommitGate {
 public:
  // A reader's hold: no write through this gate starts or commits meanwhile.
  std::shared_lock<std::shared_mutex> hold_writes() { return std::shared_lock<std::shared_mutex>(mutex_); }
  // A writer's turn: waits for readers holding the gate.
  std::unique_lock<std::shared_mutex> write_turn() { return std::unique_lock<std::shared_mutex>(mutex_); }

 private:
  std::shared_mutex mutex_;
};

}  // namespace gazette
