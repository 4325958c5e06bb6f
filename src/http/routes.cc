// The JSON API handlers: decode, call one service method, encode.
#include <charconv>
#include <fmt/format.h>

#include "http/api.h"
#include "http/codec.h"
#include "http/json_io.h"
#include "http/text_codec.h"

namespace dandelion::http {
namespace {

using service::Caller;

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 200;

//! ?name=N as a positive integer, `fallback` when absent.
Result<int64_t> QueryInt(const Request& req, const std::string& name, int64_t fallback,
                         int64_t min, int64_t max) {
  std::string v;
  if (!req.QueryParam(name, &v)) return fallback;
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || out < min || out > max) {
    return InvalidArgument(fmt::format("{} must be an integer from {} to {}", name, min, max), name);
  }
  return out;
}

//! A path segment that must be a positive id.
Result<int64_t> PathId(const RouteMatch& m, const std::string& name) {
  std::string v = m.Param(name);
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || out <= 0) {
    return InvalidArgument(fmt::format("{} must be a positive integer", name), name);
  }
  return out;
}

std::string SessionCookie(const std::string& value, int64_t max_age_s, bool secure) {
  return fmt::format("dandelion_session={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}", value,
                     max_age_s, secure ? "; Secure" : "");
}

#define DND_TRY(lhs, expr)                          \
  auto DND_CONCAT(_r_, __LINE__) = (expr);          \
  if (!DND_CONCAT(_r_, __LINE__).ok())              \
    return ErrorResponse(DND_CONCAT(_r_, __LINE__).status()); \
  lhs = std::move(DND_CONCAT(_r_, __LINE__)).value()

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace

