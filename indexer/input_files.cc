#include "indexer/input_files.h"

#include <algorithm>
#include <filesystem>
#include <optional>

namespace gazette {
namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::optional<InputKind> kind_of(const std::string& path) {
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (ends_with(lower, ".gz")) lower.resize(lower.size() - 3);
  if (ends_with(lower, ".jsonl") || ends_with(lower, ".ndjson") || ends_with(lower, ".json"))
    return InputKind::kJsonLines;
  if (ends_with(lower, ".html") || ends_with(lower, ".htm")) return InputKind::kHtml;
  if (ends_with(lower, ".txt")) return InputKind::kText;
  return std::nullopt;
}

ImportRecord problem(const std::string& path, const std::string& code, const std::string& reason) {
  ImportRecord r;
  r.where = {path, 0};
  r.problem = Problem{code, reason, ""};
  return r;
}

void add_folder(const fs::path& folder, InputPlan& plan) {
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) {
    plan.problems.push_back(problem(folder.string(), "unreadable_file", "cannot read folder: " + ec.message()));
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      plan.problems.push_back(problem(folder.string(), "unreadable_file", ec.message()));
      break;
    }
    std::error_code status_ec;
    const fs::path& p = it->path();
    if (it->is_directory(status_ec)) continue;
    if (!it->is_regular_file(status_ec)) {
      if (status_ec)  // a dangling link or a link loop
        plan.problems.push_back(problem(p.string(), "unreadable_file", status_ec.message()));
      continue;
    }
    if (auto kind = kind_of(p.string()))
      plan.files.push_back({p.string(), *kind});
    else
      plan.ignored.push_back(p.string());
  }
}

}  // namespace

InputPlan plan_inputs(const std::vector<std::string>& inputs) {
  InputPlan plan;
  for (const std::string& input : inputs) {
    std::error_code ec;
    fs::file_status status = fs::status(input, ec);
    if (ec) {
      plan.problems.push_back(problem(input, "unreadable_file", "cannot read: " + ec.message()));
    } else if (fs::is_directory(status)) {
      add_folder(input, plan);
    } else if (auto kind = kind_of(input)) {
      plan.files.push_back({input, *kind});
    } else {
      plan.problems.push_back(
          problem(input, "unknown_file_type", "unknown file type (expected .jsonl[.gz], .html or .txt)"));
    }
  }
  std::stable_sort(plan.files.begin(), plan.files.end(), [](const InputFile& a, const InputFile& b) {
    return a.kind != b.kind ? a.kind < b.kind : a.path < b.path;
  });
  return plan;
}

}  // namespace gazette
