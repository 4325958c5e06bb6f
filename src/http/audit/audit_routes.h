// The audit API: the log, newest first, and the check of its hash chain.
#pragma once

#include "http/route_table.h"
#include "service/audit/audit_service.h"

namespace dandelion::http {

RouteModule AuditRoutes(service::AuditService& audit);

}  // namespace dandelion::http
