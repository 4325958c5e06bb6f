// Login throttling: how long a login attempt must wait, from the failed
// logins counted per account, per client address and over the whole server.
//
// - Per account: after `max_account_failures` failures in the window, each
//   next attempt waits for a delay that doubles with every further failure
//   (30 s, 1 min, 2 min... at most `max_account_delay_ms`). An attacker
//   gets few guesses, yet the account's owner, once the delay has passed,
//   logs in with the right password: delayed, never locked out for good.
// - Per client address: after `max_address_failures` failures in the window
//   the address waits until the oldest of them leaves it, whatever e-mails
//   it tries, so random e-mails are throttled too.
// - Over the server: at most `max_global_failures` per `global_window_ms`,
//   which bounds the work and the rows a flood from many addresses causes.
//
// Keys are SHA-256 digests, so the failure table holds neither e-mails nor
// addresses, and a long input cannot make a long row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/auth/auth_repos.h"

namespace dandelion::service {

struct LoginThrottleOptions {
  int64_t window_ms = 15LL * 60 * 1000;
  int max_account_failures = 5;
  int64_t first_account_delay_ms = 30 * 1000;
  int64_t max_account_delay_ms = 15LL * 60 * 1000;
  int max_address_failures = 20;
  int64_t global_window_ms = 60 * 1000;
  int max_global_failures = 120;
};

using store::FailureCounts;

//! Which limit holds an attempt back, and until when.
struct LoginWait {
  enum class Reason { kAccount, kAddress, kServer };
  Reason reason;
  int64_t wait_ms;  //!< > 0
};

//! The wait for an attempt at `now_ms`, or nullopt when it may go ahead.
std::optional<LoginWait> LoginWaitFor(const LoginThrottleOptions& o, int64_t now_ms,
                                      const FailureCounts& account, const FailureCounts& address,
                                      const FailureCounts& server);

//! The failure-table keys.
std::string AccountKey(const std::string& normalized_email);
std::string AddressKey(const std::string& client_address);
std::string ServerKey();

//! "in 40 seconds", "in 3 minutes": for the message of a refusal.
std::string WaitText(int64_t wait_ms);

}  // namespace dandelion::service
