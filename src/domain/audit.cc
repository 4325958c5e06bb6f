#include "domain/audit.h"

#include <fmt/format.h>

#include "common/crypto.h"

namespace dandelion::domain {
namespace {
void Field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
  out += ';';
}
}  // namespace

std::string AuditEntryHash(const AuditEntry& e) {
  std::string buf;
  Field(buf, e.prev_hash);
  Field(buf, std::to_string(e.at_ms));
  Field(buf, e.actor_id ? std::to_string(*e.actor_id) : "");
  Field(buf, e.actor);
  Field(buf, e.action);
  Field(buf, e.target);
  Field(buf, e.before);
  Field(buf, e.after);
  return Sha256Hex(buf);
}

bool VerifyAuditStep(const AuditEntry& entry, std::string& expected_prev,
                     AuditVerification& result) {
  if (entry.prev_hash != expected_prev) {
    result.ok = false;
    result.first_bad_id = entry.id;
    result.message = fmt::format(
        "entry {} does not follow the entry before it (a row was changed, removed or inserted)",
        entry.id);
    return false;
  }
  if (AuditEntryHash(entry) != entry.hash) {
    result.ok = false;
    result.first_bad_id = entry.id;
    result.message = fmt::format("entry {} was changed after it was written", entry.id);
    return false;
  }
  expected_prev = entry.hash;
  ++result.checked;
  return true;
}

}  // namespace dandelion::domain
