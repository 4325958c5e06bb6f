#include "app/app.h"

#include "http/audit/audit_routes.h"
#include "http/auth/auth_routes.h"
#include "http/listening/listening_routes.h"
#include "http/org/org_routes.h"
#include "http/text/text_routes.h"

namespace dandelion::app {

App::App(store::Store& store, const Clock& clock, std::span<const EmbeddedFile> web_files,
         AppOptions options)
    : passwords(options.password_workers),
      auth(store, clock, passwords, options.auth),
      org(store, clock, options.password_cost),
      audit(store, clock),
      listening(store, clock, topics, options.notifier),
      api(http::ApiCore{store, auth, audit},
          {
              http::AuthRoutes(auth, org, options.api.secure_cookies),
              http::OrgRoutes(org),
              http::AuditRoutes(audit),
              http::TextRoutes(),
              http::ListeningRoutes(listening),
          },
          web_files, options.api) {}

}  // namespace dandelion::app
