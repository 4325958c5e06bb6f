#include "service/auth/auth_service.h"

#include <fmt/format.h>

#include "common/crypto.h"
#include "domain/validation.h"
#include "service/common/audit_log.h"
#include "store/auth/auth_repos.h"
#include "store/org/org_repos.h"

namespace dandelion::service {
namespace {
constexpr std::string_view kTokenPrefix = "dnd_";
//! How often a token's last_used_at is written at most.
constexpr int64_t kTouchEveryMs = 60 * 1000;
// A fixed hash to verify against when the e-mail is unknown, so that a
// wrong e-mail takes as long as a wrong password and reveals nothing.
const std::string& DummyHash() {
  static const std::string h = HashPassword("not a password", PasswordCost::kInteractive).value();
  return h;
}
}  // namespace

AuthService::AuthService(store::Store& store, const Clock& clock, AuthOptions options)
    : store_(store), clock_(clock), options_(options) {}

Result<domain::Principal> AuthService::LoadPrincipal(store::Tx& repos, int64_t user_id) {
  DND_ASSIGN_OR_RETURN(domain::User user, store::Org(repos).users().Get(user_id));
  DND_ASSIGN_OR_RETURN(auto memberships, store::Org(repos).memberships().ForUser(user_id));
  return domain::Principal{std::move(user), std::move(memberships)};
}

Result<LoginResult> AuthService::Login(const std::string& email_in, const std::string& password) {
  if (domain::Trim(email_in).empty()) return InvalidArgument("e-mail is required", "email");
  if (password.empty()) return InvalidArgument("password is required", "password");
  const std::string email = domain::NormalizeEmail(email_in);
  const int64_t now = clock_.NowMs();
  const int64_t since = now - options_.failure_window_ms;

  // Throttle check first, so a locked account costs no password hashing.
  std::optional<std::pair<domain::User, std::string>> found;
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(int64_t failures,
                         store::Auth(repos).login_attempts().CountFailuresSince(email, since));
    if (failures >= options_.max_failures) {
      DND_ASSIGN_OR_RETURN(auto oldest,
                           store::Auth(repos).login_attempts().OldestFailureSince(email, since));
      int64_t wait_ms = (oldest.value_or(now) + options_.failure_window_ms) - now;
      int64_t minutes = std::max<int64_t>(1, (wait_ms + 59'999) / 60'000);
      return Status(Code::kResourceExhausted,
                    fmt::format("too many failed logins for this account; try again in {} minute{}",
                                minutes, minutes == 1 ? "" : "s"));
    }
    auto u = store::Org(repos).users().GetByEmail(email);
    if (u.ok())
      found = std::move(*u);
    else if (u.status().code() != Code::kNotFound)
      return u.status();
    return Status::Ok();
  });
  DND_RETURN_IF_ERROR(st);

  bool good = found ? VerifyPassword(found->second, password)
                    : (VerifyPassword(DummyHash(), password), false);
  if (!good) {
    DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
      DND_RETURN_IF_ERROR(store::Auth(repos).login_attempts().RecordFailure(email, now));
      return Record(repos, clock_, nullptr, "auth.login_failed", "user:" + email, "null", "null");
    }));
    return Unauthenticated("wrong e-mail or password");
  }

  LoginResult out;
  out.session_token = RandomHex(32);
  out.session = domain::Session{Sha256Hex(out.session_token), found->first.id, RandomHex(32), now,
                                now + options_.session_ttl_ms};
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    DND_RETURN_IF_ERROR(store::Auth(repos).login_attempts().Clear(email));
    DND_RETURN_IF_ERROR(store::Auth(repos).sessions().DeleteExpired(now).status());
    DND_RETURN_IF_ERROR(store::Auth(repos).sessions().Create(out.session));
    DND_ASSIGN_OR_RETURN(out.principal, LoadPrincipal(repos, found->first.id));
    return Record(repos, clock_, &out.principal, "auth.login", "user:" + email, "null", "null");
  }));
  return out;
}

Status AuthService::Logout(const std::string& session_token) {
  return store_.Write([&](store::Tx& repos) {
    return store::Auth(repos).sessions().Delete(Sha256Hex(session_token));
  });
}

