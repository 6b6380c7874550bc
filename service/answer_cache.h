// Answers that are the same for every reader until the index changes, kept
// for one index revision: the searches without words (the page's home, with
// every facet counted over the whole archive, and an entity's or a
// section's articles) and the counts of /stats. The home page is what every
// reader sees first; its facet counts took 13 ms, those of /stats 15 ms, at
// each visit. A cached answer is sent as it was
// made, its `took_ms` included.
//
// Thread-safe: one cache is shared by the service's worker threads.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/index_revision.h"

namespace gazette {

class AnswerCache {
 public:
  // At most `capacity` answers (the first ones asked after a change of
  // revision; a cache that is full keeps them).
  explicit AnswerCache(size_t capacity) : capacity_(capacity) {}

  // The answer stored under `key` for `revision`, if any.
  std::optional<std::string> find(const IndexRevision& revision, const std::string& key) const;

  // Keeps `answer` under `key` for `revision`. A newer revision than the
  // one held drops every answer of the older one; an older one is ignored
  // (a reader that had not yet reopened).
  void store(const IndexRevision& revision, const std::string& key, std::string answer);

 private:
  const size_t capacity_;
  mutable std::mutex mutex_;
  IndexRevision revision_;
  std::unordered_map<std::string, std::string> answers_;
};

}  // namespace gazette
