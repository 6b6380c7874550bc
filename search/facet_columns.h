// Facet columns: each facet's values for one revision of a local index, held
// in memory as small integer codes per document id (Lucene's doc values,
// Tantivy's fast fields), and the length of each title and of each document,
// which ranking reads for every candidate (title_match.h, term_weight.h).
// Counting a facet then reads a few integers per match instead of a value
// string that must be fetched, split and hashed, and filter groups are
// decided per document from the same codes, so that every disjunctive facet
// is counted in one pass over the matches.
//
// FacetColumns are built from Xapian's value streams (valuestream_begin) and
// are immutable afterwards (but for the count arrays they lend, under a
// lock): one copy per revision is shared by every thread (FacetColumnsCache).
// Documents are read by the document ids of the Database they were built
// from: use them only with a handle at that revision (ShardSet::local_shards()
// gives each shard's). Over several shards Xapian 1.4 gives a MatchSpy each
// document with its shard's own id, so local shards each have their columns
// and their own counting pass, summed by key; remote shards count with
// Xapian's MatchSpy (facets.h).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/index_revision.h"
#include "search/facets.h"
#include "search/query_builder.h"
#include "search/revision_cache.h"
#include "search/term_weight.h"
#include "search/title_match.h"

namespace gazette {

// Strings stored end to end in one buffer: a column holds hundreds of
// thousands of values, and copying them to extend it is then two copies of
// memory instead of an allocation each.
class PackedStrings {
 public:
  std::string_view operator[](uint32_t i) const {
    const uint32_t begin = i ? ends_[i - 1] : 0;
    return std::string_view(chars_.data() + begin, ends_[i] - begin);
  }
  uint32_t size() const { return static_cast<uint32_t>(ends_.size()); }
  bool empty() const { return ends_.empty(); }
  std::string_view back() const { return (*this)[size() - 1]; }
  void push_back(std::string_view s) {
    chars_.append(s);
    ends_.push_back(static_cast<uint32_t>(chars_.size()));
  }
  size_t bytes() const { return chars_.capacity() + ends_.capacity() * sizeof(uint32_t); }
  // The strings `order` lists by number, in its order.
  PackedStrings in_order(const std::vector<uint32_t>& order) const {
    PackedStrings out;
    out.chars_.reserve(chars_.size());
    out.ends_.reserve(order.size());
    for (uint32_t i : order) out.push_back((*this)[i]);
    return out;
  }
  // `first`'s strings, then `then`'s, each array allocated once.
  static PackedStrings joined(const PackedStrings& first, const PackedStrings& then) {
    PackedStrings all;
    all.chars_.reserve(first.chars_.size() + then.chars_.size());
    all.ends_.reserve(first.ends_.size() + then.ends_.size());
    all.chars_.append(first.chars_).append(then.chars_);
    all.ends_.insert(all.ends_.end(), first.ends_.begin(), first.ends_.end());
    const auto offset = static_cast<uint32_t>(first.chars_.size());
    for (uint32_t end : then.ends_) all.ends_.push_back(offset + end);
    return all;
  }

 private:
  std::string chars_;
  std::vector<uint32_t> ends_;  // string i ends at ends_[i], starts at the end of i - 1
};

// One value slot, as codes per document id.
class FacetColumn {
 public:
  // Reads the slot of `facet` of the documents of `db` up to id `last`. A
  // list slot (tags, entities: value_list.h) gives a document a code for
  // each distinct value.
  FacetColumn(const Xapian::Database& db, Facet facet, Xapian::docid last);
  // `earlier`'s documents, then those of `db` after earlier's last id up to
  // `last`: `db` is a later revision of the database `earlier` was read
  // from, to which documents were only added. Codes keep their values.
  FacetColumn(const FacetColumn& earlier, const Xapian::Database& db, Facet facet, Xapian::docid last);

  // The codes of document `did`, each once; none past the revision's last id.
  // A column read whole numbers its codes by how many documents hold them,
  // most first; the values an extension adds follow.
  struct Codes {
    const uint32_t* begin_;
    const uint32_t* end_;
    const uint32_t* begin() const { return begin_; }
    const uint32_t* end() const { return end_; }
    bool empty() const { return begin_ == end_; }
  };
  // The column's arrays, for a loop over many documents (the tally): a
  // copy of their addresses that the compiler keeps in registers, where it
  // reloads a vector's after every store the loop makes. Valid while the
  // column lives.
  class Reader {
   public:
    Codes codes(Xapian::docid did) const {
      if (did >= end_) return {nullptr, nullptr};
      if (list_) return {codes_ + starts_[did], codes_ + starts_[did + 1]};
      const uint32_t* code = code_of_ + did;
      return {code, code + (*code != kNoCode)};
    }
    // Hint to the processor that codes(did) will soon be read: its place in
    // the column, then (a few matches later, once that place is in cache)
    // the codes of a list. The matches of a search lie far apart in a
    // column, and these two loads were most of the tally's samples under
    // load (perf annotate). Both are inlined always: GCC 12 finds a
    // function that only prefetches "pure" and deletes the calls, whose
    // results are unused.
    [[gnu::always_inline]] void prefetch_place(Xapian::docid did) const {
      if (did < end_) __builtin_prefetch(list_ ? starts_ + did : code_of_ + did);
    }
    [[gnu::always_inline]] void prefetch_codes(Xapian::docid did) const {
      if (list_ && did < end_) __builtin_prefetch(codes_ + starts_[did]);
    }

