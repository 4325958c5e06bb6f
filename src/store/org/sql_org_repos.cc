// The organisation repositories over the SQL client interface (both backends).

#include <fmt/format.h>

#include "domain/roles.h"
#include "store/org/org_repos.h"
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

Unit UnitFrom(const Row& r) { return Unit{r.Int(0), r.Str(1), r.Str(2), OptInt(r, 3), r.Int(4)}; }
User UserFrom(const Row& r) { return User{r.Int(0), r.Str(1), r.Str(2), r.Int(3)}; }
Membership MembershipFrom(const Row& r) {
  std::string name = r.Str(3);
  auto role = domain::ParseRole(name);
  if (!role) r.Fail(3, "unknown role '" + name + "'");
  return Membership{r.Int(0), r.Int(1), r.Int(2), role.value_or(domain::Role::kAnalyst)};
}

constexpr const char* kUnitCols = "id, slug, name, parent_id, created_at";
constexpr const char* kUserCols = "id, email, name, created_at";
constexpr const char* kMemberCols = "id, user_id, unit_id, role";

class SqlUnitRepo : public UnitRepo {
 public:
  explicit SqlUnitRepo(Conn& c) : c_(c) {}
  Result<std::vector<Unit>> List() override {
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query(fmt::format("SELECT {} FROM units ORDER BY id", kUnitCols)));
    return MapRows(rows, UnitFrom);
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
    return Checked(rows->at(0), UnitFrom(rows->at(0)));
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
    return Checked(rows->at(0), UserFrom(rows->at(0)));
  }
  Result<User> Get(int64_t id) override {
    Value p[] = {id};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query(fmt::format("SELECT {} FROM users WHERE id = $1", kUserCols), p));
    if (rows.empty()) return NotFound(fmt::format("no user with id {}", id));
    return Checked(rows[0], UserFrom(rows[0]));
  }
  Result<std::pair<User, std::string>> GetByEmail(const std::string& email) override {
    Value p[] = {email};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {}, password_hash FROM users WHERE email = $1", kUserCols),
                 p));
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
    return sql::ScalarInt(rows);
  }

  Status SetPasswordHash(int64_t id, const std::string& password_hash) override {
    Value p[] = {password_hash, id};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query("UPDATE users SET password_hash = $1 WHERE id = $2 RETURNING id", p));
    if (rows.empty()) return NotFound(fmt::format("no user with id {}", id));
    return Status::Ok();
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
    return Checked(rows->at(0), MembershipFrom(rows->at(0)));
  }
  Result<Membership> Get(int64_t id) override {
    Value p[] = {id};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM memberships WHERE id = $1", kMemberCols), p));
    if (rows.empty()) return NotFound(fmt::format("no membership with id {}", id));
    return Checked(rows[0], MembershipFrom(rows[0]));
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

  Status LockHubAdmins() override { return c_.LockForTransaction(sql::kHubAdminsLockKey); }

 private:
  Result<std::vector<Membership>> Select(const char* where, int64_t v) {
    Value p[] = {v};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM memberships WHERE {} ORDER BY id", kMemberCols, where),
                 p));
    return MapRows(rows, MembershipFrom);
  }
  Conn& c_;
};

constexpr const char* kInvitationCols =
    "id, unit_id, email, role, token_hash, invited_by, created_at, expires_at";

Invitation InvitationFrom(const Row& r) {
  Invitation i;
  i.id = r.Int(0);
  i.unit_id = r.Int(1);
  i.email = r.Str(2);
  std::string role = r.Str(3);
  if (auto parsed = domain::ParseRole(role)) {
    i.role = *parsed;
  } else {
    r.Fail(3, "an unknown role '" + role + "'");
  }
  i.token_hash = r.Str(4);
  i.invited_by = r.Int(5);
  i.created_at_ms = r.Int(6);
  i.expires_at_ms = r.Int(7);
  return i;
}

class SqlInvitationRepo : public InvitationRepo {
 public:
  explicit SqlInvitationRepo(Conn& c) : c_(c) {}
  Result<Invitation> Put(const Invitation& inv) override {
    std::string role(domain::RoleName(inv.role));
    Value del[] = {inv.unit_id, inv.email, role};
    DND_RETURN_IF_ERROR(
        c_.Exec("DELETE FROM invitations WHERE unit_id = $1 AND email = $2 AND role = $3", del));
    Value p[] = {inv.unit_id,       inv.email,        role, inv.token_hash, inv.invited_by,
                 inv.created_at_ms, inv.expires_at_ms};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query(fmt::format("INSERT INTO invitations (unit_id, email, role, "
                                        "token_hash, invited_by, created_at, expires_at) VALUES "
                                        "($1, $2, $3, $4, $5, $6, $7) RETURNING {}",
                                        kInvitationCols),
                            p));
    return Checked(rows.at(0), InvitationFrom(rows.at(0)));
  }
  Result<Invitation> Get(int64_t id) override { return One("id = $1", id); }
  Result<Invitation> GetByTokenHash(const std::string& token_hash) override {
    return One("token_hash = $1", token_hash);
  }
  Result<std::vector<Invitation>> ForUnit(int64_t unit_id) override {
    Value p[] = {unit_id};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query(fmt::format("SELECT {} FROM invitations WHERE unit_id = $1 "
                                              "ORDER BY created_at DESC, id DESC",
                                              kInvitationCols),
                                  p));
    return MapRows(rows, InvitationFrom);
  }
  Status Delete(int64_t id) override {
    Value p[] = {id};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query("DELETE FROM invitations WHERE id = $1 RETURNING id", p));
    if (rows.empty()) return NotFound(fmt::format("no invitation with id {}", id));
    return Status::Ok();
  }
  Status DeleteExpired(int64_t now_ms) override {
    Value p[] = {now_ms};
    return c_.Exec("DELETE FROM invitations WHERE expires_at < $1", p);
  }

 private:
  template <typename V>
  Result<Invitation> One(const char* where, const V& v) {
    Value p[] = {v};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM invitations WHERE {}", kInvitationCols, where), p));
    if (rows.empty()) return NotFound("no such invitation");
    return Checked(rows[0], InvitationFrom(rows[0]));
  }
  Conn& c_;
};

class SqlOrgRepos : public OrgRepos {
 public:
  explicit SqlOrgRepos(Conn& c) : units_(c), users_(c), members_(c), invitations_(c) {}
  UnitRepo& units() override { return units_; }
  UserRepo& users() override { return users_; }
  MembershipRepo& memberships() override { return members_; }
  InvitationRepo& invitations() override { return invitations_; }

 private:
  SqlUnitRepo units_;
  SqlUserRepo users_;
  SqlMembershipRepo members_;
  SqlInvitationRepo invitations_;
};

}  // namespace

OrgRepos& Org(Tx& tx) { return tx.Get<SqlOrgRepos>(); }

}  // namespace dandelion::store
