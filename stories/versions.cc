#include "stories/versions.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "common/date.h"
#include "common/schema.h"
#include "common/stored_document.h"

namespace gazette {
namespace s = schema;
namespace {

// Candidates sharing one band are compared pairwise; a band that more
// documents share is a template repeated word for word, compared from its
// first documents only.
constexpr size_t kMaxBandCompared = 64;

// "XB", a letter for the band, and its rows as 2 bytes each (in hex they
// made the index 7 MB larger).
std::string band_term(size_t band, uint64_t rows) {
  std::string term = s::kSignatureBand;
  term += static_cast<char>('a' + band);
  for (int shift = 16 * MinHashSignature::kRows - 8; shift >= 0; shift -= 8)
    term += static_cast<char>((rows >> shift) & 0xff);
  return term;
}

// What the grouping reads of a document, once.
struct Member {
  std::optional<MinHashSignature> signature;
  int day = INT_MIN;  // days since 1970, INT_MIN when undated
  std::string key;    // its group's, if any
};

class Grouping {
 public:
  explicit Grouping(const Xapian::Database& db) : db_(db) {}

  const Member& member(Xapian::docid did) {
    auto it = members_.find(did);
    if (it != members_.end()) return it->second;
    Xapian::Document doc = db_.get_document(did, Xapian::DOC_ASSUME_VALID);
    Member m;
    m.signature = MinHashSignature::parse(doc.get_value(s::kSignatureSlot));
    if (auto date = parse_compact_date(doc.get_value(s::kDateSlot)))
      m.day = static_cast<int>(date->unix_seconds() / 86400);
    m.key = doc.get_value(s::kVersionsSlot);
    return members_.emplace(did, std::move(m)).first->second;
  }

  // Joins a and b when they are versions of each other.
  void compare(Xapian::docid a, Xapian::docid b) {
    if (a == b) return;
    const Member& ma = member(a);
    const Member& mb = member(b);
    if (!ma.signature || !mb.signature) return;
    double similarity = ma.signature->similarity(*mb.signature);
    bool near_in_time = ma.day == INT_MIN || mb.day == INT_MIN || std::abs(ma.day - mb.day) <= kMaxDaysApart;
    if (similarity >= kCopySimilarity || (similarity >= kMinSimilarity && near_in_time)) join(a, b);
  }

  // Compares `did` with every document that shares a band with it.
  void compare_with_candidates(Xapian::docid did) {
    const Member& m = member(did);
    if (!m.signature) return;
    const auto bands = m.signature->band_keys();
    for (size_t band = 0; band < bands.size(); ++band) {
      const std::string term = band_term(band, bands[band]);
      size_t n = 0;
      for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term) && n < kMaxBandCompared; ++p, ++n)
        compare(did, *p);
    }
  }

  // Compares the documents of every band that two or more share.
  void compare_all() {
    for (auto t = db_.allterms_begin(s::kSignatureBand); t != db_.allterms_end(s::kSignatureBand); ++t) {
      if (t.get_termfreq() < 2) continue;
      std::vector<Xapian::docid> docs;
      for (auto p = db_.postlist_begin(*t); p != db_.postlist_end(*t) && docs.size() < kMaxBandCompared; ++p)
        docs.push_back(*p);
      for (size_t i = 0; i < docs.size(); ++i)
        for (size_t j = i + 1; j < docs.size(); ++j) compare(docs[i], docs[j]);
    }
  }

