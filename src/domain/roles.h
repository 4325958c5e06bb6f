// Roles a membership can carry, and what each is for.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace dandelion::domain {

enum class Role { kAdmin, kManager, kPublisher, kAgent, kReviewer, kAdvocate, kAnalyst };

inline constexpr std::array<Role, 7> kAllRoles = {Role::kAdmin,  Role::kManager,  Role::kPublisher,
                                                  Role::kAgent,  Role::kReviewer, Role::kAdvocate,
                                                  Role::kAnalyst};

//! "admin", "manager", ...
std::string_view RoleName(Role role);
//! One sentence on what the role may do.
std::string_view RoleDescription(Role role);
//! The role named `name`, or nullopt when there is none.
std::optional<Role> ParseRole(std::string_view name);

//! What an API token may do: read (GET only), write (what its owner may do,
//! but not mint tokens), ingest (only feed posts in).
enum class TokenScope { kRead, kWrite, kIngest };

//! "read", "write", "ingest".
std::string_view TokenScopeName(TokenScope scope);
//! The scope named `name`, or nullopt.
std::optional<TokenScope> ParseTokenScope(std::string_view name);

}  // namespace dandelion::domain
