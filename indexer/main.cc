// gazette-index: imports articles (JSON Lines, HTML pages, plain text) into a
// Gazette index. See README.md for usage; exit status 0 when every article
// was indexed, 1 when some input was skipped, 2 when the import could not run.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include <CLI/CLI.hpp>

#include "indexer/html_importer.h"
#include "indexer/index_writer.h"
#include "indexer/input_files.h"
#include "indexer/jsonl_importer.h"
#include "indexer/text_importer.h"

namespace {

using Clock = std::chrono::steady_clock;

// A one-line progress display on a terminal, redrawn at most twice a second:
// articles, rate, and the time left, estimated from the input bytes read.
class Progress {
 public:
  Progress(bool enabled, uint64_t total_bytes)
      : enabled_(enabled), total_bytes_(total_bytes), start_(Clock::now()), last_(start_) {}

  // `bytes_done`: all the bytes of the files finished, plus those read of
  // the current one.
  void update(size_t articles, uint64_t bytes_done) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double left = bytes_done ? seconds * (static_cast<double>(total_bytes_) / bytes_done - 1) : 0;
    std::fprintf(stderr, "\r\033[K%zu articles, %.0f/s, %.0f%% read, about %.0f s left", articles,
                 articles / std::max(seconds, 1e-3), 100.0 * bytes_done / std::max<uint64_t>(total_bytes_, 1),
                 std::max(left, 0.0));
    std::fflush(stderr);
  }

  void clear() {
    if (enabled_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool enabled_;
  uint64_t total_bytes_;
  Clock::time_point start_, last_;
};

double process_cpu_s() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Prints what the writer reports, the first few of each kind only: a
// corpus that repeats 150 articles says so in a count, not in 150 lines.
class ReportPrinter {
 public:
  ReportPrinter(bool quiet, bool verbose) : quiet_(quiet), verbose_(verbose) {}

  void operator()(const gazette::Report& report) {
    if (quiet_) return;
    if (verbose_ || ++shown_[report.kind] <= kShownPerKind)
      std::cerr << report.line << '\n';
    else
      ++hidden_[report.kind];
  }

  // After the run: how many of each kind were not printed.
  void print_hidden() const {
    for (const auto& [kind, count] : hidden_)
      std::cerr << "... and " << count << " more (" << kind << "); --verbose prints them all\n";
  }

 private:
  static constexpr size_t kShownPerKind = 5;
  bool quiet_, verbose_;
  std::map<std::string, size_t> shown_, hidden_;
};

uint64_t file_size(const std::string& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

void print_summary(const gazette::ImportSummary& s, double seconds, size_t ignored) {
  std::printf(
      "read %zu articles in %.1f s: %zu added, %zu replaced, %zu unchanged, %zu duplicate, "
      "%zu skipped, %zu warnings (%u writer%s)\n",
      s.read(), seconds, s.written.added, s.written.replaced, s.written.unchanged, s.duplicates, s.rejected_total(),
      s.warnings, s.writers,
      s.writers == 1 ? ""
      : s.merged     ? "s in parallel, merged"
                     : "s in parallel, shards kept");
  for (const auto& [reason, count] : s.rejected) std::printf("  skipped %zu: %s\n", count, reason.c_str());
  if (ignored) std::printf("  ignored %zu files of unknown type\n", ignored);
  if (s.versions_grouped)
    std::printf("  %zu articles put into groups of versions (near-duplicates)\n", s.versions_grouped);
  if (s.stories_touched) std::printf("  %zu stories started or joined\n", s.stories_touched);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Imports French news articles into a Gazette index."};
  std::string db_path;
  std::vector<std::string> inputs;
  gazette::IndexOptions options;
  options.shards = std::max(1u, std::thread::hardware_concurrency());
  bool quiet = false;
  app.add_option("--db", db_path, "Index folder (created if missing)")->required();
  app.add_option("inputs", inputs, "Files or folders: .jsonl[.gz], .html, .txt")->required();
  app.add_option("--batch", options.batch_size, "Articles written between commits")->check(CLI::Range(1, 1000000));
  app.add_option("--shards", options.shards, "Databases built in parallel for a new index, then merged")
      ->check(CLI::Range(1, 64));
  app.add_flag("--keep-shards", options.keep_shards,
               "Keep a new index's shards (DB/shard-N, DB/global, DB/cluster.json) for a cluster, unmerged");
  bool no_entities = false;
  app.add_flag("--no-entities", no_entities, "Do not extract people, places and organisations");
  app.add_flag("-q,--quiet", quiet, "Print only the summary");
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "Print every skipped article and warning, not the first few of each kind");
  app.add_flag("--stats", options.measure,
               "After the summary, the time and CPU of each stage (reading, parsing, analysis, Xapian writes, ...)");
  CLI11_PARSE(app, argc, argv);
  options.entities = !no_entities;

  ReportPrinter printer(quiet, verbose);
  auto report = [&printer](const gazette::Report& r) { printer(r); };
  gazette::InputPlan plan = gazette::plan_inputs(inputs);
  for (const auto& f : plan.ignored) report({"ignored file", f + ": ignored: unknown file type"});

  auto start = Clock::now();
  try {
    gazette::IndexWriter writer(db_path, options, report);
    uint64_t total_bytes = 0, finished_bytes = 0;
    for (const auto& f : plan.files) total_bytes += file_size(f.path);
    Progress progress(!quiet && isatty(STDERR_FILENO), total_bytes);
    gazette::ImportSummary summary;
    for (auto& problem : plan.problems) writer.add(std::move(problem));
    for (size_t i = 0; i < plan.files.size(); ++i) {
      const gazette::InputFile& file = plan.files[i];
      auto sink = [&](gazette::ImportRecord&& r) {
        uint64_t read = r.where.bytes_read;
        writer.add(std::move(r));
        progress.update(writer.done(), finished_bytes + read);
      };
      switch (file.kind) {
        case gazette::InputKind::kJsonLines:
          gazette::import_jsonl_file(file.path, sink, writer.reader_times());
          break;
        case gazette::InputKind::kHtml:
          gazette::import_html_file(file.path, sink, writer.reader_times());
          break;
        case gazette::InputKind::kText:
          gazette::import_text_file(file.path, sink, writer.reader_times());
          break;
      }
      finished_bytes += file_size(file.path);
    }
    summary = writer.finish();
    progress.clear();
    printer.print_hidden();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    print_summary(summary, seconds, plan.ignored.size());
    if (options.measure)
      std::printf("%s", gazette::format_stage_table(summary.stages, seconds, process_cpu_s()).c_str());
    return summary.rejected_total() ? 1 : 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "gazette-index: " << db_path << ": " << e.get_description() << '\n';
    return 2;
  }
}
