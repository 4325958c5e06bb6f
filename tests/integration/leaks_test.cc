// What the server lets slip and how it presents itself: no database or
// library text in answers, metrics behind a token when one is set, secure
// cookies and HSTS over HTTPS, and nothing left behind by a deleted topic.
#include <gtest/gtest.h>

#include "store/listening/listening_repos.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

using http::Json;

TEST(LeaksTest, InternalAndUnavailableErrorsCarryOnlyARequestIdNotTheCause) {
  for (const Status& st : {Internal("SQL: SELECT password_hash FROM users: syntax error"),
                           Unavailable("could not connect to server at 10.1.2.3:5432"),
                           Aborted("deadlock detected on relation memberships")}) {
    http::Response r = http::ErrorResponse(st);
    EXPECT_EQ(r.body.find("SELECT"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("10.1.2.3"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("deadlock"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("request id " + r.Header("X-Request-Id")), std::string::npos) << r.body;
    EXPECT_EQ(r.Header("X-Request-Id").size(), 12u);
  }
  // What the caller did wrong is still said in full.
  EXPECT_NE(http::ErrorResponse(InvalidArgument("name is too long", "name")).body.find("too long"),
            std::string::npos);
}

// A store that works but whose health check fails the way a lost database
// connection does, with the driver's words.
class UnreachableStore : public store::Store {
 public:
  explicit UnreachableStore(std::unique_ptr<store::Store> inner) : inner_(std::move(inner)) {}
  Status Write(const std::function<Status(store::Tx&)>& fn) override { return inner_->Write(fn); }
  Status Read(const std::function<Status(store::Tx&)>& fn) override { return inner_->Read(fn); }
  Result<int> Migrate() override { return inner_->Migrate(); }
  Result<std::vector<std::string>> AppliedMigrations() override {
    return inner_->AppliedMigrations();
  }
  Result<std::vector<std::string>> Schema() override { return inner_->Schema(); }
  Status Ping() override {
    return Unavailable("could not connect to server: Connection refused (10.7.7.7:5432)");
  }
  std::string Backend() const override { return inner_->Backend(); }
  Result<std::vector<std::string>> IntegrityProblems() override {
    return inner_->IntegrityProblems();
  }
  Status Backup(const std::string& path) override { return inner_->Backup(path); }

 private:
  std::unique_ptr<store::Store> inner_;
};

TEST(LeaksTest, ReadyzSaysNotReadyWithoutTheReason) {
  TestApp app(std::make_unique<UnreachableStore>(MemoryStore()));
  auto r = app.Call("GET", "/readyz");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(TestApp::Body(r)["error"]["message"], "not ready");
  EXPECT_EQ(r.body.find("10.7.7.7"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("refused"), std::string::npos) << r.body;
}

TEST(LeaksTest, MetricsAreForTheScraperWhenATokenIsSet) {
  http::ApiOptions with_token;
  with_token.metrics_token = "scrape-secret";
  TestApp app(MemoryStore(), with_token);
  EXPECT_EQ(app.Call("GET", "/metrics").status, 401);
  http::Request req;
  req.method = "GET";
  req.path = "/metrics";
  req.headers["authorization"] = "Bearer wrong-secret";
  EXPECT_EQ(app.api.Handle(req).status, 401);
  req.headers["authorization"] = "Bearer scrape-secret";
  EXPECT_EQ(app.api.Handle(req).status, 200);
  // Health stays open for probes.
  EXPECT_EQ(app.Call("GET", "/healthz").status, 200);
}

TEST(LeaksTest, OverHttpsTheSessionCookieIsHostPrefixedAndSecureWithHsts) {
  http::ApiOptions https;
  https.secure_cookies = true;
  TestApp app(MemoryStore(), https);
  app.AddUser("root@x.example", "hub", "admin");
  auto r = app.Call("POST", "/api/v1/auth/login",
                    Json({{"email", "root@x.example"}, {"password", TestApp::kPassword}}).dump());
  ASSERT_EQ(r.status, 200) << r.body;
  std::string cookie = r.Header("Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("__Host-dandelion_session=")) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Domain="), std::string::npos);
  EXPECT_NE(r.Header("Strict-Transport-Security").find("max-age="), std::string::npos);
  Session s = app.Login("root@x.example");
  EXPECT_EQ(app.Call("GET", "/api/v1/auth/me", "", &s).status, 200);
  // Without HTTPS there is no HSTS (it would lock plain-HTTP installs out).
  TestApp plain;
  EXPECT_TRUE(plain.Call("GET", "/healthz").Header("Strict-Transport-Security").empty());
}

TEST(LeaksTest, DeletingATopicDeletesItsAlerts) {
  TestApp app;
  app.AddUser("root@x.example", "hub", "admin");
  Session admin = app.Login("root@x.example");
  auto topic = app.listening.topics.CreateTopicAsSystem("hub", "Brand", "apple");
  ASSERT_TRUE(topic.ok());
  Status st = app.store->Write([&](store::Tx& r) -> Status {
    domain::Alert a;
    a.topic_id = topic->topic.id;
    a.unit_id = topic->topic.unit_id;
    a.kind = "volume";
    a.hour_ms = 3600 * 1000;
    return store::Listening(r).alerts().CreateIfNew(a).status();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(TestApp::Body(app.Call("GET", "/api/v1/alerts", "", &admin))["items"].size(), 1u);
  ASSERT_EQ(
      app.Call("DELETE", "/api/v1/topics/" + std::to_string(topic->topic.id), "", &admin).status,
      204);
  EXPECT_EQ(TestApp::Body(app.Call("GET", "/api/v1/alerts", "", &admin))["items"].size(), 0u);
}

}  // namespace
}  // namespace dandelion::testing
