// Router: maps (method, path) to a handler. Patterns are literal segments
// and {name} captures, e.g. "/api/v1/units/{slug}/members", split once when
// added; a request's path is split once and compared segment by segment.
// Not thread-safe to build; safe to match from many threads once built.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/message.h"

namespace dandelion::http {

struct RouteMatch;
using Handler = std::function<Response(const Request&, const RouteMatch&)>;

//! What a route allows beyond the defaults.
struct RouteOptions {
  size_t max_body_bytes = 0;  //!< 0: the Api's default limit
  bool accepts_ndjson = false;  //!< application/x-ndjson bodies too (ingest)
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  RouteOptions options;
  //! The pattern's segments; a capture is held as its name with `capture` set.
  struct Segment {
    std::string text;
    bool capture = false;
  };
  std::vector<Segment> segments;
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
  void Add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
  //! The route for the request; route==nullptr when none matches.
  RouteMatch Match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace dandelion::http
