#include "indexer/jsonl_importer.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "common/article_json.h"

namespace gazette {
namespace {

// Splits a zlib stream (gzread reads plain files transparently) into lines.
class LineReader {
 public:
  explicit LineReader(gzFile file) : file_(file) {}

  // Reads the next line into `line` (without its end of line). `too_long` is
  // set when the line was cut at kMaxJsonLineBytes. Returns false at the end
  // of input or on a read error; error() tells which.
  bool next(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    bool any = false;
    while (true) {
      if (pos_ == len_ && !fill()) return any;
      any = true;
      const char* start = buffer_ + pos_;
      const void* nl = std::memchr(start, '\n', len_ - pos_);
      size_t n = nl ? static_cast<const char*>(nl) - start : len_ - pos_;
      if (line.size() + n <= kMaxJsonLineBytes)
        line.append(start, n);
      else
        too_long = true;
      pos_ += n;
      if (nl) {
        ++pos_;
        return true;
      }
    }
  }

  std::string error() const { return error_; }

 private:
  bool fill() {
    int n = gzread(file_, buffer_, sizeof buffer_);
    if (n < 0) {
      int code = 0;
      const char* msg = gzerror(file_, &code);
      error_ = code == Z_ERRNO ? std::strerror(errno) : msg;
      return false;
    }
    if (n == 0) {
      // gzread reports a stream cut short only through gzerror.
      int code = 0;
      const char* msg = gzerror(file_, &code);
      if (code != Z_OK && code != Z_STREAM_END) error_ = msg;
      return false;
    }
    pos_ = 0;
    len_ = static_cast<size_t>(n);
    return true;
  }

  gzFile file_;
  char buffer_[1 << 16];
  size_t pos_ = 0, len_ = 0;
  std::string error_;
};

std::string_view without_bom_and_cr(std::string_view line, bool first) {
  if (first && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

}  // namespace

ImportRecord parse_jsonl_line(std::string_view line, const SourceLocation& where) {
  ImportRecord record;
  record.where = where;
  // nlohmann's parser takes a NUL byte for the end of the input: what
  // follows one would be ignored unseen.
  if (size_t nul = line.find('\0'); nul != std::string_view::npos) {
    record.problem =
        Problem{"malformed_json", "malformed JSON at column " + std::to_string(nul + 1) + ": NUL byte", ""};
    return record;
  }
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {
    // e.what() starts with "[json.exception.parse_error.101] parse error at
    // line 1, column 5: ...": keep the part a person needs. A number out of
    // range (1e999) is an out_of_range error, without a column.
    std::string what = e.what();
    size_t at = what.find("column");
    std::string message =
        at != std::string::npos
            ? "malformed JSON at " + what.substr(at)
            : "malformed JSON: " + what.substr(what.find("] ") == std::string::npos ? 0 : what.find("] ") + 2);
    record.problem = Problem{"malformed_json", message, ""};
    return record;
  }
  ArticleFromJson parsed = article_from_json(value);
  record.warnings = std::move(parsed.warnings);
  if (!parsed.article) {
    record.problem = parsed.problem;
    return record;
  }
  if (Status problem = prepare_article(*parsed.article)) {
    if (!parsed.article->id.empty()) problem->message += " (id " + parsed.article->id + ")";
    record.problem = problem;
    return record;
  }
  record.article = std::move(parsed.article);
  return record;
}

void import_jsonl_file(const std::string& path, const RecordSink& sink, StageTimes* times) {
  errno = 0;
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) {
    ImportRecord r;
    r.where = {path, 0};
    r.problem =
        Problem{"unreadable_file", std::string("cannot read: ") + (errno ? std::strerror(errno) : "gzopen failed"), ""};
    sink(std::move(r));
    return;
  }
  gzbuffer(file, 1 << 17);
  LineReader reader(file);
  std::string line;
  bool too_long = false;
  size_t number = 0;
  std::optional<StageTimer> timer(std::in_place, times, Stage::kRead);
  while (reader.next(line, too_long)) {
    timer.reset();
    ++number;
    std::string_view text = without_bom_and_cr(line, number == 1);
    if (too_long) {
      ImportRecord r;
      r.where = {path, number};
      r.problem = Problem{"line_too_long", "line longer than " + std::to_string(kMaxJsonLineBytes >> 20) + " MiB", ""};
      sink(std::move(r));
      timer.emplace(times, Stage::kRead);
      continue;
    }
    if (!blank(text)) {
      timer.emplace(times, Stage::kParse);
      ImportRecord record = parse_jsonl_line(text, {path, number});
      record.where.bytes_read = static_cast<uint64_t>(gzoffset(file));
      timer.reset();
      sink(std::move(record));
    }
    timer.emplace(times, Stage::kRead);
  }
  timer.reset();
  if (!reader.error().empty()) {
    ImportRecord r;
    r.where = {path, number};
    r.problem = Problem{
        "corrupt_file",
        "read error after line " + std::to_string(number) + " (truncated or corrupt file?): " + reader.error(), ""};
    sink(std::move(r));
  }
  gzclose(file);
}

}  // namespace gazette