   private:
    friend class FacetColumn;
    const uint32_t* starts_;
    const uint32_t* codes_;
    const uint32_t* code_of_;
    Xapian::docid end_;  // the first id past the column's documents
    bool list_;
  };
  Reader reader() const {
    Reader r;
    r.starts_ = starts_.data();
    r.codes_ = codes_.data();
    r.code_of_ = code_of_.data();
    r.end_ = static_cast<Xapian::docid>(documents_read());
    r.list_ = list_;
    return r;
  }
  Codes codes(Xapian::docid did) const { return reader().codes(did); }
  // Codes a document holds, on average.
  double codes_per_document() const {
    const size_t documents = documents_read();
    return documents ? static_cast<double>(entries_) / static_cast<double>(documents) : 0;
  }

  // The value a code stands for, as stored in the slot.
  std::string_view value(uint32_t code) const { return values_[code]; }
  size_t value_count() const { return values_.size(); }

  // Codes whose values have the same facet_value_key() (facets.h) form a
  // group: several spellings of one section filter and count alike. Groups
  // are numbered in key order.
  uint32_t group(uint32_t code) const { return group_of_[code] & ~kAloneInGroup; }
  // Whether `code` is its group's only one (most are): its count is then
  // the group's, read with the group in one lookup.
  bool alone_in_group(uint32_t code) const { return group_of_[code] & kAloneInGroup; }
  // Hint to the processor that group(code) will soon be read: the codes a
  // search counts lie far apart in a large column (inlined always, as
  // Reader's prefetches).
  [[gnu::always_inline]] void prefetch_group(uint32_t code) const { __builtin_prefetch(group_of_.data() + code); }
  size_t group_count() const { return group_keys_.size(); }
  std::string_view group_key(uint32_t group) const { return group_keys_[group]; }
  // Its first byte ('\0' for an empty key), kept apart: see KeyedCounts::initial.
  char group_initial(uint32_t group) const { return group_initials_[group]; }
  // The codes of a group, in value order.
  Codes group_codes(uint32_t group) const {
    return {in_key_order_.data() + group_start_[group], in_key_order_.data() + group_start_[group + 1]};
  }
  // The codes of the values whose key is `key`, if any.
  Codes codes_of_key(std::string_view key) const;
  size_t bytes() const;

 private:
  // Marks in group_of_ a code that is its group's only one: group numbers
  // (no more than codes) stay far below 2^31.
  static constexpr uint32_t kAloneInGroup = 1u << 31;

  // The ids read, from 0 (which holds nothing): the first id past them.
  size_t documents_read() const { return list_ ? starts_.size() - 1 : code_of_.size(); }

  // Reads the documents up to `last`: after `earlier`'s, which come first
  // with their codes and values, when it is given.
  void read(const Xapian::Database& db, Facet facet, Xapian::docid last, const FacetColumn* earlier);
  // Numbers the codes by how many documents hold them, most first (ties in
  // the order read), so that the frequent ones are counted in an array
  // (ColumnFacetCounter).
  void number_by_frequency();
  // Groups the values by key; the values `earlier` has keep its keys.
  void group(Facet facet, const FacetColumn* earlier);

  // A document without a value in a slot of one value.
  static constexpr uint32_t kNoCode = ~0u;

  PackedStrings values_;
  // A list slot's codes (tags, entities): those of document did are
  // codes_[starts_[did]] to codes_[starts_[did + 1]].
  bool list_ = false;
  std::vector<uint32_t> starts_;
  std::vector<uint32_t> codes_;
  // A slot of one value (section, source, day): document did's code, or
  // kNoCode, is code_of_[did]. Reading it is one load where the list's
  // layout takes two, the second depending on the first, and a search reads
  // it for every match.
  std::vector<uint32_t> code_of_;
  size_t entries_ = 0;  // codes held by all documents together
  PackedStrings group_keys_;
  std::vector<char> group_initials_;    // group -> first byte of its key
  std::vector<uint32_t> group_of_;      // code -> group, with kAloneInGroup
  std::vector<uint32_t> in_key_order_;  // every code, by group then value
  std::vector<uint32_t> group_start_;   // group -> its first place in in_key_order_
};

class FacetColumns {
 public:
  // The columns of every document of `db`. Throws what Xapian throws while
  // reading `db` (DatabaseModifiedError when commits discard the revision:
  // the caller reopens and tries again).
  explicit FacetColumns(const Xapian::Database& db);
  // The columns of `db`, made from `earlier`'s when `db` is the same
  // database at a revision that only added or deleted documents since (no
  // commit in between replaced one: schema::kRewritesKey); else built anew.
  // Extending reads only the added documents; a deleted one keeps its
  // values, which no search reads again (none matches it). Throws as above.
  FacetColumns(const Xapian::Database& db, const FacetColumns& earlier);
  // The columns of the documents of `db` up to id `last` only: those of an
  // earlier revision that held them, for measuring and testing extension.
  FacetColumns(const Xapian::Database& db, Xapian::docid last);

