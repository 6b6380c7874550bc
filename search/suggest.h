// Search-as-you-type suggestions for a prefix of a query: completions of its
// last word from the words of titles (most frequent first in the titles that
// hold the words typed before it, or in all when none does; as whole queries),
// the entities whose name starts so (entity_directory.h), and the titles of
// the most recent articles that the prefix already matches (each title once:
// copies share schema::kTitleKeySlot).
//
// suggest() reads them from the index at every call: the title terms that
// start with the last word, every entity term, and a partial title query
// sorted by date. A SuggestIndex (suggest_index.h) answers the same from
// memory; this is the way when there is none (a revision not yet built,
// remote shards).
//
// Not thread-safe: it uses the caller's Database and a QueryParser. Xapian's
// errors propagate (NetworkError from a remote shard, DatabaseModifiedError: reopen and retry).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/problem.h"
#include "search/entity_directory.h"
#include "search/query_builder.h"  // plain_words

namespace gazette {

struct Suggestions {
  struct Completion {
    std::string query;           // the whole query, last word completed (folded)
    Xapian::doccount count = 0;  // articles with that word (and the words before it) in their title
  };
  struct Title {
    std::string id, title;
  };
  std::vector<Completion> completions;
  std::vector<EntitySummary> entities;
  std::vector<Title> titles;
};

// Suggestions name at most this many entities, whatever their size.
inline constexpr size_t kMaxSuggestedEntities = 5;
// The titles' last word is read as any of this many title words that start
// with it, the most frequent (or as itself): a short prefix starts thousands.
inline constexpr Xapian::termcount kTitleExpansion = 50;

// A typed prefix as suggestions read it: folded like a query (fold_query),
// the parts of hyphenated words apart, then cut at its last space.
struct TypedPrefix {
  std::string folded;
  std::string head;  // the words before the last one, with a space after them
  std::string last;  // what completions complete; empty: nothing to suggest
};
TypedPrefix read_typed_prefix(std::string_view typed);

// Problem "bad_stored_document" when a title's article cannot be read.
Result<Suggestions> suggest(const Xapian::Database& db, const std::string& prefix, size_t size);

}  // namespace gazette
