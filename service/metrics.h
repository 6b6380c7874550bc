// Request metrics in the Prometheus text format: a counter of requests by
// route and status, and a latency histogram by route. Thread-safe.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace gazette {

class Metrics {
 public:
  void record(const std::string& route, int status, double milliseconds);
  std::string prometheus_text() const;

 private:
  static constexpr std::array<double, 10> kBucketsMs = {1, 2, 5, 10, 20, 50, 100, 250, 1000, 5000};
  struct Latency {
    std::array<uint64_t, kBucketsMs.size()> buckets{};  // cumulative at render time
    uint64_t count = 0;
    double sum_ms = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Latency> latency_;
};

}  // namespace gazette
