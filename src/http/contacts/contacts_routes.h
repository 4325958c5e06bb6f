// The social CRM's API: contacts (search, one with its timeline, attribute
// changes), likely duplicates, merge and un-merge, export and erase.
#pragma once

#include "http/route_table.h"
#include "service/contacts/contact_service.h"

namespace dandelion::http {

RouteModule ContactRoutes(service::ContactService& contacts);

}  // namespace dandelion::http
