// Atom 1.0 feeds (RFC 4287): a search's newest articles
// (GET /api/v1/search.atom) and what an alert matched
// (GET /api/v1/alerts/{id}/feed), for feed readers and newsroom dashboards.
//
// Pure functions, thread-safe. Every text is escaped for XML, characters
// that XML 1.0 forbids (control characters) are left out and invalid UTF-8
// is replaced by U+FFFD, so the feed is well-formed whatever the articles
// hold.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"

namespace gazette {

struct FeedEntry {
  std::string id;  // an IRI that stays the same for the article
  std::string title;
  std::string link;     // the article's page
  std::string updated;  // RFC 3339
  std::string summary;  // plain text
  std::string category;
  std::vector<std::string> authors;
};

struct Feed {
  std::string id;  // an IRI: the feed's own URL
  std::string title;
  std::string self;       // the feed's URL
  std::string alternate;  // the same search on the page
  std::string updated;    // RFC 3339
  std::vector<FeedEntry> entries;
};

std::string atom_xml(const Feed& feed);

// RFC 3339 in UTC: the moment of `date`, or midnight UTC of its day when it
// has no time; `fallback` when it is not a date.
std::string rfc3339(const Date& date, const std::string& fallback);

// `text` percent-encoded for a URL's query string or path segment (RFC 3986
// unreserved characters stay).
std::string url_encode(std::string_view text);

}  // namespace gazette
