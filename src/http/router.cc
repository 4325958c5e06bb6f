#include "http/router.h"

#include <string_view>

namespace dandelion::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  Route r{std::move(method), std::move(pattern), std::move(handler), options, {}};
  for (std::string_view seg : Split(r.pattern)) {
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      r.segments.push_back({std::string(seg.substr(1, seg.size() - 2)), true});
    } else {
      r.segments.push_back({std::string(seg), false});
    }
  }
  routes_.push_back(std::move(r));
}

RouteMatch Router::Match(const std::string& method, const std::string& path) const {
  RouteMatch result;
  const auto segs = Split(path);
  for (const Route& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      ok = r.segments[i].capture || r.segments[i].text == segs[i];
    }
    if (!ok) continue;
    if (r.method != method) {
      result.path_matched = true;
      continue;
    }
    for (size_t i = 0; i < segs.size(); ++i) {
      if (r.segments[i].capture) result.params[r.segments[i].text] = UrlDecode(segs[i]);
    }
    result.route = &r;
    return result;
  }
  return result;
}

}  // namespace dandelion::http
