#include "searcher/api_json.h"

#include "common/article_json.h"

namespace gazette {

using nlohmann::json;

json error_json(const ApiError& error) {
  return {{"error", {{"code", error.code}, {"message", error.message}}}};
}

json article_json(const Article& a) { return article_to_json(a); }

json hit_json(const Hit& h) {
  json snippets = json::array();
  for (const auto& f : h.snippets) snippets.push_back(to_html(f));
  return {{"id", h.article.id},
          {"title", h.article.title},
          {"title_html", to_html(h.title)},
          {"url", h.article.url},
          {"published", h.article.published},
          {"section", h.article.section},
          {"source", h.article.source},
          {"tags", h.article.tags},
          {"authors", h.article.authors},
          {"score", h.score},
          {"snippets", snippets}};
}

json facets_json(const std::vector<FacetResult>& facets) {
  json out = json::object();
  for (const auto& f : facets) {
    json values = json::array();
    for (const auto& v : f.values) values.push_back({{"value", v.value}, {"count", v.count}});
    switch (f.facet) {
      case Facet::kSection: out["section"] = {{"values", values}}; break;
      case Facet::kTag: out["tag"] = {{"values", values}}; break;
      case Facet::kSource: out["source"] = {{"values", values}}; break;
      case Facet::kDate: {
        const char* interval = f.interval == DateInterval::kYear ? "year" : f.interval == DateInterval::kMonth ? "month" : "day";
        out["date"] = {{"interval", interval}, {"values", values}};
        break;
      }
    }
  }
  return out;
}

json related_json(const std::vector<RelatedHit>& hits) {
  json out = json::array();
  for (const auto& h : hits)
    out.push_back({{"id", h.article.id},
                   {"title", h.article.title},
                   {"url", h.article.url},
                   {"published", h.article.published},
                   {"section", h.article.section},
                   {"score", h.score}});
  return out;
}

json suggestions_json(const Suggestions& s) {
  json completions = json::array(), titles = json::array();
  for (const auto& c : s.completions) completions.push_back({{"query", c.query}, {"count", c.count}});
  for (const auto& t : s.titles) titles.push_back({{"id", t.id}, {"title", t.title}});
  return {{"completions", completions}, {"titles", titles}};
}

}  // namespace gazette
