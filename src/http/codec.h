// JSON encodings of the service results, as described in openapi.json.
#pragma once

#include "domain/audit.h"
#include "http/json_io.h"
#include "service/auth_service.h"
#include "service/org_service.h"

namespace dandelion::http {

Json Encode(const domain::User& u);
Json Encode(const service::UnitView& v);
Json Encode(const service::MemberView& m);
Json Encode(const service::UserView& v);
Json Encode(const domain::AuditEntry& e);
Json Encode(const domain::ApiToken& t);
Json EncodeMemberships(const domain::Principal& p, const std::vector<service::UnitView>& units);

}  // namespace dandelion::http
