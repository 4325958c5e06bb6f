// The audit log's hash chain. Each entry's hash covers its own fields and
// the hash of the entry before it, so editing or deleting any row but the
// newest breaks every hash after it.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "domain/model.h"

namespace dandelion::domain {

//! The hash of the empty chain, the prev_hash of the first entry.
inline constexpr std::string_view kAuditGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

//! SHA-256 (hex) over prev_hash and the entry's content fields (not id,
//! not hash), each length-prefixed so that no two entries collide by
//! shifting bytes between fields.
std::string AuditEntryHash(const AuditEntry& entry);

//! Result of walking the chain.
struct AuditVerification {
  bool ok = true;
  int64_t checked = 0;
  std::optional<int64_t> first_bad_id;
  std::string message;
};

//! Checks one entry against the hash of the entry before it, updating
//! `result`; call in id order starting with kAuditGenesis. Returns false at
//! the first broken link.
bool VerifyAuditStep(const AuditEntry& entry, std::string& expected_prev,
                     AuditVerification& result);

}  // namespace dandelion::domain
