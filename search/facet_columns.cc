#include "search/facet_columns.h"

#include <algorithm>
#include <array>
#include <deque>
#include <limits>
#include <map>
#include <numeric>
#include <unordered_map>

#include "common/french_analyzer.h"
#include "common/schema.h"
#include "common/stored_document.h"
#include "common/value_list.h"

namespace gazette {
namespace {

bool is_list(Facet facet) { return facet == Facet::kTag || facet == Facet::kEntity; }

// A column's frequent codes are counted in an array of a count per code, the
// others by sorting the codes of the matches (ColumnFacetCounter::
// kArrayCodesLimit). A whole column's codes are numbered by how many documents
// hold them, most first (FacetColumn::number_by_frequency), so the array
// covers the frequent ones: the entities column has 108,360 codes for 63,231
// articles, and its first 16,384 hold 83 % of its entries. An array of every
// entity code (423 KB) made a search touch some 6,600 of its counts at
// random, out of the cache when other work ran between two searches: sorting
// all the codes took the count from 270 to 210 us a search with the caches
// flushed in between, and from 170 to 160 us without (queries.txt, one
// thread). Against sorting all of them, the array of the first 16,384 took
// the tally from 275.6 to 204.6 M instructions over queries.txt with all
// facets (callgrind; the whole search -4.2 %, its simulated L1 data misses
// -25 %), and the searches' p99 in process from 5.8-6.2 to 4.8-5.0 ms
// (alternated; p50 within the machine's noise).
//
// Sorts codes below `bound`: least significant digit first, 11 bits a pass
// (two passes below 4,194,304 codes). std::sort of the 18,000 entity codes
// of an average search took 1.3 ms, against 0.2 ms for the whole count so.
void sort_codes(std::vector<uint32_t>& codes, size_t bound) {
  // A pass clears and sums 2,048 counts: fewer codes sort faster by
  // comparison (the facets whose codes all fit the array have none here).
  if (codes.size() < 512) {
    std::sort(codes.begin(), codes.end());
    return;
  }
  constexpr int kDigitBits = 11;
  constexpr uint32_t kDigits = 1u << kDigitBits;
  std::vector<uint32_t> sorted(codes.size());
  for (int shift = 0; bound > 1 && ((bound - 1) >> shift) != 0; shift += kDigitBits) {
    std::array<uint32_t, kDigits + 1> start{};
    for (uint32_t c : codes) ++start[((c >> shift) & (kDigits - 1)) + 1];
    for (uint32_t d = 0; d < kDigits; ++d) start[d + 1] += start[d];
    for (uint32_t c : codes) sorted[start[(c >> shift) & (kDigits - 1)]++] = c;
    codes.swap(sorted);
  }
}

}  // namespace

FacetColumn::FacetColumn(const Xapian::Database& db, Facet facet, Xapian::docid last) {
  read(db, facet, last, nullptr);
  group(facet, nullptr);
}

FacetColumn::FacetColumn(const FacetColumn& earlier, const Xapian::Database& db, Facet facet, Xapian::docid last) {
  read(db, facet, last, &earlier);
  group(facet, &earlier);
}

void FacetColumn::read(const Xapian::Database& db, Facet facet, Xapian::docid last, const FacetColumn* earlier) {
  const Xapian::valueno slot = facet_slot(facet);
  list_ = is_list(facet);
  // Each array is allocated once, at its final size, after the added
  // documents are read: at 1,000,000 articles, copying `earlier`'s arrays
  // and then growing them (a copy and page faults each time) took a third
  // of extending the columns by ten documents.
  const std::vector<uint32_t> no_document{0, 0};  // document 0 has no code
  const std::vector<uint32_t>& held_starts = earlier ? earlier->starts_ : no_document;
  const std::vector<uint32_t> no_code{kNoCode};
  const std::vector<uint32_t>& held_code_of = earlier ? earlier->code_of_ : no_code;
  const uint32_t held_values = earlier ? earlier->value_count() : 0;
  // starts_ has an entry per document read, and one past the last; code_of_
  // one per document read.
  const auto first = static_cast<Xapian::docid>(list_ ? held_starts.size() - 1 : held_code_of.size());
  // The distinct values met in this read, looked up without copying each
  // occurrence (`met` keeps the strings the map's keys view). One that
  // `earlier` has keeps its code: it is found among the values of its key,
  // so that extending by a few documents does not hash every value of the
  // column.
  PackedStrings added;
  std::deque<std::string> met;
  std::unordered_map<std::string_view, uint32_t> code_of_value;
  auto code = [&](std::string_view value) {
    if (auto it = code_of_value.find(value); it != code_of_value.end()) return it->second;
    uint32_t c = held_values + added.size();
    if (earlier)
      for (uint32_t e : earlier->codes_of_key(facet_value_key(facet, value)))
        if (earlier->value(e) == value) c = e;
    if (c == held_values + added.size()) added.push_back(value);
    code_of_value.emplace(met.emplace_back(value), c);
    return c;
  };
  // (document, code) in stream order: over several shards Xapian does not
  // give the documents in id order, so they are sorted then.
  std::vector<std::pair<Xapian::docid, uint32_t>> entries;
  auto v = db.valuestream_begin(slot);
  if (v != db.valuestream_end(slot)) v.skip_to(first);
  for (; v != db.valuestream_end(slot) && v.get_docid() <= last; ++v) {
    const Xapian::docid did = v.get_docid();
    if (list_)
      for_each_value(*v, [&](std::string_view value) { entries.emplace_back(did, code(value)); });
    else
      entries.emplace_back(did, code(*v));
  }
  const auto by_document = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(entries.begin(), entries.end(), by_document))
    std::stable_sort(entries.begin(), entries.end(), by_document);
  values_ = earlier ? PackedStrings::joined(earlier->values_, added) : std::move(added);
  if (!list_) {
    code_of_.reserve(static_cast<size_t>(last) + 1);
    code_of_.assign(held_code_of.begin(), held_code_of.end());
    code_of_.resize(static_cast<size_t>(last) + 1, kNoCode);
    for (const auto& [did, c] : entries) code_of_[did] = c;  // one value a document
    entries_ = (earlier ? earlier->entries_ : 0) + entries.size();
  } else {
    starts_.reserve(static_cast<size_t>(last) + 2);
    starts_.assign(held_starts.begin(), held_starts.end());
    starts_.resize(static_cast<size_t>(last) + 2, 0);
    const size_t held_codes = earlier ? earlier->codes_.size() : 0;
    // At most one code per entry: a document's repeated values are dropped.
    codes_.reserve(held_codes + entries.size());
    if (earlier) codes_.assign(earlier->codes_.begin(), earlier->codes_.end());
    Xapian::docid next = first;  // the first document whose start is not yet set
    for (size_t e = 0; e < entries.size();) {
      const Xapian::docid did = entries[e].first;
      for (; next <= did; ++next) starts_[next] = static_cast<uint32_t>(codes_.size());
      const size_t begin = codes_.size();
      for (; e < entries.size() && entries[e].first == did; ++e)
        // A list counts each of its values once per document.
        if (std::find(codes_.begin() + begin, codes_.end(), entries[e].second) == codes_.end())
          codes_.push_back(entries[e].second);
    }
    for (; next < starts_.size(); ++next) starts_[next] = static_cast<uint32_t>(codes_.size());
    // Kept for a whole revision: without the room that repeated values left.
    if (codes_.capacity() - codes_.size() > codes_.size() / 16) codes_.shrink_to_fit();
    entries_ = codes_.size();
  }
  // Values added by an extension follow the codes they extend, whatever
  // their frequency: a few documents' worth.
  if (!earlier) number_by_frequency();
}

