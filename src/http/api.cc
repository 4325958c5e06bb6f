#include "http/api.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>

#include "common/crypto.h"
#include "common/log.h"
#include "http/handlers.h"
#include "http/json_io.h"

namespace dandelion::http {
namespace {

constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

bool IsUnsafe(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool IsApiPath(const std::string& path) {
  return path.starts_with("/api/") || path == "/api" || path == "/healthz" || path == "/readyz" ||
         path == "/metrics";
}

// Probes must answer whatever else is going on.
bool IsOperational(const std::string& path) {
  return path == "/healthz" || path == "/readyz" || path == "/metrics";
}

// Who a request counts against for the in-flight cap: its credential when
// it sends one (a user, an integration), else its address. Only a hash is
// kept in memory, never the secret.
std::string ClientKey(const Request& req, const char* cookie_name) {
  const std::string& authz = req.Header("authorization");
  if (!authz.empty()) return "t:" + std::to_string(std::hash<std::string>{}(authz));
  std::string cookie = req.Cookie(cookie_name);
  if (!cookie.empty()) return "s:" + std::to_string(std::hash<std::string>{}(cookie));
  return "a:" + req.remote_ip;
}

std::string ContentTypeFor(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".json")) return "application/json";
  if (ends(".woff2")) return "font/woff2";
  return "application/octet-stream";
}

void AddSecurityHeaders(Response& r, bool https) {
  // Served over HTTPS, browsers are told to come back over HTTPS only.
  if (https) r.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
  r.headers.emplace_back("Content-Security-Policy", kCsp);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "same-origin");
}

}  // namespace

Api::Api(ApiCore core, const std::vector<RouteModule>& modules,
         std::span<const EmbeddedFile> web_files, ApiOptions options)
    : core_(core),
      web_files_(web_files),
      options_(options),
      in_flight_(options.max_in_flight_per_client) {
  AddOperationalRoutes();
  for (const RouteModule& add : modules) add(*this);
}

void Api::Public(std::string method, std::string pattern, Handler h, RouteOptions options) {
  router_.Add(std::move(method), std::move(pattern), std::move(h), options);
}

void Api::Authed(std::string method, std::string pattern, AuthedHandler h, RouteOptions options) {
  const bool is_ingest = method == "POST" && pattern == "/api/v1/ingest";
  router_.Add(
      std::move(method), std::move(pattern),
      [this, is_ingest, h = std::move(h)](const Request& req, const RouteMatch& m) -> Response {
        Result<service::Caller> caller = Unauthenticated("not logged in");
        const std::string& authz = req.Header("authorization");
        if (authz.starts_with("Bearer ")) {
          caller = core_.auth.AuthenticateToken(authz.substr(7));
        } else if (std::string cookie = req.Cookie(SessionCookieName(options_.secure_cookies));
                   !cookie.empty()) {
          caller = core_.auth.AuthenticateSession(cookie);
        }
        if (!caller.ok()) return ErrorResponse(caller.status());
        // A token does only what its scope says, whatever its owner may do.
        if (!caller->via_session) {
          const char* refusal = nullptr;
          if (caller->token_scope == domain::TokenScope::kRead && req.method != "GET" &&
              req.method != "HEAD") {
            refusal = "this API token may only read (its scope is read)";
          } else if (caller->token_scope == domain::TokenScope::kIngest && !is_ingest) {
            refusal = "this API token may only feed posts in (its scope is ingest)";
          }
          if (refusal != nullptr) {
            core_.audit.RecordDenial(caller->principal, req.method + " " + req.path, refusal);
            return ErrorResponse(403, "permission_denied", refusal, "Authorization");
          }
        }
        // Cookies ride along with cross-site requests; the CSRF token,
        // readable only by our own pages, proves the request is ours.
        if (caller->via_session && IsUnsafe(req.method)) {
          const std::string& sent = req.Header("x-csrf-token");
          if (sent.empty() || !ConstantTimeEquals(sent, caller->csrf_token)) {
            core_.audit.RecordDenial(caller->principal, req.method + " " + req.path,
                                     "missing or wrong CSRF token");
            return ErrorResponse(403, "permission_denied",
                                 "missing or wrong CSRF token (send X-CSRF-Token)", "X-CSRF-Token");
          }
        }
        return h(req, m, *caller);
      },
      options);
}

// Health, readiness, metrics and the document describing the rest.
void Api::AddOperationalRoutes() {
  Public("GET", "/healthz", [](const Request&, const RouteMatch&) {
    return JsonResponse(200, {{"status", "ok"}});
  });
  Public("GET", "/readyz", [this](const Request&, const RouteMatch&) {
    Status st = core_.store.Ping();
    if (!st.ok()) {
      // Why is for the operator's log, not for whoever asks.
      LogError("readyz: the store does not answer: " + st.message());
      return ErrorResponse(503, "unavailable", "not ready");
    }
    if (options_.also_ready) {
      if (Status other = options_.also_ready(); !other.ok()) {
        LogError("readyz: " + other.message());
        return ErrorResponse(503, "unavailable", "not ready");
      }
    }
    return JsonResponse(200, {{"status", "ready"}, {"store", core_.store.Backend()}});
  });
  Public("GET", "/metrics", [this](const Request& req, const RouteMatch&) {
    // Optionally for the scraper only: the figures tell how busy the
    // server is and which routes exist.
    if (!options_.metrics_token.empty()) {
      const std::string& authz = req.Header("authorization");
      const std::string expected = "Bearer " + options_.metrics_token;
      if (authz.size() != expected.size() || !ConstantTimeEquals(authz, expected)) {
        return ErrorResponse(401, "unauthenticated", "send the metrics token as a Bearer token",
                             "Authorization");
      }
    }
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics_.Render(core_.store.Ping().ok());
    for (const auto& more : options_.more_metrics) r.body += more();
    return r;
  });
  Public("GET", "/api/v1/openapi.json", [](const Request&, const RouteMatch&) {
    Response r;
    r.body = std::string(OpenApiDocument());
    return r;
  });
}

