#include "service/org/org_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "domain/validation.h"
#include "service/common/audit_log.h"
#include "store/org/org_repos.h"

namespace dandelion::service {
namespace {

using domain::Action;
using domain::Principal;

UnitView View(const domain::UnitTree& tree, const domain::Unit& u) {
  UnitView v{u, std::nullopt, tree.Depth(u.id)};
  if (u.parent_id) {
    if (const domain::Unit* p = tree.Find(*u.parent_id)) v.parent_slug = p->slug;
  }
  return v;
}

}  // namespace

OrgService::OrgService(store::Store& store, const Clock& clock, PasswordCost cost)
    : access_(store, clock), cost_(cost) {}

Result<domain::Unit> OrgService::EnsureHub(const std::string& name) {
  domain::Unit hub;
  DND_RETURN_IF_ERROR(access_.Write(nullptr, "unit:hub", [&](Scope& s) -> Status {
    if (const domain::Unit* root = s.tree.Root()) {
      hub = *root;
      return Status::Ok();
    }
    domain::Unit u{0, "hub", name, std::nullopt, s.NowMs()};
    DND_ASSIGN_OR_RETURN(hub, store::Org(s.tx).units().Create(u));
    return s.Audit("unit.create", "unit:hub", "null", Snapshot(hub));
  }));
  return hub;
}

namespace {
// Whether the caller may see `user_id` among the users they list: a hub
// viewer sees everybody, anyone else the people of the units they manage.
Result<bool> SeesUser(const Scope& s, int64_t user_id) {
  if (s.who == nullptr) return true;
  const domain::Unit* root = s.tree.Root();
  if (root != nullptr && s.May(Action::kViewUsers, root->id)) return true;
  DND_ASSIGN_OR_RETURN(auto ms, store::Org(s.tx).memberships().ForUser(user_id));
  return std::any_of(ms.begin(), ms.end(), [&](const domain::Membership& m) {
    return s.May(Action::kViewUsers, m.unit_id);
  });
}
}  // namespace

Result<std::vector<UnitView>> OrgService::ListUnits(const Principal& who) {
  std::vector<UnitView> out;
  DND_RETURN_IF_ERROR(access_.Read(who, "units", [&](Scope& s) -> Status {
    const domain::UnitTree& tree = s.tree;
    std::set<int64_t> visible;
    for (const auto& m : who.memberships) {
      for (int64_t a : tree.PathToRoot(m.unit_id)) visible.insert(a);
    }
    for (const domain::Unit* u : tree.DepthFirst()) {
      bool in_subtree =
          std::any_of(who.memberships.begin(), who.memberships.end(),
                      [&](const auto& m) { return tree.IsInSubtree(u->id, m.unit_id); });
      if (in_subtree || visible.count(u->id)) out.push_back(View(tree, *u));
    }
    return Status::Ok();
  }));
  return out;
}

Result<UnitView> OrgService::GetUnit(const Principal& who, const std::string& slug) {
  UnitView out;
  DND_RETURN_IF_ERROR(access_.Read(who, "unit:" + slug, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(slug, Action::kViewUnit));
    out = View(s.tree, *u);
    return Status::Ok();
  }));
  return out;
}

Result<UnitView> OrgService::CreateUnit(const Principal& who, const std::string& slug,
                                        const std::string& name, const std::string& parent) {
  DND_RETURN_IF_ERROR(domain::ValidateSlug(slug));
  DND_RETURN_IF_ERROR(domain::ValidateName(name));
  if (parent.empty()) return InvalidArgument("parent is required", "parent");
  UnitView out;
  DND_RETURN_IF_ERROR(access_.Write(who, "unit:" + parent, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* p,
                         s.UnitFor(parent, Action::kCreateChildUnit, "parent"));
    domain::Unit u{0, slug, domain::Trim(name), p->id, s.NowMs()};
    DND_ASSIGN_OR_RETURN(domain::Unit created, store::Org(s.tx).units().Create(u));
    out = UnitView{created, p->slug, s.tree.Depth(p->id) + 1};
    return s.Audit("unit.create", "unit:" + slug, "null", Snapshot(created));
  }));
  return out;
}

