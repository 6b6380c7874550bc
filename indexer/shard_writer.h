// One writer thread on one Xapian database: it analyses the articles handed to
// it and upserts them (upsert.h), committing every `batch_size` writes and at
// finish(). An article whose stored content hash is unchanged is neither
// analysed nor written, so re-imports cost little more than reading.
//
// add() and finish() are called by one thread; the work happens on the
// writer's own thread. A Xapian error on that thread (disk full, say) stops
// the writer and is rethrown by the next add() or by finish().
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "entities/entity_extractor.h"
#include "indexer/import_stats.h"
#include "indexer/upsert.h"

namespace gazette {

class ShardWriter {
 public:
  // Opens (or creates) the database; throws Xapian::Error when it cannot.
  // `entities`: as for DocumentBuilder (null: no entity extraction). With
  // `measure`, the writer times its stages (stage_times()). With `sync`,
  // each commit waits until the disk has it; without (Xapian's
  // DB_NO_SYNC), a commit is in the kernel's cache when it returns: a killed
  // process loses nothing of it, a power failure may leave the database
  // unreadable. For a shard that a merge copies into a new index, which
  // compaction syncs.
  ShardWriter(const std::string& path, size_t batch_size, const EntityExtractor* entities, bool measure = false,
              bool sync = true);
  ~ShardWriter();

  // Queues articles for writing; blocks while the writer is far behind.
  // `caller_times`, when given, gets the time the caller waited.
  void add(std::vector<Article> chunk, StageTimes* caller_times = nullptr);
  // Writes what is queued, commits, stops the thread. Call once.
  WriteCounts finish();
  // The time of each of the writer's stages, when it measures; read after
  // finish().
  const StageTimes& stage_times() const { return times_; }

  // Articles written or found unchanged so far (approximate while running).
  size_t done() const;
  // The ids of the documents written, in this shard; read after finish().
  const std::vector<Xapian::docid>& written() const { return written_; }

 private:
  void run();
  void commit();
  void rethrow_error();

  Xapian::WritableDatabase db_;
  const size_t batch_size_;
  const EntityExtractor* entities_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<Article>> queue_;
  bool closing_ = false;
  std::exception_ptr error_;
  WriteCounts counts_;
  std::vector<Xapian::docid> written_;  // the writer thread's until finish()
  size_t since_commit_ = 0;
  StageTimes times_;      // the writer thread's alone until finish() joins it
  StageTimes* measured_;  // &times_ when measuring, else null
  std::thread thread_;    // last: starts once the rest is ready
};

}  // namespace gazette
