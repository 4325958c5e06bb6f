// OrgService: the hub-and-spoke tree, the people in it and their roles.
// Every method takes the caller and goes through Access: it checks that
// they may act on the unit concerned; a refusal is written to the audit log
// and returned as PermissionDenied. Every change is audited in the same
// transaction as the change. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/crypto.h"
#include "domain/permissions.h"
#include "domain/unit_tree.h"
#include "service/common/access.h"
#include "store/store.h"

namespace dandelion::service {

//! A unit as shown to callers: with its parent's slug and its depth.
struct UnitView {
  domain::Unit unit;
  std::optional<std::string> parent_slug;
  int depth = 0;
};

struct MemberView {
  domain::Membership membership;
  std::string unit_slug;
  domain::User user;
};

struct UserView {
  domain::User user;
  std::vector<std::pair<std::string, domain::Role>> roles;  //!< (unit slug, role)
};

struct NewUser {
  std::string email, name, password, unit;
  std::string role;
};

class OrgService {
 public:
  OrgService(store::Store& store, const Clock& clock,
             PasswordCost cost = PasswordCost::kInteractive);

  //! Creates the hub (slug "hub") when the tree is empty; returns it.
  Result<domain::Unit> EnsureHub(const std::string& name);

  //! Units the caller sees: their subtrees and the ancestors of those,
  //! depth-first.
  Result<std::vector<UnitView>> ListUnits(const domain::Principal& who);
  //! NotFound (field "slug"), PermissionDenied.
  Result<UnitView> GetUnit(const domain::Principal& who, const std::string& slug);
  //! InvalidArgument naming the field, NotFound (field "parent"),
  //! AlreadyExists (field "slug"), PermissionDenied.
  Result<UnitView> CreateUnit(const domain::Principal& who, const std::string& slug,
                              const std::string& name, const std::string& parent);
  Result<UnitView> RenameUnit(const domain::Principal& who, const std::string& slug,
                              const std::string& name);

  //! Memberships held directly at the unit.
  Result<std::vector<MemberView>> ListMembers(const domain::Principal& who,
                                              const std::string& slug);
  //! InvalidArgument (field "role"), NotFound (field "user_id"),
  //! AlreadyExists (field "role"), PermissionDenied.
  Result<MemberView> AddMember(const domain::Principal& who, const std::string& slug,
                               int64_t user_id, const std::string& role);
  Status RemoveMember(const domain::Principal& who, int64_t membership_id);

  //! Users with a role in a unit the caller administers or manages; all for
  //! a hub admin. PermissionDenied when the caller manages nothing.
  Result<std::vector<UserView>> ListUsers(const domain::Principal& who, int64_t after, int limit);
  //! Creates the user with a first role at `unit`. Needs admin there and at
  //! the hub (PermissionDenied otherwise: spokes invite by e-mail, see
  //! InvitationService), because "taken" would tell which e-mails have
  //! accounts.
  Result<UserView> CreateUser(const domain::Principal& who, const NewUser& input);
  //! The same without a caller, for the command line and demo seeding
  //! (audited as "system").
  Result<UserView> CreateUserAsSystem(const NewUser& input);

 private:
  Result<UserView> CreateUserImpl(const domain::Principal* who, const NewUser& input);

  Access access_;
  PasswordCost cost_;
};

}  // namespace dandelion::service
