#include "service/common/access.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/log.h"
#include "service/common/audit_log.h"
#include "store/org/org_repos.h"

namespace dandelion::service {

Result<domain::UnitTree> LoadTree(store::Tx& tx) {
  DND_ASSIGN_OR_RETURN(auto units, store::Org(tx).units().List());
  return domain::UnitTree(std::move(units));
}

Status Scope::Allow(domain::Action action, int64_t unit_id) const {
  if (who == nullptr) return Status::Ok();
  return domain::Authorize(*who, tree, action, unit_id);
}

Result<const domain::Unit*> Scope::UnitFor(const std::string& slug, domain::Action action,
                                           const std::string& field) const {
  const domain::Unit* u = tree.FindBySlug(slug);
  if (u == nullptr || (who != nullptr && !domain::CanSeeUnit(*who, tree, u->id))) {
    return NotFound(fmt::format("no unit '{}'", slug), field);
  }
  DND_RETURN_IF_ERROR(Allow(action, u->id));
  return u;
}

Status Scope::AllowOrHide(domain::Action action, domain::Action view, int64_t unit_id,
                          const Status& hidden) const {
  if (who == nullptr) return Status::Ok();
  if (!Allow(view, unit_id).ok()) return hidden;
  return Allow(action, unit_id);
}

Status Scope::Audit(std::string action, std::string target, std::string before,
                    std::string after) const {
  return Record(tx, clock_, who, std::move(action), std::move(target), std::move(before),
                std::move(after));
}

Status Access::Run(bool write, const domain::Principal* who, const std::string& target,
                   const Body& body) {
  auto run = [&](store::Tx& tx) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(tx));
    Scope scope(tx, tree, who, clock_);
    return body(scope);
  };
  Status st = write ? store_.Write(run) : store_.Read(run);
  if (!st.ok() && who != nullptr) return Deny(*who, st, target);
  return st;
}

Status Access::Read(const domain::Principal& who, const std::string& target, const Body& body) {
  return Run(false, &who, target, body);
}
Status Access::Write(const domain::Principal& who, const std::string& target, const Body& body) {
  return Run(true, &who, target, body);
}
Status Access::Read(const domain::Principal* who, const std::string& target, const Body& body) {
  return Run(false, who, target, body);
}
Status Access::Write(const domain::Principal* who, const std::string& target, const Body& body) {
  return Run(true, who, target, body);
}

Status Access::Deny(const domain::Principal& who, const Status& denial, const std::string& target) {
  if (denial.code() != Code::kPermissionDenied) return denial;
  Status st = store_.Write([&](store::Tx& tx) {
    return Record(tx, clock_, &who, "denied", target, "null",
                  nlohmann::json({{"reason", denial.message()}}).dump());
  });
  // The refusal stands either way; a refusal the log missed must still be seen.
  if (!st.ok()) LogError("audit: a refusal could not be recorded: " + st.message());
  return denial;
}

}  // namespace dandelion::service
