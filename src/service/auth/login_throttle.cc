#include "service/auth/login_throttle.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/crypto.h"

namespace dandelion::service {

std::optional<LoginWait> LoginWaitFor(const LoginThrottleOptions& o, int64_t now_ms,
                                      const FailureCounts& account, const FailureCounts& address,
                                      const FailureCounts& server) {
  std::optional<LoginWait> wait;
  auto hold = [&](LoginWait::Reason reason, int64_t until_ms) {
    int64_t ms = until_ms - now_ms;
    if (ms > 0 && (!wait || ms > wait->wait_ms)) wait = LoginWait{reason, ms};
  };
  if (server.count >= o.max_global_failures && server.oldest_ms) {
    hold(LoginWait::Reason::kServer, *server.oldest_ms + o.global_window_ms);
  }
  if (address.count >= o.max_address_failures && address.oldest_ms) {
    hold(LoginWait::Reason::kAddress, *address.oldest_ms + o.window_ms);
  }
  if (account.count >= o.max_account_failures && account.newest_ms) {
    // Doubling per failure beyond the limit; the shift is capped so that it
    // cannot overflow before the maximum applies.
    int64_t extra = std::min<int64_t>(account.count - o.max_account_failures, 30);
    int64_t delay = std::min(o.first_account_delay_ms << extra, o.max_account_delay_ms);
    hold(LoginWait::Reason::kAccount, *account.newest_ms + delay);
  }
  return wait;
}

std::string AccountKey(const std::string& normalized_email) {
  return Sha256Hex("account:" + normalized_email);
}
std::string AddressKey(const std::string& client_address) {
  return Sha256Hex("address:" + client_address);
}
std::string ServerKey() { return "server"; }

std::string WaitText(int64_t wait_ms) {
  int64_t s = std::max<int64_t>(1, (wait_ms + 999) / 1000);
  if (s < 90) return fmt::format("in {} second{}", s, s == 1 ? "" : "s");
  int64_t m = (s + 59) / 60;
  return fmt::format("in {} minutes", m);
}

}  // namespace dandelion::service
