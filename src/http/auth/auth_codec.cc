#include "http/auth/auth_codec.h"

#include "common/clock.h"
#include "domain/roles.h"

namespace dandelion::http {

Json Encode(const domain::ApiToken& t) {
  Json j = {{"id", t.id}, {"name", t.name}, {"created_at", FormatTimestamp(t.created_at_ms)}};
  j["last_used_at"] = t.last_used_at_ms ? Json(FormatTimestamp(*t.last_used_at_ms)) : Json(nullptr);
  j["scope"] = std::string(domain::TokenScopeName(t.scope));
  j["expires_at"] = FormatTimestamp(t.expires_at_ms);
  return j;
}

}  // namespace dandelion::http
