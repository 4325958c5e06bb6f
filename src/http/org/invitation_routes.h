// The invitations API: a unit's admins invite by e-mail, list and withdraw;
// the link's holder previews it, accepts it logged in, or signs up with it.
#pragma once

#include "http/route_table.h"
#include "service/org/invitation_service.h"

namespace dandelion::http {

RouteModule InvitationRoutes(service::InvitationService& invitations);

}  // namespace dandelion::http
