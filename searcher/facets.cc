#include "searcher/facets.h"

#include <algorithm>

#include "common/date.h"
#include "common/entities.h"
#include "common/schema.h"
#include "common/french_analyzer.h"
#include "common/value_list.h"

namespace gazette {
namespace {

// Serialised counts: for each value, "<length>:<value><count>;".

}  // namespace

void ValueListCountSpy::add(std::string_view value, Xapian::doccount count) {
  auto it = counts_.find(value);
  if (it == counts_.end()) it = counts_.emplace(values_.emplace_back(value), 0).first;
  it->second += count;
}

std::map<std::string, Xapian::doccount> ValueListCountSpy::counts() const {
  return std::map<std::string, Xapian::doccount>(counts_.begin(), counts_.end());
}

void ValueListCountSpy::operator()(const Xapian::Document& doc, double) {
  // A document counts once per value, even if its list repeats one.
  const std::string joined = doc.get_value(slot_);
  std::vector<std::string_view> seen;
  for_each_value(joined, [&](std::string_view v) {
    if (std::find(seen.begin(), seen.end(), v) != seen.end()) return;
    seen.push_back(v);
    add(v);
  });
}

std::vector<FacetValue> ValueListCountSpy::top(size_t limit) const {
  // Spellings of one value ("Faits divers", "Faits-divers") filter alike, so
  // they are counted as one, shown in their most frequent spelling.
  struct Merged {
    FacetValue shown;
    Xapian::doccount total = 0;
  };
  std::map<std::string, Merged> by_key;
  for (const auto& [value, count] : counts_) {
    Merged& m = by_key[facet_key(value)];
    if (count > m.shown.count || (count == m.shown.count && value < m.shown.value))
      m.shown = {std::string(value), count};
    m.total += count;
  }
  std::vector<FacetValue> out;
  out.reserve(by_key.size());
  for (const auto& [key, m] : by_key) out.push_back({m.shown.value, m.total});
  std::stable_sort(out.begin(), out.end(),
                   [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::string ValueListCountSpy::serialise() const { return std::to_string(slot_); }

Xapian::MatchSpy* ValueListCountSpy::unserialise(const std::string& data, const Xapian::Registry&) const {
  return new ValueListCountSpy(static_cast<Xapian::valueno>(std::stoul(data)));
}

std::string ValueListCountSpy::serialise_results() const {
  std::string out;
  for (const auto& [value, count] : counts_) {
    out += std::to_string(value.size()) + ':';
    out.append(value);
    out += std::to_string(count) + ';';
  }
  return out;
}

void ValueListCountSpy::merge_results(const std::string& data) {
  size_t pos = 0;
  while (pos < data.size()) {
    size_t colon = data.find(':', pos);
    if (colon == std::string::npos) return;
    size_t length = std::stoul(data.substr(pos, colon - pos));
    std::string value = data.substr(colon + 1, length);
    size_t semicolon = data.find(';', colon + 1 + length);
    if (semicolon == std::string::npos) return;
    add(value, static_cast<Xapian::doccount>(std::stoul(data.substr(colon + 1 + length, semicolon - colon - 1 - length))));
    pos = semicolon + 1;
  }
}

std::vector<FacetValue> top_entities(const ValueListCountSpy& spy, size_t per_type) {
  // Views into the spy's own strings: a broad query can name tens of
  // thousands of entities, of which only the top few are copied out.
  struct Tally {
    std::string_view name;
    Xapian::doccount count = 0, best_name_count = 0;
  };
  std::unordered_map<std::string_view, Tally> by_id;
  for (const auto& [entry, count] : spy.tally()) {
    size_t cut = entry.find(schema::kEntityNameSeparator);
    Tally& t = by_id[entry.substr(0, cut)];
    std::string_view name = cut == std::string_view::npos ? entry : entry.substr(cut + 1);
    t.count += count;
    if (count > t.best_name_count || (count == t.best_name_count && name < t.name)) {
      t.best_name_count = count;
      t.name = name;
    }
  }
  std::vector<FacetValue> out;
  for (EntityType type : {EntityType::kPerson, EntityType::kPlace, EntityType::kOrganisation}) {
    std::vector<std::pair<std::string_view, const Tally*>> of_type;
    for (const auto& [id, t] : by_id)
      if (!id.empty() && id[0] == entity_type_letter(type)) of_type.emplace_back(id, &t);
    size_t n = std::min(per_type, of_type.size());
    std::partial_sort(of_type.begin(), of_type.begin() + n, of_type.end(), [](const auto& a, const auto& b) {
      return a.second->count != b.second->count ? a.second->count > b.second->count : a.first < b.first;
    });
    for (size_t i = 0; i < n; ++i)
      out.push_back({std::string(of_type[i].first), of_type[i].second->count, std::string(of_type[i].second->name)});
  }
  return out;
}

void DateHistogramSpy::operator()(const Xapian::Document& doc, double) {
  std::string day = doc.get_value(slot_);
  if (day.size() == 8) add(day);
}

Xapian::MatchSpy* DateHistogramSpy::unserialise(const std::string& data, const Xapian::Registry&) const {
  return new DateHistogramSpy(static_cast<Xapian::valueno>(std::stoul(data)));
}

DateInterval DateHistogramSpy::natural_interval() const {
  if (counts_.empty()) return DateInterval::kYear;
  const auto per_day = counts();
  auto first = parse_compact_date(per_day.begin()->first);
  auto last = parse_compact_date(per_day.rbegin()->first);
  if (!first || !last) return DateInterval::kYear;
  int64_t days = (last->unix_seconds() - first->unix_seconds()) / 86400;
  if (days <= 62) return DateInterval::kDay;
  if (days <= 4 * 366) return DateInterval::kMonth;
  return DateInterval::kYear;
}

std::vector<FacetValue> DateHistogramSpy::buckets(DateInterval interval) const {
  std::vector<FacetValue> out;
  for (const auto& [day, count] : counts()) {
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

void register_facet_spies(Xapian::Registry& registry) {
  registry.register_match_spy(ValueListCountSpy());
  registry.register_match_spy(DateHistogramSpy());
}

}  // namespace gazette
