#include "http/org/invitation_routes.h"

#include "http/handlers.h"
#include "http/org/org_codec.h"

namespace dandelion::http {
namespace {

using service::Caller;

Json Encode(const service::InvitationView& v) {
  return {{"id", v.invitation.id},
          {"email", v.invitation.email},
          {"role", std::string(domain::RoleName(v.invitation.role))},
          {"unit", v.unit_slug},
          {"invited_by", v.invited_by},
          {"created_at", FormatTimestamp(v.invitation.created_at_ms)},
          {"expires_at", FormatTimestamp(v.invitation.expires_at_ms)}};
}

// Small bodies only: an e-mail and a role, or a name and a password.
constexpr RouteOptions kSmallBody{.max_body_bytes = 4096};

}  // namespace

RouteModule InvitationRoutes(service::InvitationService& invitations) {
  return [&invitations](RouteTable& t) {
    t.Authed("GET", "/api/v1/units/{slug}/invitations",
             [&invitations](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(auto list, invitations.List(c.principal, m.Param("slug")));
               Json items = Json::array();
               for (const auto& v : list) items.push_back(Encode(v));
               return JsonResponse(200, ListJson(std::move(items)));
             });
    t.Authed(
        "POST", "/api/v1/units/{slug}/invitations",
        [&invitations](const Request& req, const RouteMatch& m, const Caller& c) {
          DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"email", "role"}));
          DND_TRY(std::string email, body.String("email"));
          DND_TRY(std::string role, body.String("role"));
          DND_TRY(auto v, invitations.Invite(c.principal, m.Param("slug"), email, role));
          return JsonResponse(202, Encode(v));
        },
        kSmallBody);
    t.Authed("DELETE", "/api/v1/invitations/{id}",
             [&invitations](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               Status st = invitations.Withdraw(c.principal, id);
               return st.ok() ? NoContent() : ErrorResponse(st);
             });
    t.Public("GET", "/api/v1/invitations/by-token/{token}",
             [&invitations](const Request&, const RouteMatch& m) {
               DND_TRY(auto p, invitations.Preview(m.Param("token")));
               return JsonResponse(
                   200, {{"email", p.view.invitation.email},
                         {"role", std::string(domain::RoleName(p.view.invitation.role))},
                         {"unit", p.view.unit_slug},
                         {"unit_name", p.view.unit_name},
                         {"invited_by", p.view.invited_by},
                         {"expires_at", FormatTimestamp(p.view.invitation.expires_at_ms)},
                         {"account_exists", p.account_exists}});
             });
    t.Authed("POST", "/api/v1/invitations/by-token/{token}/accept",
             [&invitations](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(auto member, invitations.Accept(c.principal, m.Param("token")));
               return JsonResponse(200, Encode(member));
             });
    t.Public(
        "POST", "/api/v1/invitations/by-token/{token}/signup",
        [&invitations](const Request& req, const RouteMatch& m) {
          DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"name", "password"}));
          DND_TRY(std::string name, body.String("name"));
          DND_TRY(std::string password, body.String("password"));
          DND_TRY(auto user, invitations.SignUp(m.Param("token"), name, password));
          return JsonResponse(201, Encode(user));
        },
        kSmallBody);
  };
}

}  // namespace dandelion::http