Result<Caller> AuthService::AuthenticateSession(const std::string& session_token) {
  if (session_token.size() != 64) return Unauthenticated("not logged in");
  Caller caller;
  // A read: checking a session must not queue behind a writer.
  Status st = store_.Read([&](store::Tx& repos) -> Status {
    auto s = store::Auth(repos).sessions().Get(Sha256Hex(session_token));
    if (!s.ok()) {
      return s.status().code() == Code::kNotFound ? Unauthenticated("not logged in") : s.status();
    }
    if (s->expires_at_ms < clock_.NowMs()) {
      return Unauthenticated("the session has expired; log in again");
    }
    caller.via_session = true;
    caller.csrf_token = s->csrf_token;
    DND_ASSIGN_OR_RETURN(caller.principal, LoadPrincipal(repos, s->user_id));
    return Status::Ok();
  });
  // An expired session is deleted here, outside the failed transaction.
  if (st.code() == Code::kUnauthenticated && st.message().find("expired") != std::string::npos) {
    // Best effort: a session left behind is expired anyway and swept later.
    store_
        .Write([&](store::Tx& repos) {
          return store::Auth(repos).sessions().Delete(Sha256Hex(session_token));
        })
        .IgnoreError();
  }
  DND_RETURN_IF_ERROR(st);
  return caller;
}

Result<Caller> AuthService::AuthenticateToken(const std::string& bearer) {
  if (bearer.size() != kTokenPrefix.size() + 64 || !bearer.starts_with(kTokenPrefix)) {
    return Unauthenticated("the API token is not valid");
  }
  Caller caller;
  std::optional<domain::ApiToken> token;
  // A read: authenticating must not queue behind a writer (an ingest batch
  // holds the write lock for seconds).
  DND_RETURN_IF_ERROR(store_.Read([&](store::Tx& repos) -> Status {
    auto t = store::Auth(repos).api_tokens().GetByHash(Sha256Hex(bearer));
    if (!t.ok()) {
      return t.status().code() == Code::kNotFound ? Unauthenticated("the API token is not valid")
                                                  : t.status();
    }
    token = *t;
    DND_ASSIGN_OR_RETURN(caller.principal, LoadPrincipal(repos, t->user_id));
    return Status::Ok();
  }));
  // "Last used" is shown to the minute: write it at most once a minute per
  // token, so that a busy integration does not write on every request.
  const int64_t now = clock_.NowMs();
  if (!token->last_used_at_ms || now - *token->last_used_at_ms >= kTouchEveryMs) {
    DND_RETURN_IF_ERROR(store_.Write(
        [&](store::Tx& repos) { return store::Auth(repos).api_tokens().Touch(token->id, now); }));
  }
  return caller;
}

Result<NewApiToken> AuthService::CreateApiToken(const domain::Principal& who,
                                                const std::string& name) {
  DND_RETURN_IF_ERROR(domain::ValidateName(name, "name"));
  NewApiToken out;
  out.secret = std::string(kTokenPrefix) + RandomHex(32);
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    domain::ApiToken t{
        0, who.user.id, domain::Trim(name), Sha256Hex(out.secret), clock_.NowMs(), std::nullopt};
    DND_ASSIGN_OR_RETURN(out.token, store::Auth(repos).api_tokens().Create(t));
    return Record(repos, clock_, &who, "token.create", fmt::format("token:{}", out.token.id),
                  "null", Snapshot(out.token));
  }));
  return out;
}

Result<std::vector<domain::ApiToken>> AuthService::ListApiTokens(const domain::Principal& who) {
  std::vector<domain::ApiToken> out;
  DND_RETURN_IF_ERROR(store_.Read([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(out, store::Auth(repos).api_tokens().ForUser(who.user.id));
    return Status::Ok();
  }));
  return out;
}

Status AuthService::RevokeApiToken(const domain::Principal& who, int64_t id) {
  return store_.Write([&](store::Tx& repos) -> Status {
    DND_RETURN_IF_ERROR(store::Auth(repos).api_tokens().Delete(id, who.user.id));
    return Record(repos, clock_, &who, "token.revoke", fmt::format("token:{}", id), "null", "null");
  });
}

}  // namespace dandelion::service
