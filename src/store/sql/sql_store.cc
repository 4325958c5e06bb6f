#include "store/sql/sql_store.h"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <limits>

#include "domain/audit.h"
#include "store/sql/sql_listening.h"

namespace dandelion::store::sql {
namespace {

// Lock keys for Conn::LockForTransaction.
constexpr int64_t kAuditLockKey = 0x64616e64'00000001;
constexpr int64_t kMigrateLockKey = 0x64616e64'00000002;


// Re-labels a unique violation with the caller's field and message.
Status Relabel(Status st, std::string message, std::string field) {
  if (st.code() == Code::kAlreadyExists) return AlreadyExists(std::move(message), std::move(field));
  return st;
}

Unit UnitFrom(const Row& r) {
  return Unit{r.Int(0), r.Str(1), r.Str(2), OptInt(r, 3), r.Int(4)};
}
User UserFrom(const Row& r) { return User{r.Int(0), r.Str(1), r.Str(2), r.Int(3)}; }
Membership MembershipFrom(const Row& r) {
  auto role = domain::ParseRole(r.Str(3));
  return Membership{r.Int(0), r.Int(1), r.Int(2), role.value_or(domain::Role::kAnalyst)};
}
ApiToken TokenFrom(const Row& r) {
  return ApiToken{r.Int(0), r.Int(1), r.Str(2), r.Str(3), r.Int(4), OptInt(r, 5)};
}
AuditEntry AuditFrom(const Row& r) {
  AuditEntry e;
  e.id = r.Int(0);
  e.at_ms = r.Int(1);
  e.actor_id = OptInt(r, 2);
  e.actor = r.Str(3);
  e.action = r.Str(4);
  e.target = r.Str(5);
  e.before = r.Str(6);
  e.after = r.Str(7);
  e.prev_hash = r.Str(8);
  e.hash = r.Str(9);
  return e;
}

constexpr const char* kUnitCols = "id, slug, name, parent_id, created_at";
constexpr const char* kUserCols = "id, email, name, created_at";
constexpr const char* kMemberCols = "id, user_id, unit_id, role";
constexpr const char* kTokenCols = "id, user_id, name, token_hash, created_at, last_used_at";
constexpr const char* kAuditCols =
    "id, at, actor_id, actor, action, target, before_json, after_json, prev_hash, hash";

class SqlUnitRepo : public UnitRepo {
 public:
  explicit SqlUnitRepo(Conn& c) : c_(c) {}
  Result<std::vector<Unit>> List() override {
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(fmt::format("SELECT {} FROM units ORDER BY id", kUnitCols)));
    std::vector<Unit> out;
    for (const Row& r : rows) out.push_back(UnitFrom(r));
    return out;
  }
  Result<Unit> Create(const Unit& u) override {
    Value p[] = {u.slug, u.name, OptValue(u.parent_id), u.created_at_ms};
    auto rows = c_.Query(fmt::format("INSERT INTO units (slug, name, parent_id, created_at) "
                                     "VALUES ($1, $2, $3, $4) RETURNING {}",
                                     kUnitCols),
                         p);
    if (!rows.ok()) {
      return Relabel(rows.status(), fmt::format("a unit with slug '{}' already exists", u.slug),
                     "slug");
    }
    return UnitFrom(rows->at(0));
  }
  Status Rename(int64_t id, const std::string& name) override {
    Value p[] = {name, id};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query("UPDATE units SET name = $1 WHERE id = $2 RETURNING id", p));
    if (rows.empty()) return NotFound("no such unit");
    return Status::Ok();
  }

 private:
  Conn& c_;
};

