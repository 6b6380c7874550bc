// The alerts of a service: saved searches (alert.h) kept in an AlertStore,
// checked against every article written to the index (Percolator), their
// matches recorded and sent to their webhooks (WebhookSender).
//
// Articles are found as they are committed, whoever writes them: a thread
// watches each index that the cluster's shards are made of (each shard of a
// folder of kept shards, each remote master), and checks the documents
// added since its mark (the last document id checked, stored with the
// matches of each batch, so a restart goes on from there). An index seen
// for the first time, or rebuilt (a new uuid), is marked at its end: its
// archive is not news. A document that a write replaces keeps its id, so the service's own
// writes also name the documents they replaced (written()); those that
// gazette-index replaces in place are not checked again.
//
// Thread-safe. The destructor stops the watching thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "alerts/alert_store.h"
#include "alerts/percolator.h"
#include "alerts/webhooks.h"
#include "cluster/cluster_config.h"

namespace gazette {

struct AlertsOptions {
  std::string dir;  // the AlertStore's folder
  WebhookOptions webhooks;
  std::chrono::milliseconds poll{500};  // how often the indexes are looked at
  size_t max_alerts = 100000;
};

class Alerts {
 public:
  // Opens the store and starts watching. Throws what AlertStore throws.
  Alerts(const ClusterConfig& cluster, AlertsOptions options);
  ~Alerts();
  Alerts(const Alerts&) = delete;
  Alerts& operator=(const Alerts&) = delete;

  // Saves new alerts, all or none. Problems: a query that does not parse
  // ("bad_query"), a webhook that is not allowed ("bad_webhook"), too many
  // alerts; `where` names the alert at fault ("alert 3", from 1).
  // `frequencies`: the index, to choose each query's rarest terms.
  Result<std::vector<Alert>> create(std::vector<Alert> alerts, const Xapian::Database* frequencies);
  bool remove(const std::string& id);
  AlertStore& store() { return store_; }

  // Says that a write through the API was committed to shard `shard`
  // (cluster order), replacing `replaced` (documents it added are found by
  // their ids): they are checked at once, on the watching thread.
  void written(size_t shard, std::vector<Xapian::docid> replaced);
  // Checks everything committed so far, and returns once its matches are
  // recorded (they are delivered later).
  void check_now();

  // What the last check saw, for the benchmark.
  struct CheckStats {
    size_t documents = 0, candidates = 0, matches = 0;
    double seconds = 0;
  };
  CheckStats last_check() const;

 private:
  // One index to watch: a shard's folder, one shard of kept shards, or a
  // remote master.
  struct Leaf {
    std::string name;
    Endpoint endpoint;
    std::optional<Xapian::Database> db;
  };
  void watch();
  // One round: every leaf, then the documents the API replaced. With
  // `mark_only`, only marks the leaves seen for the first time.
  void check(bool mark_only);
  // Checks `docs` of `db`, adding what they match to `found`.
  void check_documents(const Xapian::Database& db, const std::vector<Xapian::docid>& docs,
                       std::vector<AlertMatch>& found, CheckStats& stats);
  // Checks the documents of `leaf` added since its mark, recording each
  // batch with its mark.
  void check_leaf(Leaf& leaf, bool mark_only, CheckStats& stats);
  void record_and_deliver(std::vector<AlertMatch> found, const std::map<std::string, std::string>& marks,
                          CheckStats& stats);
  void deliver(const std::vector<AlertMatch>& recorded);
  void on_delivery(const std::string& alert_id, WebhookSender::Outcome outcome, const std::string& error);

  const ClusterConfig& cluster_;
  AlertsOptions options_;
  AlertStore store_;
  Percolator percolator_;
  std::vector<Leaf> leaves_;  // used by the checking thread only, under check_mutex_

  mutable std::mutex mutex_;  // guards what follows
  std::map<size_t, std::vector<Xapian::docid>> replaced_;
  CheckStats last_check_;
  bool stopping_ = false;
  std::condition_variable wake_;

  std::mutex check_mutex_;  // one check at a time
  WebhookSender sender_;    // after the store: reports into it
  std::thread watcher_;
};

}  // namespace gazette
