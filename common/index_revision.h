// Which revision of an index a reader sees: its uuid and revision
// (cluster/shard_set.h gives it; a list, so that it can name several shards). What is computed
// from one revision (facet columns) is valid for readers at that revision
// only. A value; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace gazette {

struct IndexRevision {
  std::vector<std::string> uuids;
  std::vector<Xapian::rev> revisions;

  // The revision `db` reads, one database (not several shards: Xapian
  // throws a LogicError for them).
  static IndexRevision of(const Xapian::Database& db) { return {{db.get_uuid()}, {db.get_revision()}}; }

  bool operator==(const IndexRevision& o) const { return uuids == o.uuids && revisions == o.revisions; }
  // The same databases, at any revisions: document ids then name the same
  // documents, but for those added or deleted in between.
  bool same_databases(const IndexRevision& o) const { return uuids == o.uuids; }
  // The same shards, none of them at a later revision than in `o`.
  bool not_after(const IndexRevision& o) const {
    if (uuids != o.uuids || revisions.size() != o.revisions.size()) return false;
    for (size_t i = 0; i < revisions.size(); ++i)
      if (revisions[i] > o.revisions[i]) return false;
    return true;
  }
};

}  // namespace gazette
