#include "http/auth/auth_routes.h"

#include <fmt/format.h>

#include <algorithm>

#include "http/auth/auth_codec.h"
#include "http/handlers.h"
#include "http/org/org_codec.h"

namespace dandelion::http {
namespace {

using service::Caller;

std::string SessionCookie(const std::string& value, int64_t max_age_s, bool secure) {
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}",
                     SessionCookieName(secure), value, max_age_s, secure ? "; Secure" : "");
}

}  // namespace

RouteModule AuthRoutes(service::AuthService& auth, service::OrgService& org, bool secure_cookies) {
  return [&auth, &org, secure_cookies](RouteTable& t) {
    t.Public(
        "POST", "/api/v1/auth/login",
        [&auth, &org, secure_cookies](const Request& req, const RouteMatch&) {
          DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"email", "password"}));
          service::LoginAttempt attempt;
          DND_TRY(attempt.email, body.String("email"));
          DND_TRY(attempt.password, body.String("password"));
          attempt.client_address = req.remote_ip;
          int64_t retry_after_ms = 0;
          auto login = auth.Login(attempt, &retry_after_ms);
          if (!login.ok()) {
            Response r = ErrorResponse(login.status());
            if (retry_after_ms > 0) {
              r.headers.emplace_back("Retry-After", std::to_string((retry_after_ms + 999) / 1000));
            }
            return r;
          }
          DND_TRY(auto units, org.ListUnits(login->principal));
          Response r =
              JsonResponse(200, {{"user", Encode(login->principal.user)},
                                 {"csrf_token", login->session.csrf_token},
                                 {"memberships", EncodeMemberships(login->principal, units)}});
          int64_t ttl_s = (login->session.expires_at_ms - login->session.created_at_ms) / 1000;
          r.headers.emplace_back("Set-Cookie",
                                 SessionCookie(login->session_token, ttl_s, secure_cookies));
          return r;
        },
        // A login body is two short fields: anything bigger is refused
        // before it is parsed.
        RouteOptions{.max_body_bytes = 4096});
    t.Authed("POST", "/api/v1/auth/logout",
             [&auth, secure_cookies](const Request& req, const RouteMatch&, const Caller&) {
               if (std::string cookie = req.Cookie(SessionCookieName(secure_cookies));
                   !cookie.empty()) {
                 Status st = auth.Logout(cookie);
                 if (!st.ok()) return ErrorResponse(st);
               }
               Response r = NoContent();
               r.headers.emplace_back("Set-Cookie", SessionCookie("", 0, secure_cookies));
               return r;
             });
    t.Authed("GET", "/api/v1/auth/me", [&org](const Request&, const RouteMatch&, const Caller& c) {
      DND_TRY(auto units, org.ListUnits(c.principal));
      Json j = {{"user", Encode(c.principal.user)},
                {"memberships", EncodeMemberships(c.principal, units)}};
      j["csrf_token"] = c.via_session ? Json(c.csrf_token) : Json(nullptr);
      return JsonResponse(200, j);
    });
    t.Authed("GET", "/api/v1/auth/tokens",
             [&auth](const Request&, const RouteMatch&, const Caller& c) {
               DND_TRY(auto tokens, auth.ListApiTokens(c.principal));
               Json items = Json::array();
               for (const auto& t : tokens) items.push_back(Encode(t));
               return JsonResponse(200, ListJson(std::move(items)));
             });
    t.Authed(
        "POST", "/api/v1/auth/tokens",
        [&auth](const Request& req, const RouteMatch&, const Caller& c) {
          DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"name", "scope", "expires_in_days"}));
          service::NewTokenRequest in;
          DND_TRY(in.name, body.String("name"));
          DND_TRY(in.scope, body.StringOr("scope", "read"));
          DND_TRY(int64_t days, body.IntOr("expires_in_days", 0));
          if (days != 0)
            in.expires_in_days = static_cast<int>(std::clamp<int64_t>(days, -1, 100000));
          DND_TRY(service::NewApiToken t, auth.CreateApiToken(c, in));
          Json j = Encode(t.token);
          j["token"] = t.secret;
          return JsonResponse(201, j);
        },
        RouteOptions{.max_body_bytes = 4096});
    t.Authed(
        "POST", "/api/v1/auth/password",
        [&auth](const Request& req, const RouteMatch&, const Caller& c) {
          DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"current_password", "new_password"}));
          DND_TRY(std::string current, body.String("current_password"));
          DND_TRY(std::string next, body.String("new_password"));
          Status st = auth.ChangePassword(c, current, next);
          return st.ok() ? NoContent() : ErrorResponse(st);
        },
        RouteOptions{.max_body_bytes = 4096});
    t.Authed("POST", "/api/v1/auth/logout-everywhere",
             [&auth, secure_cookies](const Request&, const RouteMatch&, const Caller& c) {
               DND_TRY(int64_t ended, auth.LogOutEverywhere(c));
               Response r = JsonResponse(200, {{"sessions_ended", ended}});
               r.headers.emplace_back("Set-Cookie", SessionCookie("", 0, secure_cookies));
               return r;
             });
    t.Authed("DELETE", "/api/v1/auth/tokens/{id}",
             [&auth](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               Status st = auth.RevokeApiToken(c.principal, id);
               return st.ok() ? NoContent() : ErrorResponse(st);
             });
  };
}

}  // namespace dandelion::http