void FacetColumn::number_by_frequency() {
  std::vector<uint32_t> held(values_.size(), 0);  // documents holding each code
  for (uint32_t c : codes_) ++held[c];
  for (uint32_t c : code_of_)
    if (c != kNoCode) ++held[c];
  std::vector<uint32_t> order(values_.size());  // new code -> old code
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return held[a] > held[b]; });
  std::vector<uint32_t> renumbered(values_.size());  // old code -> new code
  for (uint32_t c = 0; c < order.size(); ++c) renumbered[order[c]] = c;
  for (uint32_t& c : codes_) c = renumbered[c];
  for (uint32_t& c : code_of_)
    if (c != kNoCode) c = renumbered[c];
  values_ = values_.in_order(order);
}

void FacetColumn::group(Facet facet, const FacetColumn* earlier) {
  // Keys of the values `earlier` has are its group keys; only the new
  // values are keyed and sorted, then merged into its order.
  const uint32_t kept = earlier ? static_cast<uint32_t>(earlier->value_count()) : 0;
  std::vector<std::string> new_keys;
  new_keys.reserve(values_.size() - kept);
  for (size_t c = kept; c < values_.size(); ++c) new_keys.push_back(facet_value_key(facet, values_[c]));
  auto key = [&](uint32_t c) -> std::string_view {
    return c < kept ? earlier->group_key(earlier->group(c)) : std::string_view(new_keys[c - kept]);
  };
  // Sorted with their strings at hand: a comparison reads no column.
  struct Sorted {
    std::string_view key, value;
    uint32_t code;
    bool operator<(const Sorted& o) const { return key != o.key ? key < o.key : value < o.value; }
  };
  std::vector<Sorted> added;
  added.reserve(values_.size() - kept);
  for (uint32_t c = kept; c < values_.size(); ++c) added.push_back({key(c), values_[c], c});
  std::sort(added.begin(), added.end());
  auto before = [&](uint32_t a, const Sorted& b) { return Sorted{key(a), values_[a], a} < b; };
  in_key_order_.clear();
  in_key_order_.reserve(values_.size());
  auto next = added.begin();
  if (earlier)
    for (uint32_t c : earlier->in_key_order_) {
      for (; next != added.end() && !before(c, *next); ++next) in_key_order_.push_back(next->code);
      in_key_order_.push_back(c);
    }
  for (; next != added.end(); ++next) in_key_order_.push_back(next->code);
  group_of_.resize(values_.size());
  for (uint32_t r = 0; r < in_key_order_.size(); ++r) {
    const uint32_t c = in_key_order_[r];
    if (group_keys_.empty() || group_keys_.back() != key(c)) {
      group_keys_.push_back(key(c));
      group_initials_.push_back(key(c).empty() ? '\0' : key(c)[0]);
      group_start_.push_back(r);
    }
    group_of_[c] = static_cast<uint32_t>(group_keys_.size() - 1);
  }
  group_start_.push_back(static_cast<uint32_t>(in_key_order_.size()));
  for (uint32_t g = 0; g + 1 < group_start_.size(); ++g)
    if (group_start_[g + 1] - group_start_[g] == 1) group_of_[in_key_order_[group_start_[g]]] |= kAloneInGroup;
}