class SqlUserRepo : public UserRepo {
 public:
  explicit SqlUserRepo(Conn& c) : c_(c) {}
  Result<User> Create(const User& u, const std::string& password_hash) override {
    Value p[] = {u.email, u.name, password_hash, u.created_at_ms};
    auto rows = c_.Query(fmt::format("INSERT INTO users (email, name, password_hash, created_at) "
                                     "VALUES ($1, $2, $3, $4) RETURNING {}",
                                     kUserCols),
                         p);
    if (!rows.ok()) {
      return Relabel(rows.status(), fmt::format("a user with e-mail '{}' already exists", u.email),
                     "email");
    }
    return UserFrom(rows->at(0));
  }
  Result<User> Get(int64_t id) override {
    Value p[] = {id};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query(fmt::format("SELECT {} FROM users WHERE id = $1", kUserCols), p));
    if (rows.empty()) return NotFound(fmt::format("no user with id {}", id));
    return UserFrom(rows[0]);
  }
  Result<std::pair<User, std::string>> GetByEmail(const std::string& email) override {
    Value p[] = {email};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {}, password_hash FROM users WHERE email = $1", kUserCols), p));
    if (rows.empty()) return NotFound("no such user");
    return std::make_pair(UserFrom(rows[0]), rows[0].Str(4));
  }
  Result<std::vector<User>> List(int64_t after, int limit,
                                 const std::optional<std::vector<int64_t>>& ids) override {
    std::vector<User> out;
    if (ids && ids->empty()) return out;
    std::vector<Value> p = {after, static_cast<int64_t>(limit)};
    std::string filter;
    if (ids) {
      // Ids are integers we produced, but they are still bound, never spliced.
      filter = " AND id IN (";
      for (size_t i = 0; i < ids->size(); ++i) {
        filter += (i ? ", $" : "$") + std::to_string(i + 3);
        p.push_back((*ids)[i]);
      }
      filter += ")";
    }
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query(fmt::format("SELECT {} FROM users WHERE id > $1{} ORDER BY id LIMIT $2",
                                        kUserCols, filter),
                            p));
    for (const Row& r : rows) out.push_back(UserFrom(r));
    return out;
  }
  Result<int64_t> Count() override {
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT COUNT(*) FROM users"));
    return rows.at(0).Int(0);
  }

 private:
  Conn& c_;
};

class SqlMembershipRepo : public MembershipRepo {
 public:
  explicit SqlMembershipRepo(Conn& c) : c_(c) {}
  Result<Membership> Add(const Membership& m) override {
    Value p[] = {m.user_id, m.unit_id, std::string(domain::RoleName(m.role))};
    auto rows = c_.Query(fmt::format("INSERT INTO memberships (user_id, unit_id, role) "
                                     "VALUES ($1, $2, $3) RETURNING {}",
                                     kMemberCols),
                         p);
    if (!rows.ok()) {
      return Relabel(rows.status(), "the user already holds this role at this unit", "role");
    }
    return MembershipFrom(rows->at(0));
  }
  Result<Membership> Get(int64_t id) override {
    Value p[] = {id};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM memberships WHERE id = $1", kMemberCols), p));
    if (rows.empty()) return NotFound(fmt::format("no membership with id {}", id));
    return MembershipFrom(rows[0]);
  }
  Status Remove(int64_t id) override {
    Value p[] = {id};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query("DELETE FROM memberships WHERE id = $1 RETURNING id", p));
    if (rows.empty()) return NotFound(fmt::format("no membership with id {}", id));
    return Status::Ok();
  }
  Result<std::vector<Membership>> ForUser(int64_t user_id) override {
    return Select("user_id = $1", user_id);
  }
  Result<std::vector<Membership>> ForUnit(int64_t unit_id) override {
    return Select("unit_id = $1", unit_id);
  }
  Result<std::vector<Membership>> ForUnits(const std::vector<int64_t>& unit_ids) override {
    std::vector<Membership> out;
    for (int64_t id : unit_ids) {
      DND_ASSIGN_OR_RETURN(auto part, ForUnit(id));
      out.insert(out.end(), part.begin(), part.end());
    }
    return out;
  }

 private:
  Result<std::vector<Membership>> Select(const char* where, int64_t v) {
    Value p[] = {v};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query(fmt::format("SELECT {} FROM memberships WHERE {} ORDER BY id",
                                        kMemberCols, where),
                            p));
    std::vector<Membership> out;
    for (const Row& r : rows) out.push_back(MembershipFrom(r));
    return out;
  }
  Conn& c_;
};

