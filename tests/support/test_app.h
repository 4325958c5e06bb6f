// TestApp: a whole Dandelion (store, services, Api) in the test process,
// over an in-memory SQLite store or, when DANDELION_TEST_PG is set, a
// PostgreSQL database; requests go through Api::Handle as the server would
// send them.
#pragma once

#include <memory>
#include <string>

#include "common/clock.h"
#include "http/api.h"
#include "http/json_io.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/org_service.h"
#include "store/store.h"

namespace dandelion::testing {

//! An in-memory SQLite store with migrations applied.
std::unique_ptr<store::Store> MemoryStore();
//! A SQLite store in the file `path` (WAL, its own read connections), with
//! migrations applied.
std::unique_ptr<store::Store> FileStore(const std::string& path);
//! A PostgreSQL store on a fresh schema of the database in
//! DANDELION_TEST_PG; nullptr when that is unset.
std::unique_ptr<store::Store> PostgresStore();

struct Session {
  std::string cookie;  //!< "dandelion_session=..."
  std::string csrf;
};

class TestApp {
 public:
  explicit TestApp(std::unique_ptr<store::Store> store = MemoryStore());

  //! Sends a request; adds the session cookie and CSRF header when given.
  http::Response Call(const std::string& method, const std::string& target,
                      const std::string& body = "", const Session* session = nullptr);
  //! The response body parsed as JSON (null when empty).
  static http::Json Body(const http::Response& r);

  //! Creates the hub (if needed) and a user holding `role` at `unit`.
  domain::User AddUser(const std::string& email, const std::string& unit,
                       const std::string& role);
  //! Logs in through the API; fails the test if that does not work.
  Session Login(const std::string& email, const std::string& password = kPassword);

  static constexpr const char* kPassword = "correct horse battery";

  FakeClock clock;
  std::unique_ptr<store::Store> store;
  service::AuthService auth;
  service::OrgService org;
  service::AuditService audit;
  engine::TopicRegistry topics;
  service::ListeningService listening;
  http::Api api;
};

}  // namespace dandelion::testing
