// The cluster file: how a front end (gazette-serve, gazette-search) finds the
// shards of an index split across machines. Each shard is an ordinary Gazette
// index, opened as a local folder or through Xapian's own remote backend (a
// stock xapian-tcpsrv at host:port); all shards are searched as one database.
//
//   {
//     "shards": [
//       {"name": "s0", "master": "10.0.0.1:7000", "writer": "10.0.0.1:7001",
//        "replicas": ["10.0.0.2:7000"]},
//       {"name": "s1", "master": "/srv/gazette/shard-1"}
//     ],
//     "on_failure": "partial",      // or "unavailable": answer 503
//     "timeout_ms": 2000,           // each remote call
//     "connect_timeout_ms": 1000,
//     "global": "/srv/gazette/global"
//   }
//
// Reads go to a shard's master, or to its first replica that answers when
// the master does not. Writes go to the shard's "writer" (a
// `xapian-tcpsrv --writable`, which serves one writer at a time, next to
// the read-only server of the same folder) or, when the master is a local
// folder, to the master. The order of the shards is the routing order
// (shard_route.h): it must match the order the index was built in.
// "global" is the folder of the cluster's global database (spelling data
// for "did you mean"; see DESIGN.md); relative paths are relative to the
// cluster file's folder.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/problem.h"

namespace gazette {

// A local folder, or host:port of a xapian-tcpsrv.
struct Endpoint {
  std::string path;  // local folder (empty when remote)
  std::string host;
  unsigned port = 0;

  bool remote() const { return path.empty(); }
  std::string str() const;
};

struct ShardConfig {
  std::string name;
  Endpoint master;
  std::optional<Endpoint> writer;  // remote writable server
  std::vector<Endpoint> replicas;
};

enum class FailurePolicy { kPartial, kUnavailable };

struct ClusterConfig {
  std::vector<ShardConfig> shards;
  FailurePolicy on_failure = FailurePolicy::kPartial;
  unsigned timeout_ms = 2000;
  unsigned connect_timeout_ms = 1000;
  std::string global;  // folder of the global database; empty: none

  // One local index (`--db DIR`): one shard, no replica, no global database.
  static ClusterConfig single(const std::string& path);
  // Reads a cluster file; Problem "bad_cluster_file" names what is wrong,
  // with the file as its place.
  static Result<ClusterConfig> load(const std::string& file);

  bool has_remote() const;
};

// Opens an endpoint for reading; throws Xapian::Error when it cannot.
Xapian::Database open_reader(const Endpoint& endpoint, const ClusterConfig& config);
// Opens the shard's writer endpoint; throws Xapian::Error when it cannot.
Xapian::WritableDatabase open_writer(const ShardConfig& shard, const ClusterConfig& config);

}  // namespace gazette