Result<UnitView> OrgService::RenameUnit(const Principal& who, const std::string& slug,
                                        const std::string& name) {
  DND_RETURN_IF_ERROR(domain::ValidateName(name));
  UnitView out;
  DND_RETURN_IF_ERROR(access_.Write(who, "unit:" + slug, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(slug, Action::kEditUnit));
    domain::Unit after = *u;
    after.name = domain::Trim(name);
    DND_RETURN_IF_ERROR(store::Org(s.tx).units().Rename(u->id, after.name));
    out = View(s.tree, after);
    return s.Audit("unit.rename", "unit:" + slug, Snapshot(*u), Snapshot(after));
  }));
  return out;
}

Result<std::vector<MemberView>> OrgService::ListMembers(const Principal& who,
                                                        const std::string& slug) {
  std::vector<MemberView> out;
  DND_RETURN_IF_ERROR(access_.Read(who, "unit:" + slug, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(slug, Action::kViewUnit));
    auto& org = store::Org(s.tx);
    DND_ASSIGN_OR_RETURN(auto members, org.memberships().ForUnit(u->id));
    for (const auto& m : members) {
      DND_ASSIGN_OR_RETURN(domain::User user, org.users().Get(m.user_id));
      out.push_back(MemberView{m, u->slug, std::move(user)});
    }
    std::sort(out.begin(), out.end(), [](const MemberView& a, const MemberView& b) {
      return std::tie(a.user.name, a.membership.role) < std::tie(b.user.name, b.membership.role);
    });
    return Status::Ok();
  }));
  return out;
}

Result<MemberView> OrgService::AddMember(const Principal& who, const std::string& slug,
                                         int64_t user_id, const std::string& role_name) {
  auto role = domain::ParseRole(role_name);
  if (!role) {
    return InvalidArgument(fmt::format("unknown role '{}'; expected one of admin, manager, "
                                       "publisher, agent, reviewer, advocate, analyst",
                                       role_name),
                           "role");
  }
  MemberView out;
  DND_RETURN_IF_ERROR(access_.Write(who, "unit:" + slug, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(slug, Action::kManageMembers));
    auto& org = store::Org(s.tx);
    // Only someone the caller can already see may be picked by id; anyone
    // else answers as an id nobody has, so ids cannot be probed for people.
    const Status hidden = NotFound(fmt::format("no user with id {}", user_id), "user_id");
    auto user = org.users().Get(user_id);
    if (!user.ok()) return user.status().code() == Code::kNotFound ? hidden : user.status();
    DND_ASSIGN_OR_RETURN(bool visible, SeesUser(s, user_id));
    if (!visible) return hidden;
    DND_ASSIGN_OR_RETURN(domain::Membership m,
                         org.memberships().Add(domain::Membership{0, user_id, u->id, *role}));
    out = MemberView{m, u->slug, *user};
    return s.Audit("membership.add", "unit:" + slug, "null", Snapshot(m, u->slug));
  }));
  return out;
}

Status OrgService::RemoveMember(const Principal& who, int64_t membership_id) {
  std::string target = fmt::format("membership:{}", membership_id);
  return access_.Write(who, target, [&](Scope& s) -> Status {
    auto& org = store::Org(s.tx);
    const Status hidden = NotFound(fmt::format("no membership with id {}", membership_id), "id");
    auto m = org.memberships().Get(membership_id);
    if (!m.ok()) return m.status().code() == Code::kNotFound ? hidden : m.status();
    // A membership at a unit the caller cannot see answers as a missing one.
    DND_RETURN_IF_ERROR(
        s.AllowOrHide(Action::kManageMembers, Action::kViewUnit, m->unit_id, hidden));
    // Removing the last admin of the hub would lock everybody out.
    const domain::Unit* root = s.tree.Root();
    if (m->role == domain::Role::kAdmin && m->unit_id == root->id) {
      // Counted under a lock: two admins removing each other at once must
      // not both see the other one still there.
      DND_RETURN_IF_ERROR(org.memberships().LockHubAdmins());
      DND_ASSIGN_OR_RETURN(auto hub_members, org.memberships().ForUnit(root->id));
      int admins = 0;
      for (const auto& hm : hub_members) admins += hm.role == domain::Role::kAdmin;
      if (admins <= 1) return FailedPrecondition("the hub must keep at least one admin", "id");
    }
    DND_RETURN_IF_ERROR(org.memberships().Remove(membership_id));
    return s.Audit("membership.remove", target, Snapshot(*m, s.tree.Find(m->unit_id)->slug),
                   "null");
  });
}

