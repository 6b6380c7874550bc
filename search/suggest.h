// Search-as-you-type suggestions for a prefix of a query: completions of its
// last word from the words of titles (as whole queries), the entities whose
// name starts so (entity_directory.h), and the titles of the most recent
// articles that the prefix already matches (each title once: copies share
// schema::kTitleKeySlot).
//
// A completion says how many articles its query finds: the total of a search
// for it (Searcher::total), not the titles that hold the word. Forms of one
// stem find the same articles, so a stem is offered once, in its form that
// is in the most titles; the `size` stems whose forms are in the most titles
// (that hold the words typed before the last one, when some do; else in all)
// are counted, only they, and shown most results first. Not offered: a
// completion that finds nothing, and a stop word after other words (the
// search leaves it out).
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
    Xapian::doccount count = 0;  // the articles that a search for `query` finds
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

// A title word that completes the last typed word: its stem (Snowball's,
// as QueryParser stems it) and the titles that hold it (and the words typed
// before it, when those are counted).
struct TitleWord {
  std::string_view word, stem;
  Xapian::doccount titles = 0;
};

// The completions of `typed` among `words` (any order), counted in `db` as
// this header says: at most `size`, one per stem.
std::vector<Suggestions::Completion> counted_completions(const Xapian::Database& db, const TypedPrefix& typed,
                                                         const std::vector<TitleWord>& words, size_t size);

// Problem "bad_stored_document" when a title's article cannot be read.
Result<Suggestions> suggest(const Xapian::Database& db, const std::string& prefix, size_t size);

}  // namespace gazette
