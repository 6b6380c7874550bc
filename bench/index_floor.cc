// gazette-index-floor: what Xapian 1.4 alone costs to index the text that
// Gazette indexes, the floor under gazette-index's time (bench/run.sh).
//
// The plain indexer of ../shared/notes/xapian-indexing.md: each JSON Lines
// article (nlohmann/json) goes through Xapian::TermGenerator with the French
// stemmer (exact words with positions, stems under Z): the title with wdf 3,
// then the summary and the body; its id as a unique boolean term, its date
// and section as values, and the JSON line itself as document data. Nothing
// of Gazette's own: no field prefixes, entities, spelling data or checks.
// Like gazette-index, it builds one database per thread in parallel
// (article i goes to thread i mod threads; each thread reads and gunzips all
// the input and parses its own lines, about 1.5 CPU s more than one reader
// for the shared corpus), commits every --batch documents without syncing
// (as gazette-index's shards, which a merge copies), then compacts them into
// one; its tables have Gazette's block size (common/index_storage.h). Prints
// the articles, wall and CPU seconds, and the index's size.
#include <sys/resource.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "bench/gz_lines.h"
#include "common/index_storage.h"

namespace {

namespace fs = std::filesystem;

using gazette::compact_index;
using gazette::open_writable_index;
using gazette::bench::read_line;

std::string text_field(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// Indexes every `threads`-th article of the inputs, starting at `first`,
// into a new database at `path`; returns the articles written.
size_t index_part(const std::vector<std::string>& inputs, size_t first, size_t threads, size_t batch,
                  const std::string& path) {
  // Stored as Gazette stores an index, so that the sizes and times compare.
  Xapian::WritableDatabase db = open_writable_index(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("french"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  size_t line_number = 0, written = 0;
  std::string line;
  for (const std::string& input : inputs) {
    std::unique_ptr<gzFile_s, decltype(&gzclose)> file(gzopen(input.c_str(), "rb"), &gzclose);
    if (!file) throw std::runtime_error("cannot read " + input);
    while (read_line(file.get(), line)) {
      if (line_number++ % threads != first) continue;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object()) continue;
      const std::string id = text_field(j, "id");
      if (id.empty()) continue;
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(text_field(j, "title"), 3);
      generator.increase_termpos(100);
      generator.index_text(text_field(j, "summary"));
      generator.increase_termpos(100);
      generator.index_text(text_field(j, "body"));
      const std::string published = text_field(j, "published");
      doc.add_value(0, published.substr(0, 10));
      doc.add_value(2, text_field(j, "section"));
      doc.set_data(line);
      doc.add_boolean_term("Q" + id);
      db.replace_document("Q" + id, doc);
      if (++written % batch == 0) db.commit();
    }
  }
  db.commit();
  return written;
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

uint64_t folder_bytes(const fs::path& dir) {
  uint64_t n = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) n += entry.file_size();
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Indexes JSON Lines articles with Xapian alone: the floor under gazette-index's time."};
  std::string db_path;
  std::vector<std::string> inputs;
  size_t threads = std::max(1u, std::thread::hardware_concurrency());
  size_t batch = 1000;  // gazette-index's default: the same commits
  app.add_option("--db", db_path, "Index folder to create (replaced)")->required();
  app.add_option("inputs", inputs, "JSON Lines files (.jsonl or .jsonl.gz)")->required()->check(CLI::ExistingFile);
  app.add_option("--threads", threads, "Databases built in parallel, then compacted into one")
      ->check(CLI::Range(1, 64));
  app.add_option("--batch", batch, "Documents between commits, per thread")->check(CLI::Range(1, 1000000));
  CLI11_PARSE(app, argc, argv);

  const auto start = std::chrono::steady_clock::now();
  fs::remove_all(db_path);
  const std::string parts = db_path + ".parts";
  fs::remove_all(parts);
  fs::create_directories(parts);
  std::vector<size_t> written(threads);
  std::vector<std::string> paths, errors(threads);
  std::vector<std::thread> workers;
  for (size_t i = 0; i < threads; ++i) {
    paths.push_back(parts + "/part-" + std::to_string(i));
    workers.emplace_back([&, i] {
      try {
        written[i] = index_part(inputs, i, threads, batch, paths[i]);
      } catch (const Xapian::Error& e) {
        errors[i] = e.get_description();
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& t : workers) t.join();
  for (const auto& e : errors) {
    if (e.empty()) continue;
    std::fprintf(stderr, "gazette-index-floor: %s\n", e.c_str());
    return 1;
  }
  Xapian::Database all;
  for (const auto& p : paths) all.add_database(Xapian::Database(p));
  compact_index(all, db_path);
  fs::remove_all(parts);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  size_t total = 0;
  for (size_t n : written) total += n;
  std::printf("floor_articles %zu\nfloor_seconds %.1f\nfloor_cpu_seconds %.1f\nfloor_index_bytes %llu\n", total,
              seconds, cpu_seconds(), static_cast<unsigned long long>(folder_bytes(db_path)));
  return 0;
}
