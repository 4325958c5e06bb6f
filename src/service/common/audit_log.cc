#include "service/common/audit_log.h"

#include <nlohmann/json.hpp>

#include "domain/roles.h"
#include "store/audit/audit_repo.h"

namespace dandelion::service {

Status Record(store::Tx& repos, const Clock& clock, const domain::Principal* who,
              std::string action, std::string target, std::string before, std::string after) {
  domain::AuditEntry e;
  e.at_ms = clock.NowMs();
  if (who != nullptr) {
    e.actor_id = who->user.id;
    e.actor = who->user.email;
  } else {
    e.actor = "system";
  }
  e.action = std::move(action);
  e.target = std::move(target);
  e.before = std::move(before);
  e.after = std::move(after);
  return store::Audit(repos).Append(std::move(e)).status();
}

std::string Snapshot(const domain::Unit& u) {
  nlohmann::json j = {{"id", u.id}, {"slug", u.slug}, {"name", u.name}};
  j["parent_id"] = u.parent_id ? nlohmann::json(*u.parent_id) : nlohmann::json(nullptr);
  return j.dump();
}

std::string Snapshot(const domain::User& u) {
  return nlohmann::json({{"id", u.id}, {"email", u.email}, {"name", u.name}}).dump();
}

std::string Snapshot(const domain::Membership& m, const std::string& unit_slug) {
  return nlohmann::json({{"id", m.id},
                         {"user_id", m.user_id},
                         {"unit", unit_slug},
                         {"role", std::string(domain::RoleName(m.role))}})
      .dump();
}

std::string Snapshot(const domain::ApiToken& t) {
  return nlohmann::json({{"id", t.id},
                         {"user_id", t.user_id},
                         {"name", t.name},
                         {"scope", std::string(domain::TokenScopeName(t.scope))},
                         {"expires_at", t.expires_at_ms}})
      .dump();
}

}  // namespace dandelion::service
