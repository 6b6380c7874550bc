#include "indexer/import_stats.h"

#include <time.h>

#include <cstdio>

namespace gazette {
namespace {

uint64_t read_clock(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace

uint64_t thread_cpu_ns() { return read_clock(CLOCK_THREAD_CPUTIME_ID); }
uint64_t process_cpu_ns() { return read_clock(CLOCK_PROCESS_CPUTIME_ID); }
uint64_t wall_ns() { return read_clock(CLOCK_MONOTONIC); }

const char* stage_name(Stage stage) {
  switch (stage) {
    case Stage::kRead:
      return "read + gunzip";
    case Stage::kParse:
      return "parse (JSON, HTML)";
    case Stage::kCheck:
      return "checks, dedup, routing";
    case Stage::kReaderBlocked:
      return "reader waits for writers";
    case Stage::kStoredForm:
      return "stored form + hash";
    case Stage::kUnchanged:
      return "unchanged? (id lookup)";
    case Stage::kAnalysis:
      return "analysis (terms)";
    case Stage::kEntities:
      return "entity extraction";
    case Stage::kQuotes:
      return "quotes";
    case Stage::kStoredFields:
      return "filters, values, data";
    case Stage::kXapianWrite:
      return "Xapian writes";
    case Stage::kCommit:
      return "Xapian commits";
    case Stage::kSpelling:
      return "Xapian spelling data";
    case Stage::kWriterIdle:
      return "writers wait for articles";
    case Stage::kVersions:
      return "versions (near-duplicates)";
    case Stage::kStories:
      return "stories";
    case Stage::kGroupWrites:
      return "Xapian writes (groups)";
    case Stage::kMerge:
      return "merge (compaction)";
  }
  return "?";
}

StageTimes& StageTimes::operator+=(const StageTimes& other) {
  for (size_t i = 0; i < kStageCount; ++i) {
    times_[i].wall_ns += other.times_[i].wall_ns;
    times_[i].cpu_ns += other.times_[i].cpu_ns;
  }
  return *this;
}

std::string format_stage_table(const StageTimes& times, double wall_s, double process_cpu_s) {
  std::string out = "stage                        thread s    CPU s  CPU %\n";
  char line[128];
  for (size_t i = 0; i < kStageCount; ++i) {
    const Stage stage = static_cast<Stage>(i);
    const StageTime& t = times[stage];
    const double cpu = t.cpu_ns / 1e9;
    std::snprintf(line, sizeof line, "%-27s %9.1f %8.1f %5.1f%%\n", stage_name(stage), t.wall_ns / 1e9, cpu,
                  process_cpu_s > 0 ? 100 * cpu / process_cpu_s : 0.0);
    out += line;
  }
  std::snprintf(line, sizeof line, "%-27s %9.1f %8.1f\n", "import (wall, process CPU)", wall_s, process_cpu_s);
  out += line;
  return out;
}

}  // namespace gazette
