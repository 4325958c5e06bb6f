// The sign-in repositories over the SQL client interface (both backends).

#include <fmt/format.h>

#include "domain/roles.h"
#include "store/auth/auth_repos.h"
#include "store/sql/sql_database.h"

// GCC 12 reports std::variant's string member as maybe-uninitialized when a
// std::vector<Value> is built from an initializer list (a known false
// positive, GCC bug 105562); the values here are always initialised.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace dandelion::store {
namespace {

using sql::Checked;
using sql::Conn;
using sql::MapRows;
using sql::OptInt;
using sql::OptValue;
using sql::Relabel;
using sql::Row;
using sql::Value;

ApiToken TokenFrom(const Row& r) {
  ApiToken t{r.Int(0), r.Int(1), r.Str(2), r.Str(3), r.Int(4), OptInt(r, 5)};
  std::string scope = r.Str(6);
  if (auto parsed = domain::ParseTokenScope(scope)) {
    t.scope = *parsed;
  } else {
    r.Fail(6, "an unknown token scope '" + scope + "'");
  }
  t.expires_at_ms = r.Int(7);
  return t;
}

constexpr const char* kTokenCols =
    "id, user_id, name, token_hash, created_at, last_used_at, scope, expires_at";

class SqlSessionRepo : public SessionRepo {
 public:
  explicit SqlSessionRepo(Conn& c) : c_(c) {}
  Status Create(const Session& s) override {
    Value p[] = {s.token_hash,    s.user_id,       s.csrf_token,
                 s.created_at_ms, s.expires_at_ms, s.last_seen_at_ms};
    return c_.Exec(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
        "last_seen_at) VALUES ($1, $2, $3, $4, $5, $6)",
        p);
  }
  Result<Session> Get(const std::string& token_hash) override {
    Value p[] = {token_hash};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query("SELECT token_hash, user_id, csrf_token, created_at, expires_at, "
                                  "last_seen_at FROM sessions WHERE token_hash = $1",
                                  p));
    if (rows.empty()) return NotFound("no such session");
    const Row& r = rows[0];
    return Checked(r, Session{r.Str(0), r.Int(1), r.Str(2), r.Int(3), r.Int(4), r.Int(5)});
  }
  Status Delete(const std::string& token_hash) override {
    Value p[] = {token_hash};
    return c_.Exec("DELETE FROM sessions WHERE token_hash = $1", p);
  }
  Result<int64_t> DeleteExpired(int64_t now_ms) override {
    Value p[] = {now_ms};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query("DELETE FROM sessions WHERE expires_at < $1 RETURNING user_id", p));
    return static_cast<int64_t>(rows.size());
  }
  Result<int64_t> DeleteForUser(int64_t user_id, const std::string& keep_hash) override {
    Value p[] = {user_id, keep_hash};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2 "
                                  "RETURNING user_id",
                                  p));
    return static_cast<int64_t>(rows.size());
  }
  Status Touch(const std::string& token_hash, int64_t now_ms) override {
    Value p[] = {now_ms, token_hash};
    return c_.Exec("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2", p);
  }

 private:
  Conn& c_;
};

class SqlApiTokenRepo : public ApiTokenRepo {
 public:
  explicit SqlApiTokenRepo(Conn& c) : c_(c) {}
  Result<ApiToken> Create(const ApiToken& t) override {
    Value p[] = {t.user_id,
                 t.name,
                 t.token_hash,
                 t.created_at_ms,
                 std::string(domain::TokenScopeName(t.scope)),
                 t.expires_at_ms};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query(fmt::format("INSERT INTO api_tokens (user_id, name, token_hash, "
                                        "created_at, scope, expires_at) VALUES ($1, $2, $3, $4, "
                                        "$5, $6) RETURNING {}",
                                        kTokenCols),
                            p));
    return Checked(rows.at(0), TokenFrom(rows.at(0)));
  }
  Result<ApiToken> GetByHash(const std::string& token_hash) override {
    Value p[] = {token_hash};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM api_tokens WHERE token_hash = $1", kTokenCols), p));
    if (rows.empty()) return NotFound("no such token");
    return Checked(rows[0], TokenFrom(rows[0]));
  }
  Result<std::vector<ApiToken>> ForUser(int64_t user_id) override {
    Value p[] = {user_id};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query(fmt::format("SELECT {} FROM api_tokens WHERE user_id = $1 ORDER BY id",
                                        kTokenCols),
                            p));
    return MapRows(rows, TokenFrom);
  }
  Status Delete(int64_t id, int64_t user_id) override {
    Value p[] = {id, user_id};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2 RETURNING id", p));
    if (rows.empty()) return NotFound(fmt::format("no token with id {}", id), "id");
    return Status::Ok();
  }
  Status Touch(int64_t id, int64_t now_ms) override {
    Value p[] = {now_ms, id};
    return c_.Exec("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", p);
  }

 private:
  Conn& c_;
};

class SqlLoginAttemptRepo : public LoginAttemptRepo {
 public:
  explicit SqlLoginAttemptRepo(Conn& c) : c_(c) {}
  Status RecordFailure(const std::string& key, int64_t at_ms) override {
    Value p[] = {key, at_ms};
    return c_.Exec("INSERT INTO login_failures (key, at) VALUES ($1, $2)", p);
  }
  Result<FailureCounts> CountSince(const std::string& key, int64_t since_ms) override {
    Value p[] = {key, since_ms};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query("SELECT COUNT(*), MIN(at), MAX(at) FROM login_failures "
                                  "WHERE key = $1 AND at >= $2",
                                  p));
    if (rows.empty()) return Internal("COUNT() returned no row");
    FailureCounts out;
    out.count = rows[0].Int(0);
    out.oldest_ms = OptInt(rows[0], 1);
    out.newest_ms = OptInt(rows[0], 2);
    return Checked(rows[0], out);
  }
  Status Clear(const std::string& key) override {
    Value p[] = {key};
    return c_.Exec("DELETE FROM login_failures WHERE key = $1", p);
  }
  Result<int64_t> PurgeBefore(int64_t before_ms) override {
    Value p[] = {before_ms};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query("DELETE FROM login_failures WHERE at < $1 RETURNING at", p));
    return static_cast<int64_t>(rows.size());
  }

 private:
  Conn& c_;
};

class SqlAuthRepos : public AuthRepos {
 public:
  explicit SqlAuthRepos(Conn& c) : sessions_(c), tokens_(c), logins_(c) {}
  SessionRepo& sessions() override { return sessions_; }
  ApiTokenRepo& api_tokens() override { return tokens_; }
  LoginAttemptRepo& login_attempts() override { return logins_; }

 private:
  SqlSessionRepo sessions_;
  SqlApiTokenRepo tokens_;
  SqlLoginAttemptRepo logins_;
};

}  // namespace

AuthRepos& Auth(Tx& tx) { return tx.Get<SqlAuthRepos>(); }

}  // namespace dandelion::store
