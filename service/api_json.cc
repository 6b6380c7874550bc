#include "service/api_json.h"

#include <algorithm>
#include <utility>

#include "common/article_json.h"
#include "service/atom_feed.h"
#include "service/json_writer.h"

namespace gazette {

using nlohmann::json;

json error_json(const ApiError& error) { return {{"error", {{"code", error.code}, {"message", error.message}}}}; }

json article_json(const Article& a) { return article_to_json(a); }

namespace {

// Every code point has one leading byte; the others are 10xxxxxx.
size_t code_points(std::string_view utf8) {
  return std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

// Entities a result list shows per hit: the most mentioned first.
constexpr size_t kEntitiesPerHit = 5;

// An article in a list of titles (related coverage, versions), with its
// score when it has one, its members in the order of their names.
void write_listed_article(JsonWriter& out, const Article& a, std::optional<double> score = std::nullopt) {
  out.begin_object().member("id", a.id).member("published", a.published);
  if (score) out.member("score", *score);
  out.member("section", a.section).member("source", a.source).member("title", a.title).member("url", a.url);
  out.end_object();
}

}  // namespace

void write_related(JsonWriter& out, const std::string& id, const std::vector<RelatedHit>& hits) {
  out.begin_object().member("id", id).key("related").begin_array();
  for (const auto& h : hits) write_listed_article(out, h.article, h.score);
  out.end_array().end_object();
}

void write_versions(JsonWriter& out, const std::string& id, const std::vector<Article>& versions) {
  out.begin_object().member("id", id).key("versions").begin_array();
  for (const auto& a : versions) write_listed_article(out, a);
  out.end_array().end_object();
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

void write_marked_text(JsonWriter& out, const Fragment& fragment) {
  out.begin_object().key("marks").begin_array();
  // The marks' byte offsets in code points, counted on from the last one.
  const std::string_view text = fragment.text;
  size_t byte = 0, at = 0;
  auto code_point_at = [&](size_t b) {
    at += code_points(text.substr(byte, b - byte));
    byte = b;
    return uint64_t{at};
  };
  for (const auto& [begin, end] : fragment.marks) {
    const uint64_t first = code_point_at(begin);
    out.begin_array().number(first).number(code_point_at(end)).end_array();
  }
  out.end_array().member("text", text).end_object();
}

namespace {

// Members in the order of their names, as in the answers built with
// nlohmann::json.
void write_hit(JsonWriter& out, const Hit& h) {
  const Article& a = h.article;
  std::vector<const Entity*> by_mentions;
  for (const auto& e : a.entities) by_mentions.push_back(&e);
  std::stable_sort(by_mentions.begin(), by_mentions.end(),
                   [](const Entity* x, const Entity* y) { return x->mentions > y->mentions; });
  if (by_mentions.size() > kEntitiesPerHit) by_mentions.resize(kEntitiesPerHit);
  out.begin_object().key("authors").begin_array();
  for (const auto& author : a.authors) out.string(author);
  out.end_array().key("entities").begin_array();
  for (const Entity* e : by_mentions)
    out.begin_object()
        .member("id", e->id)
        .member("name", e->name)
        .member("type", entity_type_name(e->type))
        .end_object();
  out.end_array().member("id", a.id).member("published", a.published).member("score", h.score);
  out.member("section", a.section).key("snippets").begin_array();
  for (const auto& f : h.snippets) write_marked_text(out, f);
  out.end_array().member("source", a.source).member("story", h.story).key("tags").begin_array();
  for (const auto& tag : a.tags) out.string(tag);
  out.end_array().member("title", a.title).key("title_marked");
  write_marked_text(out, h.title);
  out.member("url", a.url).member("versions", h.versions).end_object();
}

void write_facets(JsonWriter& out, const std::vector<FacetResult>& facets) {
  std::vector<const FacetResult*> by_name;
  for (const auto& f : facets) by_name.push_back(&f);
  std::sort(by_name.begin(), by_name.end(), [](const FacetResult* x, const FacetResult* y) {
    return std::string_view(facet_name(x->facet)) < std::string_view(facet_name(y->facet));
  });
  out.begin_object();
  for (const FacetResult* f : by_name) {
    out.key(facet_name(f->facet)).begin_object();
    if (f->facet == Facet::kDate)
      out.member("interval", f->interval == DateInterval::kYear    ? "year"
                             : f->interval == DateInterval::kMonth ? "month"
                                                                   : "day");
    out.key("values").begin_array();
    for (const auto& v : f->values) {
      out.begin_object().member("count", v.count);
      if (f->facet == Facet::kEntity) {
        auto type = entity_type_of_id(v.value);
        out.member("name", v.name).member("type", type ? entity_type_name(*type) : "");
      }
      out.member("value", v.value).end_object();
    }
    out.end_array().end_object();
  }
  out.end_object();
}

}  // namespace

void write_search(JsonWriter& out, const SearchResult& result, size_t offset,
                  const std::optional<std::string>& next_cursor) {
  out.begin_object();
  if (result.corrected) out.member("corrected", true);
  out.key("facets");
  write_facets(out, result.facets);
  out.key("hits").begin_array();
  for (const auto& h : result.hits) write_hit(out, h);
  out.end_array().member("hits_total", result.hits_total).key("next_cursor");
  if (next_cursor)
    out.string(*next_cursor);
  else
    out.null();
  if (!result.notice.empty()) out.member("notice", result.notice);
  out.member("offset", offset);
  if (!result.suggestion.empty()) out.member("suggestion", result.suggestion);
  out.member("took_ms", result.took_ms).member("total", result.total).member("total_exact", result.total_exact);
  out.end_object();
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
