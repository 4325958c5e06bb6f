#include "service/audit_service.h"

#include <nlohmann/json.hpp>

#include "common/log.h"
#include "domain/unit_tree.h"
#include "service/audit_log.h"
#include "store/audit/audit_repo.h"
#include "store/org/org_repos.h"

namespace dandelion::service {

Status AuditService::Check(const domain::Principal& who) {
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(auto units, store::Org(repos).units().List());
    domain::UnitTree tree(std::move(units));
    if (tree.Root() == nullptr) return FailedPrecondition("the organisation has no hub yet");
    return domain::Authorize(who, tree, domain::Action::kViewAudit, tree.Root()->id);
  });
  if (st.code() == Code::kPermissionDenied) {
    RecordDenial(who, "audit", st.message());
  }
  return st;
}

void AuditService::RecordDenial(const domain::Principal& who, const std::string& target,
                                const std::string& reason) {
  Status st = store_.Write([&](store::Tx& repos) {
    return Record(repos, clock_, &who, "denied", target, "null",
                  nlohmann::json({{"reason", reason}}).dump());
  });
  // The refusal stands either way; a refusal the log missed must still be seen.
  if (!st.ok()) LogError("audit: a refusal could not be recorded: " + st.message());
}

Result<std::vector<domain::AuditEntry>> AuditService::List(const domain::Principal& who,
                                                           int64_t before, int limit) {
  DND_RETURN_IF_ERROR(Check(who));
  std::vector<domain::AuditEntry> out;
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(out, store::Audit(repos).List(before, limit));
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
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) {
    return store::Audit(repos).Scan(
        [&](const domain::AuditEntry& e) { return domain::VerifyAuditStep(e, prev, result); });
  }));
  if (result.ok) {
    result.message = "the audit log is intact (" + std::to_string(result.checked) + " entries)";
  }
  return result;
}

}  // namespace dandelion::service