FacetColumn::Codes FacetColumn::codes_of_key(std::string_view key) const {
  uint32_t lo = 0, hi = group_keys_.size();  // the first key not before `key` is in [lo, hi]
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (group_keys_[mid] < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == group_keys_.size() || group_keys_[lo] != key) return {nullptr, nullptr};
  return group_codes(lo);
}

size_t FacetColumn::bytes() const {
  size_t n = (starts_.capacity() + codes_.capacity() + code_of_.capacity() + group_of_.capacity() +
              in_key_order_.capacity() + group_start_.capacity()) *
             sizeof(uint32_t);
  return n + values_.bytes() + group_keys_.bytes() + group_initials_.capacity();
}

FacetColumns::FacetColumns(const Xapian::Database& db) : FacetColumns(db, db.get_lastdocid()) {}

FacetColumns::FacetColumns(const Xapian::Database& db, Xapian::docid last)
    : uuid_(db.get_uuid()), rewrites_(db.get_metadata(schema::kRewritesKey)), last_(last) {
  for (Facet f : kAllFacets) columns_[static_cast<size_t>(f)] = std::make_unique<FacetColumn>(db, f, last);
  title_words_ = TitleWords().extended(db, last);
  document_lengths_ = DocumentLengths().extended(db, last);
}

FacetColumns::FacetColumns(const Xapian::Database& db, const FacetColumns& earlier)
    : uuid_(db.get_uuid()), rewrites_(db.get_metadata(schema::kRewritesKey)), last_(db.get_lastdocid()) {
  // An in-memory database has no uuid.
  const bool only_added =
      !uuid_.empty() && uuid_ == earlier.uuid_ && rewrites_ == earlier.rewrites_ && last_ >= earlier.last_;
  if (only_added) first_read_ = earlier.last_ + 1;
  for (Facet f : kAllFacets) {
    const size_t i = static_cast<size_t>(f);
    columns_[i] = only_added ? std::make_unique<FacetColumn>(*earlier.columns_[i], db, f, last_)
                             : std::make_unique<FacetColumn>(db, f, last_);
  }
  title_words_ = only_added ? earlier.title_words_.extended(db, last_) : TitleWords().extended(db, last_);
  document_lengths_ =
      only_added ? earlier.document_lengths_.extended(db, last_) : DocumentLengths().extended(db, last_);
}