size_t Api::MaxBodyBytes() const {
  size_t most = options_.max_body_bytes;
  for (const Route& r : router_.routes()) most = std::max(most, r.options.max_body_bytes);
  return most;
}

std::string_view Api::OpenApiDocument() {
  for (const EmbeddedFile& f : OpenApiFiles()) {
    if (f.path == "openapi.json") return f.data;
  }
  return "{}";
}

Response Api::Handle(const Request& req) {
  auto t0 = std::chrono::steady_clock::now();
  std::string label = "unmatched";
  Response r;
  try {
    std::optional<InFlight::Ticket> ticket;
    if (req.path.starts_with("/api/") && !IsOperational(req.path)) {
      ticket.emplace(in_flight_, ClientKey(req, SessionCookieName(options_.secure_cookies)));
    }
    if (ticket && !ticket->admitted()) {
      r = ErrorResponse(429, "too_many_requests",
                        fmt::format("too many requests in flight from this client (at most {} at "
                                    "a time); wait for the earlier ones to finish",
                                    in_flight_.max_per_client()));
      r.headers.emplace_back("Retry-After", "1");
    } else {
      r = Dispatch(req, &label);
    }
  } catch (const std::exception& e) {
    LogError(fmt::format("request failed method={} path={} error=\"{}\"", req.method, req.path,
                         e.what()));
    r = ErrorResponse(500, "internal", "internal error");
  }
  if (r.status == 500) {
    LogError(fmt::format(
        "internal error method={} path={} {}", req.method, req.path,
        r.Header("X-Request-Id").empty() ? "" : "request_id=" + r.Header("X-Request-Id")));
  }
  AddSecurityHeaders(r, options_.secure_cookies);
  if (IsApiPath(req.path)) r.headers.emplace_back("Cache-Control", "no-store");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  metrics_.Observe(req.method, label, r.status, secs);
  return r;
}

Response Api::Dispatch(const Request& req, std::string* label) {
  if (!IsApiPath(req.path)) {
    *label = "web";
    if (req.body.size() > options_.max_body_bytes) {
      return ErrorResponse(413, "payload_too_large",
                           fmt::format("the body is {} bytes; the limit is {} bytes",
                                       req.body.size(), options_.max_body_bytes));
    }
    if (req.method != "GET" && req.method != "HEAD") {
      return ErrorResponse(405, "method_not_allowed", "only GET is allowed here");
    }
    return ServeWeb(req);
  }
  RouteMatch m = router_.Match(req.method, req.path);
  // A route may take larger bodies (ingest's NDJSON batches); any other
  // request is held to the default, matched or not.
  const RouteOptions route = m.route != nullptr ? m.route->options : RouteOptions{};
  const size_t limit = route.max_body_bytes ? route.max_body_bytes : options_.max_body_bytes;
  if (req.body.size() > limit) {
    return ErrorResponse(
        413, "payload_too_large",
        fmt::format("the body is {} bytes; the limit is {} bytes", req.body.size(), limit));
  }
  if (m.route == nullptr) {
    if (m.path_matched) {
      return ErrorResponse(405, "method_not_allowed",
                           fmt::format("{} is not allowed on {}", req.method, req.path));
    }
    return ErrorResponse(404, "not_found", fmt::format("no endpoint {}", req.path));
  }
  *label = m.route->pattern;
  if (IsUnsafe(req.method) && !req.body.empty()) {
    const std::string& ct = req.Header("content-type");
    if (!ct.starts_with("application/json") &&
        !(route.accepts_ndjson && ct.starts_with("application/x-ndjson"))) {
      return ErrorResponse(
          415, "invalid_argument",
          route.accepts_ndjson
              ? "the body must be sent as application/x-ndjson (or application/json)"
              : "the body must be sent as application/json",
          "Content-Type");
    }
  }
  return m.route->handler(req, m);
}

Response Api::ServeWeb(const Request& req) {
  std::string_view path = req.path;
  while (path.starts_with("/")) path.remove_prefix(1);
  const EmbeddedFile* index = nullptr;
  for (const EmbeddedFile& f : web_files_) {
    if (f.path == "index.html") index = &f;
    if (!path.empty() && f.path == path) {
      Response r;
      r.content_type = ContentTypeFor(f.path);
      r.body = std::string(f.data);
      // Vite puts a content hash in every asset name, so they never change.
      r.headers.emplace_back("Cache-Control", path.starts_with("assets/")
                                                  ? "public, max-age=31536000, immutable"
                                                  : "no-cache");
      return r;
    }
  }
  // Client-side routes (/organisation, /login...) all get the app shell;
  // a missing file with an extension is a real 404.
  bool looks_like_file = path.find('.') != std::string_view::npos;
  if (index != nullptr && !looks_like_file) {
    Response r;
    r.content_type = "text/html; charset=utf-8";
    r.body = std::string(index->data);
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
  }
  Response r;
  r.status = 404;
  r.content_type = "text/plain; charset=utf-8";
  r.body = index == nullptr ? "The web UI was not built into this binary. Run `make run`.\n"
                            : "Not found\n";
  return r;
}

}  // namespace dandelion::http
