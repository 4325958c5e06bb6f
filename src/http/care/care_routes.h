// The inbox API: cases (queues, a case, claim, assign, status, priority and
// tags, notes, replies) and each unit's inbox set-up (channels, routing
// rules and the dry run, SLA policies, queue settings, agents).
#pragma once

#include "http/route_table.h"
#include "service/care/care.h"

namespace dandelion::http {

RouteModule CareRoutes(service::CareServices& care);

}  // namespace dandelion::http
