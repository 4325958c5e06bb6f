// The audit log's repository.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "common/status.h"
#include "domain/model.h"
#include "store/tx.h"

namespace dandelion::store {

using domain::AuditEntry;

//! The append-only audit log.
class AuditRepo {
 public:
  virtual ~AuditRepo() = default;
  //! Appends `entry` (id, prev_hash and hash are filled in here, under a
  //! lock that serialises appends across processes) and returns it.
  virtual Result<AuditEntry> Append(AuditEntry entry) = 0;
  //! Entries with id < `before` (0: from the newest), newest first.
  virtual Result<std::vector<AuditEntry>> List(int64_t before, int limit) = 0;
  //! Calls `fn` on every entry in id order until it returns false.
  virtual Status Scan(const std::function<bool(const AuditEntry&)>& fn) = 0;
};

//! The audit log in one transaction.
AuditRepo& Audit(Tx& tx);

}  // namespace dandelion::store
