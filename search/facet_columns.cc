#include "search/facet_columns.h"

#include <algorithm>

#include "common/french_analyzer.h"
#include "common/stored_document.h"
#include "common/value_list.h"

namespace gazette {
namespace {

bool is_list(Facet facet) { return facet == Facet::kTag || facet == Facet::kEntity; }

}  // namespace

FacetColumn::FacetColumn(const Xapian::Database& db, Facet facet) {
  const Xapian::valueno slot = facet_slot(facet);
  const bool list = is_list(facet);
  std::unordered_map<std::string, uint32_t> code_of;
  starts_.assign(static_cast<size_t>(db.get_lastdocid()) + 2, 0);
  auto code = [&](std::string_view value) {
    auto [it, added] = code_of.try_emplace(std::string(value), static_cast<uint32_t>(values_.size()));
    if (added) values_.push_back(it->first);
    return it->second;
  };
  // (document, code) in stream order: over several shards Xapian does not
  // give the documents in id order, so they are sorted here.
  std::vector<std::pair<Xapian::docid, uint32_t>> entries;
  for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
    const Xapian::docid did = v.get_docid();
    if (list)
      for_each_value(*v, [&](std::string_view value) { entries.emplace_back(did, code(value)); });
    else
      entries.emplace_back(did, code(*v));
  }
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  codes_.reserve(entries.size());
  Xapian::docid next = 1;  // the first document whose start is not yet set
  for (size_t e = 0; e < entries.size();) {
    const Xapian::docid did = entries[e].first;
    for (; next <= did; ++next) starts_[next] = static_cast<uint32_t>(codes_.size());
    const size_t first = codes_.size();
    for (; e < entries.size() && entries[e].first == did; ++e)
      // A list counts each of its values once per document.
      if (std::find(codes_.begin() + first, codes_.end(), entries[e].second) == codes_.end())
        codes_.push_back(entries[e].second);
  }
  for (; next < starts_.size(); ++next) starts_[next] = static_cast<uint32_t>(codes_.size());
  codes_.shrink_to_fit();
  std::vector<std::string> keys;
  keys.reserve(values_.size());
  for (const std::string& value : values_) keys.push_back(facet_value_key(facet, value));
  in_key_order_.resize(values_.size());
  for (uint32_t c = 0; c < values_.size(); ++c) in_key_order_[c] = c;
  std::sort(in_key_order_.begin(), in_key_order_.end(),
            [&](uint32_t a, uint32_t b) { return keys[a] != keys[b] ? keys[a] < keys[b] : values_[a] < values_[b]; });
  group_of_.resize(values_.size());
  for (uint32_t r = 0; r < in_key_order_.size(); ++r) {
    const uint32_t c = in_key_order_[r];
    if (group_keys_.empty() || group_keys_.back() != keys[c]) {
      group_keys_.push_back(std::move(keys[c]));
      group_start_.push_back(r);
    }
    group_of_[c] = static_cast<uint32_t>(group_keys_.size() - 1);
  }
  group_start_.push_back(static_cast<uint32_t>(in_key_order_.size()));
}

FacetColumn::Codes FacetColumn::codes_of_key(std::string_view key) const {
  auto it = std::lower_bound(group_keys_.begin(), group_keys_.end(), key);
  if (it == group_keys_.end() || *it != key) return {nullptr, nullptr};
  return group_codes(static_cast<uint32_t>(it - group_keys_.begin()));
}

size_t FacetColumn::bytes() const {
  size_t n = (starts_.capacity() + codes_.capacity() + group_of_.capacity() + in_key_order_.capacity() +
              group_start_.capacity()) *
             sizeof(uint32_t);
  for (const auto& v : values_) n += sizeof(std::string) + v.capacity();
  for (const auto& k : group_keys_) n += sizeof(std::string) + k.capacity();
  return n;
}

FacetColumns::FacetColumns(const Xapian::Database& db) {
  for (Facet f : kAllFacets) columns_[static_cast<size_t>(f)] = std::make_unique<FacetColumn>(db, f);
}

size_t FacetColumns::bytes() const {
  size_t n = 0;
  for (const auto& c : columns_) n += c->bytes();
  return n;
}

SearchFilters ColumnFacetCounter::without_facet_filters(SearchFilters f) {
  for (Facet facet : kAllFacets) f = without_filter_on(std::move(f), facet);
  return f;
}

