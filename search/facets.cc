#include "search/facets.h"

#include <algorithm>

#include "common/date.h"
#include "common/entity.h"
#include "common/french_analyzer.h"
#include "common/stored_document.h"

namespace gazette {
namespace {

// The counts of one facet, each distinct value stored once: a spy sees every
// match of a broad query, so values are looked up without building a string
// each time, and `values_` (whose strings never move) owns them.
class Tally {
 public:
  void add(std::string_view value, Xapian::doccount count) {
    auto it = counts_.find(value);
    if (it == counts_.end()) it = counts_.emplace(values_.emplace_back(value), 0).first;
    it->second += count;
  }
  // Adds `count` to each value of a joined list, once per distinct value.
  void add_list(std::string_view joined, Xapian::doccount count) {
    seen_.clear();
    for_each_value(joined, [&](std::string_view v) {
      if (std::find(seen_.begin(), seen_.end(), v) != seen_.end()) return;
      seen_.push_back(v);
      add(v, count);
    });
  }
  const FacetTally& counts() const { return counts_; }

 private:
  FacetTally counts_;
  std::deque<std::string> values_;
  std::vector<std::string_view> seen_;
};

class InProcessCounter : public FacetCounter, public Xapian::MatchSpy {
 public:
  explicit InProcessCounter(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double) override { tally_.add_list(doc.get_value(slot_), 1); }
  Xapian::MatchSpy& spy() override { return *this; }
  const FacetTally& tally() override { return tally_.counts(); }

 private:
  Xapian::valueno slot_;
  Tally tally_;
};

class StockCounter : public FacetCounter {
 public:
  explicit StockCounter(Xapian::valueno slot) : spy_(slot) {}
  Xapian::MatchSpy& spy() override { return spy_; }
  const FacetTally& tally() override {
    if (!split_)
      for (auto v = spy_.values_begin(); v != spy_.values_end(); ++v) tally_.add_list(*v, v.get_termfreq());
    split_ = true;
    return tally_.counts();
  }

