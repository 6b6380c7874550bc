// Where alerts and what they matched are kept: a Xapian database of its own
// (a folder beside the index, `gazette-serve --alerts DIR`), so that every
// change is one atomic, durable commit: an alert saved, a webhook's state,
// or a round of matches together with how far each index was checked (its
// marks). A restart, or a kill -9 after a 2xx, loses nothing acknowledged.
//
// The store holds the folder's write lock for its lifetime: a second service
// on the same folder fails to start (Xapian::DatabaseLockError).
// Thread-safe: calls are serialised by an internal mutex. Xapian's errors
// are thrown (a full disk, a corrupt folder).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "alerts/alert.h"

namespace gazette {

class AlertStore {
 public:
  // Opens the folder, creating it when it does not exist.
  explicit AlertStore(const std::string& dir);

  // Saves new alerts, each with a new random id, the creation time and a
  // feed key, in one commit; returns them.
  std::vector<Alert> create(std::vector<Alert> alerts);
  // Saves `alert` over the alert of the same id; false when there is none.
  bool update(const Alert& alert);
  // Deletes the alert and its matches; false when there is none.
  bool remove(const std::string& id);
  std::optional<Alert> get(const std::string& id);
  // Every alert, oldest first.
  std::vector<Alert> all();

  // Records each match whose alert still exists and has not recorded that
  // article before (an alert records an article once, even when it is
  // written again), and sets `marks` (leaf name -> mark), all in one commit.
  // Returns the matches recorded, numbered.
  std::vector<AlertMatch> record(std::vector<AlertMatch> matches, const std::map<std::string, std::string>& marks);
  // Alert `id`'s matches numbered after `after`, oldest first, at most `size`.
  std::vector<AlertMatch> matches_after(const std::string& id, uint64_t after, size_t size);
  // Alert `id`'s last `size` matches, newest first.
  std::vector<AlertMatch> latest_matches(const std::string& id, size_t size);
  // How many articles alert `id` recorded.
  size_t match_count(const std::string& id);
  // The mark recorded for `leaf`; empty when none.
  std::string mark(const std::string& leaf);

 private:
  std::vector<AlertMatch> read_matches(const Xapian::Query& query, size_t size, bool newest_first);
  void write_alert(const Alert& alert);

  std::mutex mutex_;
  Xapian::WritableDatabase db_;
};

}  // namespace gazette