  const FacetColumn& column(Facet facet) const { return *columns_[static_cast<size_t>(facet)]; }
  // Each document's title, as the title source reads it (its length and
  // stems, title_match.h).
  const TitleWords& title_words() const { return title_words_; }
  // Each document's length, as ranking reads it (term_weight.h).
  const DocumentLengths& document_lengths() const { return document_lengths_; }
  // The uuid of the database read: which shard of a search these are.
  const std::string& uuid() const { return uuid_; }

  // A count for each of the first `size` codes of `facet`'s column, all
  // zero, for a counter to borrow; it gives the array back zeroed again with
  // give_back(). Arrays are kept for reuse, so that a search does not
  // allocate and clear one per facet. Thread-safe. A count has 16 bits:
  // the entity column's 16,385 take 32 KB, which the first-level cache
  // holds (48 KB here), where the increments of 32-bit counts were a fifth
  // of the tally's samples under load (perf annotate). A counter counts
  // 65,535 matches at most in one go.
  std::vector<uint16_t> borrow_counts(Facet facet, size_t size) const;
  void give_back(Facet facet, std::vector<uint16_t> counts) const;

  // The first document id whose values this build read: 1, or the one after
  // the last id of the columns it extended.
  Xapian::docid first_read() const { return first_read_; }
  size_t bytes() const;

 private:
  std::array<std::unique_ptr<FacetColumn>, std::size(kAllFacets)> columns_;
  mutable std::mutex spare_mutex_;
  mutable std::array<std::vector<std::vector<uint16_t>>, std::size(kAllFacets)> spare_counts_;
  TitleWords title_words_;
  DocumentLengths document_lengths_;
  std::string uuid_, rewrites_;  // of the database read, for extending
  Xapian::docid last_ = 0, first_read_ = 1;
};

// Counts the facets of a search in one pass over the matches of its query
// without the facet filters (section, tag, source, date, entity): for each
// match it decides from the columns which filter groups the document passes.
// A document counts towards the total when it passes them all, and for facet
// F when it passes all but F's own (each facet is disjunctive). Add it to the
// Enquire of that pass; not thread-safe, one per search. The spy only notes
// each match; the first call to total() or counts() after the pass counts
// them all (a MatchSpy is not told when the match ends).
class ColumnFacetCounter : public Xapian::MatchSpy {
 public:
  // A column's first `array_codes_limit` codes (its most frequent) are
  // counted in an array of a count per code borrowed from `columns`, the
  // others by sorting the codes of the matches (facet_columns.cc says why).
  // Both give the same counts; tests count both ways. Only the entities
  // column has more codes than the default.
  static constexpr size_t kArrayCodesLimit = size_t{1} << 14;
  ColumnFacetCounter(const FacetColumns& columns, const SearchFilters& filters, const std::vector<Facet>& facets,
                     size_t array_codes_limit = kArrayCodesLimit);
  ColumnFacetCounter(const ColumnFacetCounter&) = delete;
  ColumnFacetCounter& operator=(const ColumnFacetCounter&) = delete;

  void operator()(const Xapian::Document& doc, double weight) override;

  // Matches that pass every filter group.
  Xapian::doccount total() const {
    tally();
    return total_;
  }
  // After the match: the counts of `facet` (one of those asked), by key, for
  // facet_result() (facets.h). Valid while this counter lives.
  std::unique_ptr<KeyedCounts> counts(Facet facet) const;
  // The same over several counters, each of one shard's own pass, summed by
  // key: a cluster of local shards counts as one index. Valid while they live.
  static std::unique_ptr<KeyedCounts> counts(const std::vector<const ColumnFacetCounter*>& counters, Facet facet);
  // The facet filters the counting pass must leave out of its query.
  static SearchFilters without_facet_filters(SearchFilters filters);

 private:
  struct Group {
    Facet facet;
    std::vector<uint8_t> passes;  // per code of the facet's column
  };
  struct Counts {
    Facet facet;
    // Made by tally(): each code counted and its count, in code order.
    std::vector<std::pair<uint32_t, Xapian::doccount>> counted;
  };
  // Counts the matches noted, once.
  void tally() const;

  const FacetColumns& columns_;
  const size_t array_codes_limit_;
  std::vector<Group> groups_;  // the filters set, at most one per facet
  std::vector<Xapian::docid> matches_;
  // Made by tally(), which the const readers call.
  mutable bool tallied_ = false;
  mutable std::vector<Counts> counts_;  // for each facet asked
  mutable Xapian::doccount total_ = 0;
};

// The columns of the latest revision seen, shared by the threads of a
// process (revision_cache.h). A new revision extends the cached columns
// when it only added documents; otherwise they are built anew.
using FacetColumnsCache = RevisionCache<FacetColumns>;

}  // namespace gazette
