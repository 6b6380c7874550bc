#include "indexer/shard_writer.h"

#include "common/index_storage.h"
#include "indexer/upsert.h"

namespace gazette {
namespace {

// Chunks waiting per writer (2,048 articles, a few MB). The reader waits
// for the writer whose queue is full while the other writers drain theirs:
// with 4 chunks, writers of 10,000 articles sat idle 2 to 5 s of a 20 s
// import; with 32, 0 to 0.3 s.
constexpr size_t kMaxQueuedChunks = 32;

}  // namespace

ShardWriter::ShardWriter(const std::string& path, size_t batch_size, const EntityExtractor* entities, bool measure,
                         bool sync)
    : db_(open_writable_index(path, Xapian::DB_CREATE_OR_OPEN | (sync ? 0 : Xapian::DB_NO_SYNC))),
      batch_size_(batch_size),
      entities_(entities),
      measured_(measure ? &times_ : nullptr),
      thread_([this] { run(); }) {}

ShardWriter::~ShardWriter() {
  // Reached without finish() only while an exception unwinds: drop the
  // queued chunks and stop the thread. What it already wrote is committed by
  // Xapian when the database closes; a re-run finds it unchanged.
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ShardWriter::rethrow_error() {
  if (error_) std::rethrow_exception(error_);
}

void ShardWriter::add(std::vector<Article> chunk, StageTimes* caller_times) {
  std::unique_lock<std::mutex> lock(mutex_);
  {
    StageTimer timer(queue_.size() < kMaxQueuedChunks ? nullptr : caller_times, Stage::kReaderBlocked);
    changed_.wait(lock, [this] { return queue_.size() < kMaxQueuedChunks || error_; });
  }
  rethrow_error();
  queue_.push_back(std::move(chunk));
  changed_.notify_all();
}

size_t ShardWriter::done() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return counts_.added + counts_.replaced + counts_.unchanged;
}

void ShardWriter::commit() {
  StageTimer timer(measured_, Stage::kCommit);
  gazette::commit(db_);
  since_commit_ = 0;
}

void ShardWriter::run() {
  DocumentBuilder builder(entities_);
  try {
    while (true) {
      std::vector<Article> chunk;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        StageTimer idle(measured_, Stage::kWriterIdle);
        changed_.wait(lock, [this] { return !queue_.empty() || closing_; });
        if (queue_.empty()) break;
        chunk = std::move(queue_.front());
        queue_.pop_front();
      }
      changed_.notify_all();
      WriteCounts counts;
      for (const Article& a : chunk) {
        Xapian::docid did = 0;
        if (!write_article(db_, builder, a, counts, measured_, &did)) continue;
        written_.push_back(did);
        if (++since_commit_ >= batch_size_) commit();
      }
      std::lock_guard<std::mutex> lock(mutex_);
      counts_ += counts;
    }
    if (since_commit_ > 0 || counts_.unchanged > 0) commit();
    // Once, from what is committed: also right after a run that was
    // killed between two commits.
    bool spelling_changed;
    {
      StageTimer timer(measured_, Stage::kSpelling);
      spelling_changed = sync_title_spelling(db_, builder);
    }
    if (spelling_changed) commit();
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    error_ = std::current_exception();
    changed_.notify_all();
  }
}

WriteCounts ShardWriter::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  thread_.join();
  rethrow_error();
  return counts_;
}

}  // namespace gazette
