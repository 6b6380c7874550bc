// Facet counting over all the articles that match a search, with Xapian
// MatchSpies. Counts are exact: the searcher asks Xapian to look at every
// match (checkatleast = document count) whenever facets are requested.
//
// ValueListCountSpy counts the values of a slot that holds one value or a
// joined list (tags). DateHistogramSpy counts days of the date slot, which
// DateHistogram then groups by year, month or day. Both follow Xapian's
// MatchSpy protocol (serialise, merge), so they also work over remote shards.
#pragma once

#include <deque>
#include <map>
#include <string_view>
#include <unordered_map>
#include <string>
#include <vector>

#include <xapian.h>

namespace gazette {

struct FacetValue {
  std::string value;  // what a filter takes: a section, a tag, an entity id
  Xapian::doccount count = 0;
  std::string name;   // entities: the display name of `value`
};

class ValueListCountSpy : public Xapian::MatchSpy {
 public:
  explicit ValueListCountSpy(Xapian::valueno slot = 0) : slot_(slot) {}

  void operator()(const Xapian::Document& doc, double weight) override;

  // The `limit` most frequent values, most frequent first, ties by value;
  // values with the same facet_key() count as one.
  std::vector<FacetValue> top(size_t limit) const;
  // Every value counted, in value order.
  std::map<std::string, Xapian::doccount> counts() const;
  // The same, unordered and without copies (valid while the spy lives).
  const std::unordered_map<std::string_view, Xapian::doccount>& tally() const { return counts_; }

  Xapian::MatchSpy* clone() const override { return new ValueListCountSpy(slot_); }
  std::string name() const override { return "Gazette::ValueListCountSpy"; }
  std::string serialise() const override;
  Xapian::MatchSpy* unserialise(const std::string& data, const Xapian::Registry&) const override;
  std::string serialise_results() const override;
  void merge_results(const std::string& data) override;

 protected:
  void add(std::string_view value, Xapian::doccount count = 1);

  Xapian::valueno slot_;
  // A spy sees every match of a broad query: values are looked up without
  // building a string each time; each distinct value is stored once, in
  // `values_`, whose strings never move.
  std::unordered_map<std::string_view, Xapian::doccount> counts_;
  std::deque<std::string> values_;
};

// Entity facet values: the `per_type` most frequent entities of each type,
// people first, then places, then organisations. Counts an entity once
// whatever names it was stored under, showing its most frequent name.
std::vector<FacetValue> top_entities(const ValueListCountSpy& spy, size_t per_type);

enum class DateInterval { kYear, kMonth, kDay };

// Counts matches per day of the date slot ("YYYYMMDD").
class DateHistogramSpy : public ValueListCountSpy {
 public:
  using ValueListCountSpy::ValueListCountSpy;
  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override { return new DateHistogramSpy(slot_); }
  std::string name() const override { return "Gazette::DateHistogramSpy"; }
  Xapian::MatchSpy* unserialise(const std::string& data, const Xapian::Registry&) const override;

  // The interval that gives a readable chart for the span of the matches:
  // days up to two months, months up to four years, years beyond.
  DateInterval natural_interval() const;
  // Buckets in date order: "2022", "2022-03" or "2022-03-01".
  std::vector<FacetValue> buckets(DateInterval interval) const;
};

// Registers the spies above, for remote databases.
void register_facet_spies(Xapian::Registry& registry);

}  // namespace gazette
