// Api: the whole HTTP surface of Dandelion as a function from Request to
// Response: routing, authentication (session cookie or API token), CSRF,
// body limits, security headers, metrics, the operational endpoints
// (health, readiness, metrics, the OpenAPI document) and the embedded web
// UI. Each capability's JSON endpoints come from its RouteModule
// (http/<capability>/), handed in by the app wiring. Handlers are thin:
// decode, call one service method, encode. Thread-safe once constructed.
#pragma once

#include <span>
#include <functional>
#include <string>
#include <vector>

#include "common/embedded.h"
#include "http/in_flight.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/route_table.h"
#include "http/router.h"
#include "service/audit/audit_service.h"
#include "service/auth/auth_service.h"
#include "store/store.h"

namespace dandelion::http {

struct ApiOptions {
  size_t max_body_bytes = 1 << 20;  //!< larger bodies get 413 (a route may allow more)
  //! Served over HTTPS: the session cookie is "__Host-" prefixed and
  //! Secure, and every answer carries Strict-Transport-Security.
  bool secure_cookies = false;
  //! Requests one client (credential, else address) may have in flight on
  //! /api/; more get 429. Health, readiness and metrics are not counted.
  size_t max_in_flight_per_client = 16;
  //! When set, GET /metrics needs "Authorization: Bearer <metrics_token>".
  std::string metrics_token;
  //! What else /readyz asks besides the store (the message stream, when the
  //! node consumes one): not Ok means not ready, the reason only logged.
  std::function<Status()> also_ready;
  //! More figures for /metrics (the engine's, the stream's), each already
  //! in the exposition format.
  std::vector<std::function<std::string()>> more_metrics;
};

//! What the Api itself needs: the store (readiness), sign-in (who calls)
//! and the audit log (refused CSRF checks).
struct ApiCore {
  store::Store& store;
  service::AuthService& auth;
  service::AuditService& audit;
};

class Api : private RouteTable {
 public:
  Api(ApiCore core, const std::vector<RouteModule>& modules,
      std::span<const EmbeddedFile> web_files, ApiOptions options = {});

  //! Answers one request; never throws.
  Response Handle(const Request& request);

  const Router& router() const { return router_; }
  //! The largest body any route takes: the server's parser refuses more.
  size_t MaxBodyBytes() const;
  Metrics& metrics() { return metrics_; }

  //! The OpenAPI document served at /api/v1/openapi.json.
  static std::string_view OpenApiDocument();

 private:
  void Public(std::string method, std::string pattern, Handler h,
              RouteOptions options = {}) override;
  void Authed(std::string method, std::string pattern, AuthedHandler h,
              RouteOptions options = {}) override;
  void AddOperationalRoutes();
  Response Dispatch(const Request& request, std::string* route_label);
  Response ServeWeb(const Request& request);

  ApiCore core_;
  std::span<const EmbeddedFile> web_files_;
  ApiOptions options_;
  Router router_;
  Metrics metrics_;
  InFlight in_flight_;
};

//! The embedded OpenAPI document and web UI (generated at build time).
std::span<const EmbeddedFile> OpenApiFiles();
std::span<const EmbeddedFile> WebFiles();

}  // namespace dandelion::http
