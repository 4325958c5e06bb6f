// TestApp: a whole Dandelion (store, services, Api) in the test process,
// over an in-memory SQLite store or, when DANDELION_TEST_PG is set, a
// PostgreSQL database; requests go through Api::Handle as the server would
// send them.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/app.h"
#include "common/clock.h"
#include "http/json_io.h"
#include "service/common/mailer.h"
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

//! Mail the app sent, kept in memory instead of delivered.
class Outbox : public service::Mailer {
 public:
  Status Send(const service::Mail& mail) override {
    std::lock_guard lock(mu_);
    sent_.push_back(mail);
    return Status::Ok();
  }
  std::vector<service::Mail> Sent() const {
    std::lock_guard lock(mu_);
    return sent_;
  }
  //! The secret of the last invitation link mailed to `email` ("" if none).
  std::string LastInvitationTokenFor(const std::string& email) const;

 private:
  mutable std::mutex mu_;
  std::vector<service::Mail> sent_;
};

//! The clock, the store and the outbox, made before the App that runs on them.
struct TestAppBase {
  explicit TestAppBase(std::unique_ptr<store::Store> s) : store(std::move(s)) {}
  FakeClock clock;
  std::unique_ptr<store::Store> store;
  Outbox outbox;
};

//! The app's services (auth, org, audit, listening, topics) and its api,
//! with the test's clock and store beside them.
class TestApp : public TestAppBase, public app::App {
 public:
  explicit TestApp(std::unique_ptr<store::Store> store = MemoryStore(), http::ApiOptions api = {},
                   ingest::Publisher* publisher = nullptr);

  //! Sends a request; adds the session cookie and CSRF header when given.
  http::Response Call(const std::string& method, const std::string& target,
                      const std::string& body = "", const Session* session = nullptr);
  //! The response body parsed as JSON (null when empty).
  static http::Json Body(const http::Response& r);

  //! Creates the hub (if needed) and a user holding `role` at `unit`.
  domain::User AddUser(const std::string& email, const std::string& unit, const std::string& role);
  //! Logs in through the API; fails the test if that does not work.
  Session Login(const std::string& email, const std::string& password = kPassword);

  static constexpr const char* kPassword = "correct horse battery";
};

}  // namespace dandelion::testing
