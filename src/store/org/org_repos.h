// The organisation's repositories: units, users and their memberships.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "domain/model.h"
#include "store/tx.h"

namespace dandelion::store {

using domain::Invitation;
using domain::Membership;
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
  //! Replaces the user's password hash. NotFound when absent.
  virtual Status SetPasswordHash(int64_t id, const std::string& password_hash) = 0;
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
  //! Serialises, until the transaction ends, the changes that could take
  //! away the hub's last admin: two removals at once must not each see the
  //! other admin still there.
  virtual Status LockHubAdmins() = 0;
};

//! Pending invitations; an accepted or withdrawn one is deleted.
class InvitationRepo {
 public:
  virtual ~InvitationRepo() = default;
  //! Stores `inv`, replacing a pending one for the same unit, e-mail and role.
  virtual Result<Invitation> Put(const Invitation& inv) = 0;
  //! NotFound when absent.
  virtual Result<Invitation> Get(int64_t id) = 0;
  virtual Result<Invitation> GetByTokenHash(const std::string& token_hash) = 0;
  //! Those of the unit, newest first.
  virtual Result<std::vector<Invitation>> ForUnit(int64_t unit_id) = 0;
  //! NotFound when absent.
  virtual Status Delete(int64_t id) = 0;
  //! Removes invitations that expired before `now_ms`.
  virtual Status DeleteExpired(int64_t now_ms) = 0;
};

//! The organisation part of one transaction.
class OrgRepos {
 public:
  virtual ~OrgRepos() = default;
  virtual UnitRepo& units() = 0;
  virtual UserRepo& users() = 0;
  virtual MembershipRepo& memberships() = 0;
  virtual InvitationRepo& invitations() = 0;
};
OrgRepos& Org(Tx& tx);

}  // namespace dandelion::store
