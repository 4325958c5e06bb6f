#include "service/audit/audit_service.h"

#include "store/audit/audit_repo.h"

namespace dandelion::service {
namespace {

// The audit log is the hub's: reading it needs that right at the root.
Status AllowAudit(Scope& s) {
  if (s.tree.Root() == nullptr) return FailedPrecondition("the organisation has no hub yet");
  return s.Allow(domain::Action::kViewAudit, s.tree.Root()->id);
}

}  // namespace

void AuditService::RecordDenial(const domain::Principal& who, const std::string& target,
                                const std::string& reason) {
  access_.Deny(who, PermissionDenied(reason), target).IgnoreError();  // it is the refusal itself
}

Result<std::vector<domain::AuditEntry>> AuditService::List(const domain::Principal& who,
                                                           int64_t before, int limit) {
  std::vector<domain::AuditEntry> out;
  DND_RETURN_IF_ERROR(access_.Read(who, "audit", [&](Scope& s) -> Status {
    DND_RETURN_IF_ERROR(AllowAudit(s));
    DND_ASSIGN_OR_RETURN(out, store::Audit(s.tx).List(before, limit));
    return Status::Ok();
  }));
  return out;
}

Result<domain::AuditVerification> AuditService::Verify(const domain::Principal& who) {
  DND_RETURN_IF_ERROR(access_.Read(who, "audit", AllowAudit));
  return VerifyAsSystem();
}

Result<domain::AuditVerification> AuditService::VerifyAsSystem() {
  domain::AuditVerification result;
  std::string prev(domain::kAuditGenesis);
  DND_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    return store::Audit(tx).Scan(
        [&](const domain::AuditEntry& e) { return domain::VerifyAuditStep(e, prev, result); });
  }));
  if (result.ok) {
    result.message = "the audit log is intact (" + std::to_string(result.checked) + " entries)";
  }
  return result;
}

}  // namespace dandelion::service
