// The text intelligence API: what Dandelion reads in one post.
#pragma once

#include "http/route_table.h"

namespace dandelion::http {

RouteModule TextRoutes();

}  // namespace dandelion::http
