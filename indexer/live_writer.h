// Writes that the search service accepts while it keeps answering: upserts
// and deletes, each committed before the call returns, so a success reported
// to a client is on disk (a Xapian commit is atomic and durable).
//
// The index is opened for writing only for the length of a call, so
// gazette-index can still update it between calls; while another process
// holds the write lock, calls throw Xapian::DatabaseLockError.
//
// Thread-safe: calls are serialised by an internal mutex (Xapian allows one
// writer).
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "common/article.h"
#include "indexer/upsert.h"

namespace gazette {

class LiveWriter {
 public:
  explicit LiveWriter(std::string db_path) : db_path_(std::move(db_path)) {}

  WriteCounts put(const std::vector<Article>& articles);
  // False when the index has no article `id`.
  bool remove(const std::string& id);

 private:
  std::string db_path_;
  std::mutex mutex_;
};

}  // namespace gazette
