// The plain types of the organisation: units, users, memberships, sessions,
// API tokens and audit entries. No behaviour beyond small helpers; no JSON,
// no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/roles.h"

namespace dandelion::domain {

//! A node of the hub-and-spoke tree. The hub is the one unit without parent.
struct Unit {
  int64_t id = 0;
  std::string slug;  //!< short, unique, URL-safe; the hub's is "hub"
  std::string name;
  std::optional<int64_t> parent_id;
  int64_t created_at_ms = 0;
};

struct User {
  int64_t id = 0;
  std::string email;  //!< unique, stored lower-case
  std::string name;
  int64_t created_at_ms = 0;
};

//! A role held by a user at a unit; it applies to the unit's whole subtree.
struct Membership {
  int64_t id = 0;
  int64_t user_id = 0;
  int64_t unit_id = 0;
  Role role = Role::kAnalyst;
};

//! An invitation to a role at a unit, sent by e-mail. Only the SHA-256 of
//! the link's secret is stored.
struct Invitation {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string email;  //!< normalised
  Role role = Role::kAnalyst;
  std::string token_hash;
  int64_t invited_by = 0;  //!< user id
  int64_t created_at_ms = 0;
  int64_t expires_at_ms = 0;
};

//! A browser session. Only the SHA-256 of the cookie value is stored.
struct Session {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at_ms = 0;
  int64_t expires_at_ms = 0;    //!< absolute: the session ends then, used or not
  int64_t last_seen_at_ms = 0;  //!< for the idle timeout (written at most once a minute)
};

//! An API token for integrations. Only the SHA-256 of the secret is stored.
struct ApiToken {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string name;
  std::string token_hash;
  int64_t created_at_ms = 0;
  std::optional<int64_t> last_used_at_ms;
  TokenScope scope = TokenScope::kRead;
  int64_t expires_at_ms = 0;
};

//! One row of the tamper-evident audit log. `hash` chains it to the row
//! before (see audit.h).
struct AuditEntry {
  int64_t id = 0;
  int64_t at_ms = 0;
  std::optional<int64_t> actor_id;
  std::string actor;   //!< e-mail at the time, or "system"
  std::string action;  //!< e.g. "unit.create", "denied"
  std::string target;  //!< e.g. "unit:emea"
  std::string before;  //!< JSON text, "null" when nothing existed
  std::string after;   //!< JSON text, "null" when nothing remains
  std::string prev_hash;
  std::string hash;
};

}  // namespace dandelion::domain
