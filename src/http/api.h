// Api: the whole HTTP surface of Dandelion as a function from Request to
// Response: routing, authentication (session cookie or API token), CSRF,
// body limits, security headers, metrics, the JSON API handlers and the
// embedded web UI. Handlers are thin: decode, call one service method,
// encode. Thread-safe once constructed.
#pragma once

#include <span>
#include <string>

#include "common/embedded.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/listening_service.h"
#include "service/org_service.h"

namespace dandelion::http {

struct ApiOptions {
  size_t max_body_bytes = 1 << 20;          //!< larger bodies get 413
  size_t max_ingest_bytes = 16u << 20;      //!< …except on POST /api/v1/ingest
  bool secure_cookies = false;      //!< add "Secure" (behind HTTPS)
};

struct Services {
  store::Store& store;
  service::AuthService& auth;
  service::OrgService& org;
  service::AuditService& audit;
  service::ListeningService& listening;
};

class Api {
 public:
  Api(Services services, std::span<const EmbeddedFile> web_files, ApiOptions options = {});

  //! Answers one request; never throws.
  Response Handle(const Request& request);

  const Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }

  //! The OpenAPI document served at /api/v1/openapi.json.
  static std::string_view OpenApiDocument();

 private:
  using AuthedHandler =
      std::function<Response(const Request&, const RouteMatch&, const service::Caller&)>;
  void Public(std::string method, std::string pattern, Handler h);
  void Authed(std::string method, std::string pattern, AuthedHandler h);
  void AddRoutes();
  void AddListeningRoutes();  //!< listening_routes.cc
  Response Dispatch(const Request& request, std::string* route_label);
  Response ServeWeb(const Request& request);

  Services s_;
  std::span<const EmbeddedFile> web_files_;
  ApiOptions options_;
  Router router_;
  Metrics metrics_;
};

//! The embedded OpenAPI document and web UI (generated at build time).
std::span<const EmbeddedFile> OpenApiFiles();
std::span<const EmbeddedFile> WebFiles();

}  // namespace dandelion::http
