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
    case Facet::kSection:
      return section_filter_key(value);
    default:
      return filter_key(value);
  }
}

namespace {

using Ranked = KeyedCounts::Counted;

// Whether `a` ranks before `b`: the more counted, ties in key order.
bool ranks_before(const Ranked& a, const Ranked& b) { return a.count != b.count ? a.count > b.count : a.key < b.key; }

// The `size` most counted keys, best first, then any other that `always`
// holds. The best are kept in a heap as the counts go by: most keys are
// ruled out by one comparison with the worst kept.
class Top {
 public:
  explicit Top(size_t size) : size_(size) {}
  template <typename Always>
  void add(const Ranked& r, Always&& always) {
    if (kept_.size() == size_ && (size_ == 0 || !ranks_before(r, kept_.front()))) {
      if (always(r.key)) also_.push_back(r);
      return;
    }
    if (std::optional<Ranked> out = keep(r); out && always(out->key)) also_.push_back(*out);
  }
  // The count below which a key cannot be kept: the worst kept one's when
  // the best are all found, else 0.
  Xapian::doccount bar() const { return kept_.size() == size_ && size_ > 0 ? kept_.front().count : 0; }
  std::vector<Ranked> take() {
    std::sort_heap(kept_.begin(), kept_.end(), ranks_before);
    std::sort(also_.begin(), also_.end(), ranks_before);
    kept_.insert(kept_.end(), also_.begin(), also_.end());
    return std::move(kept_);
  }

 private:
  // Keeps `r` among the best; the one it pushes out, if any.
  std::optional<Ranked> keep(const Ranked& r) {
    std::optional<Ranked> out;
    if (kept_.size() == size_) {
      std::pop_heap(kept_.begin(), kept_.end(), ranks_before);
      out = kept_.back();
      kept_.pop_back();
    }
    kept_.push_back(r);
    std::push_heap(kept_.begin(), kept_.end(), ranks_before);
    return out;
  }

  size_t size_;
  std::vector<Ranked> kept_;  // a heap whose front ranks last
  std::vector<Ranked> also_;
};

std::vector<FacetValue> date_buckets(const KeyedCounts& days, std::optional<DateInterval>& interval) {
  // The days counted in date order, from a count per key number (which are
  // in key order) rather than by sorting them: a broad search counts a few
  // thousand days, and their sort was 1 % of a served search's samples.
  std::vector<Xapian::doccount> per_key(days.key_count(), 0);
  for (const Ranked& r : days.counted()) per_key[r.key] += r.count;
  // Each day counted ("YYYYMMDD": a slot holds that or nothing) and its count.
  std::vector<std::pair<std::string_view, Xapian::doccount>> counted;
  for (uint32_t k = 0; k < per_key.size(); ++k)
    if (per_key[k])
      if (const std::string_view day = days.key(k); day.size() == 8) counted.emplace_back(day, per_key[k]);
  if (!interval) {
    interval = DateInterval::kYear;
    auto first = counted.empty() ? std::nullopt : parse_compact_date(counted.front().first);
    auto last = counted.empty() ? std::nullopt : parse_compact_date(counted.back().first);
    if (first && last) {
      int64_t span = (last->unix_seconds() - first->unix_seconds()) / 86400;
      interval = span <= 62 ? DateInterval::kDay : span <= 4 * 366 ? DateInterval::kMonth : DateInterval::kYear;
    }
  }
  // A bucket's days share their first 4 (year), 6 or 8 bytes: its value is
  // written once, from the first.
  const size_t shared = *interval == DateInterval::kYear ? 4 : *interval == DateInterval::kMonth ? 6 : 8;
  std::vector<FacetValue> out;
  std::string_view bucket;
  for (const auto& [d, count] : counted) {
    if (!out.empty() && d.substr(0, shared) == bucket) {
      out.back().count += count;
      continue;
    }
    bucket = d.substr(0, shared);
    std::string value(d.substr(0, 4));
    if (shared > 4) value.append("-").append(d.substr(4, 2));
    if (shared > 6) value.append("-").append(d.substr(6, 2));
    out.push_back({std::move(value), count});
  }
  return out;
}

// A spy's tally grouped by key.
class TallyCounts : public KeyedCounts {
 public:
  TallyCounts(Facet facet, const FacetTally& tally) {
    std::vector<std::pair<std::string, std::pair<std::string_view, Xapian::doccount>>> entries;
    entries.reserve(tally.size());
    for (const auto& [value, count] : tally) entries.push_back({facet_value_key(facet, value), {value, count}});
    std::sort(entries.begin(), entries.end());
    for (auto& [key, counted] : entries) {
      auto [value, count] = counted;
      if (keys_.empty() || keys_.back() != key) {
        counts_.push_back({static_cast<uint32_t>(keys_.size()), 0});
        keys_.push_back(std::move(key));
        shown_.push_back(value);
        shown_count_.push_back(0);
      }
      counts_.back().count += count;
      if (shown_before(value, count, shown_.back(), shown_count_.back())) {
        shown_.back() = value;
        shown_count_.back() = count;
      }
    }
  }
  const std::vector<Counted>& counted() const override { return counts_; }
  uint32_t key_count() const override { return static_cast<uint32_t>(keys_.size()); }
  std::string_view key(uint32_t k) const override { return keys_[k]; }
  std::string_view shown(uint32_t k) const override { return shown_[k]; }

