// App: every capability's services and HTTP routes over one store — the
// composition root shared by `dandelion serve`, the tests and the fuzzer.
// Adding a capability adds its services here and one line to the route
// modules in app.cc; nothing else in the wiring changes.
#pragma once

#include <span>

#include "common/clock.h"
#include "common/crypto.h"
#include "common/embedded.h"
#include "engine/pipeline.h"
#include "http/api.h"
#include "service/audit/audit_service.h"
#include "service/auth/auth_service.h"
#include "service/care/care.h"
#include "service/contacts/contact_service.h"
#include "ingest/publisher.h"
#include "ingest/runtime.h"
#include "service/listening/listening.h"
#include "service/org/invitation_service.h"
#include "service/org/org_service.h"
#include "store/store.h"

namespace dandelion::app {

struct AppOptions {
  PasswordCost password_cost = PasswordCost::kInteractive;
  service::AlertNotifier* notifier = nullptr;  //!< where spike alerts go (none: only stored)
  http::ApiOptions api = {};
  service::AuthOptions auth = {};
  service::Mailer* mailer = nullptr;  //!< where invitations go (none: inviting is refused)
  service::InvitationOptions invitations = {};
  service::PasswordWorkerOptions password_workers = {};
  service::BackfillOptions backfill = {};
  //! When set (the node runs behind a message stream), POST /api/v1/ingest
  //! publishes there instead of storing inline.
  ingest::Publisher* publisher = nullptr;
  service::CareOptions care = {};
};

class App {
 public:
  App(store::Store& store, const Clock& clock, std::span<const EmbeddedFile> web_files,
      AppOptions options = {});
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  engine::TopicRegistry topics;        //!< the compiled topics ingest matches against
  service::PasswordWorkers passwords;  //!< argon2id off the request threads
  service::AuthService auth;
  service::OrgService org;
  service::InvitationService invitations;
  service::AuditService audit;
  service::ListeningServices listening;
  service::CareServices care;  //!< the inbox: every stored batch's new mentions filed into cases
  service::ContactService contacts;  //!< the social CRM: the people behind the cases
  ingest::IngestRuntime ingest;  //!< the engine's runtime: every way posts come in
  http::Api api;
};

}  // namespace dandelion::app
