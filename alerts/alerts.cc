#include "alerts/alerts.h"

#include <cstdio>

#include "cluster/index_layout.h"
#include "cluster/shard_set.h"
#include "common/stored_document.h"

namespace gazette {
namespace {

using Clock = std::chrono::steady_clock;

// Documents copied into one in-memory batch (percolator.h).
constexpr size_t kBatch = 1000;

struct Mark {
  std::string uuid;
  Xapian::docid last = 0;
};

Mark parse_mark(const std::string& text) {
  Mark m;
  size_t space = text.find(' ');
  if (space == std::string::npos) return m;
  m.uuid = text.substr(0, space);
  m.last = static_cast<Xapian::docid>(std::strtoul(text.c_str() + space + 1, nullptr, 10));
  return m;
}

std::string mark_text(const Mark& m) { return m.uuid + ' ' + std::to_string(m.last); }

}  // namespace

Alerts::Alerts(const ClusterConfig& cluster, AlertsOptions options)
    : cluster_(cluster),
      options_(std::move(options)),
      store_(options_.dir),
      sender_(options_.webhooks, [this](const std::string& id, WebhookSender::Outcome outcome,
                                        const std::string& error) { on_delivery(id, outcome, error); }) {
  // The index's term frequencies choose each query's rarest terms.
  ClusterHealth health(cluster_);
  ShardSet shards(cluster_, health);
  for (const Alert& a : store_.all()) (void)percolator_.add(a, &shards.database());
  // An index seen for the first time is marked now, before the service
  // answers: what is written from here on is checked. What was written
  // while the service was down is checked on the watching thread.
  try {
    check(/*mark_only=*/true);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gazette-serve: alerts: %s (the watching thread tries again)\n", e.what());
  }
  watcher_ = std::thread([this] { watch(); });
}

Alerts::~Alerts() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  watcher_.join();
}

Result<std::vector<Alert>> Alerts::create(std::vector<Alert> alerts, const Xapian::Database* frequencies) {
  if (percolator_.size() + alerts.size() > options_.max_alerts)
    return Problem{"too_many_alerts", "the service keeps at most " + std::to_string(options_.max_alerts) + " alerts",
                   ""};
  for (size_t i = 0; i < alerts.size(); ++i) {
    const Alert& a = alerts[i];
    Status e = a.webhook.empty() ? std::nullopt : check_webhook_url(a.webhook, options_.webhooks.allowed_hosts);
    if (!e) e = percolator_.check(a.query);
    if (e) {
      if (alerts.size() > 1) e->where = "alert " + std::to_string(i + 1);
      return *e;
    }
  }
  std::vector<Alert> saved = store_.create(std::move(alerts));
  for (const Alert& a : saved) (void)percolator_.add(a, frequencies);
  return saved;
}

bool Alerts::remove(const std::string& id) {
  if (!store_.remove(id)) return false;
  percolator_.remove(id);
  sender_.forget(id);
  return true;
}

void Alerts::written(size_t shard, std::vector<Xapian::docid> replaced) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& pending = replaced_[shard];
    pending.insert(pending.end(), replaced.begin(), replaced.end());
  }
  wake_.notify_all();
}

Alerts::CheckStats Alerts::last_check() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_check_;
}

void Alerts::watch() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, options_.poll);
    if (stopping_) break;
    lock.unlock();
    try {
      check(/*mark_only=*/false);
    } catch (const Xapian::Error& e) {
      // A full disk or an index being replaced: the next round goes on
      // from the marks recorded.
      std::fprintf(stderr, "gazette-serve: alerts: %s\n", e.get_description().c_str());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gazette-serve: alerts: %s\n", e.what());
    }
    lock.lock();
  }
}

void Alerts::check_now() { check(/*mark_only=*/false); }

void Alerts::check_documents(const Xapian::Database& db, const std::vector<Xapian::docid>& docs,
                             std::vector<AlertMatch>& found, CheckStats& stats) {
  stats.documents += docs.size();
  std::vector<Percolator::Match> matches = percolator_.match(db, docs);
  stats.candidates += percolator_.last_candidates();
  std::optional<Article> article;  // of the document last read: matches come by document
  Xapian::docid read = 0;
  for (const Percolator::Match& m : matches) {
    if (m.doc != read) {
      read = m.doc;
      Result<Article> a = read_article(db.get_document(m.doc));
      article = a ? std::optional<Article>(std::move(a).value()) : std::nullopt;
    }
    if (article) found.push_back(match_of(m.alert_id, *article));
  }
}

