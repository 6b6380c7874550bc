// Writes that the search service accepts while it keeps answering: upserts
// and deletes, each committed before the call returns, so a success reported
// to a client is on disk (a Xapian commit is atomic and durable).
//
// Articles written join their groups of versions (stories/versions.h) and
// their stories (stories/stories.h) in the same commit; a remote shard
// groups them with its own articles only.
//
// The index (a local folder, or a remote shard's writable server) is opened
// for writing only for the length of a call, so gazette-index can still
// update it between calls; while another process holds the write lock,
// calls throw Xapian::DatabaseLockError (Xapian::NetworkError when a remote
// server fails).
//
// Thread-safe: calls are serialised by an internal mutex (Xapian allows one
// writer). With a CommitGate, each call waits for the readers holding it.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "common/index_storage.h"
#include "indexer/commit_gate.h"
#include "indexer/upsert.h"

namespace gazette {

class LiveWriter {
 public:
  using Opener = std::function<Xapian::WritableDatabase()>;
  // `gate`, when given, must outlive the writer.
  explicit LiveWriter(Opener open, CommitGate* gate = nullptr) : open_(std::move(open)), gate_(gate) {}
  // Writes into the local folder `db_path`, creating the index if needed.
  explicit LiveWriter(const std::string& db_path, CommitGate* gate = nullptr)
      : LiveWriter([db_path] { return open_writable_index(db_path, Xapian::DB_CREATE_OR_OPEN); }, gate) {}

  // `replaced`, when given, gets the ids of the documents replaced (a
  // replaced document keeps its id).
  WriteCounts put(const std::vector<Article>& articles, std::vector<Xapian::docid>* replaced = nullptr);
  // False when the index has no article `id`.
  bool remove(const std::string& id);
  // Adds the title words of `articles` to the spelling data only: for a
  // cluster's global database (DESIGN.md).
  void add_spelling(const std::vector<Article>& articles);

 private:
  // Opens the index, lets `change` write into it, and commits when it
  // returns true; all of it in this writer's turn.
  template <typename Change>
  bool write(Change change);

  Opener open_;
  CommitGate* gate_;
  std::mutex mutex_;
};

}  // namespace gazette
