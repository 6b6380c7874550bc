// Writes imported articles into a Gazette index (a Xapian database).
//
// Records are handed over in reading order with add(); rejected ones are
// reported, and within a run the first copy of an id wins (later copies are
// reported as duplicates). Accepted articles go to ShardWriters, each a
// thread that analyses and upserts them: an id already in the index is
// replaced, and an unchanged article is not written again.
//
// Into an existing index, one writer updates it in place. A new index is
// built as `shards` databases in parallel (each article routed by a stable
// hash of its id, shard_route.h), listed by a Xapian stub file at the index
// path while the import runs, then merged by Xapian's compaction into one
// database. With `keep_shards` they are kept instead: DB/shard-N, each an
// ordinary index, DB/global (the spelling data of all shards: the cluster's
// global data, DESIGN.md) and DB/cluster.json, a cluster file listing them;
// the stub still opens them as one index. Later imports into such a folder
// route each id to the shard that holds it.
//
// When the writers are done, the articles written are grouped with their
// versions (near-duplicates, stories/versions.h) and put into stories
// (stories/stories.h) across the whole index, all shards included, and both
// are committed before the merge: a new index is grouped whole, an existing
// one around what was written.
//
// Each writer commits every `batch_size` of its writes and at finish(): after
// a crash the index opens (through the stub, mid-import) and holds every
// committed batch, and running the same import again completes it without
// duplicates. Shards that will be merged are not synced at each commit
// (Xapian's DB_NO_SYNC, as Xapian advises for a database built to be moved
// into place): a killed import loses nothing, but after a power failure
// mid-import they may be unreadable, and the import must start again from
// an empty folder. The merged index is synced by the compaction that
// writes it, before it is swapped in.
//
// Not thread-safe: one thread calls add() and finish().
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/import_record.h"
#include "indexer/import_stats.h"
#include "indexer/shard_writer.h"

namespace gazette {

struct IndexOptions {
  size_t batch_size = 1000;  // writes between two commits, per writer (DESIGN.md, "Batches")
  unsigned shards = 2;       // parallel writers when building a new index
  bool entities = true;      // extract people, places and organisations
  bool keep_shards = false;  // keep a new index's shards rather than merge them
  bool measure = false;      // time each stage (ImportSummary::stages)
};

struct ImportSummary {
  WriteCounts written;
  size_t duplicates = 0;  // ids seen earlier in this run: skipped
  size_t warnings = 0;
  std::map<std::string, size_t> rejected;  // Problem::code -> count
  unsigned writers = 1;                    // shards written in parallel
  bool merged = false;                     // the shards were merged into one database
  size_t versions_grouped = 0;             // articles put into a group of versions
  size_t stories_touched = 0;              // stories that articles joined or started
  StageTimes stages;                       // of every thread, when IndexOptions::measure

  size_t rejected_total() const;
  size_t read() const;
};

// One thing the writer reports: a rejected record, a warning or a duplicate.
struct Report {
  std::string kind;  // a Problem code ("malformed_json", ...), "warning" or "duplicate id"
  std::string line;  // for people: where, then what
};
// Where the writer reports each rejected record, warning and duplicate.
using Reporter = std::function<void(const Report&)>;

class IndexWriter {
 public:
  // Opens the index at `db_path`, creating it if needed. Throws
  // Xapian::Error when it cannot be opened (locked, not a database, ...).
  IndexWriter(const std::string& db_path, IndexOptions options, Reporter report);
  ~IndexWriter();

  void add(ImportRecord&& record);
  // Writes what is still pending, commits, and merges a parallel build into
  // one database. Call once, at the end.
  ImportSummary finish();

  // Articles written or found unchanged so far.
  size_t done() const;

  // Where the thread that reads the input and calls add() records its
  // stages (for the importers): null unless IndexOptions::measure.
  StageTimes* reader_times() { return options_.measure ? &reader_times_ : nullptr; }

 private:
  void flush(size_t shard);
  // Groups the documents written (per writer, in its shard's numbering) with
  // their versions and puts them into stories; `whole`: every document of
  // the index instead.
  void record_groups(const std::vector<std::vector<Xapian::docid>>& written, bool whole);
  // The shards are merged into one database at finish(), which compaction
  // writes and syncs: until then they need not be synced at each commit.
  bool merges_shards() const { return parallel_build_ && !keep_shards_; }

  std::string db_path_;
  IndexOptions options_;
  Reporter report_;
  ImportSummary summary_;
  std::unordered_map<std::string, std::string> seen_;  // id -> where first read
  std::vector<std::unique_ptr<ShardWriter>> writers_;
  std::vector<std::vector<Article>> pending_;  // per writer
  bool parallel_build_ = false;
  bool new_index_ = false;  // empty when this run started
  bool keep_shards_ = false;
  StageTimes reader_times_;
};

}  // namespace gazette
