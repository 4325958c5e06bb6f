#include "http/audit/audit_codec.h"

#include "common/clock.h"

namespace dandelion::http {

Json Encode(const domain::AuditEntry& e) {
  auto parse = [](const std::string& s) {
    Json j = Json::parse(s, nullptr, false);
    return j.is_discarded() ? Json(s) : j;
  };
  Json j = {{"id", e.id},
            {"at", FormatTimestamp(e.at_ms)},
            {"action", e.action},
            {"target", e.target},
            {"before", parse(e.before)},
            {"after", parse(e.after)},
            {"hash", e.hash}};
  j["actor"] = e.actor;
  return j;
}

}  // namespace dandelion::http