 private:
  Xapian::ValueCountMatchSpy spy_;
  Tally tally_;
  bool split_ = false;
};

}  // namespace

const char* facet_name(Facet facet) {
  switch (facet) {
    case Facet::kSection:
      return "section";
    case Facet::kTag:
      return "tag";
    case Facet::kSource:
      return "source";
    case Facet::kDate:
      return "date";
    case Facet::kEntity:
      return "entity";
  }
  return "?";
}

std::optional<Facet> facet_from_name(std::string_view name) {
  for (Facet f : kAllFacets)
    if (name == facet_name(f)) return f;
  return std::nullopt;
}

Xapian::valueno facet_slot(Facet facet) {
  switch (facet) {
    case Facet::kSection:
      return schema::kSectionSlot;
    case Facet::kTag:
      return schema::kTagsSlot;
    case Facet::kSource:
      return schema::kSourceSlot;
    case Facet::kDate:
      return schema::kDateSlot;
    case Facet::kEntity:
      return schema::kEntitiesSlot;
  }
  return Xapian::BAD_VALUENO;
}

std::unique_ptr<FacetCounter> make_facet_counter(Xapian::valueno slot, SpyKind kind) {
  if (kind == SpyKind::kStock) return std::make_unique<StockCounter>(slot);
  return std::make_unique<InProcessCounter>(slot);
}

std::string facet_value_key(Facet facet, std::string_view value) {
  switch (facet) {
    case Facet::kEntity:
      return std::string(entity_entry(value).id.substr(0, kMaxFilterKeyBytes));
    case Facet::kDate:
      return std::string(value);
    default:
      return filter_key(value);
  }
}

namespace {

// The runs of `counted` that share a key, each with its total and the value
// counted most under it (ties: the smaller value).
struct KeyRun {
  std::string_view key, shown;
  Xapian::doccount count = 0, shown_count = 0;
};
std::vector<KeyRun> key_runs(const std::vector<CountedValue>& counted) {
  std::vector<KeyRun> runs;
  for (const CountedValue& c : counted) {
    if (runs.empty() || runs.back().key != c.key) runs.push_back({c.key, c.value, 0, 0});
    KeyRun& run = runs.back();
    run.count += c.count;
    if (c.count > run.shown_count || (c.count == run.shown_count && c.value < run.shown)) {
      run.shown = c.value;
      run.shown_count = c.count;
    }
  }
  return runs;
}

// The `size` largest runs, largest first, ties in key order (runs come so).
std::vector<const KeyRun*> top_runs(const std::vector<KeyRun>& runs, size_t size,
                                    std::optional<EntityType> type = std::nullopt) {
  std::vector<const KeyRun*> out;
  for (const KeyRun& run : runs)
    if (!type || entity_type_of_id(run.key) == type) out.push_back(&run);
  const size_t n = std::min(size, out.size());
  std::partial_sort(out.begin(), out.begin() + n, out.end(), [](const KeyRun* a, const KeyRun* b) {
    return a->count != b->count ? a->count > b->count : a < b;
  });
  out.resize(n);
  return out;
}

DateInterval natural_interval(const std::vector<KeyRun>& days) {
  if (days.empty()) return DateInterval::kYear;
  auto first = parse_compact_date(days.front().key);
  auto last = parse_compact_date(days.back().key);
  if (!first || !last) return DateInterval::kYear;
  int64_t span = (last->unix_seconds() - first->unix_seconds()) / 86400;
  if (span <= 62) return DateInterval::kDay;
  if (span <= 4 * 366) return DateInterval::kMonth;
  return DateInterval::kYear;
}

std::vector<FacetValue> date_buckets(const std::vector<KeyRun>& days, DateInterval interval) {
  std::vector<FacetValue> out;
  for (const KeyRun& day : days) {
    const std::string_view d = day.key;
    std::string key(d.substr(0, 4));
    if (interval != DateInterval::kYear) key.append("-").append(d.substr(4, 2));
    if (interval == DateInterval::kDay) key.append("-").append(d.substr(6, 2));
    if (out.empty() || out.back().value != key)
      out.push_back({std::move(key), day.count});
    else
      out.back().count += day.count;
  }
  return out;
}

}  // namespace

FacetResult facet_result(Facet facet, const std::vector<CountedValue>& counted, size_t size,
                         std::optional<DateInterval> interval) {
  FacetResult result{facet, {}, DateInterval::kYear};
  std::vector<KeyRun> runs = key_runs(counted);
  if (facet == Facet::kDate) {
    // A slot holds "YYYYMMDD" or nothing.
    runs.erase(std::remove_if(runs.begin(), runs.end(), [](const KeyRun& r) { return r.key.size() != 8; }), runs.end());
    result.interval = interval.value_or(natural_interval(runs));
    result.values = date_buckets(runs, result.interval);
  } else if (facet == Facet::kEntity) {
    for (EntityType type : kEntityTypes)
      for (const KeyRun* run : top_runs(runs, size, type))
        result.values.push_back({std::string(run->key), run->count, std::string(entity_entry(run->shown).name)});
  } else {
    for (const KeyRun* run : top_runs(runs, size)) result.values.push_back({std::string(run->shown), run->count});
  }
  return result;
}

FacetResult facet_result(Facet facet, const FacetTally& tally, size_t size, std::optional<DateInterval> interval) {
  std::vector<std::string> keys;
  keys.reserve(tally.size());
  std::vector<CountedValue> counted;
  counted.reserve(tally.size());
  for (const auto& [value, count] : tally) {
    keys.push_back(facet_value_key(facet, value));
    counted.push_back({value, keys.back(), count});
  }
  std::sort(counted.begin(), counted.end(), [](const CountedValue& a, const CountedValue& b) {
    return a.key != b.key ? a.key < b.key : a.value < b.value;
  });
  return facet_result(facet, counted, size, interval);
}

}  // namespace gazette
