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

std::map<std::string, Xapian::doccount> sorted_counts(const FacetTally& tally) {
  return std::map<std::string, Xapian::doccount>(tally.begin(), tally.end());
}

std::vector<FacetValue> top_values(const FacetTally& tally, size_t limit) {
  // Spellings of one value ("Faits divers", "Faits-divers") filter alike, so
  // they are counted as one, shown in their most frequent spelling.
  struct Merged {
    FacetValue shown;
    Xapian::doccount total = 0;
  };
  std::map<std::string, Merged> by_key;
  for (const auto& [value, count] : tally) {
    Merged& m = by_key[facet_key(value)];
    if (count > m.shown.count || (count == m.shown.count && value < m.shown.value))
      m.shown = {std::string(value), count};
    m.total += count;
  }
  std::vector<FacetValue> out;
  out.reserve(by_key.size());
  for (const auto& [key, m] : by_key) out.push_back({m.shown.value, m.total});
  std::stable_sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<FacetValue> top_entities(const FacetTally& tally, size_t per_type) {
  // Views into the spy's own strings: a broad query can name tens of
  // thousands of entities, of which only the top few are copied out.
  struct Tally {
    std::string_view name;
    Xapian::doccount count = 0, best_name_count = 0;
  };
  std::unordered_map<std::string_view, Tally> by_id;
  for (const auto& [element, count] : tally) {
    const EntityEntry entry = entity_entry(element);
    Tally& t = by_id[entry.id];
    std::string_view name = entry.name;
    t.count += count;
    if (count > t.best_name_count || (count == t.best_name_count && name < t.name)) {
      t.best_name_count = count;
      t.name = name;
    }
  }
  std::vector<FacetValue> out;
  for (EntityType type : kEntityTypes) {
    std::vector<std::pair<std::string_view, const Tally*>> of_type;
    for (const auto& [id, t] : by_id)
      if (entity_type_of_id(id) == type) of_type.emplace_back(id, &t);
    size_t n = std::min(per_type, of_type.size());
    std::partial_sort(of_type.begin(), of_type.begin() + n, of_type.end(), [](const auto& a, const auto& b) {
      return a.second->count != b.second->count ? a.second->count > b.second->count : a.first < b.first;
    });
    for (size_t i = 0; i < n; ++i)
      out.push_back({std::string(of_type[i].first), of_type[i].second->count, std::string(of_type[i].second->name)});
  }
  return out;
}

namespace {

// The days counted, in date order; a slot holds "YYYYMMDD" or nothing.
std::map<std::string, Xapian::doccount> days_in_order(const FacetTally& days) {
  auto out = sorted_counts(days);
  for (auto it = out.begin(); it != out.end();) it = it->first.size() == 8 ? std::next(it) : out.erase(it);
  return out;
}

}  // namespace

DateInterval natural_interval(const FacetTally& days) {
  const auto per_day = days_in_order(days);
  if (per_day.empty()) return DateInterval::kYear;
  auto first = parse_compact_date(per_day.begin()->first);
  auto last = parse_compact_date(per_day.rbegin()->first);
  if (!first || !last) return DateInterval::kYear;
  int64_t span = (last->unix_seconds() - first->unix_seconds()) / 86400;
  if (span <= 62) return DateInterval::kDay;
  if (span <= 4 * 366) return DateInterval::kMonth;
  return DateInterval::kYear;
}

std::vector<FacetValue> date_buckets(const FacetTally& days, DateInterval interval) {
  std::vector<FacetValue> out;
  for (const auto& [day, count] : days_in_order(days)) {
    std::string key = day.substr(0, 4);
    if (interval != DateInterval::kYear) key += "-" + day.substr(4, 2);
    if (interval == DateInterval::kDay) key += "-" + day.substr(6, 2);
    if (out.empty() || out.back().value != key)
      out.push_back({key, count});
    else
      out.back().count += count;
  }
  return out;
}

}  // namespace gazette
