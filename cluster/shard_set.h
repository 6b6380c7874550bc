// Reads a cluster's shards (cluster_config.h) as one Xapian::Database: Xapian
// merges the shards' statistics, so results are those of one index holding
// all their articles. A shard is read from its master, or from its first
// replica that answers while the master does not; a shard that nothing
// serves is left out (the caller answers partial results or 503, as the
// cluster file says).
//
// ClusterHealth is shared by all threads: an endpoint that failed (could not
// be opened, or a call broke or outlasted the timeout) is not tried again
// for a second, by any thread, so a dead server costs one timeout rather
// than one per request; it also holds each shard's state for /healthz.
// A ShardSet belongs to one thread (Xapian objects are not thread-safe).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "cluster/cluster_config.h"
#include "common/index_revision.h"

namespace gazette {

struct ShardStatus {
  std::string name;
  std::string serving;   // the endpoint read, empty when the shard is down
  bool replica = false;  // serving is a replica: the master failed
  std::string error;     // why the preferred endpoints failed
};

class ClusterHealth {
 public:
  explicit ClusterHealth(const ClusterConfig& config);

  // False when `endpoint` failed less than a second ago.
  bool may_try(const Endpoint& endpoint);
  void failed(const Endpoint& endpoint);
  void report(size_t shard, ShardStatus status);
  std::vector<ShardStatus> shards() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::chrono::steady_clock::time_point> failed_at_;
  std::vector<ShardStatus> shards_;
};

class ShardSet {
 public:
  ShardSet(const ClusterConfig& config, ClusterHealth& health);

  // Moves every shard to its latest revision, failing over to a replica (or
  // leaving the shard out) when its server fails, and back once the
  // preferred one answers again. True when database() is a new handle (the
  // set of shards read changed): rebuild whatever holds the old one.
  bool refresh();
  Xapian::Database& database() { return db_; }
  // Each shard read, by its place in the cluster file, when every shard read
  // is one local database (not a remote server, not a stub of several); else
  // none. Facet columns are kept per shard for such readers: over several
  // shards, Xapian 1.4 hands a MatchSpy each document with its shard's own
  // id, so each shard is counted on its own handle.
  std::vector<std::pair<size_t, Xapian::Database>> local_shards() const;
  // The revision of every shard read, when each is a local database, one or
  // several; else nullopt. What is built from the combined database without
  // a MatchSpy (suggest_index.h) is valid for readers at that revision.
  std::optional<IndexRevision> local_revision() const;
  // The shards that nothing serves, by name.
  std::vector<std::string> down() const;

 private:
  // Opens the first endpoint of `shard` before `before` that may be tried.
  bool connect(size_t shard, size_t before);

  const ClusterConfig& config_;
  ClusterHealth& health_;
  struct Open {
    Xapian::Database db;
    size_t endpoint = 0;  // 0: master, k: replica k - 1
    bool ok = false;
  };
  std::vector<Open> open_;
  Xapian::Database db_;
};

}  // namespace gazette
