#include "service/org_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "common/log.h"
#include "domain/validation.h"
#include "service/audit_log.h"
#include "store/org/org_repos.h"

namespace dandelion::service {

using domain::Action;
using domain::Authorize;
using domain::Principal;

OrgService::OrgService(store::Store& store, const Clock& clock, PasswordCost cost)
    : store_(store), clock_(clock), cost_(cost) {}

Result<domain::UnitTree> OrgService::LoadTree(store::Tx& repos) {
  DND_ASSIGN_OR_RETURN(auto units, store::Org(repos).units().List());
  return domain::UnitTree(std::move(units));
}

UnitView OrgService::View(const domain::UnitTree& tree, const domain::Unit& u) const {
  UnitView v{u, std::nullopt, tree.Depth(u.id)};
  if (u.parent_id) {
    if (const domain::Unit* p = tree.Find(*u.parent_id)) v.parent_slug = p->slug;
  }
  return v;
}

Status OrgService::Deny(const Principal& who, const Status& denial, const std::string& target) {
  if (denial.code() != Code::kPermissionDenied) return denial;
  Status st = store_.Write([&](store::Tx& repos) {
    return Record(repos, clock_, &who, "denied", target, "null",
                  nlohmann::json({{"reason", denial.message()}}).dump());
  });
  // The refusal stands either way; a refusal the log missed must still be seen.
  if (!st.ok()) LogError("audit: a refusal could not be recorded: " + st.message());
  return denial;
}

Result<domain::Unit> OrgService::EnsureHub(const std::string& name) {
  domain::Unit hub;
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    if (const domain::Unit* root = tree.Root()) {
      hub = *root;
      return Status::Ok();
    }
    domain::Unit u{0, "hub", name, std::nullopt, clock_.NowMs()};
    DND_ASSIGN_OR_RETURN(hub, store::Org(repos).units().Create(u));
    return Record(repos, clock_, nullptr, "unit.create", "unit:hub", "null", Snapshot(hub));
  }));
  return hub;
}

Result<std::vector<UnitView>> OrgService::ListUnits(const Principal& who) {
  std::vector<UnitView> out;
  DND_RETURN_IF_ERROR(store_.Read([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
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
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    const domain::Unit* u = tree.FindBySlug(slug);
    if (u == nullptr) return NotFound(fmt::format("no unit '{}'", slug), "slug");
    DND_RETURN_IF_ERROR(Authorize(who, tree, Action::kViewUnit, u->id));
    out = View(tree, *u);
    return Status::Ok();
  });
  if (!st.ok()) return Deny(who, st, "unit:" + slug);
  return out;
}

Result<UnitView> OrgService::CreateUnit(const Principal& who, const std::string& slug,
                                        const std::string& name, const std::string& parent) {
  DND_RETURN_IF_ERROR(domain::ValidateSlug(slug));
  DND_RETURN_IF_ERROR(domain::ValidateName(name));
  if (parent.empty()) return InvalidArgument("parent is required", "parent");
  UnitView out;
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    const domain::Unit* p = tree.FindBySlug(parent);
    if (p == nullptr) return NotFound(fmt::format("no unit '{}'", parent), "parent");
    DND_RETURN_IF_ERROR(Authorize(who, tree, Action::kCreateChildUnit, p->id));
    domain::Unit u{0, slug, domain::Trim(name), p->id, clock_.NowMs()};
    DND_ASSIGN_OR_RETURN(domain::Unit created, store::Org(repos).units().Create(u));
    out = UnitView{created, p->slug, tree.Depth(p->id) + 1};
    return Record(repos, clock_, &who, "unit.create", "unit:" + slug, "null", Snapshot(created));
  });
  if (!st.ok()) return Deny(who, st, "unit:" + parent);
  return out;
}

Result<UnitView> OrgService::RenameUnit(const Principal& who, const std::string& slug,
                                        const std::string& name) {
  DND_RETURN_IF_ERROR(domain::ValidateName(name));
  UnitView out;
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    const domain::Unit* u = tree.FindBySlug(slug);
    if (u == nullptr) return NotFound(fmt::format("no unit '{}'", slug), "slug");
    DND_RETURN_IF_ERROR(Authorize(who, tree, Action::kEditUnit, u->id));
    domain::Unit after = *u;
    after.name = domain::Trim(name);
    DND_RETURN_IF_ERROR(store::Org(repos).units().Rename(u->id, after.name));
    out = View(tree, after);
    return Record(repos, clock_, &who, "unit.rename", "unit:" + slug, Snapshot(*u),
                  Snapshot(after));
  });
  if (!st.ok()) return Deny(who, st, "unit:" + slug);
  return out;
}

