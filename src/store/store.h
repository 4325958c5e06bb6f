// Store: the persistence boundary. Services see only these interfaces; the
// SQLite and PostgreSQL backends implement them (see sql/, sqlite/,
// postgres/), and the app wiring picks one.
//
// Every read and write happens inside Store::Transact, so that a use case
// that writes several rows (a user, their first role and the audit entry)
// either writes all of them or none.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/model.h"

namespace dandelion::store {

using domain::ApiToken;
using domain::AuditEntry;
using domain::Membership;
using domain::Session;
using domain::Unit;
using domain::User;

//! Units of the tree. The tree is small (hundreds of units), so it is read
//! whole.
class UnitRepo {
 public:
  virtual ~UnitRepo() = default;
  //! Every unit. Internal/Unavailable on database failure.
  virtual Result<std::vector<Unit>> List() = 0;
  //! Inserts `unit` (id ignored) and returns it with its id.
  //! AlreadyExists (field "slug") when the slug is taken.
  virtual Result<Unit> Create(const Unit& unit) = 0;
  //! Renames. NotFound when there is no such id.
  virtual Status Rename(int64_t id, const std::string& name) = 0;
};

class UserRepo {
 public:
  virtual ~UserRepo() = default;
  //! Inserts and returns the user with its id. AlreadyExists (field
  //! "email") when the e-mail is taken.
  virtual Result<User> Create(const User& user, const std::string& password_hash) = 0;
  //! NotFound when absent.
  virtual Result<User> Get(int64_t id) = 0;
  //! The user and their password hash; NotFound when absent.
  virtual Result<std::pair<User, std::string>> GetByEmail(const std::string& email) = 0;
  //! Users with id > `after`, by id, at most `limit`; when `ids` is set,
  //! only those.
  virtual Result<std::vector<User>> List(int64_t after, int limit,
                                         const std::optional<std::vector<int64_t>>& ids) = 0;
  virtual Result<int64_t> Count() = 0;
};

class MembershipRepo {
 public:
  virtual ~MembershipRepo() = default;
  //! AlreadyExists (field "role") when the user already holds the role there.
  virtual Result<Membership> Add(const Membership& m) = 0;
  //! NotFound when absent.
  virtual Result<Membership> Get(int64_t id) = 0;
  virtual Status Remove(int64_t id) = 0;
  virtual Result<std::vector<Membership>> ForUser(int64_t user_id) = 0;
  virtual Result<std::vector<Membership>> ForUnit(int64_t unit_id) = 0;
  //! Memberships held at any of `unit_ids`.
  virtual Result<std::vector<Membership>> ForUnits(const std::vector<int64_t>& unit_ids) = 0;
};

class SessionRepo {
 public:
  virtual ~SessionRepo() = default;
  virtual Status Create(const Session& s) = 0;
  //! NotFound when absent (expiry is the caller's to check).
  virtual Result<Session> Get(const std::string& token_hash) = 0;
  virtual Status Delete(const std::string& token_hash) = 0;
  //! Removes sessions that expired before `now_ms`; returns how many.
  virtual Result<int64_t> DeleteExpired(int64_t now_ms) = 0;
};

class ApiTokenRepo {
 public:
  virtual ~ApiTokenRepo() = default;
  virtual Result<ApiToken> Create(const ApiToken& t) = 0;
  //! NotFound when absent.
  virtual Result<ApiToken> GetByHash(const std::string& token_hash) = 0;
  virtual Result<std::vector<ApiToken>> ForUser(int64_t user_id) = 0;
  //! NotFound unless a token `id` of `user_id` exists.
  virtual Status Delete(int64_t id, int64_t user_id) = 0;
  virtual Status Touch(int64_t id, int64_t now_ms) = 0;
};

//! Failed logins, counted per key (the normalised e-mail) for throttling.
class LoginAttemptRepo {
 public:
  virtual ~LoginAttemptRepo() = default;
  virtual Status RecordFailure(const std::string& key, int64_t at_ms) = 0;
  virtual Result<int64_t> CountFailuresSince(const std::string& key, int64_t since_ms) = 0;
  //! The oldest failure at or after `since_ms`, if any.
  virtual Result<std::optional<int64_t>> OldestFailureSince(const std::string& key,
                                                            int64_t since_ms) = 0;
  virtual Status Clear(const std::string& key) = 0;
};

//! The append-only audit log.
class AuditRepo {
 public:
  virtual ~AuditRepo() = default;
  //! Appends `entry` (id, prev_hash and hash are filled in here, under a
  //! lock that serialises appends across processes) and returns it.
  virtual Result<AuditEntry> Append(AuditEntry entry) = 0;
  //! Entries with id < `before` (0: from the newest), newest first.
  virtual Result<std::vector<AuditEntry>> List(int64_t before, int limit) = 0;
  //! Calls `fn` on every entry in id order until it returns false.
  virtual Status Scan(const std::function<bool(const AuditEntry&)>& fn) = 0;
};

//! The repositories of one transaction. Valid only inside Transact's callback.
class Repos {
 public:
  virtual ~Repos() = default;
  virtual UnitRepo& units() = 0;
  virtual UserRepo& users() = 0;
  virtual MembershipRepo& memberships() = 0;
  virtual SessionRepo& sessions() = 0;
  virtual ApiTokenRepo& api_tokens() = 0;
  virtual LoginAttemptRepo& login_attempts() = 0;
  virtual AuditRepo& audit() = 0;
};

//! Thread-safe: many threads may call Transact at once.
class Store {
 public:
  virtual ~Store() = default;
  //! Runs `fn` in one transaction: commits when it returns Ok, rolls back
  //! otherwise and returns its Status. Unavailable when the database is down.
  virtual Status Transact(const std::function<Status(Repos&)>& fn) = 0;
  //! Applies the migrations not yet applied, in order, each in its own
  //! transaction. Returns how many were applied.
  virtual Result<int> Migrate() = 0;
  //! Ok when the database answers a trivial query.
  virtual Status Ping() = 0;
  //! "sqlite" or "postgresql".
  virtual std::string Backend() const = 0;
};

}  // namespace dandelion::store
