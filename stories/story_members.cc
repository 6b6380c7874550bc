#include "stories/story_members.h"

#include <algorithm>
#include <functional>
#include <string>

#include "common/schema.h"

namespace gazette {
namespace {

uint64_t story_hash(std::string_view story) { return std::hash<std::string_view>{}(story); }

}  // namespace

StoryMembers::StoryMembers(const Xapian::Database& db) {
  members_.reserve(db.get_doccount());
  for (auto v = db.valuestream_begin(schema::kStorySlot); v != db.valuestream_end(schema::kStorySlot); ++v)
    members_.emplace_back(story_hash(*v), v.get_docid());
  std::sort(members_.begin(), members_.end());
}

std::vector<Xapian::docid> StoryMembers::of(std::string_view story) const {
  const uint64_t h = story_hash(story);
  auto first = std::lower_bound(members_.begin(), members_.end(), std::make_pair(h, Xapian::docid{0}));
  std::vector<Xapian::docid> out;
  for (auto it = first; it != members_.end() && it->first == h; ++it) out.push_back(it->second);
  return out;
}

std::vector<Xapian::docid> StoryMembership::of(std::string_view story) const {
  const auto n = static_cast<Xapian::docid>(shards.size());
  std::vector<Xapian::docid> out;
  for (Xapian::docid i = 0; i < n; ++i)
    for (Xapian::docid d : shards[i]->of(story)) out.push_back((d - 1) * n + i + 1);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace gazette
