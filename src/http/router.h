// Router: maps (method, path) to a handler. Patterns are literal segments
// and {name} captures, e.g. "/api/v1/units/{slug}/members". Not
// thread-safe to build; safe to match from many threads once built.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/message.h"

namespace dandelion::http {

struct RouteMatch;
using Handler = std::function<Response(const Request&, const RouteMatch&)>;

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_matched = false;  //!< a route has this path but not this method
  //! The captured segment `name` (decoded), or "".
  std::string Param(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? "" : it->second;
  }
};

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);
  //! The route for the request; route==nullptr when none matches.
  RouteMatch Match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace dandelion::http
