// The organisation API: roles, units, their members, users.
#pragma once

#include "http/route_table.h"
#include "service/org/org_service.h"

namespace dandelion::http {

RouteModule OrgRoutes(service::OrgService& org);

}  // namespace dandelion::http
