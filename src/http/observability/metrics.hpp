#pragma once
// Request counts and latency histograms per route, in the Prometheus text exposition format.
#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace hqms::http {

class Metrics {
 public:
  // `route` is the route pattern, never the raw path, so that ids do not multiply the series.
  void record(std::string_view method, std::string_view route, int status,
              std::chrono::microseconds duration);
  std::string prometheus_text() const;

  // Requests being handled now: the gauge an operator watches while a server drains at shutdown.
  class InFlight {
   public:
    explicit InFlight(Metrics& metrics) : metrics_(metrics) { ++metrics_.in_flight_; }
    ~InFlight() { --metrics_.in_flight_; }
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;

   private:
    Metrics& metrics_;
  };
  std::int64_t in_flight() const { return in_flight_; }

 private:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  struct Series {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum_seconds = 0;
  };
  std::atomic<std::int64_t> in_flight_{0};
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Series> latency_;
};

}  // namespace hqms::http
