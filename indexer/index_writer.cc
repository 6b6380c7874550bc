#include "indexer/index_writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <optional>
#include <set>
#include <thread>

#include "cluster/index_layout.h"
#include "cluster/shard_route.h"
#include "common/index_storage.h"
#include "common/shard_numbering.h"
#include "indexer/document_builder.h"
#include "indexer/upsert.h"
#include "stories/stories.h"
#include "stories/versions.h"

namespace gazette {
namespace {

namespace fs = std::filesystem;

// Articles handed to a writer at once: enough to amortise the hand-over.
constexpr size_t kChunkSize = 64;
bool is_empty_index(const fs::path& path) {
  if (!fs::exists(path)) return true;
  if (fs::is_directory(path) && fs::is_empty(path)) return true;
  try {
    return Xapian::Database(path.string()).get_doccount() == 0;
  } catch (const Xapian::Error&) {
    return false;  // not ours to overwrite: opening it for writing will say why
  }
}

// Rebuilds the global database from the shards: the spelling data of all
// of them (remote shards do not answer spelling requests), and the schema
// version.
void write_global(const std::string& dir, size_t shards) {
  Xapian::WritableDatabase global =
      open_writable_index((fs::path(dir) / layout::kGlobalDb).string(), Xapian::DB_CREATE_OR_OVERWRITE);
  for (size_t i = 0; i < shards; ++i) {
    Xapian::Database shard(layout::shard_path(dir, i));
    for (auto w = shard.spellings_begin(); w != shard.spellings_end(); ++w) global.add_spelling(*w, w.get_termfreq());
  }
  commit(global);
}

// "data/index/" as "data/index": the merge is written beside the index, at
// the same path and ".merged" (inside it, with the separator).
std::string without_trailing_separator(const std::string& path) {
  const size_t end = path.find_last_not_of('/');
  return end == std::string::npos ? path : path.substr(0, end + 1);
}

// Drops what an interrupted import left beside the index: a merge that did
// not finish, or the shards that a finished merge replaced. The index itself
// is whole in both cases (see finish()).
void remove_interrupted_merge(const std::string& db_path) { fs::remove_all(db_path + ".merged"); }

// Puts the merged database at `db_path` and the shards it replaces at
// `merged`, in one step: a reader or a crash never finds the path missing.
// The swap is synced (the folder that holds both), as the merged database is
// by its compaction: the shards it replaces were not (IndexWriter).
void swap_in(const std::string& merged, const std::string& db_path) {
  if (renameat2(AT_FDCWD, merged.c_str(), AT_FDCWD, db_path.c_str(), RENAME_EXCHANGE) != 0)
    throw Xapian::DatabaseError("cannot swap the merged index in", errno);
  const fs::path path = fs::absolute(db_path);
  const int folder = open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (folder < 0 || fsync(folder) != 0) {
    const int error = errno;
    if (folder >= 0) close(folder);
    throw Xapian::DatabaseError("cannot sync the folder of the merged index " + path.parent_path().string(), error);
  }
  close(folder);
}

}  // namespace

size_t ImportSummary::rejected_total() const {
  size_t n = 0;
  for (const auto& [reason, count] : rejected) n += count;
  return n;
}

size_t ImportSummary::read() const {
  return written.added + written.replaced + written.unchanged + duplicates + rejected_total();
}

IndexWriter::IndexWriter(const std::string& db_path, IndexOptions options, Reporter report)
    : db_path_(without_trailing_separator(db_path)), options_(options), report_(std::move(report)) {
  remove_interrupted_merge(db_path_);
  new_index_ = is_empty_index(db_path_);
  size_t shards = layout::stub_shards(db_path_);
  if (shards > 0) {  // kept shards, or resuming an interrupted parallel build
    keep_shards_ = layout::has_cluster_file(db_path_);
  } else if ((options_.shards > 1 || options_.keep_shards) && new_index_) {
    fs::remove_all(db_path_);
    shards = options_.shards;
    keep_shards_ = options_.keep_shards;
  }
  const EntityExtractor* entities = options_.entities ? &shared_entity_extractor() : nullptr;
  if (shards == 0) {
    writers_.push_back(std::make_unique<ShardWriter>(db_path_, options_.batch_size, entities, options_.measure));
  } else {
    parallel_build_ = true;
    fs::create_directories(db_path_);
    for (size_t i = 0; i < shards; ++i)
      writers_.push_back(std::make_unique<ShardWriter>(layout::shard_path(db_path_, i), options_.batch_size, entities,
                                                       options_.measure, !merges_shards()));
    layout::write_stub(db_path_, shards);
    if (keep_shards_) layout::write_cluster_file(db_path_, shards);
  }
  summary_.writers = static_cast<unsigned>(writers_.size());
  pending_.resize(writers_.size());
}

IndexWriter::~IndexWriter() = default;

void IndexWriter::add(ImportRecord&& record) {
  std::optional<StageTimer> timer(std::in_place, reader_times(), Stage::kCheck);
  for (const auto& w : record.warnings) {
    report_({"warning", record.where.str() + ": warning: " + w});
    ++summary_.warnings;
  }
  if (!record.article) {
    const Problem& problem = record.problem.value_or(Problem{"unknown", "no reason given", ""});
    report_({problem.code, record.where.str() + ": skipped: " + problem.message});
    ++summary_.rejected[problem.code];
    return;
  }
  auto [it, first] = seen_.emplace(record.article->id, record.where.str());
  if (!first) {
    report_({"duplicate id", record.where.str() + ": skipped: duplicate id " + record.article->id +
                                 ", already imported from " + it->second});
    ++summary_.duplicates;
    return;
  }
  size_t shard = shard_of(record.article->id, writers_.size());
  pending_[shard].push_back(std::move(*record.article));
  timer.reset();  // the hand-over times itself: the reader may wait there
  if (pending_[shard].size() >= kChunkSize) flush(shard);
}

void IndexWriter::flush(size_t shard) {
  if (pending_[shard].empty()) return;
  writers_[shard]->add(std::move(pending_[shard]), reader_times());
  pending_[shard].clear();
}

size_t IndexWriter::done() const {
  size_t n = 0;
  for (const auto& w : writers_) n += w->done();
  return n;
}

void IndexWriter::record_groups(const std::vector<std::vector<Xapian::docid>>& written, bool whole) {
  // The index is searched as one (the stub over the shards, or the single
  // database): in the combined numbering (common/shard_numbering.h).
  const size_t n = written.size();
  if (!whole && std::all_of(written.begin(), written.end(), [](const auto& w) { return w.empty(); })) return;
  std::vector<Xapian::docid> scope;
  for (size_t i = 0; i < n && !whole; ++i)
    for (Xapian::docid d : written[i]) scope.push_back(combined_docid(d, i, n));
  StageTimes* times = options_.measure ? &summary_.stages : nullptr;
  // The two searches read the index as it stands: the groups of versions
  // are not written yet when the stories are found, and the stories do not
  // read them.
  std::vector<VersionKeyChange> versions;
  std::vector<StoryChange> stories;
  {
    Xapian::Database all(db_path_);
    {
      StageTimer timer(times, Stage::kVersions);
      versions = whole ? find_all_version_changes(all) : find_version_changes(all, scope);
    }
    StageTimer timer(times, Stage::kStories, StageTimer::kProcess);
    if (whole) {
      std::vector<Xapian::Database> shards;
      for (size_t i = 0; i < n && parallel_build_; ++i) shards.emplace_back(layout::shard_path(db_path_, i));
      stories = find_all_stories(parallel_build_ ? shards : std::vector<Xapian::Database>{all});
    } else {
      stories = find_story_changes(all, scope);
    }
  }
  summary_.versions_grouped = versions.size();
  std::set<std::string> touched;
  for (const StoryChange& c : stories) touched.insert(c.story);
  summary_.stories_touched = touched.size();
  // Each change goes to the shard that holds the document: shard i's are
  // written, then committed, by a thread of its own. A shard without any
  // is not opened (a commit would make it a new revision).
  std::vector<bool> changed(n);
  for (const VersionKeyChange& c : versions) changed[shard_of(c.doc, n)] = true;
  for (const StoryChange& c : stories) changed[shard_of(c.doc, n)] = true;
  std::vector<std::exception_ptr> errors(n);
  std::vector<StageTimes> thread_times(n);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < n; ++i) {
    if (!changed[i]) continue;
    threads.emplace_back([&, i] {
      StageTimer timer(times ? &thread_times[i] : nullptr, Stage::kGroupWrites);
      try {
        Xapian::WritableDatabase db(parallel_build_ ? layout::shard_path(db_path_, i) : db_path_,
                                    Xapian::DB_OPEN | (merges_shards() ? Xapian::DB_NO_SYNC : 0));
        for (const VersionKeyChange& c : versions)
          if (shard_of(c.doc, n) == i) write_version_key(db, docid_in_shard(c.doc, n), c.key);
        for (const StoryChange& c : stories)
          if (shard_of(c.doc, n) == i) write_story(db, docid_in_shard(c.doc, n), c);
        commit(db);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const StageTimes& t : thread_times) summary_.stages += t;
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

ImportSummary IndexWriter::finish() {
  for (size_t i = 0; i < writers_.size(); ++i) flush(i);
  std::vector<std::vector<Xapian::docid>> written;
  for (auto& w : writers_) {
    summary_.written += w->finish();
    summary_.stages += w->stage_times();
    written.push_back(w->written());
  }
  summary_.stages += reader_times_;
  const size_t shards = writers_.size();
  writers_.clear();  // closes the databases
  // An interrupted parallel build that this run resumed wrote only part of
  // its index: it is grouped whole too.
  record_groups(written, new_index_ || merges_shards());
  if (keep_shards_) {
    write_global(db_path_, shards);
  } else if (merges_shards()) {
    summary_.merged = true;
    // Merge into a new folder, then swap it in. Killed before the swap, the
    // index is still the stub over the shards (the next run merges again);
    // killed after it, the index is the merged one.
    const std::string merged = db_path_ + ".merged";
    fs::remove_all(merged);
    StageTimer timer(options_.measure ? &summary_.stages : nullptr, Stage::kMerge);
    compact_index(Xapian::Database(db_path_), merged);
    swap_in(merged, db_path_);
    fs::remove_all(merged);
  }
  return summary_;
}

}  // namespace gazette
