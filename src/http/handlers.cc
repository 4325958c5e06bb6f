#include "http/handlers.h"

#include <charconv>
#include <fmt/format.h>

#include "common/clock.h"

namespace dandelion::http {

Result<int64_t> ParseInt(const std::string& v, const std::string& name, int64_t min,
                         int64_t max) {
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || out < min || out > max) {
    return InvalidArgument(fmt::format("{} must be an integer from {} to {}", name, min, max), name);
  }
  return out;
}

Result<int64_t> QueryInt(const Request& req, const std::string& name, int64_t fallback,
                         int64_t min, int64_t max) {
  std::string v;
  if (!req.QueryParam(name, &v)) return fallback;
  return ParseInt(v, name, min, max);
}

Result<int> QueryLimit(const Request& req) {
  DND_ASSIGN_OR_RETURN(int64_t limit, QueryInt(req, "limit", kDefaultLimit, 1, kMaxLimit));
  return static_cast<int>(limit);
}

Result<int64_t> PathId(const RouteMatch& m, const std::string& name) {
  std::string v = m.Param(name);
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || out <= 0) {
    return InvalidArgument(fmt::format("{} must be a positive integer", name), name);
  }
  return out;
}

Result<int64_t> QueryTime(const Request& req, const std::string& name, int64_t fallback) {
  std::string v;
  if (!req.QueryParam(name, &v)) return fallback;
  auto t = ParseTimestamp(v);
  if (!t.ok()) return InvalidArgument(name + ": " + t.status().message(), name);
  return *t;
}

std::string QueryCursor(const Request& req) {
  std::string v;
  req.QueryParam("cursor", &v);
  return v;
}

Json ListJson(Json items, const std::optional<std::string>& next) {
  Json j = {{"items", std::move(items)}};
  j["next"] = next ? Json(*next) : Json(nullptr);
  return j;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace dandelion::http
