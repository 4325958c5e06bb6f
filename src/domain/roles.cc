#include "domain/roles.h"

namespace dandelion::domain {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kManager:
      return "manager";
    case Role::kPublisher:
      return "publisher";
    case Role::kAgent:
      return "agent";
    case Role::kReviewer:
      return "reviewer";
    case Role::kAdvocate:
      return "advocate";
    case Role::kAnalyst:
      return "analyst";
  }
  return "analyst";
}

std::string_view RoleDescription(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "Runs the unit and everything below it: members, roles, spokes, policies.";
    case Role::kManager:
      return "Leads the unit's social media: creates spokes, sees its people and reports.";
    case Role::kPublisher:
      return "Drafts, schedules and publishes posts on the unit's channels (once certified).";
    case Role::kAgent:
      return "Answers the unit's inbox: cases, replies, notes.";
    case Role::kReviewer:
      return "Approves or sends back posts in the unit's approval chain (legal, brand, privacy).";
    case Role::kAdvocate:
      return "Shares approved content with personal tracked links.";
    case Role::kAnalyst:
      return "Reads listening, dashboards and ROI reports.";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : kAllRoles) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view TokenScopeName(TokenScope scope) {
  switch (scope) {
    case TokenScope::kRead:
      return "read";
    case TokenScope::kWrite:
      return "write";
    case TokenScope::kIngest:
      return "ingest";
  }
  return "read";
}

std::optional<TokenScope> ParseTokenScope(std::string_view name) {
  for (TokenScope s : {TokenScope::kRead, TokenScope::kWrite, TokenScope::kIngest}) {
    if (TokenScopeName(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace dandelion::domain
