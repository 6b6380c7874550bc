// gazette-synth-corpus: grows the shared corpus synthetically for the scale
// benchmark (bench/run.sh). Writes N articles as JSON Lines (gzip when the
// output name ends in .gz): first the real articles as they are, then copies
// of them, pass after pass, until N are written. Copy k of an article has the
// id "<id>~k" and its date k years earlier (29 February becomes the 28th), so
// that copies are new documents spread over more years, not duplicates.
// Streams: it holds one article at a time, whatever N, and re-reads the inputs
// for each pass. Prints the articles and bytes of text (title, summary, body)
// written; with --out /dev/null it only counts.
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "bench/gz_lines.h"

namespace {

using GzFile = std::unique_ptr<gzFile_s, decltype(&gzclose)>;

using gazette::bench::read_line;

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// "2022-03-01T18:00:02+01:00" or "2022-03-01" moved `years` back; anything
// else (empty, malformed) is kept as it is.
std::string shift_years(const std::string& date, int years) {
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return date;
  for (int i : {0, 1, 2, 3})
    if (date[i] < '0' || date[i] > '9') return date;
  int year = std::stoi(date.substr(0, 4)) - years;
  std::string out = std::to_string(year) + date.substr(4);
  if (out.compare(5, 5, "02-29") == 0 && !leap(year)) out[9] = '8';
  return out;
}

// The writer: gzip (fast level: the benchmark times the indexer, not this)
// or plain.
class Output {
 public:
  explicit Output(const std::string& path) {
    bool gz = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    if (gz) {
      gz_ = gzopen(path.c_str(), "wb1");
      if (gz_) gzbuffer(gz_, 1 << 20);
    } else {
      plain_ = std::fopen(path.c_str(), "wb");
    }
    if (!gz_ && !plain_) throw std::runtime_error("cannot write " + path);
  }
  ~Output() {
    if (gz_) gzclose(gz_);
    if (plain_) std::fclose(plain_);
  }
  void write_line(const std::string& line) {
    if (gz_) {
      gzwrite(gz_, line.data(), line.size());
      gzputc(gz_, '\n');
    } else {
      std::fwrite(line.data(), 1, line.size(), plain_);
      std::fputc('\n', plain_);
    }
  }

 private:
  gzFile gz_ = nullptr;
  std::FILE* plain_ = nullptr;
};

size_t text_bytes(const nlohmann::json& a) {
  size_t n = 0;
  for (const char* field : {"title", "summary", "body"})
    if (auto it = a.find(field); it != a.end() && it->is_string()) n += it->get_ref<const std::string&>().size();
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes N articles: the real ones, then copies with new ids and shifted dates."};
  size_t articles = 0;
  std::string out_path;
  std::vector<std::string> inputs = {"../shared/corpus/orangesum.jsonl.gz", "../shared/corpus/lemonde2022.jsonl.gz"};
  app.add_option("-n,--articles", articles, "Articles to write")->required()->check(CLI::PositiveNumber);
  app.add_option("-o,--out", out_path, "Output .jsonl or .jsonl.gz")->required();
  bool no_copies = false;
  app.add_flag("--no-copies", no_copies, "Stop after the real articles (to count their text)");
  app.add_option("inputs", inputs, "JSON Lines files (plain or gzip) of real articles");
  CLI11_PARSE(app, argc, argv);

  auto start = std::chrono::steady_clock::now();
  Output out(out_path);
  size_t written = 0, bytes = 0;
  int copy = 0;
  for (; written < articles && (copy == 0 || !no_copies); ++copy) {
    size_t written_before = written;
    for (const auto& path : inputs) {
      GzFile in(gzopen(path.c_str(), "rb"), gzclose);
      if (!in) {
        std::fprintf(stderr, "gazette-synth-corpus: cannot read %s\n", path.c_str());
        return 1;
      }
      gzbuffer(in.get(), 1 << 20);
      std::string line;
      while (written < articles && read_line(in.get(), line)) {
        if (line.empty()) continue;
        nlohmann::json a = nlohmann::json::parse(line, nullptr, false);
        if (!a.is_object() || !a.contains("id") || !a["id"].is_string()) continue;  // the indexer would skip it too
        bytes += text_bytes(a);
        if (copy == 0) {
          out.write_line(line);
        } else {
          a["id"] = a["id"].get<std::string>() + "~" + std::to_string(copy);
          if (a.contains("published") && a["published"].is_string())
            a["published"] = shift_years(a["published"].get<std::string>(), copy);
          out.write_line(a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        }
        ++written;
      }
    }
    if (written == written_before) {
      std::fprintf(stderr, "gazette-synth-corpus: no article in the inputs\n");
      return 1;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("articles %zu\ntext_bytes %zu\ncopies %d\nseconds %.1f\n", written, bytes, copy - 1, seconds);
  return 0;
}
