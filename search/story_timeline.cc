#include "search/story_timeline.h"

#include <algorithm>
#include <map>

#include "common/date.h"
#include "common/schema.h"
#include "common/stored_document.h"
#include "stories/stories.h"
#include "stories/story_vector.h"
#include "stories/versions.h"

namespace gazette {
namespace s = schema;
namespace {

std::string iso_day(const std::string& yyyymmdd) {
  if (yyyymmdd.size() != 8) return {};
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

// The texts of a story, oldest first, one per group of versions (the
// oldest); an article without a story is alone in its own.
Xapian::MSet story_texts(const Xapian::Database& db, const std::string& story_id) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(story_term(story_id)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(s::kOldestFirstSlot, true);  // undated last
  enquire.set_collapse_key(s::kVersionsSlot);
  return enquire.get_mset(0, db.get_doccount());
}

// Title, entities and span of the story whose texts are `texts` (or of the
// lone article `alone`, when the index holds no story for it).
StorySummary summarize(const Xapian::Database& db, const std::string& story_id, const Xapian::MSet& texts,
                       std::optional<Xapian::docid> alone) {
  StorySummary summary;
  summary.id = story_id;
  std::vector<Xapian::Document> read;
  if (alone) {
    read.push_back(db.get_document(*alone));
    summary.articles = summary.texts = 1;
  } else {
    summary.articles = db.get_termfreq(story_term(story_id));
    summary.texts = texts.size();
    const size_t from = texts.size() > kStoryArticlesRead ? texts.size() - kStoryArticlesRead : 0;
    for (auto it = texts[static_cast<Xapian::doccount>(from)]; it != texts.end(); ++it) read.push_back(it.get_document());
  }
  if (read.empty()) return summary;
  summary.first = iso_day(read.front().get_value(s::kDateSlot));
  if (!alone && texts.size() > read.size()) summary.first = iso_day(texts.begin().get_document().get_value(s::kDateSlot));
  summary.last = iso_day(read.back().get_value(s::kDateSlot));

  std::vector<StoryVector> vectors;
  std::map<std::string, StoryEntity> entities;
  for (const Xapian::Document& doc : read) {
    vectors.push_back(StoryVector::parse(doc.get_value(s::kStoryVectorSlot)).value_or(StoryVector()));
    for_each_entity(doc.get_value(s::kEntitiesSlot), [&](EntityEntry e) {
      StoryEntity& entity = entities[std::string(e.id)];
      if (entity.id.empty()) entity = {std::string(e.id), std::string(e.name), 0};
      ++entity.articles;
    });
  }
  std::vector<const std::vector<std::pair<std::string, float>>*> members;
  for (const StoryVector& v : vectors) members.push_back(&v.terms());
  size_t central = 0;
  double best = -1;
  for (size_t i = 0; i < vectors.size(); ++i)
    if (double cosine = centroid_cosine(vectors[i].terms(), members); cosine > best) best = cosine, central = i;
  if (auto title = read_title(read[central])) {
    summary.central_id = title->id;
    summary.title = title->title;
  }
  for (auto& [id, entity] : entities)
    if (entity.articles >= 2 || read.size() == 1) summary.entities.push_back(std::move(entity));
  std::stable_sort(summary.entities.begin(), summary.entities.end(),
                   [](const StoryEntity& a, const StoryEntity& b) { return a.articles > b.articles; });
  if (summary.entities.size() > kStoryEntities) summary.entities.resize(kStoryEntities);
  return summary;
}

StoryArticle listed(const Xapian::Database& db, const Xapian::Document& doc) {
  StoryArticle a;
  if (auto title = read_title(doc)) {
    a.id = title->id;
    a.title = title->title;
  } else {
    a.id = article_id(db, doc.get_docid());
  }
  a.date = iso_day(doc.get_value(s::kDateSlot));
  a.section = doc.get_value(s::kSectionSlot);
  a.source = doc.get_value(s::kSourceSlot);
  a.versions = other_versions(db, doc);
  return a;
}

}  // namespace

Result<StoryTimeline> story_timeline(const Xapian::Database& db, const std::string& id, size_t limit) {
  const auto found = find_article(db, id);
  if (!found) return Problem{"not_found", "no article with id '" + id + "'", ""};
  const Xapian::Document doc = db.get_document(*found);
  const std::string story = story_id(doc);
  StoryTimeline timeline;
  if (story.empty()) {
    timeline.story = summarize(db, id, Xapian::MSet(), *found);
    StoryArticle a = listed(db, doc);
    a.current = true;
    timeline.days.push_back({a.date, {std::move(a)}});
    return timeline;
  }
  const Xapian::MSet texts = story_texts(db, story);
  timeline.story = summarize(db, story, texts, std::nullopt);
  // The current article, or the version of it that stands for its group.
  const std::string versions = version_key(doc);
  size_t current = 0;
  for (auto it = texts.begin(); it != texts.end(); ++it) {
    if (*it == *found || (!versions.empty() && version_key(it.get_document()) == versions)) {
      current = it.get_rank();
      break;
    }
  }
  limit = std::max<size_t>(limit, 1);
  size_t from = current > limit / 2 ? current - limit / 2 : 0;
  const size_t to = std::min<size_t>(texts.size(), from + limit);
  from = to > limit ? std::min(from, to - limit) : 0;
  timeline.complete = from == 0 && to == texts.size();
  for (size_t i = from; i < to; ++i) {
    auto it = texts[static_cast<Xapian::doccount>(i)];
    StoryArticle a = listed(db, it.get_document());
    a.current = i == current;
    if (timeline.days.empty() || timeline.days.back().date != a.date) timeline.days.push_back({a.date, {}});
    timeline.days.back().articles.push_back(std::move(a));
  }
  return timeline;
}

StorySummary summarize_story(const Xapian::Database& db, const std::string& story_id) {
  return summarize(db, story_id, story_texts(db, story_id), std::nullopt);
}

}  // namespace gazette