std::vector<uint16_t> FacetColumns::borrow_counts(Facet facet, size_t size) const {
  {
    std::lock_guard<std::mutex> lock(spare_mutex_);
    auto& spare = spare_counts_[static_cast<size_t>(facet)];
    // Counters of one process ask for one size (tests for others).
    while (!spare.empty()) {
      std::vector<uint16_t> counts = std::move(spare.back());
      spare.pop_back();
      if (counts.size() == size) return counts;
    }
  }
  return std::vector<uint16_t>(size, 0);
}

void FacetColumns::give_back(Facet facet, std::vector<uint16_t> counts) const {
  std::lock_guard<std::mutex> lock(spare_mutex_);
  spare_counts_[static_cast<size_t>(facet)].push_back(std::move(counts));
}

size_t FacetColumns::bytes() const {
  size_t n = title_words_.bytes() + document_lengths_.bytes();
  for (const auto& c : columns_) n += c->bytes();
  return n;
}

SearchFilters ColumnFacetCounter::without_facet_filters(SearchFilters f) {
  for (Facet facet : kAllFacets) f = without_filter_on(std::move(f), facet);
  return f;
}

ColumnFacetCounter::ColumnFacetCounter(const FacetColumns& columns, const SearchFilters& f,
                                       const std::vector<Facet>& facets, size_t array_codes_limit)
    : columns_(columns), array_codes_limit_(array_codes_limit) {
  // Which codes of each filtered facet pass its filter, decided once.
  auto any_of = [&](Facet facet, const std::vector<std::string>& wanted, bool is_key) {
    if (wanted.empty()) return;
    const FacetColumn& column = columns.column(facet);
    Group g{facet, std::vector<uint8_t>(column.value_count(), 0)};
    for (const auto& v : wanted) {
      // An empty key matches no filter term (stored_document.h), so no document.
      const std::string key = is_key ? v : facet_value_key(facet, v);
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
  for (Facet facet : facets) counts_.push_back({facet, {}});
}

void ColumnFacetCounter::operator()(const Xapian::Document& doc, double) { matches_.push_back(doc.get_docid()); }

namespace {

// Into `sum`: the counts of `a` and `b`, both in code order, added by code.
void add_counts(const std::vector<std::pair<uint32_t, Xapian::doccount>>& a,
                const std::vector<std::pair<uint32_t, Xapian::doccount>>& b,
                std::vector<std::pair<uint32_t, Xapian::doccount>>& sum) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].first < b[j].first))
      sum.push_back(a[i++]);
    else if (i == a.size() || b[j].first < a[i].first)
      sum.push_back(b[j++]);
    else
      sum.emplace_back(a[i].first, a[i].second + b[j].second), ++i, ++j;
  }
}

}  // namespace

