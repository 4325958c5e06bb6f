#include "service/auth/auth_service.h"

#include <fmt/format.h>

#include "common/crypto.h"
#include "domain/roles.h"
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

AuthService::AuthService(store::Store& store, const Clock& clock, PasswordWorkers& passwords,
                         AuthOptions options)
    : store_(store), clock_(clock), passwords_(passwords), options_(options) {}

Result<domain::Principal> AuthService::LoadPrincipal(store::Tx& repos, int64_t user_id) {
  DND_ASSIGN_OR_RETURN(domain::User user, store::Org(repos).users().Get(user_id));
  DND_ASSIGN_OR_RETURN(auto memberships, store::Org(repos).memberships().ForUser(user_id));
  return domain::Principal{std::move(user), std::move(memberships)};
}

std::optional<LoginWait> AuthService::KnownWait(std::initializer_list<const std::string*> keys,
                                                int64_t now_ms) {
  std::lock_guard lock(held_mu_);
  std::optional<LoginWait> wait;
  for (const std::string* key : keys) {
    auto it = held_.find(*key);
    if (it == held_.end()) continue;
    int64_t ms = it->second.second - now_ms;
    if (ms <= 0) {
      held_.erase(it);
    } else if (!wait || ms > wait->wait_ms) {
      wait = LoginWait{it->second.first, ms};
    }
  }
  return wait;
}

void AuthService::RememberWait(const std::string& key, const LoginWait& wait, int64_t now_ms) {
  constexpr size_t kMaxHeld = 10'000;
  std::lock_guard lock(held_mu_);
  if (held_.size() >= kMaxHeld) {
    std::erase_if(held_, [&](const auto& e) { return e.second.second <= now_ms; });
    if (held_.size() >= kMaxHeld) held_.clear();
  }
  held_[key] = {wait.reason, now_ms + wait.wait_ms};
}

