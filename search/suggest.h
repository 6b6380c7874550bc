// Search-as-you-type suggestions for a prefix of a query: completions of its
// last word from the words of titles (most frequent first, as whole queries),
// the entities whose name starts so (entity_directory.h), and the titles of
// the most recent articles that the prefix already matches.
// Cheap enough for every keystroke: it reads only the title terms that start
// with the last word and a top-k of a partial title query.
//
// Not thread-safe: it uses the caller's Database and a QueryParser. Xapian's
// errors propagate (NetworkError from a remote shard, DatabaseModifiedError: reopen and retry).
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "common/problem.h"
#include "search/entity_directory.h"

namespace gazette {

struct Suggestions {
  struct Completion {
    std::string query;           // the whole query, last word completed (folded)
    Xapian::doccount count = 0;  // articles with that word in their title
  };
  struct Title {
    std::string id, title;
  };
  std::vector<Completion> completions;
  std::vector<EntitySummary> entities;
  std::vector<Title> titles;
};

// Problem "bad_stored_document" when a title's article cannot be read.
Result<Suggestions> suggest(const Xapian::Database& db, const std::string& prefix, size_t size);

}  // namespace gazette