void ColumnFacetCounter::tally() const {
  if (tallied_) return;
  tallied_ = true;
  // Column by column over all the matches, rather than match by match over
  // every column: each loop reads one column in document order, which the
  // cache's prefetcher follows. Interleaving the ten arrays of five facets
  // at each match was a sixth of the service's time under load (perf).
  const size_t n = matches_.size();
  const Xapian::docid* const matches = matches_.data();  // in a register, as the columns' arrays
  // Each loop asks for a match's place in the column kAhead matches before
  // it reads its codes, and for the codes half as many before: the loads of
  // a match's first code and of its count were two thirds of the tally's
  // samples under load (perf annotate). Inlined always, as the column's
  // prefetches: GCC 12 deleted the calls of this lambda as "pure", and
  // until 2026-12-06 the tally made no prefetch at all (objdump).
  constexpr size_t kAhead = 16;
  auto prefetch = [&](const FacetColumn::Reader& column, size_t i) __attribute__((always_inline)) {
    if (i + kAhead < n) column.prefetch_place(matches[i + kAhead]);
    if (i + kAhead / 2 < n) column.prefetch_codes(matches[i + kAhead / 2]);
  };
  std::vector<uint8_t> failed(groups_.empty() ? 0 : n, 0);  // per match, a bit per group it does not pass
  for (size_t g = 0; g < groups_.size(); ++g) {
    const FacetColumn::Reader column = columns_.column(groups_[g].facet).reader();
    const std::vector<uint8_t>& passes = groups_[g].passes;
    for (size_t i = 0; i < n; ++i) {
      prefetch(column, i);
      uint8_t pass = 0;
      for (uint32_t c : column.codes(matches[i])) pass |= passes[c];
      failed[i] |= static_cast<uint8_t>(!pass << g);
    }
  }
  total_ = groups_.empty() ? n : std::count(failed.begin(), failed.end(), 0);
  for (Counts& counts : counts_) {
    // A match counts here unless it fails a group other than the facet's own.
    uint8_t own = 0;
    for (size_t g = 0; g < groups_.size(); ++g)
      if (groups_[g].facet == counts.facet) own |= static_cast<uint8_t>(1 << g);
    const FacetColumn& column = columns_.column(counts.facet);
    const FacetColumn::Reader reader = column.reader();
    // Calls count(codes) for each match of [from, to) counted here.
    auto for_each_counted = [&](size_t from, size_t to, auto count) {
      for (size_t i = from; i < to; ++i) {
        prefetch(reader, i);
        if (failed.empty() || !(failed[i] & ~own)) count(reader.codes(matches[i]));
      }
    };
    // The frequent codes, below `in_array`, in a borrowed array; the others
    // gathered in `beyond`, then sorted.
    const auto in_array = static_cast<uint32_t>(std::min(column.value_count(), array_codes_limit_));
    std::vector<uint16_t> per_code =
        in_array ? columns_.borrow_counts(counts.facet, in_array + 1) : std::vector<uint16_t>{};
    std::vector<uint32_t> beyond;
    // Counts the codes of matches [from, to) in the array, into `counted`
    // in code order; gathers the others in `beyond`.
    auto count_in_array = [&](size_t from, size_t to, std::vector<std::pair<uint32_t, Xapian::doccount>>& counted) {
      if (in_array && static_cast<double>(to - from) * column.codes_per_document() * 16 >= in_array) {
        // Many codes for the array's size: each is counted without a branch
        // (whether a code is beyond the array, or met before, is a coin
        // toss for the processor's predictor), then the array is read
        // through. A code beyond it counts at in_array, which is not read.
        // Over queries.txt with all facets (cachegrind): 170.0 M -> 153.0 M
        // instructions, 2.09 M -> 1.53 M branches mispredicted.
        size_t gathered = beyond.size();
        for_each_counted(from, to, [&](FacetColumn::Codes codes) {
          const auto size = static_cast<size_t>(codes.end() - codes.begin());
          if (gathered + size > beyond.size()) beyond.resize(std::max(2 * beyond.size(), gathered + size + 64));
          for (uint32_t c : codes) {
            beyond[gathered] = c;
            gathered += c >= in_array;
            ++per_code[std::min(c, in_array)];
          }
        });
        beyond.resize(gathered);
        for (uint32_t c = 0; c < in_array; ++c)
          if (per_code[c]) {
            counted.emplace_back(c, per_code[c]);
            per_code[c] = 0;
          }
      } else {
        // Few: reading the array through would cost more than sorting the
        // codes met.
        std::vector<uint32_t> touched;
        for_each_counted(from, to, [&](FacetColumn::Codes codes) {
          for (uint32_t c : codes)
            if (c >= in_array)
              beyond.push_back(c);
            else if (per_code[c]++ == 0)
              touched.push_back(c);
        });
        std::sort(touched.begin(), touched.end());
        counted.reserve(touched.size());
        for (uint32_t c : touched) {
          counted.emplace_back(c, per_code[c]);
          per_code[c] = 0;
        }
      }
    };
    // A code is in a document's list once, so no count of a part of
    // kMaxCount matches wraps past the array's 16 bits. Each part's counts
    // are added to those of the parts before it.
    constexpr size_t kMaxCount = std::numeric_limits<uint16_t>::max();
    count_in_array(0, std::min(n, kMaxCount), counts.counted);
    std::vector<std::pair<uint32_t, Xapian::doccount>> part, sum;
    for (size_t from = kMaxCount; from < n; from += kMaxCount) {
      part.clear();
      count_in_array(from, std::min(n, from + kMaxCount), part);
      sum.clear();
      add_counts(counts.counted, part, sum);
      counts.counted.swap(sum);
    }
    if (in_array) {
      per_code[in_array] = 0;
      columns_.give_back(counts.facet, std::move(per_code));
    }
    sort_codes(beyond, column.value_count());
    for (size_t i = 0; i < beyond.size();) {
      size_t end = i + 1;
      while (end < beyond.size() && beyond[end] == beyond[i]) ++end;
      counts.counted.emplace_back(beyond[i], static_cast<Xapian::doccount>(end - i));
      i = end;
    }
  }
}

