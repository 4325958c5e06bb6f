#include "service/audit_service.h"

#include <nlohmann/json.hpp>

#include "domain/unit_tree.h"
#include "service/audit_log.h"

namespace dandelion::service {

Status AuditService::Check(const domain::Principal& who) {
  Status st = store_.Transact([&](store::Repos& repos) -> Status {
    DND_ASSIGN_OR_RETURN(auto units, repos.units().List());
    domain::UnitTree tree(std::move(units));
    if (tree.Root() == nullptr) return FailedPrecondition("the organisation has no hub yet");
    return domain::Authorize(who, tree, domain::Action::kViewAudit, tree.Root()->id);
  });
  if (st.code() == Code::kPermissionDenied) {
    (void)store_.Transact([&](store::Repos& repos) {
      return Record(repos, clock_, &who, "denied", "audit", "null",
                    nlohmann::json({{"reason", st.message()}}).dump());
    });
  }
  return st;
}

void AuditService::RecordDenial(const domain::Principal& who, const std::string& target,
                                const std::string& reason) {
  (void)store_.Transact([&](store::Repos& repos) {
    return Record(repos, clock_, &who, "denied", target, "null",
                  nlohmann::json({{"reason", reason}}).dump());
  });
}

Result<std::vector<domain::AuditEntry>> AuditService::List(const domain::Principal& who,
                                                           int64_t before, int limit) {
  DND_RETURN_IF_ERROR(Check(who));
  std::vector<domain::AuditEntry> out;
  DND_RETURN_IF_ERROR(store_.Transact([&](store::Repos& repos) -> Status {
    DND_ASSIGN_OR_RETURN(out, repos.audit().List(before, limit));
    return Status::Ok();
  }));
  return out;
}

Result<domain::AuditVerification> AuditService::Verify(const domain::Principal& who) {
  DND_RETURN_IF_ERROR(Check(who));
  return VerifyAsSystem();
}

Result<domain::AuditVerification> AuditService::VerifyAsSystem() {
  domain::AuditVerification result;
  std::string prev(domain::kAuditGenesis);
  DND_RETURN_IF_ERROR(store_.Transact([&](store::Repos& repos) {
    return repos.audit().Scan(
        [&](const domain::AuditEntry& e) { return domain::VerifyAuditStep(e, prev, result); });
  }));
  if (result.ok) {
    result.message = "the audit log is intact (" + std::to_string(result.checked) + " entries)";
  }
  return result;
}

}  // namespace dandelion::service
