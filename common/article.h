// An article as Gazette stores it: what every importer produces and what the
// index keeps in each document's data (see article_json.h for its JSON form).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/entity.h"

namespace gazette {

// A quote of the article's body (entities/quotes.h finds them at index time).
struct ArticleQuote {
  std::string text;        // the quoted words, without the marks
  std::string speaker;     // who says it, as named in the article; "" when unknown
  std::string speaker_id;  // the speaker's entity id ("p:olivier-veran"); "" when not an entity
  size_t offset = 0;       // byte offset of `text` in the body
};

struct Article {
  std::string id;      // unique across the archive; the upsert key
  std::string source;  // "orangesum", "lemonde2022", ... or the importer's name
  std::string url;
  std::string title;
  std::string summary;    // the standfirst (chapô)
  std::string published;  // as given, normalised to ISO 8601 when parsed
  Date date;              // parsed from `published`; invalid when absent
  std::string section;
  std::vector<std::string> tags;
  std::vector<std::string> authors;
  std::string body;        // paragraphs separated by a blank line
  bool truncated = false;  // body stops at a paywall
  // Found by the indexer (EntityExtractor) and stored with the article;
  // never read from import input.
  std::vector<Entity> entities;
  // Likewise: the quotes of the body, in order.
  std::vector<ArticleQuote> quotes;
};

// The summary and body that an article's words are indexed and shown from.
// A standfirst is often the opening of the body: in every OrangeSum article
// either the body starts with the summary or the body is a cut copy of it
// (white space aside), a tenth of the corpus's text. Indexed twice, those
// words would count twice in ranking, cost the indexer twice and repeat in
// snippets; so the text that only repeats the start of the other is left
// out, as an empty view (a word cut at the end of the shorter one goes with
// it). Views into the arguments.
struct FreeText {
  std::string_view summary;
  std::string_view body;
};
FreeText free_text(std::string_view summary, std::string_view body);

// The free text as the indexer writes it, from `text`, the free_text() of
// `summary` and a body: the summary's words, which `resume:` searches, then
// the rest. Where the body opens with the summary (free_text() leaves the
// summary out), that opening of the body, to the end of its last word, and
// the body after it. Views into the arguments; the two together say the
// free text's words once, in order.
struct SummaryText {
  std::string_view summary;
  std::string_view rest;
};
SummaryText summary_text(std::string_view summary, const FreeText& text);

// What a list of titles shows of an article.
struct ArticleTitle {
  std::string id;
  std::string title;
};

}  // namespace gazette