namespace {

// One facet's counts per code, grouped by key when the counter is asked:
// work in proportion to the codes counted, not to the column.
class ColumnCounts : public KeyedCounts {
 public:
  // `per_code`: each code counted and its count, in code order.
  ColumnCounts(const FacetColumn& column, const std::vector<std::pair<uint32_t, Xapian::doccount>>& per_code)
      : column_(column), per_code_(per_code) {
    counted_.reserve(per_code.size());
    std::vector<std::pair<uint32_t, Xapian::doccount>> shared;  // codes of groups of several codes
    // Loading a code's group was 42 % of this loop's samples under load
    // (perf annotate): it is asked for 16 codes ahead.
    constexpr size_t kAhead = 16;
    for (size_t i = 0; i < per_code.size(); ++i) {
      if (i + kAhead < per_code.size()) column.prefetch_group(per_code[i + kAhead].first);
      const auto [c, count] = per_code[i];
      if (column.alone_in_group(c))
        counted_.push_back({column.group(c), count});
      else
        shared.emplace_back(column.group(c), count);
    }
    std::sort(shared.begin(), shared.end());
    for (size_t i = 0; i < shared.size(); ++i)
      if (i > 0 && shared[i].first == shared[i - 1].first)
        counted_.back().count += shared[i].second;
      else
        counted_.push_back({shared[i].first, shared[i].second});
  }
  const std::vector<Counted>& counted() const override { return counted_; }
  uint32_t key_count() const override { return static_cast<uint32_t>(column_.group_count()); }
  std::string_view key(uint32_t g) const override { return column_.group_key(g); }
  char initial(uint32_t g) const override { return column_.group_initial(g); }
  std::string_view shown(uint32_t g) const override {
    uint32_t best = *column_.group_codes(g).begin();
    Xapian::doccount best_count = count_of(best);
    for (uint32_t c : column_.group_codes(g))
      if (const Xapian::doccount n = count_of(c);
          n && shown_before(column_.value(c), n, column_.value(best), best_count)) {
        best = c;
        best_count = n;
      }
    return column_.value(best);
  }
  // Calls fn(value, count) for each value of group g counted.
  template <typename Fn>
  void for_each_value(uint32_t g, Fn fn) const {
    for (uint32_t c : column_.group_codes(g))
      if (const Xapian::doccount n = count_of(c)) fn(column_.value(c), n);
  }

