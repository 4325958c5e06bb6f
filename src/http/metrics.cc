#include "http/metrics.h"

#include <fmt/format.h>

#include "common/clock.h"

namespace dandelion::http {

Metrics::Metrics() : start_time_(SystemClock().NowMs() / 1000.0) {}

void Metrics::Observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{method, route, status}];
  ++duration_count_;
  duration_sum_ += seconds;
  for (size_t i = 0; i < std::size(kBuckets); ++i) {
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  }
}

std::string Metrics::Render(bool ready) const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP dandelion_up Whether the store answers (1) or not (0).\n";
  out += "# TYPE dandelion_up gauge\n";
  out += fmt::format("dandelion_up {}\n", ready ? 1 : 0);
  out += "# HELP dandelion_process_start_time_seconds Start time of the process since the epoch.\n";
  out += "# TYPE dandelion_process_start_time_seconds gauge\n";
  out += fmt::format("dandelion_process_start_time_seconds {:.3f}\n", start_time_);
  out += "# HELP dandelion_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE dandelion_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += fmt::format("dandelion_http_requests_total{{method=\"{}\",route=\"{}\",code=\"{}\"}} {}\n",
                       method, route, status, n);
  }
  out += "# HELP dandelion_http_request_duration_seconds Time to answer HTTP requests.\n";
  out += "# TYPE dandelion_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < std::size(kBuckets); ++i) {
    out += fmt::format("dandelion_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                       kBuckets[i], bucket_counts_[i]);
  }
  out += fmt::format("dandelion_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n",
                     duration_count_);
  out += fmt::format("dandelion_http_request_duration_seconds_sum {:.6f}\n", duration_sum_);
  out += fmt::format("dandelion_http_request_duration_seconds_count {}\n", duration_count_);
  return out;
}

}  // namespace dandelion::http
