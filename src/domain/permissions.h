// Who may do what where. A role held at a unit applies to that unit's whole
// subtree; a hub admin may do everything. Every API endpoint states one
// Action and the unit it acts on, and asks Authorize.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/model.h"
#include "domain/unit_tree.h"

namespace dandelion::domain {

enum class Action {
  kViewUnit,         //!< see a unit and its members
  kCreateChildUnit,  //!< create a spoke below the unit
  kEditUnit,         //!< rename the unit
  kManageMembers,    //!< give and take roles at the unit, create users into it
  kViewUsers,        //!< list the people of the unit's subtree
  kViewAudit,        //!< read and verify the audit log (hub only)
  kViewListening,    //!< see the unit's topics, mentions, charts and alerts
  kManageTopics,     //!< create, change and delete the unit's topics; acknowledge alerts
  kIngest,           //!< feed posts into the engine (hub only: the stream is shared)
  kViewCases,        //!< see the unit's inbox: its cases, their history, its agents
  kWorkCases,        //!< take, answer, annotate and resolve the unit's cases
  kManageCare,       //!< the unit's routing rules, SLA policies, channels, queue and agents
};

std::string_view ActionName(Action action);

//! The roles that allow `action` (at the unit or above it).
std::span<const Role> RolesAllowing(Action action);

//! A caller: the user and every membership they hold.
struct Principal {
  User user;
  std::vector<Membership> memberships;
};

//! Ok when `who` holds, at `unit_id` or one of its ancestors, a role that
//! allows `action`; PermissionDenied naming the action and unit otherwise.
//! kViewAudit and kIngest are only ever granted at the root.
Status Authorize(const Principal& who, const UnitTree& tree, Action action, int64_t unit_id);

//! True when `who` may know that the unit exists: it is in the subtree of a
//! unit where they hold a role, or on the path from such a unit to the root
//! (the way to their own units). Outside that, a unit and everything in it
//! answers as if it did not exist.
bool CanSeeUnit(const Principal& who, const UnitTree& tree, int64_t unit_id);

//! True when `who` holds any role in `roles` at `unit_id` or above.
bool HoldsRoleAt(const Principal& who, const UnitTree& tree, std::span<const Role> roles,
                 int64_t unit_id);

}  // namespace dandelion::domain
