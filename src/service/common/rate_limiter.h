// RateLimiter: a token bucket per key (a user, an address) on the injected
// clock: `burst` calls at once, then one per `every_ms`. In memory, per
// process, bounded in size (a forgotten key only means a fresh bucket).
// For work that is cheap to ask for and dear to do, such as a query
// preview that scans thousands of mentions. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace dandelion::service {

class RateLimiter {
 public:
  RateLimiter(const Clock& clock, int burst, int64_t every_ms)
      : clock_(clock), burst_(burst), every_ms_(every_ms) {}

  //! True (and a call counted) when `key` may go ahead now; else false with
  //! the milliseconds until it may, in `*retry_after_ms`.
  bool Allow(const std::string& key, int64_t* retry_after_ms = nullptr);

 private:
  struct Bucket {
    double tokens;
    int64_t at_ms;
  };
  const Clock& clock_;
  const int burst_;
  const int64_t every_ms_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace dandelion::service
