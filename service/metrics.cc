#include "service/metrics.h"

#include <sstream>

namespace gazette {

void Metrics::record(const std::string& route, int status, double ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, status}];
  Latency& l = latency_[route];
  for (size_t i = 0; i < kBucketsMs.size(); ++i)
    if (ms <= kBucketsMs[i]) {
      ++l.buckets[i];
      break;
    }
  ++l.count;
  l.sum_ms += ms;
}

std::string Metrics::prometheus_text() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::ostringstream out;
  out << "# HELP gazette_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE gazette_http_requests_total counter\n";
  for (const auto& [key, count] : requests_)
    out << "gazette_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << count
        << '\n';
  out << "# HELP gazette_http_request_duration_seconds Time to answer a request.\n"
      << "# TYPE gazette_http_request_duration_seconds histogram\n";
  for (const auto& [route, l] : latency_) {
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBucketsMs.size(); ++i) {
      cumulative += l.buckets[i];
      out << "gazette_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"" << kBucketsMs[i] / 1000
          << "\"} " << cumulative << '\n';
    }
    out << "gazette_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << l.count << '\n'
        << "gazette_http_request_duration_seconds_sum{route=\"" << route << "\"} " << l.sum_ms / 1000 << '\n'
        << "gazette_http_request_duration_seconds_count{route=\"" << route << "\"} " << l.count << '\n';
  }
  return out.str();
}

}  // namespace gazette