class SqlSessionRepo : public SessionRepo {
 public:
  explicit SqlSessionRepo(Conn& c) : c_(c) {}
  Status Create(const Session& s) override {
    Value p[] = {s.token_hash, s.user_id, s.csrf_token, s.created_at_ms, s.expires_at_ms};
    return c_.Exec(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        p);
  }
  Result<Session> Get(const std::string& token_hash) override {
    Value p[] = {token_hash};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query("SELECT token_hash, user_id, csrf_token, created_at, expires_at "
                                  "FROM sessions WHERE token_hash = $1",
                                  p));
    if (rows.empty()) return NotFound("no such session");
    const Row& r = rows[0];
    return Session{r.Str(0), r.Int(1), r.Str(2), r.Int(3), r.Int(4)};
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

 private:
  Conn& c_;
};

class SqlApiTokenRepo : public ApiTokenRepo {
 public:
  explicit SqlApiTokenRepo(Conn& c) : c_(c) {}
  Result<ApiToken> Create(const ApiToken& t) override {
    Value p[] = {t.user_id, t.name, t.token_hash, t.created_at_ms};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("INSERT INTO api_tokens (user_id, name, token_hash, created_at) "
                             "VALUES ($1, $2, $3, $4) RETURNING {}",
                             kTokenCols),
                 p));
    return TokenFrom(rows.at(0));
  }
  Result<ApiToken> GetByHash(const std::string& token_hash) override {
    Value p[] = {token_hash};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM api_tokens WHERE token_hash = $1", kTokenCols), p));
    if (rows.empty()) return NotFound("no such token");
    return TokenFrom(rows[0]);
  }
  Result<std::vector<ApiToken>> ForUser(int64_t user_id) override {
    Value p[] = {user_id};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM api_tokens WHERE user_id = $1 ORDER BY id", kTokenCols),
                 p));
    std::vector<ApiToken> out;
    for (const Row& r : rows) out.push_back(TokenFrom(r));
    return out;
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
  Result<int64_t> CountFailuresSince(const std::string& key, int64_t since_ms) override {
    Value p[] = {key, since_ms};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2", p));
    return rows.at(0).Int(0);
  }
  Result<std::optional<int64_t>> OldestFailureSince(const std::string& key,
                                                    int64_t since_ms) override {
    Value p[] = {key, since_ms};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query("SELECT MIN(at) FROM login_failures WHERE key = $1 AND at >= $2", p));
    return OptInt(rows.at(0), 0);
  }
  Status Clear(const std::string& key) override {
    Value p[] = {key};
    return c_.Exec("DELETE FROM login_failures WHERE key = $1", p);
  }

 private:
  Conn& c_;
};

class SqlAuditRepo : public AuditRepo {
 public:
  explicit SqlAuditRepo(Conn& c) : c_(c) {}
  Result<AuditEntry> Append(AuditEntry e) override {
    DND_RETURN_IF_ERROR(c_.LockForTransaction(kAuditLockKey));
    DND_ASSIGN_OR_RETURN(auto last, c_.Query("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"));
    e.prev_hash = last.empty() ? std::string(domain::kAuditGenesis) : last[0].Str(0);
    e.hash = domain::AuditEntryHash(e);
    Value p[] = {e.at_ms, OptValue(e.actor_id), e.actor,     e.action, e.target,
                 e.before, e.after,             e.prev_hash, e.hash};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query("INSERT INTO audit_log (at, actor_id, actor, action, target, before_json, "
                 "after_json, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                 "RETURNING id",
                 p));
    e.id = rows.at(0).Int(0);
    return e;
  }
  Result<std::vector<AuditEntry>> List(int64_t before, int limit) override {
    Value p[] = {before > 0 ? before : std::numeric_limits<int64_t>::max(),
                 static_cast<int64_t>(limit)};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2",
                             kAuditCols),
                 p));
    std::vector<AuditEntry> out;
    for (const Row& r : rows) out.push_back(AuditFrom(r));
    return out;
  }
  Status Scan(const std::function<bool(const AuditEntry&)>& fn) override {
    // Pages of 1000 keep memory flat however long the log grows.
    int64_t after = 0;
    for (;;) {
      Value p[] = {after};
      DND_ASSIGN_OR_RETURN(
          auto rows,
          c_.Query(fmt::format("SELECT {} FROM audit_log WHERE id > $1 ORDER BY id LIMIT 1000",
                               kAuditCols),
                   p));
      if (rows.empty()) return Status::Ok();
      for (const Row& r : rows) {
        AuditEntry e = AuditFrom(r);
        after = e.id;
        if (!fn(e)) return Status::Ok();
      }
    }
  }

 private:
  Conn& c_;
};

