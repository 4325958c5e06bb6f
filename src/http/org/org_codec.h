// JSON encodings of the organisation: users, units, memberships.
#pragma once

#include <vector>

#include "http/json_io.h"
#include "service/org/org_service.h"

namespace dandelion::http {

Json Encode(const domain::User& u);
Json Encode(const service::UnitView& v);
Json Encode(const service::MemberView& m);
Json Encode(const service::UserView& v);
//! The caller's memberships with their units' slugs and names (`units`:
//! what the caller sees).
Json EncodeMemberships(const domain::Principal& p, const std::vector<service::UnitView>& units);

}  // namespace dandelion::http
