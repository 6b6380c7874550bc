// The articles of every story of one index revision, held in memory, so that
// reading a story does not scan the days around it (whole_story()): at
// 1,000,000 articles that scan checked the story of ~8,700 articles for
// each request (DESIGN.md, "Stories").
//
// StoryMembers reads values 11 (schema::kStorySlot) and 10 (the key of a
// document's versions, versions.h) of one local database once, when it is
// built (it also gives each document's story and key, which a search's hits
// show), and is immutable afterwards: one copy per revision is shared by
// every thread (StoryMembersCache, service). Documents are numbered as in
// the database it was built from: use it only with a handle at that
// revision. StoryMembership puts the members of each shard together
// in the numbering of the shards searched as one.
//
// A story is looked up by a 64-bit hash of its id: two stories whose ids
// have the same hash would share their members (for a million stories, a
// chance of about 3 in 100 million).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

namespace gazette {

class StoryMembers {
 public:
  // Reads the story of every document of `db`, one database. Throws
  // Xapian's errors (DatabaseModifiedError when commits discard the
  // revision being read).
  explicit StoryMembers(const Xapian::Database& db);

  // The documents of story `story`, in docid order; none for an unknown one.
  std::vector<Xapian::docid> of(std::string_view story) const;
  // The story of document `did` (its value 11), empty for none: what a hit
  // shows, without a lookup of the value in the index for each hit.
  std::string_view story_of(Xapian::docid did) const;
  // The key of the versions of document `did` (its value 10,
  // version_key() in versions.h), empty for none: each hit of a search
  // shows its versions and collapses them, and a lookup of the value in the
  // index was 1.4 reads of an index block (pread) for each hit.
  std::string_view version_key(Xapian::docid did) const;

  size_t memory_bytes() const;

 private:
  std::vector<std::pair<uint64_t, Xapian::docid>> members_;  // (hash of the story id, document), sorted
  std::vector<uint32_t> story_of_;                           // document -> 1 + its story's number; 0 for none
  std::string ids_;                                          // the story ids, each once, one after the other
  std::vector<uint32_t> id_start_;  // story number -> where its id starts in ids_; one more ends the last
  // The documents that have versions (few: 460 of 63,231 in the shared
  // corpus), in docid order, and their keys.
  std::vector<std::pair<Xapian::docid, std::string>> version_keys_;
};

// The members of every shard that a Database searches as one, each shard's
// StoryMembers at the revision that Database reads; documents are in the
// combined numbering (common/shard_numbering.h).
struct StoryMembership {
  std::vector<std::shared_ptr<const StoryMembers>> shards;

  // The documents of story `story` in the combined numbering, in docid order.
  std::vector<Xapian::docid> of(std::string_view story) const;
  // The story of document `did` of the combined numbering, empty for none.
  std::string_view story_of(Xapian::docid did) const { return of_document(did, &StoryMembers::story_of); }
  // The key of the versions of document `did` of the combined numbering,
  // empty for none.
  std::string_view version_key(Xapian::docid did) const { return of_document(did, &StoryMembers::version_key); }

 private:
  std::string_view of_document(Xapian::docid did, std::string_view (StoryMembers::*read)(Xapian::docid) const) const;
};

}  // namespace gazette
