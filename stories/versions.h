// Versions: articles whose texts are nearly the same (wire copies, updated
// versions of one dispatch, one text under two sources), grouped so that
// searches and related lists show each group once (Xapian's collapse key,
// schema::kVersionsSlot) and say how many other versions a hit has.
//
// Two articles are versions of each other when the MinHash similarity of
// their texts (minhash.h) is at least kMinSimilarity and they were published
// at most kMaxDaysApart days apart, or when it is at least kCopySimilarity
// whatever their dates (a copy republished later). A group is a connected
// component of that relation. Measured on the shared corpus (DESIGN.md,
// "Versions"): pairs below 0.6, or further apart in time, are mostly distinct
// articles sharing a template or a series' introduction.
//
// Writing: the indexer stores each article's signature with
// write_signature(); after writing, find_version_changes() reads the index
// (one database, or shards opened as one) and says which articles change
// group, and write_version_key() records each change in the database that
// holds the document. The key is a value, not a term: adding a term to a
// written document makes Xapian rewrite its terms and positions (2.9 ms
// against 0.19 ms for a value, DESIGN.md "Stories"), and a group is found
// again from its members' band terms. The group key of a group is kept as
// it grows: new members take it, and two groups that meet keep the smaller
// key. Deleting an article leaves the others grouped under their key.
//
// Reading: version_key() and other_versions().
//
// Functions of their arguments; Xapian's errors are thrown.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "stories/minhash.h"

namespace gazette {

inline constexpr double kMinSimilarity = 0.6;
inline constexpr int kMaxDaysApart = 7;
inline constexpr double kCopySimilarity = 0.9;

// Stores the signature and its band terms in `doc`.
void write_signature(Xapian::Document& doc, const MinHashSignature& signature);

// An article that changes group: its document in the database that was
// searched, and the key of its new group.
struct VersionKeyChange {
  Xapian::docid doc;
  std::string key;
};

// The changes that group the documents `scope` with their versions anywhere
// in `db`. Documents of `scope` without a signature are skipped.
std::vector<VersionKeyChange> find_version_changes(const Xapian::Database& db, const std::vector<Xapian::docid>& scope);
// The same for every document of `db` (a new index): by the band terms that
// two or more documents share, not document by document.
std::vector<VersionKeyChange> find_all_version_changes(const Xapian::Database& db);

// Puts document `doc` of `db` into group `key`. Does not commit.
void write_version_key(Xapian::WritableDatabase& db, Xapian::docid doc, const std::string& key);

// The key of the document's group; empty when it has no other version.
std::string version_key(const Xapian::Document& doc);
// The documents of `db` in the group of versions of document `did`, whose
// key is `key`: `did` and its versions, in docid order; just `did` when
// `key` is empty. Found from the postings of the members' band terms, one
// round per step away from `did` (most groups are pairs: two rounds).
std::vector<Xapian::docid> version_group(const Xapian::Database& db, Xapian::docid did, const std::string& key);
// How many other articles of `db` are versions of document `did`, whose
// key is `key` (0 when it is empty, without reading the index).
size_t other_versions(const Xapian::Database& db, Xapian::docid did, const std::string& key);

}  // namespace gazette
