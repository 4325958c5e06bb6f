#include "domain/permissions.h"

#include <algorithm>

namespace dandelion::domain {
namespace {
constexpr Role kAny[] = {Role::kAdmin,    Role::kManager,  Role::kPublisher, Role::kAgent,
                         Role::kReviewer, Role::kAdvocate, Role::kAnalyst};
constexpr Role kAdminManager[] = {Role::kAdmin, Role::kManager};
constexpr Role kAdminOnly[] = {Role::kAdmin};
constexpr Role kTopicEditors[] = {Role::kAdmin, Role::kManager, Role::kAnalyst};
constexpr Role kCaseViewers[] = {Role::kAdmin, Role::kManager, Role::kAgent, Role::kReviewer,
                                 Role::kAnalyst};
constexpr Role kCaseWorkers[] = {Role::kAdmin, Role::kManager, Role::kAgent};
}  // namespace

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kViewUnit:
      return "view the unit";
    case Action::kCreateChildUnit:
      return "create a spoke under the unit";
    case Action::kEditUnit:
      return "edit the unit";
    case Action::kManageMembers:
      return "manage the unit's members";
    case Action::kViewUsers:
      return "see the unit's people";
    case Action::kViewAudit:
      return "read the audit log";
    case Action::kViewListening:
      return "see the listening of";
    case Action::kManageTopics:
      return "manage the topics of";
    case Action::kIngest:
      return "ingest posts into";
    case Action::kViewCases:
      return "see the inbox of";
    case Action::kWorkCases:
      return "work the cases of";
    case Action::kManageCare:
      return "manage the inbox of";
  }
  return "act";
}

std::span<const Role> RolesAllowing(Action action) {
  switch (action) {
    case Action::kViewUnit:
      return kAny;
    case Action::kCreateChildUnit:
      return kAdminManager;
    case Action::kEditUnit:
      return kAdminOnly;
    case Action::kManageMembers:
      return kAdminOnly;
    case Action::kViewUsers:
      return kAdminManager;
    case Action::kViewAudit:
      return kAdminOnly;
    case Action::kViewListening:
      return kAny;
    case Action::kManageTopics:
      return kTopicEditors;
    case Action::kIngest:
      return kAdminManager;
    case Action::kViewCases:
      return kCaseViewers;
    case Action::kWorkCases:
      return kCaseWorkers;
    case Action::kManageCare:
      return kAdminManager;
  }
  return {};
}

bool HoldsRoleAt(const Principal& who, const UnitTree& tree, std::span<const Role> roles,
                 int64_t unit_id) {
  std::vector<int64_t> path = tree.PathToRoot(unit_id);
  for (const Membership& m : who.memberships) {
    if (std::find(roles.begin(), roles.end(), m.role) == roles.end()) continue;
    if (std::find(path.begin(), path.end(), m.unit_id) != path.end()) return true;
  }
  return false;
}

bool CanSeeUnit(const Principal& who, const UnitTree& tree, int64_t unit_id) {
  if (tree.Find(unit_id) == nullptr) return false;
  for (const Membership& m : who.memberships) {
    if (tree.IsInSubtree(unit_id, m.unit_id) || tree.IsInSubtree(m.unit_id, unit_id)) return true;
  }
  return false;
}

Status Authorize(const Principal& who, const UnitTree& tree, Action action, int64_t unit_id) {
  const Unit* unit = tree.Find(unit_id);
  if (unit == nullptr) return NotFound("no such unit");
  if (action == Action::kViewAudit || action == Action::kIngest) {
    const Unit* root = tree.Root();
    unit_id = root->id;
    unit = root;
  }
  if (HoldsRoleAt(who, tree, RolesAllowing(action), unit_id)) return Status::Ok();
  return PermissionDenied("you may not " + std::string(ActionName(action)) + " '" + unit->slug +
                          "'");
}

}  // namespace dandelion::domain
