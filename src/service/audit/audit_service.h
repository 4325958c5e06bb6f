// AuditService: reading and verifying the tamper-evident audit log.
// Thread-safe.
#pragma once

#include <vector>

#include "common/clock.h"
#include "domain/audit.h"
#include "domain/permissions.h"
#include "service/common/access.h"
#include "store/store.h"

namespace dandelion::service {

class AuditService {
 public:
  AuditService(store::Store& store, const Clock& clock) : access_(store, clock), store_(store) {}

  //! Entries older than `before` (0: newest), newest first. Needs admin at
  //! the hub; PermissionDenied (and audited) otherwise.
  Result<std::vector<domain::AuditEntry>> List(const domain::Principal& who, int64_t before,
                                               int limit);
  //! Walks the whole chain. Needs admin at the hub.
  Result<domain::AuditVerification> Verify(const domain::Principal& who);
  //! Writes a refusal decided outside the services (a CSRF failure).
  void RecordDenial(const domain::Principal& who, const std::string& target,
                    const std::string& reason);
  //! The same for the command line, which has no caller.
  Result<domain::AuditVerification> VerifyAsSystem();

 private:
  Access access_;
  store::Store& store_;  // the whole-chain walk of the command line
};

}  // namespace dandelion::service