Result<std::vector<UserView>> OrgService::ListUsers(const Principal& who, int64_t after,
                                                    int limit) {
  std::vector<UserView> out;
  DND_RETURN_IF_ERROR(access_.Read(who, "users", [&](Scope& s) -> Status {
    const domain::UnitTree& tree = s.tree;
    auto& org = store::Org(s.tx);
    const domain::Unit* root = tree.Root();
    std::optional<std::vector<int64_t>> ids;
    if (root == nullptr || s.Allow(Action::kViewUsers, root->id).ok()) {
      // A hub admin or manager sees everybody.
    } else {
      std::vector<int64_t> managed;
      for (const domain::Unit* u : tree.DepthFirst()) {
        if (domain::HoldsRoleAt(who, tree, domain::RolesAllowing(Action::kViewUsers), u->id)) {
          managed.push_back(u->id);
        }
      }
      if (managed.empty()) {
        return PermissionDenied("you may not see the people of any unit");
      }
      DND_ASSIGN_OR_RETURN(auto ms, org.memberships().ForUnits(managed));
      std::set<int64_t> uniq;
      for (const auto& m : ms) uniq.insert(m.user_id);
      ids = std::vector<int64_t>(uniq.begin(), uniq.end());
    }
    DND_ASSIGN_OR_RETURN(auto users, org.users().List(after, limit, ids));
    for (auto& u : users) {
      UserView v{std::move(u), {}};
      DND_ASSIGN_OR_RETURN(auto ms, org.memberships().ForUser(v.user.id));
      for (const auto& m : ms) {
        // Only roles at units whose members the caller may see.
        const domain::Unit* unit = tree.Find(m.unit_id);
        if (unit != nullptr && s.May(Action::kViewUnit, unit->id)) {
          v.roles.emplace_back(unit->slug, m.role);
        }
      }
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

Result<UserView> OrgService::CreateUser(const Principal& who, const NewUser& input) {
  return CreateUserImpl(&who, input);
}

Result<UserView> OrgService::CreateUserAsSystem(const NewUser& input) {
  return CreateUserImpl(nullptr, input);
}

Result<UserView> OrgService::CreateUserImpl(const Principal* who, const NewUser& in) {
  DND_RETURN_IF_ERROR(domain::ValidateEmail(in.email));
  DND_RETURN_IF_ERROR(domain::ValidateName(in.name));
  DND_RETURN_IF_ERROR(domain::ValidatePassword(in.password));
  if (in.unit.empty()) return InvalidArgument("unit is required", "unit");
  auto role = domain::ParseRole(in.role);
  if (!role) return InvalidArgument(fmt::format("unknown role '{}'", in.role), "role");

  // Check the unit and permission before paying for the password hash, and
  // again when writing: the tree may have changed meanwhile.
  const std::string target = "unit:" + in.unit;
  DND_RETURN_IF_ERROR(access_.Read(who, target, [&](Scope& s) -> Status {
    DND_RETURN_IF_ERROR(s.UnitFor(in.unit, Action::kManageMembers, "unit").status());
    // Creating an account answers "taken" for an e-mail that has one: only
    // the hub's admins, who see every account anyway, may ask that. Anyone
    // else invites by e-mail, which answers alike either way.
    if (s.who != nullptr && !s.May(Action::kManageMembers, s.tree.Root()->id)) {
      return PermissionDenied(fmt::format(
          "only the hub's admins create accounts; invite people to '{}' by e-mail instead",
          in.unit));
    }
    return Status::Ok();
  }));
  DND_ASSIGN_OR_RETURN(std::string hash, HashPassword(in.password, cost_));
  UserView out;
  DND_RETURN_IF_ERROR(access_.Write(who, target, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* unit,
                         s.UnitFor(in.unit, Action::kManageMembers, "unit"));
    auto& org = store::Org(s.tx);
    domain::User u{0, domain::NormalizeEmail(in.email), domain::Trim(in.name), s.NowMs()};
    DND_ASSIGN_OR_RETURN(out.user, org.users().Create(u, hash));
    DND_ASSIGN_OR_RETURN(domain::Membership m, org.memberships().Add(domain::Membership{
                                                   0, out.user.id, unit->id, *role}));
    out.roles.emplace_back(in.unit, *role);
    DND_RETURN_IF_ERROR(
        s.Audit("user.create", fmt::format("user:{}", out.user.email), "null", Snapshot(out.user)));
    return s.Audit("membership.add", target, "null", Snapshot(m, in.unit));
  }));
  return out;
}

}  // namespace dandelion::service
