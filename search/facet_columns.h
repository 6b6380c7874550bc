// Facet columns: each facet's values for one revision of a local index, held
// in memory as small integer codes per document id (Lucene's doc values,
// Tantivy's fast fields). Counting a facet then reads a few integers per
// match instead of a value string that must be fetched, split and hashed,
// and filter groups are decided per document from the same codes, so that
// every disjunctive facet is counted in one pass over the matches.
//
// FacetColumns are built from Xapian's value streams (valuestream_begin) and
// are immutable afterwards: one copy per revision is shared read-only by every
// thread (FacetColumnsCache). Documents are read by the document ids of the
// Database they were built from: use them only with a handle at that revision
// (ShardSet::revision() names it). Only a single local database has columns:
// over several shards Xapian 1.4 gives a MatchSpy each document with its
// shard's own id. Several local shards count with Gazette's MatchSpy, remote
// ones with Xapian's (facets.h).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/index_revision.h"
#include "search/facets.h"
#include "search/query_builder.h"
#include "search/revision_cache.h"

namespace gazette {

// One value slot, as codes per document id.
class FacetColumn {
 public:
  // Reads the slot of `facet` of every document of `db`. A list slot (tags,
  // entities: value_list.h) gives a document a code for each distinct value.
  FacetColumn(const Xapian::Database& db, Facet facet);

  // The codes of document `did`, each once; none past the revision's last id.
  struct Codes {
    const uint32_t* begin_;
    const uint32_t* end_;
    const uint32_t* begin() const { return begin_; }
    const uint32_t* end() const { return end_; }
  };
  Codes codes(Xapian::docid did) const {
    if (did + 1 >= starts_.size()) return {nullptr, nullptr};
    return {codes_.data() + starts_[did], codes_.data() + starts_[did + 1]};
  }

  // The value a code stands for, as stored in the slot, and its
  // facet_value_key() (facets.h).
  const std::string& value(uint32_t code) const { return values_[code]; }
  const std::string& key(uint32_t code) const { return keys_[code]; }
  size_t value_count() const { return values_.size(); }
  // Every code in key order, then value order; rank(code) is its place there.
  const std::vector<uint32_t>& in_key_order() const { return in_key_order_; }
  uint32_t rank(uint32_t code) const { return rank_[code]; }
  // The codes of the values whose key is `key`: several spellings of one
  // section filter alike.
  std::vector<uint32_t> codes_of_key(std::string_view key) const;
  size_t bytes() const;

 private:
  std::vector<std::string> values_, keys_;
  std::vector<uint32_t> in_key_order_, rank_;
  std::vector<uint32_t> starts_;  // docid -> first code; starts_[did + 1] ends them
  std::vector<uint32_t> codes_;
};

class FacetColumns {
 public:
  // Throws what Xapian throws while reading `db` (DatabaseModifiedError when
  // commits discard the revision: the caller reopens and tries again).
  explicit FacetColumns(const Xapian::Database& db);

  const FacetColumn& column(Facet facet) const { return *columns_[static_cast<size_t>(facet)]; }
  size_t bytes() const;

 private:
  std::array<std::unique_ptr<FacetColumn>, std::size(kAllFacets)> columns_;
};

// Counts the facets of a search in one pass over the matches of its query
// without the facet filters (section, tag, source, date, entity): for each
// match it decides from the columns which filter groups the document passes.
// A document counts towards the total when it passes them all, and for facet
// F when it passes all but F's own (each facet is disjunctive). Add it to the
// Enquire of that pass; not thread-safe, one per search.
class ColumnFacetCounter : public Xapian::MatchSpy {
 public:
  ColumnFacetCounter(const FacetColumns& columns, const SearchFilters& filters, const std::vector<Facet>& facets);

  void operator()(const Xapian::Document& doc, double weight) override;

  // Matches that pass every filter group.
  Xapian::doccount total() const { return total_; }
  // After the match: the values of `facet` (one of those asked) counted, in
  // key order, as facet_result() (facets.h) takes them. Views into the
  // columns.
  std::vector<CountedValue> counted(Facet facet) const;
  // The facet filters the counting pass must leave out of its query.
  static SearchFilters without_facet_filters(SearchFilters filters);

 private:
  struct Group {
    Facet facet;
    std::vector<uint8_t> passes;  // per code of the facet's column
  };
  struct Counts {
    Facet facet;
    std::vector<uint32_t> per_code;
    std::vector<uint32_t> touched;  // the codes counted, in the order first met
  };
  const FacetColumns& columns_;
  std::vector<Group> groups_;   // the filters set
  std::vector<Counts> counts_;  // for each facet asked
  std::vector<uint8_t> group_passes_;
  Xapian::doccount total_ = 0;
};

// The columns of the latest revision seen, shared by the threads of a
// process (revision_cache.h): a build takes about 0.5 s for 63,000 articles.
// (Extending columns for added documents is not done yet.)
using FacetColumnsCache = RevisionCache<FacetColumns>;

}  // namespace gazette
