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

#include <cstdint>
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

enum class DateInterval { kYear, kMonth, kDay };

struct FacetResult {
  Facet facet;
  std::vector<FacetValue> values;               // most frequent first; dates in date order
  DateInterval interval = DateInterval::kYear;  // for kDate
};

// What a facet value is counted under: the filter key of a section, tag or
// source (stored_document.h: spellings that filter alike count as one; a
// section's is its section_key), the
// id of an entity (a slot element "p:emmanuel-macron|Emmanuel Macron"), the
// day of a date ("YYYYMMDD").
std::string facet_value_key(Facet facet, std::string_view value);

// Whether the spelling `a` of a key, counted `na` times, is shown rather than
// `b`, counted `nb`: one with accents first ("Les Décodeurs" over "Les
// decodeurs", whichever is more frequent: an unaccented spelling is a feed's
// loss), then the more counted, then the smaller.
bool shown_before(std::string_view a, Xapian::doccount na, std::string_view b, Xapian::doccount nb);

// The counts of one facet grouped by key (facet_value_key), as
// facet_result() ranks them: keys are numbered in key order.
class KeyedCounts {
 public:
  struct Counted {
    uint32_t key;  // key number: key numbers are in key order
    Xapian::doccount count;
  };
  virtual ~KeyedCounts() = default;
  // Every key counted, in no given order. An array rather than a callback:
  // a broad search counts tens of thousands of entities.
  virtual const std::vector<Counted>& counted() const = 0;
  // Key numbers are below key_count(), counted or not.
  virtual uint32_t key_count() const = 0;
  virtual std::string_view key(uint32_t k) const = 0;
  // The first byte of key k (an entity's type letter): a string read for
  // each of the tens of thousands of entities a broad search counts was 7 %
  // of a faceted search's time, where a kept byte is in cache.
  virtual char initial(uint32_t k) const {
    const std::string_view s = key(k);
    return s.empty() ? '\0' : s[0];
  }
  // The spelling shown for key k, of those counted (shown_before).
  virtual std::string_view shown(uint32_t k) const = 0;
};

// The values to show of one facet:
//  - sections, tags, sources: the `size` most frequent keys, most frequent
//    first (ties in key order), each in the spelling shown_before() picks;
//  - entities: the `size` most frequent of each type (people, then places,
//    then organisations; ties by id), each with its most frequent name;
//  - dates: buckets of `interval` in date order ("2022", "2022-03",
//    "2022-03-01"); without one, the interval that gives a readable chart
//    for the span of the days counted: days up to two months, months up to
//    four years, years beyond.
// The keys in `selected` (the values a search filters on, as keys) are
// given too when they are counted, after the others: a ticked value stays
// in its list with its count.
FacetResult facet_result(Facet facet, const KeyedCounts& counts, size_t size,
                         std::optional<DateInterval> interval = std::nullopt,
                         const std::vector<std::string>& selected = {});
// The same from a spy's tally (any order).
FacetResult facet_result(Facet facet, const FacetTally& tally, size_t size,
                         std::optional<DateInterval> interval = std::nullopt,
                         const std::vector<std::string>& selected = {});

}  // namespace gazette
