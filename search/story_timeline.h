// Reading a story (stories/stories.h): its articles in date order, grouped
// by day with the versions of one text shown once, its main entities, its
// span, and its title, taken from its most central article (the one whose
// vector is closest to the story's centroid).
//
// Functions of their arguments; the database is only read. Expected
// failures are Problems; Xapian's errors are thrown.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "common/problem.h"
#include "stories/story_members.h"

namespace gazette {

// An article of a story's timeline, as a list shows it.
struct StoryArticle {
  std::string id;
  std::string title;
  std::string date;  // "YYYY-MM-DD"; empty when undated
  std::string section;
  std::string source;
  size_t versions = 0;   // other versions of its text in the story, not listed
  bool current = false;  // the article the story was asked for (or a version of it)
};

struct StoryDay {
  std::string date;  // "YYYY-MM-DD"
  std::vector<StoryArticle> articles;
};

struct StoryEntity {
  std::string id;    // "p:emmanuel-macron"
  std::string name;  // as displayed
  size_t articles = 0;
};

struct StorySummary {
  std::string id;
  std::string title;                  // of its most central article
  std::string central_id;             // that article
  size_t articles = 0;                // every version counted
  size_t texts = 0;                   // versions of one text counted once
  std::string first, last;            // "YYYY-MM-DD" of its first and last article
  std::vector<StoryEntity> entities;  // its main entities, most frequent first
  size_t matching = 0;                // stories(): its articles that match the search
};

struct StoryTimeline {
  StorySummary story;
  // At most `limit` texts around the current one, in date order.
  std::vector<StoryDay> days;
  bool complete = true;  // every text of the story is in `days`
};

// How many texts of a story are read for its title and entities: a story's
// last ones when it has more.
inline constexpr size_t kStoryArticlesRead = 500;
// Entities given for a story: those of at least two of its articles.
inline constexpr size_t kStoryEntities = 8;

// The story of article `id`; Problem "not_found" when the index has no such
// article. An article indexed without a story (an older index) is a story
// of its own. The story's articles come from `members` when given (at the
// revision `db` reads), else from the days around the article
// (stories/stories.h, whole_story()).
Result<StoryTimeline> story_timeline(const Xapian::Database& db, const std::string& id, size_t limit,
                                     const StoryMembership* members = nullptr);

// The summary of the story of document `member` (its `matching` left at 0);
// `members` as for story_timeline().
StorySummary summarize_story(const Xapian::Database& db, Xapian::docid member,
                             const StoryMembership* members = nullptr);

}  // namespace gazette
