// AuthService: logging in and out, browser sessions, API tokens, and login
// throttling. It turns a cookie or a bearer token into a Principal; what the
// Principal may do is decided by the other services (domain/permissions.h).
//
// Secrets (session cookies, API tokens) are random 32-byte values; only
// their SHA-256 is stored, so a copy of the database lets nobody log in.
// Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.h"
#include "domain/permissions.h"
#include "service/auth/login_throttle.h"
#include "service/auth/password_workers.h"
#include "store/store.h"

namespace dandelion::service {

struct AuthOptions {
  int64_t session_ttl_ms = 12LL * 3600 * 1000;  //!< absolute, from login
  int64_t session_idle_ms = 2LL * 3600 * 1000;  //!< without a request, the session ends
  int default_token_days = 90;
  int max_token_days = 365;
  LoginThrottleOptions throttle;
};

//! Longest inputs a login looks at; anything longer is refused before any
//! work (normalising, hashing, storing).
inline constexpr size_t kMaxEmailBytes = 254;  // RFC 5321's path limit
inline constexpr size_t kMaxPasswordBytes = 200;

struct LoginAttempt {
  std::string email, password;
  std::string client_address;  //!< the peer's IP address, for throttling
};

struct LoginResult {
  std::string session_token;  //!< the cookie value; shown once, never stored
  domain::Session session;
  domain::Principal principal;
};

//! A caller as the HTTP layer knows it.
struct Caller {
  domain::Principal principal;
  bool via_session = false;  //!< true: cookie (CSRF applies); false: API token
  std::string csrf_token;    //!< the session's, when via_session
  std::string session_hash;  //!< the session's, when via_session
  domain::TokenScope token_scope = domain::TokenScope::kRead;  //!< when !via_session
};

struct NewTokenRequest {
  std::string name;
  std::string scope = "read";          //!< read, write or ingest
  std::optional<int> expires_in_days;  //!< default AuthOptions::default_token_days
};

struct NewApiToken {
  domain::ApiToken token;
  std::string secret;  //!< "dnd_" + 64 hex; shown once
};

class AuthService {
 public:
  AuthService(store::Store& store, const Clock& clock, PasswordWorkers& passwords,
              AuthOptions options = {});

  //! Unauthenticated for a wrong e-mail or password (the same message for
  //! both, and the same for an e-mail nobody has); ResourceExhausted, saying
  //! how long to wait (also in `*retry_after_ms` when given), when throttled
  //! (login_throttle.h) or when the password workers are all busy;
  //! InvalidArgument when a field is empty or too long.
  Result<LoginResult> Login(const LoginAttempt& attempt, int64_t* retry_after_ms = nullptr);

  //! Ends the session with this cookie value. Ok even if it had ended.
  Status Logout(const std::string& session_token);

  //! The caller owning a session cookie. Unauthenticated when the session
  //! does not exist or has expired.
  Result<Caller> AuthenticateSession(const std::string& session_token);

  //! The caller owning an API token. Unauthenticated when unknown.
  Result<Caller> AuthenticateToken(const std::string& bearer);

  //! A new token of `who`. PermissionDenied when `who` is itself an API
  //! token (tokens cannot mint tokens); InvalidArgument naming the field
  //! for a bad name, scope or expiry.
  Result<NewApiToken> CreateApiToken(const Caller& who, const NewTokenRequest& request);
  Result<std::vector<domain::ApiToken>> ListApiTokens(const domain::Principal& who);
  //! NotFound unless the token is the caller's own.
  Status RevokeApiToken(const domain::Principal& who, int64_t id);

  //! Changes the caller's password and ends their other sessions (this one
  //! stays). Only from a session (PermissionDenied for a token);
  //! InvalidArgument (field current_password) when the current password is
  //! wrong, (field new_password) when the new one is too short or long;
  //! ResourceExhausted when throttled, as a login is.
  Status ChangePassword(const Caller& who, const std::string& current, const std::string& next);
  //! Ends every session of the caller, this one included; how many ended.
  Result<int64_t> LogOutEverywhere(const Caller& who);

 private:
  Result<domain::Principal> LoadPrincipal(store::Tx& repos, int64_t user_id);
  //! A throttle already known to hold one of `keys` back at `now_ms`.
  std::optional<LoginWait> KnownWait(std::initializer_list<const std::string*> keys,
                                     int64_t now_ms);
  void RememberWait(const std::string& key, const LoginWait& wait, int64_t now_ms);

  store::Store& store_;
  const Clock& clock_;
  PasswordWorkers& passwords_;
  AuthOptions options_;
  // Keys held back by the throttle, and until when: while held, no failure
  // is recorded under them, so their counts cannot change and the wait is
  // known without asking the store. A flood of throttled attempts then costs
  // a map lookup each. Bounded; losing an entry only means one more read.
  std::mutex held_mu_;
  std::unordered_map<std::string, std::pair<LoginWait::Reason, int64_t>> held_;
};

}  // namespace dandelion::service
