#include "tests/support/test_app.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "common/crypto.h"
#include "store/postgres/postgres_database.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/sqlite_database.h"

namespace dandelion::testing {

std::unique_ptr<store::Store> MemoryStore() {
  (void)CryptoInit();
  auto db = store::sqlite::OpenSqlite(":memory:");
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  auto s = std::make_unique<store::sql::SqlStore>(std::move(*db), store::sql::SqliteMigrations());
  auto m = s->Migrate();
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return s;
}

std::unique_ptr<store::Store> FileStore(const std::string& path) {
  (void)CryptoInit();
  auto db = store::sqlite::OpenSqlite(path);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  auto s = std::make_unique<store::sql::SqlStore>(std::move(*db), store::sql::SqliteMigrations());
  auto m = s->Migrate();
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return s;
}

std::unique_ptr<store::Store> PostgresStore() {
  (void)CryptoInit();
  const char* url = std::getenv("DANDELION_TEST_PG");
  if (url == nullptr || *url == '\0') return nullptr;
  // Each store gets its own schema, so tests never see each other's rows.
  static int counter = 0;
  std::string schema = "t" + RandomHex(6) + std::to_string(++counter);
  {
    auto admin = store::postgres::OpenPostgres(url, 1);
    EXPECT_TRUE(admin.ok()) << admin.status().ToString();
    if (!admin.ok()) return nullptr;
    Status st = (*admin)->Transact(
        [&](store::sql::Conn& c) { return c.ExecScript("CREATE SCHEMA " + schema); });
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  std::string conninfo = std::string(url) +
                         (std::string(url).find('?') == std::string::npos ? "?" : "&") +
                         "options=-csearch_path%3D" + schema;
  auto db = store::postgres::OpenPostgres(conninfo, 4);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  if (!db.ok()) return nullptr;
  auto s = std::make_unique<store::sql::SqlStore>(std::move(*db), store::sql::PostgresMigrations());
  auto m = s->Migrate();
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return s;
}

std::string Outbox::LastInvitationTokenFor(const std::string& email) const {
  std::lock_guard lock(mu_);
  for (auto it = sent_.rbegin(); it != sent_.rend(); ++it) {
    if (it->to != email) continue;
    size_t at = it->text.find("/invitations/");
    if (at != std::string::npos) return it->text.substr(at + 13, 64);
  }
  return "";
}

namespace {
// Tests read a topic's counts right after saving it: its back-fill is waited
// for to the end (the background path has tests of its own).
app::AppOptions TestOptions(http::ApiOptions api, service::Mailer* mailer,
                            ingest::Publisher* publisher) {
  app::AppOptions o;
  o.publisher = publisher;
  o.password_cost = PasswordCost::kMinimum;
  o.api = std::move(api);
  o.mailer = mailer;
  o.backfill.wait_ms = -1;
  o.care.sweep_every = std::chrono::milliseconds(0);  // the tests sweep themselves
  return o;
}
}  // namespace

TestApp::TestApp(std::unique_ptr<store::Store> s, http::ApiOptions api,
                 ingest::Publisher* publisher)
    : TestAppBase(std::move(s)),
      App(*store, clock, {}, TestOptions(std::move(api), &outbox, publisher)) {
  auto hub = org.EnsureHub("Test Hub");
  EXPECT_TRUE(hub.ok()) << hub.status().ToString();
}

http::Response TestApp::Call(const std::string& method, const std::string& target,
                             const std::string& body, const Session* session) {
  http::Request req;
  req.method = method;
  size_t q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) req.query = target.substr(q + 1);
  req.body = body;
  req.remote_ip = "127.0.0.1";
  if (!body.empty()) req.headers["content-type"] = "application/json";
  if (session != nullptr) {
    req.headers["cookie"] = session->cookie;
    req.headers["x-csrf-token"] = session->csrf;
  }
  return api.Handle(req);
}

http::Json TestApp::Body(const http::Response& r) {
  if (r.body.empty()) return nullptr;
  return http::Json::parse(r.body, nullptr, false);
}

domain::User TestApp::AddUser(const std::string& email, const std::string& unit,
                              const std::string& role) {
  auto u = org.CreateUserAsSystem({email, "User " + email, kPassword, unit, role});
  EXPECT_TRUE(u.ok()) << u.status().ToString();
  return u.ok() ? u->user : domain::User{};
}

Session TestApp::Login(const std::string& email, const std::string& password) {
  http::Json body = {{"email", email}, {"password", password}};
  http::Response r = Call("POST", "/api/v1/auth/login", body.dump());
  EXPECT_EQ(r.status, 200) << r.body;
  Session s;
  for (const auto& [k, v] : r.headers) {
    if (k == "Set-Cookie") s.cookie = v.substr(0, v.find(';'));
  }
  http::Json j = Body(r);
  if (j.is_object() && j.contains("csrf_token")) s.csrf = j["csrf_token"].get<std::string>();
  return s;
}

}  // namespace dandelion::testing
