#include "indexer/whole_file.h"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <system_error>

namespace gazette {
namespace {

struct FileBytes {
  std::string bytes;
  std::string error;  // empty when the file was read
};

FileBytes read_file_bytes(const std::string& path) {
  FileBytes result;
  auto fail = [&result] {
    result.bytes.clear();
    result.error = std::error_code(errno, std::generic_category()).message();
    return result;
  };
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return fail();
  char buffer[1 << 16];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, file.get())) result.bytes.append(buffer, n);
  if (std::ferror(file.get())) return fail();
  return result;
}

}  // namespace

void import_whole_file(const std::string& path, ArticleParser parse, const RecordSink& sink, StageTimes* times) {
  std::optional<StageTimer> timer(std::in_place, times, Stage::kRead);
  FileBytes file = read_file_bytes(path);
  timer.reset();
  if (!file.error.empty()) {
    ImportRecord record;
    record.where = {path, 0};
    record.problem = Problem{"unreadable_file", "cannot read: " + file.error, ""};
    sink(std::move(record));
    return;
  }
  timer.emplace(times, Stage::kParse);
  ImportRecord record = parse(file.bytes, std::filesystem::path(path).stem().string(), {path, 0});
  record.where.bytes_read = file.bytes.size();
  timer.reset();
  sink(std::move(record));
}

}  // namespace gazette