void Api::AddRoutes() {
  // --- operations -------------------------------------------------------
  Public("GET", "/healthz", [](const Request&, const RouteMatch&) {
    return JsonResponse(200, {{"status", "ok"}});
  });
  Public("GET", "/readyz", [this](const Request&, const RouteMatch&) {
    Status st = s_.store.Ping();
    if (!st.ok()) return ErrorResponse(Unavailable("the store does not answer: " + st.message()));
    return JsonResponse(200, {{"status", "ready"}, {"store", s_.store.Backend()}});
  });
  Public("GET", "/metrics", [this](const Request&, const RouteMatch&) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics_.Render(s_.store.Ping().ok());
    return r;
  });
  Public("GET", "/api/v1/openapi.json", [](const Request&, const RouteMatch&) {
    Response r;
    r.body = std::string(OpenApiDocument());
    return r;
  });

  // --- auth ---------------------------------------------------------------
  Public("POST", "/api/v1/auth/login", [this](const Request& req, const RouteMatch&) {
    DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"email", "password"}));
    DND_TRY(std::string email, body.String("email"));
    DND_TRY(std::string password, body.String("password"));
    DND_TRY(service::LoginResult login, s_.auth.Login(email, password));
    DND_TRY(auto units, s_.org.ListUnits(login.principal));
    Response r = JsonResponse(200, {{"user", Encode(login.principal.user)},
                                    {"csrf_token", login.session.csrf_token},
                                    {"memberships", EncodeMemberships(login.principal, units)}});
    int64_t ttl_s = (login.session.expires_at_ms - login.session.created_at_ms) / 1000;
    r.headers.emplace_back("Set-Cookie",
                           SessionCookie(login.session_token, ttl_s, options_.secure_cookies));
    return r;
  });
  Authed("POST", "/api/v1/auth/logout", [this](const Request& req, const RouteMatch&, const Caller&) {
    if (std::string cookie = req.Cookie("dandelion_session"); !cookie.empty()) {
      Status st = s_.auth.Logout(cookie);
      if (!st.ok()) return ErrorResponse(st);
    }
    Response r = NoContent();
    r.headers.emplace_back("Set-Cookie", SessionCookie("", 0, options_.secure_cookies));
    return r;
  });
  Authed("GET", "/api/v1/auth/me", [this](const Request&, const RouteMatch&, const Caller& c) {
    DND_TRY(auto units, s_.org.ListUnits(c.principal));
    Json j = {{"user", Encode(c.principal.user)},
              {"memberships", EncodeMemberships(c.principal, units)}};
    j["csrf_token"] = c.via_session ? Json(c.csrf_token) : Json(nullptr);
    return JsonResponse(200, j);
  });
  Authed("GET", "/api/v1/auth/tokens", [this](const Request&, const RouteMatch&, const Caller& c) {
    DND_TRY(auto tokens, s_.auth.ListApiTokens(c.principal));
    Json items = Json::array();
    for (const auto& t : tokens) items.push_back(Encode(t));
    return JsonResponse(200, {{"items", items}});
  });
  Authed("POST", "/api/v1/auth/tokens", [this](const Request& req, const RouteMatch&, const Caller& c) {
    DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"name"}));
    DND_TRY(std::string name, body.String("name"));
    DND_TRY(service::NewApiToken t, s_.auth.CreateApiToken(c.principal, name));
    return JsonResponse(201, {{"id", t.token.id}, {"name", t.token.name}, {"token", t.secret}});
  });
  Authed("DELETE", "/api/v1/auth/tokens/{id}",
         [this](const Request&, const RouteMatch& m, const Caller& c) {
           DND_TRY(int64_t id, PathId(m, "id"));
           Status st = s_.auth.RevokeApiToken(c.principal, id);
           return st.ok() ? NoContent() : ErrorResponse(st);
         });

  // --- organisation --------------------------------------------------------
  Authed("GET", "/api/v1/roles", [](const Request&, const RouteMatch&, const Caller&) {
    Json items = Json::array();
    for (domain::Role r : domain::kAllRoles) {
      items.push_back({{"role", domain::RoleName(r)}, {"description", domain::RoleDescription(r)}});
    }
    return JsonResponse(200, {{"items", items}});
  });
  Authed("GET", "/api/v1/units", [this](const Request&, const RouteMatch&, const Caller& c) {
    DND_TRY(auto units, s_.org.ListUnits(c.principal));
    Json items = Json::array();
    for (const auto& u : units) items.push_back(Encode(u));
    return JsonResponse(200, {{"items", items}});
  });
  Authed("POST", "/api/v1/units", [this](const Request& req, const RouteMatch&, const Caller& c) {
    DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"slug", "name", "parent"}));
    DND_TRY(std::string slug, body.String("slug"));
    DND_TRY(std::string name, body.String("name"));
    DND_TRY(std::string parent, body.String("parent"));
    DND_TRY(auto unit, s_.org.CreateUnit(c.principal, slug, name, parent));
    return JsonResponse(201, Encode(unit));
  });
  Authed("GET", "/api/v1/units/{slug}", [this](const Request&, const RouteMatch& m, const Caller& c) {
    DND_TRY(auto unit, s_.org.GetUnit(c.principal, m.Param("slug")));
    return JsonResponse(200, Encode(unit));
  });
  Authed("PATCH", "/api/v1/units/{slug}",
         [this](const Request& req, const RouteMatch& m, const Caller& c) {
           DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"name"}));
           DND_TRY(std::string name, body.String("name"));
           DND_TRY(auto unit, s_.org.RenameUnit(c.principal, m.Param("slug"), name));
           return JsonResponse(200, Encode(unit));
         });
  Authed("GET", "/api/v1/units/{slug}/members",
         [this](const Request&, const RouteMatch& m, const Caller& c) {
           DND_TRY(auto members, s_.org.ListMembers(c.principal, m.Param("slug")));
           Json items = Json::array();
           for (const auto& mv : members) items.push_back(Encode(mv));
           return JsonResponse(200, {{"items", items}});
         });
  Authed("POST", "/api/v1/units/{slug}/members",
         [this](const Request& req, const RouteMatch& m, const Caller& c) {
           DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"user_id", "role"}));
           DND_TRY(int64_t user_id, body.Int("user_id"));
           DND_TRY(std::string role, body.String("role"));
           DND_TRY(auto mv, s_.org.AddMember(c.principal, m.Param("slug"), user_id, role));
           return JsonResponse(201, Encode(mv));
         });
  Authed("DELETE", "/api/v1/memberships/{id}",
         [this](const Request&, const RouteMatch& m, const Caller& c) {
           DND_TRY(int64_t id, PathId(m, "id"));
           Status st = s_.org.RemoveMember(c.principal, id);
           return st.ok() ? NoContent() : ErrorResponse(st);
         });
  Authed("GET", "/api/v1/users", [this](const Request& req, const RouteMatch&, const Caller& c) {
    DND_TRY(int64_t limit, QueryInt(req, "limit", kDefaultLimit, 1, kMaxLimit));
    DND_TRY(int64_t after, QueryInt(req, "after", 0, 0, INT64_MAX));
    DND_TRY(auto users, s_.org.ListUsers(c.principal, after, static_cast<int>(limit)));
    Json items = Json::array();
    for (const auto& u : users) items.push_back(Encode(u));
    Json j = {{"items", items}};
    j["next_after"] = static_cast<int64_t>(users.size()) == limit ? Json(users.back().user.id)
                                                                  : Json(nullptr);
    return JsonResponse(200, j);
  });
  Authed("POST", "/api/v1/users", [this](const Request& req, const RouteMatch&, const Caller& c) {
    DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"email", "name", "password", "unit", "role"}));
    service::NewUser in;
    DND_TRY(in.email, body.String("email"));
    DND_TRY(in.name, body.String("name"));
    DND_TRY(in.password, body.String("password"));
    DND_TRY(in.unit, body.String("unit"));
    DND_TRY(in.role, body.String("role"));
    DND_TRY(auto user, s_.org.CreateUser(c.principal, in));
    return JsonResponse(201, Encode(user));
  });

  // --- text intelligence -----------------------------------------------------
  Authed("POST", "/api/v1/text/analyze", [](const Request& req, const RouteMatch&, const Caller&) {
    DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"text", "network"}));
    DND_TRY(std::string text, body.String("text"));
    DND_TRY(std::string network_name, body.String("network"));
    auto network = text::ParseNetwork(network_name);
    if (!network) {
      return ErrorResponse(InvalidArgument(
          "unknown network '" + network_name +
              "'; expected x, mastodon, bluesky, linkedin, facebook, instagram or other",
          "network"));
    }
    return JsonResponse(200, Encode(enrich::Enrich(text, *network)));
  });

  // --- audit --------------------------------------------------------------
  Authed("GET", "/api/v1/audit", [this](const Request& req, const RouteMatch&, const Caller& c) {
    DND_TRY(int64_t limit, QueryInt(req, "limit", kDefaultLimit, 1, kMaxLimit));
    DND_TRY(int64_t before, QueryInt(req, "before", 0, 0, INT64_MAX));
    DND_TRY(auto entries, s_.audit.List(c.principal, before, static_cast<int>(limit)));
    Json items = Json::array();
    for (const auto& e : entries) items.push_back(Encode(e));
    Json j = {{"items", items}};
    j["next_before"] = static_cast<int64_t>(entries.size()) == limit ? Json(entries.back().id)
                                                                     : Json(nullptr);
    return JsonResponse(200, j);
  });
  Authed("GET", "/api/v1/audit/verify", [this](const Request&, const RouteMatch&, const Caller& c) {
    DND_TRY(auto v, s_.audit.Verify(c.principal));
    Json j = {{"ok", v.ok}, {"checked", v.checked}, {"message", v.message}};
    j["first_bad_id"] = v.first_bad_id ? Json(*v.first_bad_id) : Json(nullptr);
    return JsonResponse(200, j);
  });
}

std::string_view Api::OpenApiDocument() {
  for (const EmbeddedFile& f : OpenApiFiles()) {
    if (f.path == "openapi.json") return f.data;
  }
  return "{}";
}

}  // namespace dandelion::http
