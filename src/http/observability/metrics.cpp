#include "http/observability/metrics.hpp"

#include <fmt/format.h>

namespace hqms::http {

void Metrics::record(std::string_view method, std::string_view route, int status,
                     std::chrono::microseconds duration) {
  const double seconds = static_cast<double>(duration.count()) / 1e6;
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(method), std::string(route), status}];
  auto& s = latency_[{std::string(method), std::string(route)}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.buckets[i];
  ++s.count;
  s.sum_seconds += seconds;
}

std::string Metrics::prometheus_text() const {
  std::lock_guard lock(mutex_);
  std::string out = fmt::format(
      "# HELP hqms_http_requests_in_flight HTTP requests being handled now.\n"
      "# TYPE hqms_http_requests_in_flight gauge\n"
      "hqms_http_requests_in_flight {}\n",
      in_flight_.load());
  out +=
      "# HELP hqms_http_requests_total HTTP requests answered, by route and status.\n"
      "# TYPE hqms_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += fmt::format("hqms_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", method,
                       route, status, n);
  }
  out +=
      "# HELP hqms_http_request_duration_seconds Time to answer an HTTP request, by route.\n"
      "# TYPE hqms_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : latency_) {
    const auto& [method, route] = key;
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out += fmt::format(
          "hqms_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"{}\"}} {}\n", method,
          route, kBuckets[i], s.buckets[i]);
    out += fmt::format(
        "hqms_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"+Inf\"}} {}\n", method,
        route, s.count);
    out += fmt::format("hqms_http_request_duration_seconds_sum{{method=\"{}\",route=\"{}\"}} {:.6f}\n",
                       method, route, s.sum_seconds);
    out += fmt::format("hqms_http_request_duration_seconds_count{{method=\"{}\",route=\"{}\"}} {}\n", method,
                       route, s.count);
  }
  return out;
}

}  // namespace hqms::http