void Alerts::check_leaf(Leaf& leaf, bool mark_only, CheckStats& stats) {
  try {
    if (leaf.db)
      leaf.db->reopen();
    else
      leaf.db = open_reader(leaf.endpoint, cluster_);
  } catch (const Xapian::Error&) {
    leaf.db.reset();  // down, or being replaced: looked at again next round
    return;
  }
  Xapian::Database& db = *leaf.db;
  Mark mark = parse_mark(store_.mark(leaf.name));
  const Mark now{db.get_uuid(), db.get_lastdocid()};
  if (mark.uuid != now.uuid) {
    store_.record({}, {{leaf.name, mark_text(now)}});
    return;
  }
  if (mark_only) return;
  // Each batch is recorded with the mark it reaches: a round cut short (an
  // error, a busy index) keeps what it did.
  std::vector<Xapian::docid> docs;
  for (uint64_t first = mark.last + 1; first <= now.last; first += kBatch) {
    docs.clear();
    for (uint64_t d = first; d <= now.last && d < first + kBatch; ++d) docs.push_back(static_cast<Xapian::docid>(d));
    std::vector<AlertMatch> found;
    check_documents(db, docs, found, stats);
    mark.last = docs.back();
    record_and_deliver(std::move(found), {{leaf.name, mark_text(mark)}}, stats);
  }
}

void Alerts::record_and_deliver(std::vector<AlertMatch> found, const std::map<std::string, std::string>& marks,
                                CheckStats& stats) {
  std::vector<AlertMatch> recorded = store_.record(std::move(found), marks);
  stats.matches += recorded.size();
  deliver(recorded);
}

void Alerts::check(bool mark_only) {
  std::lock_guard<std::mutex> one_at_a_time(check_mutex_);
  auto start = Clock::now();
  std::map<size_t, std::vector<Xapian::docid>> replaced;
  if (!mark_only) {
    std::lock_guard<std::mutex> lock(mutex_);
    replaced.swap(replaced_);
  }
  // The indexes to watch, looked at again each round: a parallel import
  // turns a folder into kept shards and back.
  std::vector<Leaf> leaves;
  for (const ShardConfig& shard : cluster_.shards) {
    const Endpoint& master = shard.master;
    size_t kept = master.remote() ? 0 : layout::stub_shards(master.path);
    if (kept == 0) leaves.push_back({shard.name, master, std::nullopt});
    for (size_t k = 0; k < kept; ++k)
      leaves.push_back({shard.name + "/" + layout::shard_name(k), Endpoint{layout::shard_path(master.path, k), "", 0},
                        std::nullopt});
  }
  for (Leaf& leaf : leaves)
    for (Leaf& old : leaves_)
      if (old.name == leaf.name && old.endpoint.path == leaf.endpoint.path) leaf.db = std::move(old.db);
  leaves_ = std::move(leaves);

  CheckStats stats;
  // The documents the API replaced first: an error in a leaf below must not
  // lose them (they are put back on errors of their own).
  for (auto it = replaced.begin(); it != replaced.end(); it = replaced.erase(it)) {
    std::vector<AlertMatch> found;
    try {
      check_documents(open_reader(cluster_.shards[it->first].master, cluster_), it->second, found, stats);
    } catch (const Xapian::Error&) {
      // Tried again next round, with what is not checked yet.
      std::lock_guard<std::mutex> lock(mutex_);
      for (auto& [shard, docs] : replaced) replaced_[shard].insert(replaced_[shard].end(), docs.begin(), docs.end());
      throw;
    }
    record_and_deliver(std::move(found), {}, stats);
  }
  for (Leaf& leaf : leaves_) check_leaf(leaf, mark_only, stats);
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (stats.documents > 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    last_check_ = stats;
  }
}

void Alerts::deliver(const std::vector<AlertMatch>& recorded) {
  std::map<std::string, std::optional<Alert>> alerts;
  for (const AlertMatch& m : recorded) {
    auto it = alerts.find(m.alert_id);
    if (it == alerts.end()) it = alerts.emplace(m.alert_id, store_.get(m.alert_id)).first;
    const std::optional<Alert>& a = it->second;
    if (!a || a->webhook.empty() || a->webhook_status == WebhookStatus::kFailed) continue;
    // The allow list may have been narrowed since the alert was saved.
    if (Status e = check_webhook_url(a->webhook, options_.webhooks.allowed_hosts)) {
      on_delivery(a->id, WebhookSender::Outcome::kGivenUp, e->message);
      it->second.reset();
      continue;
    }
    nlohmann::json body = {{"alert", {{"id", a->id}, {"name", a->name}}}, {"match", alert_match_json(m)}};
    sender_.send(a->id, a->webhook, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}

void Alerts::on_delivery(const std::string& alert_id, WebhookSender::Outcome outcome, const std::string& error) {
  std::optional<Alert> a = store_.get(alert_id);
  if (!a) return;
  WebhookStatus status = outcome == WebhookSender::Outcome::kDelivered  ? WebhookStatus::kOk
                         : outcome == WebhookSender::Outcome::kRetrying ? WebhookStatus::kRetrying
                                                                        : WebhookStatus::kFailed;
  if (a->webhook_status == WebhookStatus::kFailed && status != WebhookStatus::kFailed) return;
  if (a->webhook_status == status && a->webhook_error == error) return;
  a->webhook_status = status;
  a->webhook_error = error;
  store_.update(*a);
}

}  // namespace gazette
