#include "http/org/org_routes.h"

#include "domain/roles.h"
#include "http/handlers.h"
#include "http/org/org_codec.h"

namespace dandelion::http {

using service::Caller;

RouteModule OrgRoutes(service::OrgService& org) {
  return [&org](RouteTable& t) {
    t.Authed("GET", "/api/v1/roles", [](const Request&, const RouteMatch&, const Caller&) {
      Json items = Json::array();
      for (domain::Role r : domain::kAllRoles) {
        items.push_back(
            {{"role", domain::RoleName(r)}, {"description", domain::RoleDescription(r)}});
      }
      return JsonResponse(200, ListJson(std::move(items)));
    });
    t.Authed("GET", "/api/v1/units", [&org](const Request&, const RouteMatch&, const Caller& c) {
      DND_TRY(auto units, org.ListUnits(c.principal));
      Json items = Json::array();
      for (const auto& u : units) items.push_back(Encode(u));
      return JsonResponse(200, ListJson(std::move(items)));
    });
    t.Authed("POST", "/api/v1/units",
             [&org](const Request& req, const RouteMatch&, const Caller& c) {
               DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"slug", "name", "parent"}));
               DND_TRY(std::string slug, body.String("slug"));
               DND_TRY(std::string name, body.String("name"));
               DND_TRY(std::string parent, body.String("parent"));
               DND_TRY(auto unit, org.CreateUnit(c.principal, slug, name, parent));
               return JsonResponse(201, Encode(unit));
             });
    t.Authed("GET", "/api/v1/units/{slug}",
             [&org](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(auto unit, org.GetUnit(c.principal, m.Param("slug")));
               return JsonResponse(200, Encode(unit));
             });
    t.Authed("PATCH", "/api/v1/units/{slug}",
             [&org](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"name"}));
               DND_TRY(std::string name, body.String("name"));
               DND_TRY(auto unit, org.RenameUnit(c.principal, m.Param("slug"), name));
               return JsonResponse(200, Encode(unit));
             });
    t.Authed("GET", "/api/v1/units/{slug}/members",
             [&org](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(auto members, org.ListMembers(c.principal, m.Param("slug")));
               Json items = Json::array();
               for (const auto& mv : members) items.push_back(Encode(mv));
               return JsonResponse(200, ListJson(std::move(items)));
             });
    t.Authed("POST", "/api/v1/units/{slug}/members",
             [&org](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"user_id", "role"}));
               DND_TRY(int64_t user_id, body.Int("user_id"));
               DND_TRY(std::string role, body.String("role"));
               DND_TRY(auto mv, org.AddMember(c.principal, m.Param("slug"), user_id, role));
               return JsonResponse(201, Encode(mv));
             });
    t.Authed("DELETE", "/api/v1/memberships/{id}",
             [&org](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               Status st = org.RemoveMember(c.principal, id);
               return st.ok() ? NoContent() : ErrorResponse(st);
             });
    t.Authed("GET", "/api/v1/users",
             [&org](const Request& req, const RouteMatch&, const Caller& c) {
               DND_TRY(int limit, QueryLimit(req));
               // The cursor is the last id of the previous page (opaque to clients).
               const std::string cursor = QueryCursor(req);
               int64_t after = 0;
               if (!cursor.empty()) {
                 DND_TRY(after, ParseInt(cursor, "cursor", 1, INT64_MAX));
               }
               // One more than asked says whether there is a next page.
               DND_TRY(auto users, org.ListUsers(c.principal, after, limit + 1));
               std::optional<std::string> next;
               if (static_cast<int>(users.size()) > limit) {
                 users.resize(limit);
                 next = std::to_string(users.back().user.id);
               }
               Json items = Json::array();
               for (const auto& u : users) items.push_back(Encode(u));
               return JsonResponse(200, ListJson(std::move(items), next));
             });
    t.Authed("POST", "/api/v1/users",
             [&org](const Request& req, const RouteMatch&, const Caller& c) {
               DND_TRY(JsonBody body,
                       JsonBody::Parse(req.body, {"email", "name", "password", "unit", "role"}));
               service::NewUser in;
               DND_TRY(in.email, body.String("email"));
               DND_TRY(in.name, body.String("name"));
               DND_TRY(in.password, body.String("password"));
               DND_TRY(in.unit, body.String("unit"));
               DND_TRY(in.role, body.String("role"));
               DND_TRY(auto user, org.CreateUser(c.principal, in));
               return JsonResponse(201, Encode(user));
             });
  };
}

}  // namespace dandelion::http
