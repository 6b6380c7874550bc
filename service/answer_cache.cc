#include "service/answer_cache.h"

#include <utility>

namespace gazette {

std::optional<std::string> AnswerCache::find(const IndexRevision& revision, const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!(revision == revision_)) return std::nullopt;
  auto it = answers_.find(key);
  if (it == answers_.end()) return std::nullopt;
  return it->second;
}

void AnswerCache::store(const IndexRevision& revision, const std::string& key, std::string answer) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!(revision == revision_)) {
    if (revision.not_after(revision_)) return;
    revision_ = revision;
    answers_.clear();
  }
  if (answers_.size() < capacity_) answers_.emplace(key, std::move(answer));
}

}  // namespace gazette
