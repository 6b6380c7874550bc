// Writes imported articles into a Gazette index (a Xapian database).
//
// Records are handed over in reading order with add(). Accepted articles are
// analysed on background threads and written by the calling thread, in the
// same order, one Xapian::WritableDatabase for the whole run. An article whose
// id is already in the index replaces it (upsert); one whose stored content is
// unchanged is not written again, so re-running an import is cheap. Within a
// run, the first copy of an id wins and later copies are reported.
//
// The database is committed every `batch_size` written articles and at
// finish(): after a crash the index holds every committed batch, and running
// the same import again completes it without duplicates.
//
// Not thread-safe: one thread calls add() and finish().
#pragma once

#include <cstdint>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "indexer/import_record.h"
#include "indexer/upsert.h"

namespace gazette {

struct IndexOptions {
  size_t batch_size = 2000;    // articles written between two commits
  unsigned analysis_threads = 1;
};

struct ImportSummary {
  size_t added = 0;       // new ids
  size_t replaced = 0;    // ids already indexed, with changed content
  size_t unchanged = 0;   // ids already indexed with the same content
  size_t duplicates = 0;  // ids seen earlier in this run: skipped
  size_t warnings = 0;
  std::map<std::string, size_t> rejected;  // reason -> count

  size_t rejected_total() const;
  size_t read() const { return added + replaced + unchanged + duplicates + rejected_total(); }
};

// Where the writer reports each rejected record, warning and duplicate.
using Reporter = std::function<void(const std::string& line)>;

class IndexWriter {
 public:
  // Opens the index at `db_path`, creating it if needed. Throws
  // Xapian::Error when it cannot be opened (locked, not a database, ...).
  IndexWriter(const std::string& db_path, IndexOptions options, Reporter report);
  ~IndexWriter();

  void add(ImportRecord&& record);
  // Writes what is still pending and commits. Call once, at the end.
  ImportSummary finish();

  // Articles written or found unchanged so far.
  size_t done() const { return summary_.added + summary_.replaced + summary_.unchanged; }

 private:
  using Chunk = std::vector<Article>;

  void submit_chunk();
  void write(std::vector<BuiltArticle> built);
  void commit();

  Xapian::WritableDatabase db_;
  IndexOptions options_;
  Reporter report_;
  ImportSummary summary_;
  std::unordered_map<std::string, std::string> seen_;  // id -> where first read
  Chunk pending_;
  std::deque<std::future<std::vector<BuiltArticle>>> in_flight_;
  size_t since_commit_ = 0;
};

}  // namespace gazette