  std::vector<VersionKeyChange> changes() {
    // The groups already recorded join whole: a new member of a group of
    // three is a version of the three.
    std::vector<Xapian::docid> joined;
    for (const auto& [did, parent] : parent_) joined.push_back(did);
    for (Xapian::docid did : joined) {
      const std::string key = member(did).key;
      if (key.empty()) continue;
      for (Xapian::docid other : version_group(db_, did, key)) join(did, other);
    }
    std::map<Xapian::docid, std::vector<Xapian::docid>> groups;
    for (const auto& [did, parent] : parent_) groups[root(did)].push_back(did);
    std::vector<VersionKeyChange> out;
    for (auto& [root, docs] : groups) {
      // The smallest key already given keeps the group's name; a new group
      // is named after its smallest article id.
      std::string key;
      for (Xapian::docid did : docs)
        if (const std::string& k = member(did).key; !k.empty() && (key.empty() || k < key)) key = k;
      if (key.empty())
        for (Xapian::docid did : docs)
          if (std::string id = article_id(db_, did); key.empty() || id < key) key = std::move(id);
      for (Xapian::docid did : docs)
        if (member(did).key != key) out.push_back({did, key});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.doc < b.doc; });
    return out;
  }

 private:
  Xapian::docid root(Xapian::docid did) {
    auto it = parent_.find(did);
    if (it == parent_.end()) return did;
    while (it->second != it->first) {
      it->second = parent_.find(it->second)->second;  // path halving
      it = parent_.find(it->second);
    }
    return it->first;
  }

  void join(Xapian::docid a, Xapian::docid b) {
    parent_.try_emplace(a, a);
    parent_.try_emplace(b, b);
    Xapian::docid ra = root(a), rb = root(b);
    if (ra != rb) parent_[std::max(ra, rb)] = std::min(ra, rb);
  }

  const Xapian::Database& db_;
  std::unordered_map<Xapian::docid, Member> members_;
  std::unordered_map<Xapian::docid, Xapian::docid> parent_;
};

}  // namespace

void write_signature(Xapian::Document& doc, const MinHashSignature& signature) {
  doc.add_value(s::kSignatureSlot, signature.serialise());
  const auto bands = signature.band_keys();
  for (size_t band = 0; band < bands.size(); ++band) doc.add_boolean_term(band_term(band, bands[band]));
}

std::vector<VersionKeyChange> find_version_changes(const Xapian::Database& db,
                                                   const std::vector<Xapian::docid>& scope) {
  Grouping grouping(db);
  for (Xapian::docid did : scope) grouping.compare_with_candidates(did);
  return grouping.changes();
}

std::vector<VersionKeyChange> find_all_version_changes(const Xapian::Database& db) {
  Grouping grouping(db);
  grouping.compare_all();
  return grouping.changes();
}

void write_version_key(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& key) {
  Xapian::Document doc = db.get_document(did);
  const std::string old = doc.get_value(s::kVersionsSlot);
  if (old == key) return;
  doc.add_value(s::kVersionsSlot, key);
  db.replace_document(did, doc);
}

std::string version_key(const Xapian::Document& doc) { return doc.get_value(s::kVersionsSlot); }

std::vector<Xapian::docid> version_group(const Xapian::Database& db, Xapian::docid did, const std::string& key) {
  if (key.empty()) return {did};
  // Members were joined because they share a band, so the group is what
  // the bands of its members reach among the documents under its key.
  std::set<Xapian::docid> group{did}, seen{did};
  std::vector<Xapian::docid> reached{did};
  while (!reached.empty()) {
    std::set<std::string> bands;
    for (Xapian::docid d : reached) {
      auto signature = MinHashSignature::parse(db.get_document(d).get_value(s::kSignatureSlot));
      if (!signature) continue;
      const auto keys = signature->band_keys();
      for (size_t band = 0; band < keys.size(); ++band) bands.insert(band_term(band, keys[band]));
    }
    reached.clear();
    std::vector<Xapian::docid> candidates;
    for (const std::string& band : bands)
      for (auto p = db.postlist_begin(band); p != db.postlist_end(band); ++p)
        if (seen.insert(*p).second) candidates.push_back(*p);
    // Their keys, read in docid order from the value stream. Not a
    // VALUE_RANGE filter: Xapian drives the match from it when it estimates
    // it rarer than the bands, and then reads the whole slot (93 % of a
    // search's time at 1,000,000 articles).
    std::sort(candidates.begin(), candidates.end());
    Xapian::ValueIterator value = db.valuestream_begin(s::kVersionsSlot);
    const Xapian::ValueIterator end = db.valuestream_end(s::kVersionsSlot);
    for (Xapian::docid c : candidates) {
      if (value == end) break;
      value.skip_to(c);
      if (value != end && value.get_docid() == c && *value == key) {
        group.insert(c);
        reached.push_back(c);
      }
    }
  }
  return {group.begin(), group.end()};
}

size_t other_versions(const Xapian::Database& db, Xapian::docid did, const std::string& key) {
  return key.empty() ? 0 : version_group(db, did, key).size() - 1;
}

}  // namespace gazette
