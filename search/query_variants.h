// Other spellings of the names and acronyms that readers type: "NATO" is
// "OTAN", "UE" is "Union européenne", "Zelenski" is "Zelensky". A query that
// names one form also finds the others, with the typed form ranked first
// (query_builder.h does the expansion).
//
// The forms come from data compiled in: the alternative names of places and
// organisations in corpus/entities-fr.tsv (the entity extractor's own), and
// the transliterations and acronyms of corpus/query-variants-fr.tsv.
//
// Forms are keyed by their French stems joined by spaces ("union europeen"),
// so that any inflection of a form finds it. A form that holds the typed one
// ("bande de Gaza" for "Gaza") adds nothing and is not an alternative.
// QueryVariants::french() is built once and is read-only: thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace gazette {

class QueryVariants {
 public:
  // Groups of forms, one per line, "|"-separated (query-variants-fr.tsv);
  // and the name lines of an entity file (kind TAB name TAB other names).
  QueryVariants(std::string_view groups, std::string_view entity_names);

  // The variants of the compiled-in data.
  static const QueryVariants& french();

  // `folded` (fold_query's output) with each run of plain words that is a
  // form of two words or more put in quotes, so that QueryParser makes it
  // one phrase for expand() to find: "union europeenne" ->
  // "\"union europeenne\"". Unchanged when there is none.
  std::string quote_forms(const std::string& folded, const Xapian::Stem& stem) const;

  // `stemmed` (QueryParser's query, STEM_ALL_Z) with each free-text stem or
  // phrase of stems that is a form with alternatives made "form OR
  // alternatives", the alternatives at a third of the weight per word, so
  // that the typed form ranks first. An excluded form excludes its
  // alternatives too.
  Xapian::Query expand(const Xapian::Query& stemmed) const;

 private:
  void add_group(const std::vector<std::string>& forms);

  // The alternatives of `stems`, or null.
  const std::vector<std::vector<std::string>>* find(const std::string& stems) const;

  std::unordered_map<std::string, std::vector<std::vector<std::string>>> alternatives_;
  size_t longest_ = 0;
};

}  // namespace gazette
