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
  keys_.reserve(values_.size());
  for (const std::string& value : values_) keys_.push_back(facet_value_key(facet, value));
  in_key_order_.resize(values_.size());
  for (uint32_t c = 0; c < values_.size(); ++c) in_key_order_[c] = c;
  std::sort(in_key_order_.begin(), in_key_order_.end(), [this](uint32_t a, uint32_t b) {
    return keys_[a] != keys_[b] ? keys_[a] < keys_[b] : values_[a] < values_[b];
  });
  rank_.resize(values_.size());
  for (uint32_t r = 0; r < in_key_order_.size(); ++r) rank_[in_key_order_[r]] = r;
}

std::vector<uint32_t> FacetColumn::codes_of_key(std::string_view key) const {
  auto first = std::lower_bound(in_key_order_.begin(), in_key_order_.end(), key,
                                [this](uint32_t code, std::string_view k) { return keys_[code] < k; });
  std::vector<uint32_t> out;
  for (auto it = first; it != in_key_order_.end() && keys_[*it] == key; ++it) out.push_back(*it);
  return out;
}

size_t FacetColumn::bytes() const {
  size_t n = (starts_.capacity() + codes_.capacity() + in_key_order_.capacity() + rank_.capacity()) * sizeof(uint32_t);
  for (const auto& v : values_) n += sizeof(std::string) + v.capacity();
  for (const auto& k : keys_) n += sizeof(std::string) + k.capacity();
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
    for (const auto& v : wanted)
      for (uint32_t c : column.codes_of_key(is_key ? v : filter_key(v))) g.passes[c] = 1;
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

std::vector<CountedValue> ColumnFacetCounter::counted(Facet facet) const {
  std::vector<CountedValue> out;
  for (const Counts& counts : counts_) {
    if (counts.facet != facet) continue;
    const FacetColumn& column = columns_.column(facet);
    auto add = [&](uint32_t c) { out.push_back({column.value(c), column.key(c), counts.per_code[c]}); };
    // Few values counted (a narrow search): sort them; many: walk every code.
    if (counts.touched.size() * 16 < column.value_count()) {
      std::vector<uint32_t> codes = counts.touched;
      std::sort(codes.begin(), codes.end(), [&](uint32_t a, uint32_t b) { return column.rank(a) < column.rank(b); });
      for (uint32_t c : codes) add(c);
    } else {
      for (uint32_t c : column.in_key_order())
        if (counts.per_code[c]) add(c);
    }
  }
  return out;
}

}  // namespace gazette
