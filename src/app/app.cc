#include "app/app.h"

#include "http/audit/audit_routes.h"
#include "http/auth/auth_routes.h"
#include "http/care/care_routes.h"
#include "http/listening/listening_routes.h"
#include "http/org/invitation_routes.h"
#include "http/org/org_routes.h"
#include "http/text/text_routes.h"

namespace dandelion::app {
namespace {
// The engine's figures join the server's on /metrics.
http::ApiOptions WithEngineMetrics(http::ApiOptions o, const ingest::IngestRuntime& ingest,
                                   const service::BackfillJobs& backfills) {
  o.more_metrics.push_back([&ingest] { return ingest.metrics().Render(); });
  o.more_metrics.push_back([&backfills] { return ingest::RenderBackfillMetrics(backfills); });
  return o;
}

// Accounts made from invitations hash their passwords at the app's cost.
service::InvitationOptions WithCost(service::InvitationOptions o, PasswordCost cost) {
  o.password_cost = cost;
  return o;
}
}  // namespace

App::App(store::Store& store, const Clock& clock, std::span<const EmbeddedFile> web_files,
         AppOptions options)
    : passwords(options.password_workers),
      auth(store, clock, passwords, options.auth),
      org(store, clock, options.password_cost),
      invitations(store, clock, passwords, options.mailer,
                  WithCost(options.invitations, options.password_cost)),
      audit(store, clock),
      listening(store, clock, topics, options.notifier, options.backfill),
      care(store, clock, topics, listening.ingest, options.care),
      contacts(store, clock),
      ingest(listening),
      api(http::ApiCore{store, auth, audit},
          {
              http::AuthRoutes(auth, org, options.api.secure_cookies),
              http::OrgRoutes(org),
              http::InvitationRoutes(invitations),
              http::AuditRoutes(audit),
              http::TextRoutes(),
              http::ListeningRoutes(listening, ingest, options.publisher),
              http::CareRoutes(care),
          },
          web_files, WithEngineMetrics(options.api, ingest, listening.backfills)) {}

}  // namespace dandelion::app
