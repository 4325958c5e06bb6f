#include "http/audit/audit_routes.h"

#include "http/audit/audit_codec.h"
#include "http/handlers.h"

namespace dandelion::http {

using service::Caller;

RouteModule AuditRoutes(service::AuditService& audit) {
  return [&audit](RouteTable& t) {
    t.Authed("GET", "/api/v1/audit",
             [&audit](const Request& req, const RouteMatch&, const Caller& c) {
               DND_TRY(int limit, QueryLimit(req));
               // Newest first; the cursor is the last id of the previous page.
               const std::string cursor = QueryCursor(req);
               int64_t before = 0;
               if (!cursor.empty()) {
                 DND_TRY(before, ParseInt(cursor, "cursor", 1, INT64_MAX));
               }
               DND_TRY(auto entries, audit.List(c.principal, before, limit + 1));
               std::optional<std::string> next;
               if (static_cast<int>(entries.size()) > limit) {
                 entries.resize(limit);
                 next = std::to_string(entries.back().id);
               }
               Json items = Json::array();
               for (const auto& e : entries) items.push_back(Encode(e));
               return JsonResponse(200, ListJson(std::move(items), next));
             });
    t.Authed("GET", "/api/v1/audit/verify",
             [&audit](const Request&, const RouteMatch&, const Caller& c) {
               DND_TRY(auto v, audit.Verify(c.principal));
               Json j = {{"ok", v.ok}, {"checked", v.checked}, {"message", v.message}};
               j["first_bad_id"] = v.first_bad_id ? Json(*v.first_bad_id) : Json(nullptr);
               return JsonResponse(200, j);
             });
  };
}

}  // namespace dandelion::http
