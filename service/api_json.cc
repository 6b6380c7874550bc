#include "service/api_json.h"

#include <algorithm>
#include <utility>

#include "common/article_json.h"
#include "service/atom_feed.h"

namespace gazette {

using nlohmann::json;

json error_json(const ApiError& error) { return {{"error", {{"code", error.code}, {"message", error.message}}}}; }

json article_json(const Article& a) { return article_to_json(a); }

namespace {

// Every code point has one leading byte; the others are 10xxxxxx.
size_t code_points(std::string_view utf8) {
  return std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

}  // namespace

json marked_text_json(const Fragment& fragment) {
  std::string text;
  json marks = json::array();
  size_t at = 0;
  for (const Segment& s : fragment) {
    size_t length = code_points(s.text);
    if (s.marked) marks.push_back({at, at + length});
    text += s.text;
    at += length;
  }
  return {{"text", std::move(text)}, {"marks", std::move(marks)}};
}

// Entities a result list shows per hit: the most mentioned first.
constexpr size_t kEntitiesPerHit = 5;

json hit_json(const Hit& h) {
  json snippets = json::array();
  for (const auto& f : h.snippets) snippets.push_back(marked_text_json(f));
  std::vector<const Entity*> by_mentions;
  for (const auto& e : h.article.entities) by_mentions.push_back(&e);
  std::stable_sort(by_mentions.begin(), by_mentions.end(),
                   [](const Entity* a, const Entity* b) { return a->mentions > b->mentions; });
  json entities = json::array();
  for (size_t i = 0; i < by_mentions.size() && i < kEntitiesPerHit; ++i)
    entities.push_back(
        {{"id", by_mentions[i]->id}, {"name", by_mentions[i]->name}, {"type", entity_type_name(by_mentions[i]->type)}});
  return {{"id", h.article.id},
          {"title", h.article.title},
          {"title_marked", marked_text_json(h.title)},
          {"url", h.article.url},
          {"published", h.article.published},
          {"section", h.article.section},
          {"source", h.article.source},
          {"tags", h.article.tags},
          {"authors", h.article.authors},
          {"score", h.score},
          {"snippets", std::move(snippets)},
          {"entities", std::move(entities)},
          {"versions", h.versions},
          {"story", h.story}};
}

json facets_json(const std::vector<FacetResult>& facets) {
  json out = json::object();
  for (const auto& f : facets) {
    json values = json::array();
    for (const auto& v : f.values) {
      json item = {{"value", v.value}, {"count", v.count}};
      if (f.facet == Facet::kEntity) {
        item["name"] = v.name;
        auto type = entity_type_of_id(v.value);
        item["type"] = type ? entity_type_name(*type) : "";
      }
      values.push_back(std::move(item));
    }
    json facet = {{"values", std::move(values)}};
    if (f.facet == Facet::kDate)
      facet["interval"] = f.interval == DateInterval::kYear    ? "year"
                          : f.interval == DateInterval::kMonth ? "month"
                                                               : "day";
    out[facet_name(f.facet)] = std::move(facet);
  }
  return out;
}

namespace {

// An article in a list of titles (related coverage, versions).
json listed_article_json(const Article& a) {
  return {{"id", a.id},           {"title", a.title},  {"url", a.url}, {"published", a.published},
          {"section", a.section}, {"source", a.source}};
}

}  // namespace

json related_json(const std::vector<RelatedHit>& hits) {
  json out = json::array();
  for (const auto& h : hits) {
    json item = listed_article_json(h.article);
    item["score"] = h.score;
    out.push_back(std::move(item));
  }
  return out;
}

json versions_json(const std::string& id, const std::vector<Article>& versions) {
  json list = json::array();
  for (const auto& a : versions) list.push_back(listed_article_json(a));
  return {{"id", id}, {"versions", std::move(list)}};
}

json story_summary_json(const StorySummary& story, bool with_matching) {
  json entities = json::array();
  for (const auto& e : story.entities) {
    auto type = entity_type_of_id(e.id);
    entities.push_back(
        {{"id", e.id}, {"name", e.name}, {"type", type ? entity_type_name(*type) : ""}, {"articles", e.articles}});
  }
  json out = {{"id", story.id},
              {"title", story.title},
              {"central_id", story.central_id},
              {"articles", story.articles},
              {"texts", story.texts},
              {"first", story.first},
              {"last", story.last},
              {"entities", std::move(entities)}};
  if (with_matching) out["matching"] = story.matching;
  return out;
}

json story_timeline_json(const std::string& id, const StoryTimeline& timeline) {
  json days = json::array();
  for (const StoryDay& day : timeline.days) {
    json articles = json::array();
    for (const StoryArticle& a : day.articles)
      articles.push_back({{"id", a.id},
                          {"title", a.title},
                          {"date", a.date},
                          {"section", a.section},
                          {"source", a.source},
                          {"versions", a.versions},
                          {"current", a.current}});
    days.push_back({{"date", day.date}, {"articles", std::move(articles)}});
  }
  return {{"id", id},
          {"story", story_summary_json(timeline.story, false)},
          {"complete", timeline.complete},
          {"days", std::move(days)}};
}

json stories_json(const std::vector<StorySummary>& stories) {
  json list = json::array();
  for (const StorySummary& story : stories) list.push_back(story_summary_json(story, true));
  return {{"stories", std::move(list)}};
}

json entity_profile_json(const EntityProfile& p) {
  json months = json::array(), cooccurring = json::array(), latest = json::array();
  for (const auto& m : p.per_month) months.push_back({{"value", m.value}, {"count", m.count}});
  for (const auto& e : p.cooccurring) {
    auto type = entity_type_of_id(e.value);
    cooccurring.push_back(
        {{"id", e.value}, {"name", e.name}, {"type", type ? entity_type_name(*type) : ""}, {"count", e.count}});
  }
  for (const auto& a : p.latest)
    latest.push_back(
        {{"id", a.id}, {"title", a.title}, {"url", a.url}, {"published", a.published}, {"section", a.section}});
  return {{"id", p.summary.id},
          {"name", p.summary.name},
          {"type", entity_type_name(p.summary.type)},
          {"articles", p.summary.articles},
          {"aliases", p.aliases},
          {"per_month", std::move(months)},
          {"cooccurring", std::move(cooccurring)},
          {"latest", std::move(latest)}};
}

json entities_json(const std::vector<EntitySummary>& entities) {
  json out = json::array();
  for (const auto& e : entities)
    out.push_back({{"id", e.id}, {"name", e.name}, {"type", entity_type_name(e.type)}, {"articles", e.articles}});
  return out;
}

json search_json(const SearchResult& result, size_t offset, const std::optional<std::string>& next_cursor) {
  json hits = json::array();
  for (const auto& h : result.hits) hits.push_back(hit_json(h));
  json body = {{"total", result.total},
               {"total_exact", result.total_exact},
               {"hits_total", result.hits_total},
               {"took_ms", result.took_ms},
               {"offset", offset},
               {"hits", std::move(hits)},
               {"facets", facets_json(result.facets)},
               {"next_cursor", next_cursor ? json(*next_cursor) : json(nullptr)}};
  if (!result.suggestion.empty()) body["suggestion"] = result.suggestion;
  if (result.corrected) body["corrected"] = true;
  if (!result.notice.empty()) body["notice"] = result.notice;
  return body;
}

json suggestions_json(const Suggestions& s) {
  json completions = json::array(), titles = json::array();
  for (const auto& c : s.completions) completions.push_back({{"query", c.query}, {"count", c.count}});
  for (const auto& t : s.titles) titles.push_back({{"id", t.id}, {"title", t.title}});
  return {
      {"completions", std::move(completions)}, {"entities", entities_json(s.entities)}, {"titles", std::move(titles)}};
}

json quote_hit_json(const QuoteHit& hit) {
  const ArticleQuote& q = hit.quote;
  json speaker = nullptr;
  if (!q.speaker.empty())
    speaker = {{"id", q.speaker_id.empty() ? json(nullptr) : json(q.speaker_id)}, {"name", q.speaker}};
  return {{"text", q.text},
          {"speaker", speaker},
          {"article",
           {{"id", hit.article_id},
            {"title", hit.title},
            {"section", hit.section},
            {"date", hit.date.valid() ? json(hit.date.iso()) : json(nullptr)}}},
          {"index", hit.index},
          // The page marks each quote of an article as #citation-N.
          {"link", "/?article=" + url_encode(hit.article_id) + "#citation-" + std::to_string(hit.index)}};
}

json quotes_json(const QuoteSearchResult& result, const std::optional<std::string>& next_cursor) {
  json quotes = json::array();
  for (const QuoteHit& h : result.quotes) quotes.push_back(quote_hit_json(h));
  json speakers = json::array();
  for (const FacetValue& v : result.speakers)
    speakers.push_back({{"value", v.value}, {"name", v.name}, {"count", v.count}});
  return {{"quotes", quotes},
          {"articles", result.articles},
          {"facets", {{"speaker", speakers}}},
          {"next_cursor", next_cursor ? json(*next_cursor) : json(nullptr)}};
}

}  // namespace gazette
