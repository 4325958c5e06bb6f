#include "service/common/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace dandelion::service {

bool RateLimiter::Allow(const std::string& key, int64_t* retry_after_ms) {
  constexpr size_t kMaxKeys = 100'000;
  const int64_t now = clock_.NowMs();
  std::lock_guard lock(mu_);
  if (buckets_.size() >= kMaxKeys && !buckets_.count(key)) buckets_.clear();
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{static_cast<double>(burst_), now});
  Bucket& b = it->second;
  if (!fresh) {
    b.tokens = std::min<double>(burst_, b.tokens + static_cast<double>(now - b.at_ms) / every_ms_);
    b.at_ms = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return true;
  }
  if (retry_after_ms) {
    *retry_after_ms = static_cast<int64_t>(std::ceil((1.0 - b.tokens) * every_ms_));
  }
  return false;
}

}  // namespace dandelion::service
