// Expected failures, as values the caller must look at: bad input lines, bad
// parameters, bad queries, unreadable stored documents, a bad cluster file.
// One shape from the importers to the HTTP answers, so that a failure keeps
// its code and its place all the way out (the service turns `code` into an
// HTTP status and a JSON body; the indexer counts rejected records by code).
//
// Failures that are not expected (a disk that refuses a write, a Xapian error,
// std::bad_alloc) are exceptions; each header says which of its calls throw.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace gazette {

struct Problem {
  std::string code;     // stable, for scripts and counts: "bad_parameter", "malformed_json", ...
  std::string message;  // for people: names the field, the parameter or the position
  std::string where;    // where it was found ("file.jsonl:12", "parameter 'q'"); may be empty

  // "where: message", or the message alone.
  std::string str() const { return where.empty() ? message : where + ": " + message; }
};

// A value, or the Problem that kept it from being made.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}              // NOLINT: implicit on purpose
  Result(Problem problem) : problem_(std::move(problem)) {}  // NOLINT: implicit on purpose

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }

  // Only when ok().
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T& operator*() const& { return *value_; }
  T& operator*() & { return *value_; }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }

  // Only when !ok().
  const Problem& problem() const { return problem_; }

 private:
  std::optional<T> value_;
  Problem problem_;
};

// For calls that return no value: nullopt is success.
using Status = std::optional<Problem>;

}  // namespace gazette
