// The sign-in API: login (sets the session cookie), logout, who am I, and
// the caller's API tokens.
#pragma once

#include "http/route_table.h"
#include "service/auth/auth_service.h"
#include "service/org/org_service.h"

namespace dandelion::http {

//! `secure_cookies`: mark the session cookie Secure (behind HTTPS).
RouteModule AuthRoutes(service::AuthService& auth, service::OrgService& org, bool secure_cookies);

}  // namespace dandelion::http
