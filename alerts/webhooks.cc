#include "alerts/webhooks.h"

#include <algorithm>
#include <cstdio>
#include <regex>

#include <httplib.h>

namespace gazette {
namespace {

struct Url {
  std::string scheme, host, port, path;  // port: as written, may be empty
};

std::optional<Url> parse_url(const std::string& url) {
  // Hosts are names or IPv4 addresses: bracketed IPv6 and user info are refused.
  static const std::regex form(R"(^(https?)://([A-Za-z0-9.-]+)(?::([0-9]{1,5}))?(/[^\s#]*)?$)");
  std::smatch m;
  if (url.size() > 2000 || !std::regex_match(url, m, form)) return std::nullopt;
  Url u{m[1], m[2], m[3], m[4]};
  std::transform(u.host.begin(), u.host.end(), u.host.begin(), [](unsigned char c) { return std::tolower(c); });
  if (u.path.empty()) u.path = "/";
  return u;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

Status check_webhook_url(const std::string& url, const std::vector<std::string>& allowed_hosts) {
  auto u = parse_url(url);
  if (!u)
    return Problem{"bad_webhook", "webhook '" + url.substr(0, 80) + "' is not an http:// or https:// URL", "webhook"};
  std::string port = u->port.empty() ? (u->scheme == "https" ? "443" : "80") : u->port;
  for (const std::string& allowed : allowed_hosts) {
    std::string entry = lower(allowed);
    if (entry == u->host || entry == u->host + ":" + port) return std::nullopt;
  }
  return Problem{"bad_webhook",
                 "webhook host '" + u->host +
                     "' is not allowed (gazette-serve --webhook-allow names the hosts that may "
                     "receive webhooks)",
                 "webhook"};
}

WebhookSender::WebhookSender(WebhookOptions options, Report report)
    : options_(std::move(options)), report_(std::move(report)), thread_([this] { run(); }) {}

WebhookSender::~WebhookSender() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void WebhookSender::forget(const std::string& alert_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  forgotten_.insert(alert_id);
}

void WebhookSender::send(const std::string& alert_id, const std::string& url, std::string body) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    forgotten_.erase(alert_id);
    if (waiting_.size() < options_.max_waiting) {
      waiting_.push({std::chrono::steady_clock::now(), alert_id, url, std::move(body), 0});
      wake_.notify_one();
      return;
    }
  }
  // Dropped, but the webhook is not given up: its receiver is not at fault.
  report_(alert_id, Outcome::kRetrying,
          "a delivery was dropped: too many waiting (" + std::to_string(options_.max_waiting) + ")");
}

std::string WebhookSender::post(const Delivery& d) const {
  auto u = parse_url(d.url);
  if (!u) return "not a URL";
  httplib::Client client(u->scheme + "://" + u->host + (u->port.empty() ? "" : ":" + u->port));
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options_.timeout);
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(options_.timeout - seconds);
  client.set_connection_timeout(seconds.count(), micros.count());
  client.set_read_timeout(seconds.count(), micros.count());
  client.set_write_timeout(seconds.count(), micros.count());
  client.set_follow_location(false);
  httplib::Result res = client.Post(u->path, d.body, "application/json");
  if (!res) return "no answer: " + httplib::to_string(res.error());
  if (res->status < 200 || res->status > 299) return "answered HTTP " + std::to_string(res->status);
  return "";
}

void WebhookSender::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    if (waiting_.empty()) {
      wake_.wait(lock);
      continue;
    }
    // A copy: the queue may grow (and move its elements) during the wait.
    const auto due = waiting_.top().due;
    if (due > std::chrono::steady_clock::now()) {
      wake_.wait_until(lock, due);
      continue;
    }
    Delivery d = waiting_.top();
    waiting_.pop();
    if (forgotten_.count(d.alert_id)) continue;
    lock.unlock();
    std::string error;
    try {
      error = post(d);
    } catch (const std::exception& e) {
      error = e.what();
    }
    ++d.tries;
    Outcome outcome = error.empty()              ? Outcome::kDelivered
                      : d.tries < options_.tries ? Outcome::kRetrying
                                                 : Outcome::kGivenUp;
    try {
      report_(d.alert_id, outcome, error);
    } catch (const std::exception& e) {
      // The report could not be stored (a full disk): the delivery itself
      // is done; this thread goes on.
      std::fprintf(stderr, "gazette-serve: webhooks: %s\n", e.what());
    }
    lock.lock();
    if (outcome == Outcome::kGivenUp) forgotten_.insert(d.alert_id);
    if (outcome == Outcome::kRetrying) {
      d.due = std::chrono::steady_clock::now() + options_.first_pause * (1 << (d.tries - 1));
      waiting_.push(std::move(d));
    }
  }
}

}  // namespace gazette