ColumnFacetCounter::ColumnFacetCounter(const FacetColumns& columns, const SearchFilters& f,
                                       const std::vector<Facet>& facets)
    : columns_(columns) {
  // Which codes of each filtered facet pass its filter, decided once.
  auto any_of = [&](Facet facet, const std::vector<std::string>& wanted, bool is_key) {
    if (wanted.empty()) return;
    const FacetColumn& column = columns.column(facet);
    Group g{facet, std::vector<uint8_t>(column.value_count(), 0)};
    for (const auto& v : wanted) {
      // An empty key matches no filter term (stored_document.h), so no document.
      const std::string key = is_key ? v : filter_key(v);
      if (!key.empty())
        for (uint32_t c : column.codes_of_key(key)) g.passes[c] = 1;
    }
    groups_.push_back(std::move(g));
  };
  any_of(Facet::kSection, f.sections, false);
  any_of(Facet::kTag, f.tags, false);
  any_of(Facet::kSource, f.sources, false);
  any_of(Facet::kEntity, f.entities, true);
  if (f.from || f.to) {
    const FacetColumn& days = columns.column(Facet::kDate);
    const std::string lo = f.from ? f.from->compact() : "00000000", hi = f.to ? f.to->compact() : "99999999";
    Group g{Facet::kDate, std::vector<uint8_t>(days.value_count(), 0)};
    for (uint32_t c = 0; c < days.value_count(); ++c) g.passes[c] = lo <= days.value(c) && days.value(c) <= hi;
    groups_.push_back(std::move(g));
  }
  for (Facet facet : facets) counts_.push_back({facet, std::vector<uint32_t>(columns.column(facet).value_count()), {}});
  group_passes_.resize(groups_.size());
}

void ColumnFacetCounter::operator()(const Xapian::Document& doc, double) {
  const Xapian::docid did = doc.get_docid();
  size_t failed = 0;  // groups the document does not pass
  for (size_t g = 0; g < groups_.size(); ++g) {
    uint8_t pass = 0;
    for (uint32_t c : columns_.column(groups_[g].facet).codes(did)) pass |= groups_[g].passes[c];
    group_passes_[g] = pass;
    failed += !pass;
  }
  if (failed == 0) ++total_;
  if (failed > 1) return;
  for (Counts& counts : counts_) {
    // Counted unless it fails a group other than the facet's own.
    bool counts_here = failed == 0;
    if (!counts_here)
      for (size_t g = 0; g < groups_.size(); ++g)
        if (!group_passes_[g]) counts_here = groups_[g].facet == counts.facet;
    if (!counts_here) continue;
    for (uint32_t c : columns_.column(counts.facet).codes(did))
      if (counts.per_code[c]++ == 0) counts.touched.push_back(c);
  }
}

namespace {

// One facet's counts per code, grouped by key when the counter is asked.
class ColumnCounts : public KeyedCounts {
 public:
  ColumnCounts(const FacetColumn& column, const std::vector<uint32_t>& per_code, const std::vector<uint32_t>& touched)
      : column_(column), per_code_(per_code), totals_(column.group_count(), 0) {
    // Few codes counted (a narrow search): sort their groups; many: walk
    // every group.
    if (touched.size() * 16 < column.group_count()) {
      for (uint32_t c : touched) {
        const uint32_t g = column.group(c);
        if (totals_[g] == 0) counted_.push_back(g);
        totals_[g] += per_code[c];
      }
      std::sort(counted_.begin(), counted_.end());
    } else {
      for (uint32_t c : touched) totals_[column.group(c)] += per_code[c];
      for (uint32_t g = 0; g < totals_.size(); ++g)
        if (totals_[g]) counted_.push_back(g);
    }
  }
  void for_each_counted(const std::function<void(uint32_t, Xapian::doccount)>& fn) const override {
    for (uint32_t g : counted_) fn(g, totals_[g]);
  }
  std::string_view key(uint32_t g) const override { return column_.group_key(g); }
  std::string_view shown(uint32_t g) const override {
    // Codes come in value order: the first of the most counted is kept.
    uint32_t best = *column_.group_codes(g).begin();
    for (uint32_t c : column_.group_codes(g))
      if (per_code_[c] > per_code_[best]) best = c;
    return column_.value(best);
  }

 private:
  const FacetColumn& column_;
  const std::vector<uint32_t>& per_code_;
  std::vector<Xapian::doccount> totals_;
  std::vector<uint32_t> counted_;
};

}  // namespace

std::unique_ptr<KeyedCounts> ColumnFacetCounter::counts(Facet facet) const {
  for (const Counts& counts : counts_)
    if (counts.facet == facet)
      return std::make_unique<ColumnCounts>(columns_.column(facet), counts.per_code, counts.touched);
  return nullptr;
}

}  // namespace gazette