class SqlRepos : public Repos {
 public:
  explicit SqlRepos(Conn& c)
      : units_(c),
        users_(c),
        members_(c),
        sessions_(c),
        tokens_(c),
        logins_(c),
        audit_(c),
        topics_(c),
        contacts_(c),
        mentions_(c),
        rollups_(c),
        alerts_(c) {}
  UnitRepo& units() override { return units_; }
  UserRepo& users() override { return users_; }
  MembershipRepo& memberships() override { return members_; }
  SessionRepo& sessions() override { return sessions_; }
  ApiTokenRepo& api_tokens() override { return tokens_; }
  LoginAttemptRepo& login_attempts() override { return logins_; }
  AuditRepo& audit() override { return audit_; }
  TopicRepo& topics() override { return topics_; }
  ContactRepo& contacts() override { return contacts_; }
  MentionRepo& mentions() override { return mentions_; }
  RollupRepo& rollups() override { return rollups_; }
  AlertRepo& alerts() override { return alerts_; }

 private:
  SqlUnitRepo units_;
  SqlUserRepo users_;
  SqlMembershipRepo members_;
  SqlSessionRepo sessions_;
  SqlApiTokenRepo tokens_;
  SqlLoginAttemptRepo logins_;
  SqlAuditRepo audit_;
  SqlTopicRepo topics_;
  SqlContactRepo contacts_;
  SqlMentionRepo mentions_;
  SqlRollupRepo rollups_;
  SqlAlertRepo alerts_;
};

}  // namespace

SqlStore::SqlStore(std::unique_ptr<Database> db, std::span<const EmbeddedFile> migrations)
    : db_(std::move(db)), migrations_(migrations) {}

Status SqlStore::Transact(const std::function<Status(Repos&)>& fn) {
  return db_->Transact([&](Conn& c) {
    SqlRepos repos(c);
    return fn(repos);
  });
}

Status SqlStore::Read(const std::function<Status(Repos&)>& fn) {
  return db_->TransactRead([&](Conn& c) {
    SqlRepos repos(c);
    return fn(repos);
  });
}

Status SqlStore::Ping() {
  return db_->TransactRead([](Conn& c) { return c.Query("SELECT 1").status(); });
}

std::string SqlStore::Backend() const {
  return db_->dialect() == Dialect::kSqlite ? "sqlite" : "postgresql";
}

Result<int> SqlStore::Migrate() {
  std::vector<EmbeddedFile> files(migrations_.begin(), migrations_.end());
  std::sort(files.begin(), files.end(),
            [](const EmbeddedFile& a, const EmbeddedFile& b) { return a.path < b.path; });
  int applied = 0;
  for (const EmbeddedFile& f : files) {
    if (f.path.empty()) continue;
    std::string name(f.path.substr(f.path.rfind('/') + 1));
    int64_t version = std::atoll(name.c_str());
    if (version <= 0) return Internal("migration file without a number: " + name);
    bool did = false;
    Status st = db_->Transact([&](Conn& c) -> Status {
      // The lock makes two nodes starting together apply each file once.
      DND_RETURN_IF_ERROR(c.LockForTransaction(kMigrateLockKey));
      DND_RETURN_IF_ERROR(
          c.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
                 "name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
      Value p[] = {version};
      DND_ASSIGN_OR_RETURN(auto rows,
                           c.Query("SELECT version FROM schema_migrations WHERE version = $1", p));
      if (!rows.empty()) return Status::Ok();
      Status s = c.ExecScript(f.data);
      if (!s.ok()) return Internal("migration " + name + " failed: " + s.message());
      Value q[] = {version, name};
      DND_RETURN_IF_ERROR(c.Exec(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, "
          "CAST(CURRENT_TIMESTAMP AS TEXT))",
          q));
      did = true;
      return Status::Ok();
    });
    DND_RETURN_IF_ERROR(st);
    if (did) ++applied;
  }
  return applied;
}

}  // namespace dandelion::store::sql