Result<LoginResult> AuthService::Login(const LoginAttempt& in, int64_t* retry_after_ms) {
  // Lengths first: an oversized field costs nothing and is stored nowhere.
  if (in.email.size() > kMaxEmailBytes) {
    return InvalidArgument(fmt::format("the e-mail is longer than {} bytes", kMaxEmailBytes),
                           "email");
  }
  if (in.password.size() > kMaxPasswordBytes) {
    return InvalidArgument(fmt::format("the password is longer than {} bytes", kMaxPasswordBytes),
                           "password");
  }
  if (domain::Trim(in.email).empty()) return InvalidArgument("e-mail is required", "email");
  if (in.password.empty()) return InvalidArgument("password is required", "password");
  const std::string email = domain::NormalizeEmail(in.email);
  const LoginThrottleOptions& t = options_.throttle;
  const int64_t now = clock_.NowMs();
  const std::string account_key = AccountKey(email), address_key = AddressKey(in.client_address);

  const std::string server_key = ServerKey();
  auto refuse = [&](const LoginWait& wait) {
    if (retry_after_ms) *retry_after_ms = wait.wait_ms;
    const char* where = wait.reason == LoginWait::Reason::kAccount   ? "for this account"
                        : wait.reason == LoginWait::Reason::kAddress ? "from this address"
                                                                     : "on this server right now";
    return Status(Code::kResourceExhausted, fmt::format("too many failed logins {}; try again {}",
                                                        where, WaitText(wait.wait_ms)));
  };
  if (auto wait = KnownWait({&account_key, &address_key, &server_key}, now)) return refuse(*wait);

  // The throttle is checked before any hashing, in a read that does not
  // queue behind writers.
  std::optional<std::pair<domain::User, std::string>> found;
  FailureCounts account, address, server;
  DND_RETURN_IF_ERROR(store_.Read([&](store::Tx& repos) -> Status {
    auto& logins = store::Auth(repos).login_attempts();
    DND_ASSIGN_OR_RETURN(account, logins.CountSince(account_key, now - t.window_ms));
    DND_ASSIGN_OR_RETURN(address, logins.CountSince(address_key, now - t.window_ms));
    DND_ASSIGN_OR_RETURN(server, logins.CountSince(server_key, now - t.global_window_ms));
    auto u = store::Org(repos).users().GetByEmail(email);
    if (u.ok())
      found = std::move(*u);
    else if (u.status().code() != Code::kNotFound)
      return u.status();
    return Status::Ok();
  }));
  if (auto wait = LoginWaitFor(t, now, account, address, server)) {
    const std::string& key = wait->reason == LoginWait::Reason::kAccount   ? account_key
                             : wait->reason == LoginWait::Reason::kAddress ? address_key
                                                                           : server_key;
    RememberWait(key, *wait, now);
    return refuse(*wait);
  }

  // An unknown e-mail is checked against a fixed hash, so that it takes as
  // long as a wrong password and reveals nothing.
  Result<bool> verified = passwords_.Verify(found ? found->second : DummyHash(), in.password);
  if (!verified.ok()) {
    if (retry_after_ms) *retry_after_ms = 2000;
    return verified.status();
  }
  if (!found || !*verified) {
    DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
      auto& logins = store::Auth(repos).login_attempts();
      for (const std::string* key : {&account_key, &address_key, &server_key}) {
        DND_RETURN_IF_ERROR(logins.RecordFailure(*key, now));
      }
      // Failures older than every window count for nothing: drop them here,
      // so that the table stays as small as the windows.
      DND_RETURN_IF_ERROR(
          logins.PurgeBefore(now - std::max(t.window_ms, t.global_window_ms)).status());
      // The e-mail typed is not kept: only a short digest of it, enough to
      // see repeated attempts on one account.
      std::string target =
          found ? "user:" + found->first.email : "login:" + account_key.substr(0, 16);
      return Record(repos, clock_, nullptr, "auth.login_failed", target, "null", "null");
    }));
    return Unauthenticated("wrong e-mail or password");
  }

  LoginResult out;
  out.session_token = RandomHex(32);
  out.session = domain::Session{Sha256Hex(out.session_token),
                                found->first.id,
                                RandomHex(32),
                                now,
                                now + options_.session_ttl_ms,
                                now};
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    DND_RETURN_IF_ERROR(store::Auth(repos).login_attempts().Clear(account_key));
    DND_RETURN_IF_ERROR(store::Auth(repos).sessions().DeleteExpired(now).status());
    DND_RETURN_IF_ERROR(store::Auth(repos).sessions().Create(out.session));
    DND_ASSIGN_OR_RETURN(out.principal, LoadPrincipal(repos, found->first.id));
    return Record(repos, clock_, &out.principal, "auth.login", "user:" + found->first.email, "null",
                  "null");
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
  const std::string hash = Sha256Hex(session_token);
  const int64_t now = clock_.NowMs();
  int64_t last_seen = now;
  // A read: checking a session must not queue behind a writer.
  Status st = store_.Read([&](store::Tx& repos) -> Status {
    auto s = store::Auth(repos).sessions().Get(hash);
    if (!s.ok()) {
      return s.status().code() == Code::kNotFound ? Unauthenticated("not logged in") : s.status();
    }
    if (s->expires_at_ms < now) {
      return Unauthenticated("the session has expired; log in again");
    }
    if (now - s->last_seen_at_ms > options_.session_idle_ms) {
      return Unauthenticated(
          fmt::format("the session has expired after {} minutes without use; log in again",
                      options_.session_idle_ms / 60'000));
    }
    last_seen = s->last_seen_at_ms;
    caller.via_session = true;
    caller.csrf_token = s->csrf_token;
    caller.session_hash = hash;
    DND_ASSIGN_OR_RETURN(caller.principal, LoadPrincipal(repos, s->user_id));
    return Status::Ok();
  });
  // An expired session is deleted here, outside the failed transaction.
  if (st.code() == Code::kUnauthenticated && st.message().find("expired") != std::string::npos) {
    // Best effort: a session left behind is expired anyway and swept later.
    store_.Write([&](store::Tx& repos) { return store::Auth(repos).sessions().Delete(hash); })
        .IgnoreError();
  }
  DND_RETURN_IF_ERROR(st);
  // The idle clock is kept to the minute: at most one write a minute per
  // session, not one per request.
  if (now - last_seen >= kTouchEveryMs) {
    store_.Write([&](store::Tx& repos) { return store::Auth(repos).sessions().Touch(hash, now); })
        .IgnoreError();
  }
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
    if (t->expires_at_ms < clock_.NowMs()) {
      return Unauthenticated("the API token has expired; create a new one");
    }
    token = *t;
    caller.token_scope = t->scope;
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

Result<NewApiToken> AuthService::CreateApiToken(const Caller& who, const NewTokenRequest& in) {
  // A leaked token must not be able to make itself a successor.
  if (!who.via_session) {
    return PermissionDenied("an API token cannot create tokens: create them while logged in");
  }
  DND_RETURN_IF_ERROR(domain::ValidateName(in.name, "name"));
  std::optional<domain::TokenScope> scope = domain::ParseTokenScope(in.scope);
  if (!scope) {
    return InvalidArgument(
        fmt::format("unknown scope '{}'; expected read, write or ingest", in.scope), "scope");
  }
  const int days = in.expires_in_days.value_or(options_.default_token_days);
  if (days < 1 || days > options_.max_token_days) {
    return InvalidArgument(fmt::format("a token lives 1 to {} days", options_.max_token_days),
                           "expires_in_days");
  }
  NewApiToken out;
  out.secret = std::string(kTokenPrefix) + RandomHex(32);
  const int64_t now = clock_.NowMs();
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    domain::ApiToken t{0,
                       who.principal.user.id,
                       domain::Trim(in.name),
                       Sha256Hex(out.secret),
                       now,
                       std::nullopt,
                       *scope,
                       now + days * 86'400'000LL};
    DND_ASSIGN_OR_RETURN(out.token, store::Auth(repos).api_tokens().Create(t));
    return Record(repos, clock_, &who.principal, "token.create",
                  fmt::format("token:{}", out.token.id), "null", Snapshot(out.token));
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

Status AuthService::ChangePassword(const Caller& who, const std::string& current,
                                   const std::string& next) {
  if (!who.via_session) {
    return PermissionDenied("change your password while logged in, not with an API token");
  }
  if (current.empty() || current.size() > kMaxPasswordBytes) {
    return InvalidArgument("the current password is not right", "current_password");
  }
  DND_RETURN_IF_ERROR(domain::ValidatePassword(next, "new_password"));
  const LoginThrottleOptions& t = options_.throttle;
  const int64_t now = clock_.NowMs();
  const std::string& email = who.principal.user.email;
  const std::string account_key = AccountKey(email);
  // Guessing the current password from a stolen session is throttled as
  // guessing it at the login is.
  std::string hash;
  FailureCounts account;
  DND_RETURN_IF_ERROR(store_.Read([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(
        account, store::Auth(repos).login_attempts().CountSince(account_key, now - t.window_ms));
    DND_ASSIGN_OR_RETURN(auto found, store::Org(repos).users().GetByEmail(email));
    hash = found.second;
    return Status::Ok();
  }));
  if (auto wait = LoginWaitFor(t, now, account, {}, {})) {
    return Status(Code::kResourceExhausted,
                  fmt::format("too many wrong passwords for this account; try again {}",
                              WaitText(wait->wait_ms)));
  }
  DND_ASSIGN_OR_RETURN(bool good, passwords_.Verify(hash, current));
  if (!good) {
    DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
      DND_RETURN_IF_ERROR(store::Auth(repos).login_attempts().RecordFailure(account_key, now));
      return Record(repos, clock_, &who.principal, "auth.password_change_failed", "user:" + email,
                    "null", "null");
    }));
    return InvalidArgument("the current password is not right", "current_password");
  }
  DND_ASSIGN_OR_RETURN(std::string fresh, passwords_.Hash(next, PasswordCost::kInteractive));
  return store_.Write([&](store::Tx& repos) -> Status {
    DND_RETURN_IF_ERROR(store::Org(repos).users().SetPasswordHash(who.principal.user.id, fresh));
    DND_RETURN_IF_ERROR(store::Auth(repos).login_attempts().Clear(account_key));
    // Whoever else held a session (a forgotten browser, a thief) is out.
    DND_ASSIGN_OR_RETURN(int64_t ended, store::Auth(repos).sessions().DeleteForUser(
                                            who.principal.user.id, who.session_hash));
    return Record(repos, clock_, &who.principal, "auth.password_change", "user:" + email, "null",
                  fmt::format("{{\"other_sessions_ended\":{}}}", ended));
  });
}

Result<int64_t> AuthService::LogOutEverywhere(const Caller& who) {
  int64_t ended = 0;
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(ended,
                         store::Auth(repos).sessions().DeleteForUser(who.principal.user.id, ""));
    return Record(repos, clock_, &who.principal, "auth.logout_everywhere",
                  "user:" + who.principal.user.email, "null",
                  fmt::format("{{\"sessions_ended\":{}}}", ended));
  }));
  return ended;
}

}  // namespace dandelion::service
