#include "http/router.h"

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

void Router::Add(std::string method, std::string pattern, Handler handler) {
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler)});
}

RouteMatch Router::Match(const std::string& method, const std::string& path) const {
  RouteMatch result;
  auto segs = Split(path);
  for (const Route& r : routes_) {
    auto pats = Split(r.pattern);
    if (pats.size() != segs.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < pats.size() && ok; ++i) {
      if (pats[i].size() > 2 && pats[i].front() == '{' && pats[i].back() == '}') {
        params[std::string(pats[i].substr(1, pats[i].size() - 2))] = UrlDecode(segs[i]);
      } else {
        ok = pats[i] == segs[i];
      }
    }
    if (!ok) continue;
    if (r.method != method) {
      result.path_matched = true;
      continue;
    }
    result.route = &r;
    result.params = std::move(params);
    return result;
  }
  return result;
}

}  // namespace dandelion::http
