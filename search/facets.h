// Facet counting over all the articles that match a search. Counts are
// exact: the searcher asks Xapian to look at every match (checkatleast =
// document count) whenever facets are requested.
//
// A FacetCounter counts the values of one slot, which holds one value
// (section) or a joined list (tags, entities; value_list.h): a document
// counts once per value. Two kinds give the same counts:
//  - kInProcess: Gazette's own MatchSpy, which splits lists as it goes. It
//    cannot cross the wire: the stock xapian-tcpsrv knows only Xapian's own
//    spies.
//  - kStock: Xapian's ValueCountMatchSpy, which remote shards run and whose
//    results Xapian merges. It counts each distinct joined list; the lists
//    are split here, after the match, each adding its count to its values.
//    Its cost grows with the distinct lists matched (about one per article
//    for entities), so local databases use kInProcess.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace gazette {

// The facets a search can count. Each is disjunctive: it is counted as if its
// own filter were not set, so a reader who picked one section still sees what
// the other sections would add.
enum class Facet { kSection, kTag, kSource, kDate, kEntity };
inline constexpr Facet kAllFacets[] = {Facet::kSection, Facet::kTag, Facet::kSource, Facet::kDate, Facet::kEntity};

// "section", "tag", "source", "date", "entity": the facet's name in the API.
const char* facet_name(Facet facet);
std::optional<Facet> facet_from_name(std::string_view name);

// The value slot a facet counts (common/schema.h).
Xapian::valueno facet_slot(Facet facet);

struct FacetValue {
  std::string value;  // what a filter takes: a section, a tag, an entity id
  Xapian::doccount count = 0;
  std::string name;  // entities: the display name of `value`
};

// Matches per value of a slot; the views point into the counter's strings.
using FacetTally = std::unordered_map<std::string_view, Xapian::doccount>;

enum class SpyKind { kInProcess, kStock };

class FacetCounter {
 public:
  virtual ~FacetCounter() = default;
  // Add to the Enquire before the match.
  virtual Xapian::MatchSpy& spy() = 0;
  // After the match: the count of each value (valid while the counter lives).
  virtual const FacetTally& tally() = 0;
};

std::unique_ptr<FacetCounter> make_facet_counter(Xapian::valueno slot, SpyKind kind);

// The `limit` most frequent values, most frequent first, ties by value;
// values with the same facet_key() count as one.
std::vector<FacetValue> top_values(const FacetTally& tally, size_t limit);
// Every value counted, in value order.
std::map<std::string, Xapian::doccount> sorted_counts(const FacetTally& tally);

// Entity facet values: the `per_type` most frequent entities of each type,
// people first, then places, then organisations. Counts an entity once
// whatever names it was stored under, showing its most frequent name.
std::vector<FacetValue> top_entities(const FacetTally& tally, size_t per_type);

enum class DateInterval { kYear, kMonth, kDay };

// Date facets count the days of the date slot ("YYYYMMDD"). The interval
// that gives a readable chart for the span of the matches: days up to two
// months, months up to four years, years beyond.
DateInterval natural_interval(const FacetTally& days);
// Buckets in date order: "2022", "2022-03" or "2022-03-01".
std::vector<FacetValue> date_buckets(const FacetTally& days, DateInterval interval);

}  // namespace gazette
