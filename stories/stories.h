// Stories: the articles that follow one event or subject over days or
// weeks, found from what their texts share (story_vector.h) and when they
// were published, so that an editor sees a story's coverage in order.
//
// The method is single-pass clustering as in topic detection and tracking
// (Allan et al., "Topic Detection and Tracking Pilot Study", 1998), in date
// order: an article joins the story whose recent coverage it is most like,
// or starts a new one. "Recent coverage" is the centroid of the story's
// last StoryParameters::centroid_members articles published within
// window_days of the article; "most like" is the cosine of the article's
// vector with that centroid, which must reach `threshold`. A story lasts as
// long as it is covered: an article more than window_days after the last
// one starts a new story. Articles without a date each stand alone.
//
// A story's id is the id of the article that started it; each article
// stores its story's id (schema::kStorySlot) and its vector
// (kStoryVectorSlot), so that a later article is compared without reading
// texts again. Both are values, not terms: adding a term to a written
// document makes Xapian rewrite all of its terms and positions (2.9 ms an
// article, against 0.19 ms for values). A story's articles are found by
// date instead: every one is published within window_days of another
// (whole_story()).
//
// Writing: after the indexer has written articles, find_all_stories() (a
// new index, read in date order, in memory) or find_story_changes() (the
// articles just written, each against the stories near it in time, found by
// a search of its terms) says what to record, and write_story() records it
// in the database that holds the document. Stories already recorded are
// never rebuilt; deleting an article leaves the others in their story.
//
// Functions of their arguments; Xapian's errors are thrown.
#pragma once

#include <climits>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "stories/story_members.h"

namespace gazette {

struct StoryParameters {
  double threshold = 0.25;
  int window_days = 14;
  size_t centroid_members = 30;
};

// What to record for one document of the database that was read: its story,
// and its serialised vector when that is not stored yet.
struct StoryChange {
  Xapian::docid doc;
  std::string story;
  std::string vector;
};

// The stories of every document of a new index: one database, or the
// shards of a stub in its order (the changes are in the stub's numbering).
// The story vectors are read by a thread per shard (StoryVectors).
std::vector<StoryChange> find_all_stories(const std::vector<Xapian::Database>& shards,
                                          const StoryParameters& parameters = {});
// The stories of documents `scope` of `db`, which have none yet, against the
// stories recorded in `db` and each other.
std::vector<StoryChange> find_story_changes(const Xapian::Database& db, const std::vector<Xapian::docid>& scope,
                                            const StoryParameters& parameters = {});

// Records `change` in document `doc` of `db` (the database that holds it,
// where it may be numbered otherwise than in the one that was read). Does
// not commit.
void write_story(Xapian::WritableDatabase& db, Xapian::docid doc, const StoryChange& change);

// The id of the document's story; empty when it has none.
std::string story_id(const Xapian::Document& doc);

// Every document of the story of `doc` (a document of `db`), in no order.
// From `members` (story_members.h, at the revision `db` reads) when given:
// all of them. Otherwise by scanning the days around it: the story's
// articles before and after it, as long as no more than 2 * window_days
// separate two of them (one deleted article leaves a gap of at most that).
// `doc` alone when it has no story or, without `members`, no date.
std::vector<Xapian::docid> whole_story(const Xapian::Database& db, Xapian::docid doc,
                                       const StoryParameters& parameters = {},
                                       const StoryMembership* members = nullptr);

// Days since 1970 of a kDateSlot value; INT_MIN when it is not a date.
int story_day(std::string_view yyyymmdd);

}  // namespace gazette