 private:
  Xapian::doccount count_of(uint32_t code) const {
    auto it = std::lower_bound(per_code_.begin(), per_code_.end(), code,
                               [](const auto& counted, uint32_t c) { return counted.first < c; });
    return it != per_code_.end() && it->first == code ? it->second : 0;
  }

  const FacetColumn& column_;
  const std::vector<std::pair<uint32_t, Xapian::doccount>>& per_code_;
  std::vector<Counted> counted_;  // (group, total)
};

// The counts of several shards, summed by key.
class MergedCounts : public KeyedCounts {
 public:
  explicit MergedCounts(std::vector<std::unique_ptr<ColumnCounts>> parts) : parts_(std::move(parts)) {
    struct Entry {
      std::string_view key;
      Member member;
      Xapian::doccount count;
    };
    std::vector<Entry> all;
    for (uint32_t p = 0; p < parts_.size(); ++p)
      for (const Counted& c : parts_[p]->counted()) all.push_back({parts_[p]->key(c.key), {p, c.key}, c.count});
    std::sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
    for (size_t i = 0; i < all.size(); ++i) {
      if (i == 0 || all[i].key != all[i - 1].key) {
        totals_.push_back({static_cast<uint32_t>(keys_.size()), 0});
        keys_.push_back(all[i].key);
        first_member_.push_back(static_cast<uint32_t>(members_.size()));
      }
      totals_.back().count += all[i].count;
      members_.push_back(all[i].member);
    }
    first_member_.push_back(static_cast<uint32_t>(members_.size()));
  }
  const std::vector<Counted>& counted() const override { return totals_; }
  uint32_t key_count() const override { return static_cast<uint32_t>(keys_.size()); }
  std::string_view key(uint32_t k) const override { return keys_[k]; }
  std::string_view shown(uint32_t k) const override {
    // Counted over all shards.
    std::map<std::string_view, Xapian::doccount> per_value;
    for (uint32_t m = first_member_[k]; m < first_member_[k + 1]; ++m)
      parts_[members_[m].part]->for_each_value(members_[m].group,
                                               [&](std::string_view v, Xapian::doccount n) { per_value[v] += n; });
    auto best = per_value.begin();
    for (auto it = per_value.begin(); it != per_value.end(); ++it)
      if (shown_before(it->first, it->second, best->first, best->second)) best = it;
    return best->first;
  }

 private:
  struct Member {
    uint32_t part, group;
  };
  std::vector<std::unique_ptr<ColumnCounts>> parts_;
  std::vector<std::string_view> keys_;  // in key order
  std::vector<Counted> totals_;         // key number and total, in key order
  std::vector<Member> members_;         // the shards' groups of each key, key by key
  std::vector<uint32_t> first_member_;  // key -> its first member; one past the last ends them
};

}  // namespace

std::unique_ptr<KeyedCounts> ColumnFacetCounter::counts(const std::vector<const ColumnFacetCounter*>& counters,
                                                        Facet facet) {
  std::vector<std::unique_ptr<ColumnCounts>> parts;
  for (const ColumnFacetCounter* counter : counters) {
    counter->tally();
    for (const Counts& counts : counter->counts_)
      if (counts.facet == facet)
        parts.push_back(std::make_unique<ColumnCounts>(counter->columns_.column(facet), counts.counted));
  }
  if (parts.empty()) return nullptr;
  if (parts.size() == 1) return std::move(parts[0]);
  return std::make_unique<MergedCounts>(std::move(parts));
}

std::unique_ptr<KeyedCounts> ColumnFacetCounter::counts(Facet facet) const { return counts({this}, facet); }

}  // namespace gazette
