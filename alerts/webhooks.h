// Delivering alerts' matches to their webhooks: a JSON POST per match, from
// a thread of its own, so that a slow or dead receiver never holds up a
// write. A delivery that fails (no answer, or not 2xx) is tried again after
// a pause that doubles each time; after the last try it is given up, the
// alert's webhook is reported failed, and its other waiting deliveries are
// dropped.
//
// Only hosts on the allow list receive webhooks (`gazette-serve
// --webhook-allow HOST[:PORT]`): by default none, so that a saved alert can
// never make the service call into its own private network (SSRF).
// Redirects are not followed.
//
// Thread-safe. The destructor stops the thread; deliveries still waiting
// are dropped (their matches stay recorded).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/problem.h"

namespace gazette {

struct WebhookOptions {
  std::vector<std::string> allowed_hosts;  // "host" (any port) or "host:port"
  std::chrono::milliseconds first_pause{1000};
  int tries = 5;
  std::chrono::milliseconds timeout{5000};  // to connect, and to read the answer
  size_t max_waiting = 10000;               // beyond: dropped, and reported (not as given up)
};

// Whether `url` may receive webhooks: an http or https URL whose host is on
// `allowed_hosts`. The Problem ("bad_webhook") says why not.
Status check_webhook_url(const std::string& url, const std::vector<std::string>& allowed_hosts);

class WebhookSender {
 public:
  // How a delivery for an alert ended: delivered, to be tried again, or
  // given up; `error` says why it failed.
  enum class Outcome { kDelivered, kRetrying, kGivenUp };
  using Report = std::function<void(const std::string& alert_id, Outcome outcome, const std::string& error)>;

  // `report` is called on the sender's thread.
  WebhookSender(WebhookOptions options, Report report);
  ~WebhookSender();
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;

  // Queues a POST of `body` (JSON) to `url` for `alert_id`; returns at once.
  void send(const std::string& alert_id, const std::string& url, std::string body);
  // Drops the deliveries waiting for `alert_id` (the alert was deleted, or
  // its webhook changed).
  void forget(const std::string& alert_id);

 private:
  struct Delivery {
    std::chrono::steady_clock::time_point due;
    std::string alert_id, url, body;
    int tries = 0;
    bool operator>(const Delivery& o) const { return due > o.due; }
  };
  void run();
  // One POST; empty when the receiver answered 2xx, else why not.
  std::string post(const Delivery& d) const;

  WebhookOptions options_;
  Report report_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::priority_queue<Delivery, std::vector<Delivery>, std::greater<>> waiting_;
  std::set<std::string> forgotten_;  // their waiting deliveries are dropped
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gazette
