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

// "YYYY-MM-DD" of a kDateSlot value; empty when undated.
std::string iso_day(const std::string& yyyymmdd) {
  const auto date = parse_compact_date(yyyymmdd);
  return date ? date->iso() : std::string();
}

// The texts of the story of `doc`, oldest first (undated last), one per
// group of versions (its oldest), each with the number of its versions in
// the story; and the number of articles.
struct StoryText {
  // Its number in `db`: over shards Document::get_docid() is the shard's.
  Xapian::docid did;
  Xapian::Document doc;
  size_t versions;  // other versions of it in the story
};
struct StoryTexts {
  std::vector<StoryText> texts;
  size_t articles = 0;
};
StoryTexts story_texts(const Xapian::Database& db, Xapian::docid doc, const StoryMembership* known) {
  struct Read {
    Xapian::docid did;
    Xapian::Document doc;
    std::string when;  // sortable; empty (undated) sorts last below
    std::string versions;
  };
  std::vector<Read> members;
  for (Xapian::docid did : whole_story(db, doc, {}, known)) {
    Xapian::Document d = db.get_document(did, Xapian::DOC_ASSUME_VALID);
    std::string when = d.get_value(s::kTimestampSlot);
    std::string versions = version_key(d);
    members.push_back({did, std::move(d), std::move(when), std::move(versions)});
  }
  std::stable_sort(members.begin(), members.end(), [](const Read& a, const Read& b) {
    if (a.when.empty() != b.when.empty()) return b.when.empty();
    return a.when < b.when;
  });
  StoryTexts out;
  out.articles = members.size();
  std::map<std::string, size_t> text_of_group;
  for (Read& m : members) {
    if (!m.versions.empty()) {
      auto [it, first] = text_of_group.try_emplace(m.versions, out.texts.size());
      if (!first) {
        ++out.texts[it->second].versions;
        continue;
      }
    }
    out.texts.push_back({m.did, std::move(m.doc), 0});
  }
  return out;
}

// Title, entities and span of the story whose texts are `texts` (or of the
// lone article `alone`, when the index holds no story for it).
StorySummary summarize(const std::string& story_id, const StoryTexts& story) {
  StorySummary summary;
  summary.id = story_id;
  summary.articles = story.articles;
  summary.texts = story.texts.size();
  const auto& texts = story.texts;
  if (texts.empty()) return summary;
  std::vector<Xapian::Document> read;
  const size_t from = texts.size() > kStoryArticlesRead ? texts.size() - kStoryArticlesRead : 0;
  for (size_t i = from; i < texts.size(); ++i) read.push_back(texts[i].doc);
  summary.first = iso_day(texts.front().doc.get_value(s::kDateSlot));
  summary.last = iso_day(texts.back().doc.get_value(s::kDateSlot));

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
  const Centroid<std::string> centroid(members);
  size_t central = 0;
  double best = -1;
  for (size_t i = 0; i < vectors.size(); ++i)
    if (double cosine = centroid.cosine(vectors[i].terms()); cosine > best) best = cosine, central = i;
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

StoryArticle listed(const Xapian::Database& db, const StoryText& text) {
  const Xapian::Document& doc = text.doc;
  StoryArticle a;
  if (auto title = read_title(doc)) {
    a.id = title->id;
    a.title = title->title;
  } else {
    a.id = article_id(db, text.did);
  }
  a.date = iso_day(doc.get_value(s::kDateSlot));
  a.section = doc.get_value(s::kSectionSlot);
  a.source = doc.get_value(s::kSourceSlot);
  a.versions = text.versions;
  return a;
}

}  // namespace

Result<StoryTimeline> story_timeline(const Xapian::Database& db, const std::string& id, size_t limit,
                                     const StoryMembership* members) {
  const auto found = find_article(db, id);
  if (!found) return Problem{"not_found", "no article with id '" + id + "'", ""};
  const Xapian::Document doc = db.get_document(*found);
  const std::string story = story_id(doc);
  const StoryTexts texts = story_texts(db, *found, members);
  StoryTimeline timeline;
  timeline.story = summarize(story.empty() ? id : story, texts);
  // The current article, or the version of it that stands for its group.
  const std::string versions = version_key(doc);
  size_t current = 0;
  for (size_t i = 0; i < texts.texts.size(); ++i) {
    const StoryText& t = texts.texts[i];
    if (t.did == *found || (!versions.empty() && version_key(t.doc) == versions)) {
      current = i;
      break;
    }
  }
  limit = std::max<size_t>(limit, 1);
  const size_t n = texts.texts.size();
  size_t from = current > limit / 2 ? current - limit / 2 : 0;
  const size_t to = std::min(n, from + limit);
  from = to > limit ? std::min(from, to - limit) : 0;
  timeline.complete = from == 0 && to == n;
  for (size_t i = from; i < to; ++i) {
    StoryArticle a = listed(db, texts.texts[i]);
    a.current = i == current;
    if (timeline.days.empty() || timeline.days.back().date != a.date) timeline.days.push_back({a.date, {}});
    timeline.days.back().articles.push_back(std::move(a));
  }
  return timeline;
}

StorySummary summarize_story(const Xapian::Database& db, Xapian::docid member, const StoryMembership* members) {
  const std::string story = story_id(db.get_document(member));
  return summarize(story.empty() ? article_id(db, member) : story, story_texts(db, member, members));
}

}  // namespace gazette
