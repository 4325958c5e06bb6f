// Request metrics in the Prometheus text exposition format. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace dandelion::http {

class Metrics {
 public:
  Metrics();
  //! Counts one request to `route` (the pattern, not the raw path, so that
  //! label values stay few) answered with `status` after `seconds`.
  void Observe(const std::string& method, const std::string& route, int status, double seconds);
  //! The exposition text; `ready` is the store's state.
  std::string Render(bool ready) const;

 private:
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  static constexpr double kBuckets[] = {0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  uint64_t bucket_counts_[std::size(kBuckets)] = {};
  uint64_t duration_count_ = 0;
  double duration_sum_ = 0;
  double start_time_;
};

}  // namespace dandelion::http
