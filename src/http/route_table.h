// RouteTable: how a capability's HTTP routes reach the Api. Each capability
// has a folder http/<capability>/ whose <capability>_routes.h offers a
// RouteModule; the app wiring (src/app) hands the Api the list of modules,
// and the Api calls each with itself as the table. A new capability adds
// its folder and one line to that list, and edits nothing here.
#pragma once

#include <functional>
#include <string>

#include "http/router.h"
#include "service/auth/auth_service.h"

namespace dandelion::http {

//! A handler for a logged-in caller (session cookie with CSRF token, or
//! API token), checked by the Api before it runs.
using AuthedHandler =
    std::function<Response(const Request&, const RouteMatch&, const service::Caller&)>;

class RouteTable {
 public:
  virtual ~RouteTable() = default;
  //! A route anybody may call (login, health).
  virtual void Public(std::string method, std::string pattern, Handler h,
                      RouteOptions options = {}) = 0;
  //! A route for a logged-in caller; 401 otherwise, 403 on a session
  //! request without its CSRF token.
  virtual void Authed(std::string method, std::string pattern, AuthedHandler h,
                      RouteOptions options = {}) = 0;
};

//! Adds one capability's routes.
using RouteModule = std::function<void(RouteTable&)>;

}  // namespace dandelion::http
