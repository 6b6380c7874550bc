// Where an import spends its time, stage by stage (gazette-index --stats).
//
// Each thread that takes part in an import (the reader, one writer per shard)
// keeps its own StageTimes; a StageTimer adds to it the wall time and the
// thread's own CPU time between its construction and its destruction. The
// import sums them at the end. Wall time that is not CPU time is time the
// thread waited: for the disk, for a lock, or for another thread.
//
// A StageTimes is used by one thread at a time; StageTimer with a null
// StageTimes does nothing, so that code shared with the service (which does
// not measure) pays one branch.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace gazette {

enum class Stage {
  kRead,           // reading and gunzipping input files, splitting lines
  kParse,          // JSON or HTML parsing into an Article
  kCheck,          // checks, duplicate ids, routing to a writer
  kReaderBlocked,  // the reader waiting for a writer's queue to have room
  kStoredForm,     // the stored JSON and its hash
  kUnchanged,      // looking the id up: is the index's copy the same?
  kAnalysis,       // tokenising, folding, stemming, adding terms to the document
  kEntities,       // extracting people, places and organisations
  kQuotes,         // finding quotes and their speakers, adding their words
  kStoredFields,   // filter terms, value slots, document data
  kXapianWrite,    // replace_document
  kCommit,         // WritableDatabase::commit
  kSpelling,       // the spelling data made from the titles, at the end
  kWriterIdle,     // a writer waiting for articles
  kVersions,       // finding the groups of versions (near-duplicates)
  kStories,        // finding the stories of the articles written
  kGroupWrites,    // writing and committing both, each shard by a thread of its own
  kMerge,          // compacting the shards into one database
};
inline constexpr size_t kStageCount = static_cast<size_t>(Stage::kMerge) + 1;

// What a stage is called in the --stats table.
const char* stage_name(Stage stage);

// Nanoseconds of one thread's CPU time, of the process's, and of the
// monotonic clock.
uint64_t thread_cpu_ns();
uint64_t process_cpu_ns();
uint64_t wall_ns();

struct StageTime {
  uint64_t wall_ns = 0;
  uint64_t cpu_ns = 0;
};

class StageTimes {
 public:
  void add(Stage stage, uint64_t wall, uint64_t cpu) {
    StageTime& t = times_[static_cast<size_t>(stage)];
    t.wall_ns += wall;
    t.cpu_ns += cpu;
  }
  const StageTime& operator[](Stage stage) const { return times_[static_cast<size_t>(stage)]; }
  StageTimes& operator+=(const StageTimes& other);

 private:
  std::array<StageTime, kStageCount> times_{};
};

// Adds the wall and CPU time of its scope to `stage` (nothing when `times`
// is null). The CPU time is the calling thread's, or with kProcess the
// whole process's: for a stage that runs threads of its own while no other
// stage runs.
class StageTimer {
 public:
  enum Clock { kThread, kProcess };
  StageTimer(StageTimes* times, Stage stage, Clock clock = kThread) : times_(times), stage_(stage), clock_(clock) {
    if (times_) {
      wall_ = wall_ns();
      cpu_ = cpu_ns();
    }
  }
  ~StageTimer() {
    if (times_) times_->add(stage_, wall_ns() - wall_, cpu_ns() - cpu_);
  }
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  uint64_t cpu_ns() const { return clock_ == kThread ? thread_cpu_ns() : process_cpu_ns(); }

  StageTimes* times_;
  Stage stage_;
  Clock clock_;
  uint64_t wall_ = 0, cpu_ = 0;
};

// The --stats table: one line per stage with its thread-seconds, CPU seconds
// and share of all CPU time, then the import's wall time and the process's
// CPU time (`process_cpu_s`, from getrusage).
std::string format_stage_table(const StageTimes& times, double wall_s, double process_cpu_s);

}  // namespace gazette
