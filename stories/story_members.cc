#include "stories/story_members.h"

#include <algorithm>
#include <functional>
#include <string>

#include "common/schema.h"
#include "common/shard_numbering.h"
#include "common/string_hash.h"

namespace gazette {
namespace {

uint64_t story_hash(std::string_view story) { return std::hash<std::string_view>{}(story); }

}  // namespace

StoryMembers::StoryMembers(const Xapian::Database& db) : story_of_(db.get_lastdocid() + 1, 0), id_start_{0} {
  members_.reserve(db.get_doccount());
  StringMap<uint32_t> number;  // story id -> 1 + its number
  for (auto v = db.valuestream_begin(schema::kStorySlot); v != db.valuestream_end(schema::kStorySlot); ++v) {
    const std::string story = *v;
    members_.emplace_back(story_hash(story), v.get_docid());
    auto [it, added] = number.emplace(story, static_cast<uint32_t>(id_start_.size()));
    if (added) {
      ids_ += story;
      id_start_.push_back(static_cast<uint32_t>(ids_.size()));
    }
    if (v.get_docid() < story_of_.size()) story_of_[v.get_docid()] = it->second;
  }
  std::sort(members_.begin(), members_.end());
  ids_.shrink_to_fit();
  id_start_.shrink_to_fit();
  for (auto v = db.valuestream_begin(schema::kVersionsSlot); v != db.valuestream_end(schema::kVersionsSlot); ++v)
    version_keys_.emplace_back(v.get_docid(), *v);
}

std::string_view StoryMembers::story_of(Xapian::docid did) const {
  if (did >= story_of_.size() || story_of_[did] == 0) return {};
  const uint32_t n = story_of_[did] - 1;
  return std::string_view(ids_).substr(id_start_[n], id_start_[n + 1] - id_start_[n]);
}

std::string_view StoryMembers::version_key(Xapian::docid did) const {
  auto it = std::lower_bound(version_keys_.begin(), version_keys_.end(), did,
                             [](const auto& versioned, Xapian::docid d) { return versioned.first < d; });
  if (it == version_keys_.end() || it->first != did) return {};
  return it->second;
}

size_t StoryMembers::memory_bytes() const {
  size_t n = members_.capacity() * sizeof members_[0] + story_of_.capacity() * sizeof story_of_[0] + ids_.capacity() +
             id_start_.capacity() * sizeof id_start_[0] + version_keys_.capacity() * sizeof version_keys_[0];
  for (const auto& versioned : version_keys_) n += versioned.second.capacity();
  return n;
}

std::vector<Xapian::docid> StoryMembers::of(std::string_view story) const {
  const uint64_t h = story_hash(story);
  auto first = std::lower_bound(members_.begin(), members_.end(), std::make_pair(h, Xapian::docid{0}));
  std::vector<Xapian::docid> out;
  for (auto it = first; it != members_.end() && it->first == h; ++it) out.push_back(it->second);
  return out;
}

// What `read` (a member function of StoryMembers) gives of document `did`
// of the combined numbering, asked of its shard.
std::string_view StoryMembership::of_document(Xapian::docid did,
                                              std::string_view (StoryMembers::*read)(Xapian::docid) const) const {
  const auto n = static_cast<Xapian::docid>(shards.size());
  if (did == 0 || n == 0) return {};
  return (*shards[shard_of(did, n)].*read)(docid_in_shard(did, n));
}

std::vector<Xapian::docid> StoryMembership::of(std::string_view story) const {
  const auto n = static_cast<Xapian::docid>(shards.size());
  std::vector<Xapian::docid> out;
  for (Xapian::docid i = 0; i < n; ++i)
    for (Xapian::docid d : shards[i]->of(story)) out.push_back(combined_docid(d, i, n));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace gazette