Result<std::vector<MemberView>> OrgService::ListMembers(const Principal& who,
                                                        const std::string& slug) {
  std::vector<MemberView> out;
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    const domain::Unit* u = tree.FindBySlug(slug);
    if (u == nullptr) return NotFound(fmt::format("no unit '{}'", slug), "slug");
    DND_RETURN_IF_ERROR(Authorize(who, tree, Action::kViewUnit, u->id));
    DND_ASSIGN_OR_RETURN(auto members, store::Org(repos).memberships().ForUnit(u->id));
    for (const auto& m : members) {
      DND_ASSIGN_OR_RETURN(domain::User user, store::Org(repos).users().Get(m.user_id));
      out.push_back(MemberView{m, u->slug, std::move(user)});
    }
    std::sort(out.begin(), out.end(), [](const MemberView& a, const MemberView& b) {
      return std::tie(a.user.name, a.membership.role) < std::tie(b.user.name, b.membership.role);
    });
    return Status::Ok();
  });
  if (!st.ok()) return Deny(who, st, "unit:" + slug);
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
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    const domain::Unit* u = tree.FindBySlug(slug);
    if (u == nullptr) return NotFound(fmt::format("no unit '{}'", slug), "slug");
    DND_RETURN_IF_ERROR(Authorize(who, tree, Action::kManageMembers, u->id));
    auto user = store::Org(repos).users().Get(user_id);
    if (!user.ok()) {
      return user.status().code() == Code::kNotFound
                 ? NotFound(fmt::format("no user with id {}", user_id), "user_id")
                 : user.status();
    }
    DND_ASSIGN_OR_RETURN(domain::Membership m, store::Org(repos).memberships().Add(
                                                   domain::Membership{0, user_id, u->id, *role}));
    out = MemberView{m, u->slug, *user};
    return Record(repos, clock_, &who, "membership.add", "unit:" + slug, "null",
                  Snapshot(m, u->slug));
  });
  if (!st.ok()) return Deny(who, st, "unit:" + slug);
  return out;
}

Status OrgService::RemoveMember(const Principal& who, int64_t membership_id) {
  std::string target = fmt::format("membership:{}", membership_id);
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    auto m = store::Org(repos).memberships().Get(membership_id);
    if (!m.ok())
      return m.status().code() == Code::kNotFound ? NotFound(m.status().message(), "id")
                                                  : m.status();
    DND_RETURN_IF_ERROR(Authorize(who, tree, Action::kManageMembers, m->unit_id));
    // Removing the last admin of the hub would lock everybody out.
    const domain::Unit* root = tree.Root();
    if (m->role == domain::Role::kAdmin && m->unit_id == root->id) {
      DND_ASSIGN_OR_RETURN(auto hub_members, store::Org(repos).memberships().ForUnit(root->id));
      int admins = 0;
      for (const auto& hm : hub_members) admins += hm.role == domain::Role::kAdmin;
      if (admins <= 1) return FailedPrecondition("the hub must keep at least one admin", "id");
    }
    DND_RETURN_IF_ERROR(store::Org(repos).memberships().Remove(membership_id));
    return Record(repos, clock_, &who, "membership.remove", target,
                  Snapshot(*m, tree.Find(m->unit_id)->slug), "null");
  });
  if (!st.ok()) return Deny(who, st, target);
  return st;
}

Result<std::vector<UserView>> OrgService::ListUsers(const Principal& who, int64_t after,
                                                    int limit) {
  std::vector<UserView> out;
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    const domain::Unit* root = tree.Root();
    std::optional<std::vector<int64_t>> ids;
    if (root == nullptr || Authorize(who, tree, Action::kViewUsers, root->id).ok()) {
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
      DND_ASSIGN_OR_RETURN(auto ms, store::Org(repos).memberships().ForUnits(managed));
      std::set<int64_t> uniq;
      for (const auto& m : ms) uniq.insert(m.user_id);
      ids = std::vector<int64_t>(uniq.begin(), uniq.end());
    }
    DND_ASSIGN_OR_RETURN(auto users, store::Org(repos).users().List(after, limit, ids));
    for (auto& u : users) {
      UserView v{std::move(u), {}};
      DND_ASSIGN_OR_RETURN(auto ms, store::Org(repos).memberships().ForUser(v.user.id));
      for (const auto& m : ms) {
        if (const domain::Unit* unit = tree.Find(m.unit_id))
          v.roles.emplace_back(unit->slug, m.role);
      }
      out.push_back(std::move(v));
    }
    return Status::Ok();
  });
  if (!st.ok()) return Deny(who, st, "users");
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

  // Check the unit and permission before paying for the password hash.
  auto check = [&](store::Tx& repos, int64_t* unit_id) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    const domain::Unit* u = tree.FindBySlug(in.unit);
    if (u == nullptr) return NotFound(fmt::format("no unit '{}'", in.unit), "unit");
    if (who) DND_RETURN_IF_ERROR(Authorize(*who, tree, Action::kManageMembers, u->id));
    *unit_id = u->id;
    return Status::Ok();
  };
  int64_t unit_id = 0;
  Status st = store_.Write([&](store::Tx& repos) { return check(repos, &unit_id); });
  if (!st.ok()) return who ? Deny(*who, st, "unit:" + in.unit) : st;

  DND_ASSIGN_OR_RETURN(std::string hash, HashPassword(in.password, cost_));
  UserView out;
  st = store_.Write([&](store::Tx& repos) -> Status {
    DND_RETURN_IF_ERROR(check(repos, &unit_id));  // the tree may have changed meanwhile
    domain::User u{0, domain::NormalizeEmail(in.email), domain::Trim(in.name), clock_.NowMs()};
    DND_ASSIGN_OR_RETURN(out.user, store::Org(repos).users().Create(u, hash));
    DND_ASSIGN_OR_RETURN(
        domain::Membership m,
        store::Org(repos).memberships().Add(domain::Membership{0, out.user.id, unit_id, *role}));
    out.roles.emplace_back(in.unit, *role);
    DND_RETURN_IF_ERROR(Record(repos, clock_, who, "user.create",
                               fmt::format("user:{}", out.user.email), "null", Snapshot(out.user)));
    return Record(repos, clock_, who, "membership.add", "unit:" + in.unit, "null",
                  Snapshot(m, in.unit));
  });
  if (!st.ok()) return who ? Deny(*who, st, "unit:" + in.unit) : st;
  return out;
}

}  // namespace dandelion::service