 private:
  std::vector<std::string> keys_;
  std::vector<Counted> counts_;
  std::vector<Xapian::doccount> shown_count_;
  std::vector<std::string_view> shown_;
};

}  // namespace

bool shown_before(std::string_view a, Xapian::doccount na, std::string_view b, Xapian::doccount nb) {
  auto accented = [](std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return (c & 0x80) != 0; });
  };
  if (accented(a) != accented(b)) return accented(a);
  return na != nb ? na > nb : a < b;
}

FacetResult facet_result(Facet facet, const KeyedCounts& counts, size_t size, std::optional<DateInterval> interval,
                         const std::vector<std::string>& selected) {
  FacetResult result{facet, {}, DateInterval::kYear};
  auto is_selected = [&](uint32_t k) {
    return !selected.empty() && std::find(selected.begin(), selected.end(), counts.key(k)) != selected.end();
  };
  if (facet == Facet::kDate) {
    result.values = date_buckets(counts, interval);
    result.interval = *interval;
  } else if (facet == Facet::kEntity) {
    std::vector<Top> of_type(std::size(kEntityTypes), Top(size));
    // A key counted less than every type's worst kept one is kept by none,
    // and is passed over before its type is looked up: most keys of a
    // search are counted once or twice, and the look-up reads a table out
    // of the cache. Over queries.txt with all facets (callgrind), the facet
    // answers went from 95.6 M to 42.8 M instructions, and the type was
    // looked up 29,000 times instead of 986,000.
    Xapian::doccount bar = 0;
    for (const Ranked& r : counts.counted()) {
      if (r.count < bar && selected.empty()) continue;
      if (auto type = entity_type_of_letter(counts.initial(r.key))) {
        of_type[static_cast<size_t>(*type)].add(r, is_selected);
        bar = std::min_element(of_type.begin(), of_type.end(), [](const Top& a, const Top& b) {
                return a.bar() < b.bar();
              })->bar();
      }
    }
    for (EntityType type : kEntityTypes)
      for (const Ranked& r : of_type[static_cast<size_t>(type)].take())
        result.values.push_back(
            {std::string(counts.key(r.key)), r.count, std::string(entity_entry(counts.shown(r.key)).name)});
  } else {
    Top best(size);
    for (const Ranked& r : counts.counted()) best.add(r, is_selected);
    for (const Ranked& r : best.take()) result.values.push_back({std::string(counts.shown(r.key)), r.count});
  }
  return result;
}

FacetResult facet_result(Facet facet, const FacetTally& tally, size_t size, std::optional<DateInterval> interval,
                         const std::vector<std::string>& selected) {
  return facet_result(facet, TallyCounts(facet, tally), size, interval, selected);
}

}  // namespace gazette
