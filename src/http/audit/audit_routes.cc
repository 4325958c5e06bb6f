#include "http/audit/audit_routes.h"

#include "http/audit/audit_codec.h"
#include "http/handlers.h"

namespace dandelion::http {

using service::Caller;

RouteModule AuditRoutes(service::AuditService& audit) {
  return [&audit](RouteTable& t) {
  t.Authed("GET", "/api/v1/audit", [&audit](const Request& req, const RouteMatch&, const Caller& c) {
    DND_TRY(int64_t limit, QueryInt(req, "limit", kDefaultLimit, 1, kMaxLimit));
    DND_TRY(int64_t before, QueryInt(req, "before", 0, 0, INT64_MAX));
    DND_TRY(auto entries, audit.List(c.principal, before, static_cast<int>(limit)));
    Json items = Json::array();
    for (const auto& e : entries) items.push_back(Encode(e));
    Json j = {{"items", items}};
    j["next_before"] = static_cast<int64_t>(entries.size()) == limit ? Json(entries.back().id)
                                                                     : Json(nullptr);
    return JsonResponse(200, j);
  });
  t.Authed("GET", "/api/v1/audit/verify", [&audit](const Request&, const RouteMatch&, const Caller& c) {
    DND_TRY(auto v, audit.Verify(c.principal));
    Json j = {{"ok", v.ok}, {"checked", v.checked}, {"message", v.message}};
    j["first_bad_id"] = v.first_bad_id ? Json(*v.first_bad_id) : Json(nullptr);
    return JsonResponse(200, j);
  });
  };
}

}  // namespace dandelion::http
