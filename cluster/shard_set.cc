#include "cluster/shard_set.h"

namespace gazette {
namespace {

using Clock = std::chrono::steady_clock;

// How long a failed endpoint is left alone before someone tries it again.
constexpr auto kRetryAfter = std::chrono::seconds(1);

const Endpoint& endpoint_of(const ShardConfig& shard, size_t i) {
  return i == 0 ? shard.master : shard.replicas[i - 1];
}

}  // namespace

ClusterHealth::ClusterHealth(const ClusterConfig& config) {
  for (const auto& s : config.shards) shards_.push_back({s.name, "", false, "not opened yet"});
}

bool ClusterHealth::may_try(const Endpoint& endpoint) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = failed_at_.find(endpoint.str());
  return it == failed_at_.end() || Clock::now() - it->second >= kRetryAfter;
}

void ClusterHealth::failed(const Endpoint& endpoint) {
  std::lock_guard<std::mutex> lock(mutex_);
  failed_at_[endpoint.str()] = Clock::now();
}

void ClusterHealth::report(size_t shard, ShardStatus status) {
  std::lock_guard<std::mutex> lock(mutex_);
  shards_[shard] = std::move(status);
}

std::vector<ShardStatus> ClusterHealth::shards() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return shards_;
}

ShardSet::ShardSet(const ClusterConfig& config, ClusterHealth& health)
    : config_(config), health_(health), open_(config.shards.size()) {
  refresh();
}

bool ShardSet::connect(size_t shard, size_t before) {
  const ShardConfig& s = config_.shards[shard];
  std::string error;
  for (size_t i = 0; i < before && i <= s.replicas.size(); ++i) {
    const Endpoint& e = endpoint_of(s, i);
    if (!health_.may_try(e)) {
      error = e.str() + " failed less than a second ago";
      continue;
    }
    try {
      Xapian::Database db = open_reader(e, config_);
      open_[shard] = {db, i, true};
      health_.report(shard, {s.name, e.str(), i > 0, error});
      return true;
    } catch (const Xapian::DatabaseModifiedError&) {
      throw;  // commits raced the opening: the caller retries, the endpoint is fine
    } catch (const Xapian::DatabaseCorruptError&) {
      throw;  // the same race, as glass may report it: the caller retries
    } catch (const Xapian::Error& x) {
      error = e.str() + ": " + x.get_description();
      health_.failed(e);
    }
  }
  if (!open_[shard].ok) health_.report(shard, {s.name, "", false, error});
  return false;
}

bool ShardSet::refresh() {
  bool changed = db_.size() == 0;
  for (size_t i = 0; i < open_.size(); ++i) {
    Open& o = open_[i];
    if (o.ok) {
      try {
        o.db.reopen();
      } catch (const Xapian::DatabaseModifiedError&) {
        throw;  // as in connect()
      } catch (const Xapian::DatabaseCorruptError&) {
        throw;  // as in connect()
      } catch (const Xapian::Error& x) {
        // A broken or hung server: Xapian::NetworkError, or a local folder
        // removed under us.
        const ShardConfig& s = config_.shards[i];
        health_.failed(endpoint_of(s, o.endpoint));
        health_.report(i, {s.name, "", false, x.get_description()});
        o = Open{};
        changed = true;
      }
    }
    // Down, or on a replica: try the endpoints it prefers.
    if (!o.ok || o.endpoint > 0) changed |= connect(i, o.ok ? o.endpoint : SIZE_MAX);
  }
  if (changed) {
    db_ = Xapian::Database();
    for (const Open& o : open_)
      if (o.ok) db_.add_database(o.db);
  }
  return changed;
}

std::optional<IndexRevision> ShardSet::local_revision() const {
  IndexRevision r;
  for (size_t i = 0; i < open_.size(); ++i) {
    const Open& o = open_[i];
    if (!o.ok) continue;
    if (endpoint_of(config_.shards[i], o.endpoint).remote()) return std::nullopt;
    try {
      r.revisions.push_back(o.db.get_revision());
      r.uuids.push_back(o.db.get_uuid());
    } catch (const Xapian::LogicError&) {
      return std::nullopt;  // a stub of several databases has no single revision
    }
  }
  if (r.uuids.empty()) return std::nullopt;  // nothing is read
  return r;
}

std::vector<std::pair<size_t, Xapian::Database>> ShardSet::local_shards() const {
  std::vector<std::pair<size_t, Xapian::Database>> out;
  for (size_t i = 0; i < open_.size(); ++i) {
    const Open& o = open_[i];
    if (!o.ok) continue;
    if (endpoint_of(config_.shards[i], o.endpoint).remote() || o.db.size() != 1) return {};
    out.emplace_back(i, o.db);
  }
  return out;
}

std::vector<std::string> ShardSet::down() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < open_.size(); ++i)
    if (!open_[i].ok) out.push_back(config_.shards[i].name);
  return out;
}

}  // namespace gazette
