// The JSON shapes of the API's answers, built from searcher results. Text
// fields are plain strings (clients escape them). Highlighted text (a hit's
// title_marked and snippets) is {"text", "marks": [[start, end], ...]}: the
// plain text and the half-open ranges of its matches, counted in Unicode code
// points so that any client can cut the text without parsing markup.
//
// The answers sent most (a search, related coverage, versions) are written
// as text by a JsonWriter (write_*); the others are nlohmann::json values.
// Members are in the order of their names in both.
#pragma once

#include <nlohmann/json.hpp>

#include "search/entity_directory.h"
#include "search/quotes.h"
#include "search/related.h"
#include "search/searcher.h"
#include "search/suggest.h"
#include "service/api_error.h"
#include "service/json_writer.h"

namespace gazette {

nlohmann::json error_json(const ApiError& error);
void write_marked_text(JsonWriter& out, const Fragment& fragment);
nlohmann::json article_json(const Article& article);
// GET /api/v1/search and gazette-search --json; `next_cursor` null when absent.
void write_search(JsonWriter& out, const SearchResult& result, size_t offset,
                  const std::optional<std::string>& next_cursor);
// Entities as listed by GET /api/v1/entities and in suggestions.
nlohmann::json entities_json(const std::vector<EntitySummary>& entities);
// GET /api/v1/articles/{id}/related: {"id", "related": [...]}.
void write_related(JsonWriter& out, const std::string& id, const std::vector<RelatedHit>& hits);
// {"id", "versions": [...]}: the other versions of article `id`, oldest first.
void write_versions(JsonWriter& out, const std::string& id, const std::vector<Article>& versions);
// A story's summary: {"id", "title", "central_id", "articles", "texts",
// "first", "last", "entities": [{"id", "name", "type", "articles"}]}, with
// "matching" when it answers a search.
nlohmann::json story_summary_json(const StorySummary& story, bool with_matching);
// GET /api/v1/articles/{id}/story: {"id", "story": summary, "complete",
// "days": [{"date", "articles": [...]}]}.
nlohmann::json story_timeline_json(const std::string& id, const StoryTimeline& timeline);
// GET /api/v1/stories: {"stories": [summary with "matching", ...]}.
nlohmann::json stories_json(const std::vector<StorySummary>& stories);
nlohmann::json suggestions_json(const Suggestions& suggestions);
nlohmann::json entity_profile_json(const EntityProfile& profile);
// A quote found by find_quotes: its text, speaker (null when unknown), article
// and the link to its place on the article's page.
nlohmann::json quote_hit_json(const QuoteHit& hit);
nlohmann::json quotes_json(const QuoteSearchResult& result, const std::optional<std::string>& next_cursor);

}  // namespace gazette
