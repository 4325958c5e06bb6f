// AuthService: logging in and out, browser sessions, API tokens, and login
// throttling. It turns a cookie or a bearer token into a Principal; what the
// Principal may do is decided by the other services (domain/permissions.h).
//
// Secrets (session cookies, API tokens) are random 32-byte values; only
// their SHA-256 is stored, so a copy of the database lets nobody log in.
// Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/permissions.h"
#include "store/store.h"

namespace dandelion::service {

struct AuthOptions {
  int64_t session_ttl_ms = 12LL * 3600 * 1000;
  //! Failed logins allowed per e-mail within the window before throttling.
  int max_failures = 5;
  int64_t failure_window_ms = 15LL * 60 * 1000;
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
};

struct NewApiToken {
  domain::ApiToken token;
  std::string secret;  //!< "dnd_" + 64 hex; shown once
};

class AuthService {
 public:
  AuthService(store::Store& store, const Clock& clock, AuthOptions options = {});

  //! Unauthenticated for a wrong e-mail or password (the same message for
  //! both); ResourceExhausted, with the minutes to wait, after too many
  //! failures; InvalidArgument when a field is empty.
  Result<LoginResult> Login(const std::string& email, const std::string& password);

  //! Ends the session with this cookie value. Ok even if it had ended.
  Status Logout(const std::string& session_token);

  //! The caller owning a session cookie. Unauthenticated when the session
  //! does not exist or has expired.
  Result<Caller> AuthenticateSession(const std::string& session_token);

  //! The caller owning an API token. Unauthenticated when unknown.
  Result<Caller> AuthenticateToken(const std::string& bearer);

  Result<NewApiToken> CreateApiToken(const domain::Principal& who, const std::string& name);
  Result<std::vector<domain::ApiToken>> ListApiTokens(const domain::Principal& who);
  //! NotFound unless the token is the caller's own.
  Status RevokeApiToken(const domain::Principal& who, int64_t id);

 private:
  Result<domain::Principal> LoadPrincipal(store::Tx& repos, int64_t user_id);

  store::Store& store_;
  const Clock& clock_;
  AuthOptions options_;
};

}  // namespace dandelion::service
