// The JSON API end to end through Api::Handle: auth, CSRF, tokens,
// throttling, bad input, the audit of denials, and the OpenAPI document.
#include <gtest/gtest.h>

#include <set>

#include "store/audit/audit_repo.h"
#include "store/org/org_repos.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

using http::Json;

std::string Header(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

int64_t AuditCount(TestApp& app, const std::string& action) {
  int64_t n = 0;
  Status st = app.store->Read([&](store::Tx& r) {
    return store::Audit(r).Scan([&](const domain::AuditEntry& e) {
      n += e.action == action;
      return true;
    });
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return n;
}

size_t UnitCount(TestApp& app) {
  size_t n = 0;
  Status st = app.store->Read([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(auto units, store::Org(r).units().List());
    n = units.size();
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return n;
}

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app_.AddUser("root@x.example", "hub", "admin");
    admin_ = app_.Login("root@x.example");
  }
  TestApp app_;
  Session admin_;
};

TEST_F(ApiTest, HealthReadinessAndMetrics) {
  EXPECT_EQ(app_.Call("GET", "/healthz").status, 200);
  auto ready = app_.Call("GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(TestApp::Body(ready)["store"], "sqlite");
  auto metrics = app_.Call("GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_TRUE(metrics.content_type.starts_with("text/plain"));
  EXPECT_NE(metrics.body.find(
                "dandelion_http_requests_total{method=\"GET\",route=\"/healthz\",code=\"200\"} 1"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("dandelion_up 1"), std::string::npos);
}

TEST_F(ApiTest, LoginSetsHttpOnlyLaxCookieAndMeWorks) {
  Json body = {{"email", "ROOT@x.example "}, {"password", TestApp::kPassword}};
  auto r = app_.Call("POST", "/api/v1/auth/login", body.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  std::string cookie = Header(r, "Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  Json j = TestApp::Body(r);
  EXPECT_EQ(j["user"]["email"], "root@x.example");
  EXPECT_EQ(j["memberships"][0]["role"], "admin");
  EXPECT_EQ(j["memberships"][0]["unit"], "hub");
  EXPECT_EQ(j["csrf_token"].get<std::string>().size(), 64u);

  auto me = app_.Call("GET", "/api/v1/auth/me", "", &admin_);
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(TestApp::Body(me)["csrf_token"], admin_.csrf);
}

TEST_F(ApiTest, LogoutEndsTheSession) {
  EXPECT_EQ(app_.Call("POST", "/api/v1/auth/logout", "", &admin_).status, 204);
  auto me = app_.Call("GET", "/api/v1/auth/me", "", &admin_);
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(TestApp::Body(me)["error"]["code"], "unauthenticated");
}

TEST_F(ApiTest, SessionExpires) {
  app_.clock.Advance(13LL * 3600 * 1000);
  auto me = app_.Call("GET", "/api/v1/auth/me", "", &admin_);
  EXPECT_EQ(me.status, 401);
  EXPECT_NE(TestApp::Body(me)["error"]["message"].get<std::string>().find("expired"),
            std::string::npos);
}

TEST_F(ApiTest, WrongPasswordAndUnknownEmailLookAlike) {
  auto bad_pw =
      app_.Call("POST", "/api/v1/auth/login",
                Json({{"email", "root@x.example"}, {"password", "nope-nope-nope"}}).dump());
  auto no_user =
      app_.Call("POST", "/api/v1/auth/login",
                Json({{"email", "ghost@x.example"}, {"password", "nope-nope-nope"}}).dump());
  EXPECT_EQ(bad_pw.status, 401);
  EXPECT_EQ(no_user.status, 401);
  EXPECT_EQ(TestApp::Body(bad_pw)["error"]["message"], TestApp::Body(no_user)["error"]["message"]);
  EXPECT_GE(AuditCount(app_, "auth.login_failed"), 2);
}

TEST_F(ApiTest, RepeatedFailuresThrottleThenRecover) {
  Json wrong = {{"email", "root@x.example"}, {"password", "wrong-password"}};
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(app_.Call("POST", "/api/v1/auth/login", wrong.dump()).status, 401);
  Json right = {{"email", "root@x.example"}, {"password", TestApp::kPassword}};
  auto locked = app_.Call("POST", "/api/v1/auth/login", right.dump());
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(TestApp::Body(locked)["error"]["code"], "too_many_requests");
  EXPECT_NE(locked.body.find("30 seconds"), std::string::npos) << locked.body;
  EXPECT_EQ(locked.Header("Retry-After"), "30");
  // Delayed, not refused for good: once the delay is over, the right
  // password logs in.
  app_.clock.Advance(30 * 1000);
  EXPECT_EQ(app_.Call("POST", "/api/v1/auth/login", right.dump()).status, 200);
}

TEST_F(ApiTest, StateChangeWithoutCsrfTokenIsRefusedAndAudited) {
  Session no_csrf = admin_;
  no_csrf.csrf = "";
  size_t before = UnitCount(app_);
  auto r = app_.Call("POST", "/api/v1/units",
                     Json({{"slug", "x1"}, {"name", "X"}, {"parent", "hub"}}).dump(), &no_csrf);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(TestApp::Body(r)["error"]["field"], "X-CSRF-Token");
  EXPECT_EQ(UnitCount(app_), before);
  EXPECT_EQ(AuditCount(app_, "denied"), 1);
  Session wrong = admin_;
  wrong.csrf = std::string(64, 'a');
  EXPECT_EQ(app_.Call("POST", "/api/v1/units",
                      Json({{"slug", "x1"}, {"name", "X"}, {"parent", "hub"}}).dump(), &wrong)
                .status,
            403);
}

TEST_F(ApiTest, ApiTokenWorksWithoutCsrfUntilRevoked) {
  auto created = app_.Call("POST", "/api/v1/auth/tokens",
                           Json({{"name", "ci"}, {"scope", "write"}}).dump(), &admin_);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string secret = TestApp::Body(created)["token"];
  int64_t id = TestApp::Body(created)["id"];
  http::Request req;
  req.method = "POST";
  req.path = "/api/v1/units";
  req.headers["authorization"] = "Bearer " + secret;
  req.headers["content-type"] = "application/json";
  req.body = Json({{"slug", "via-token"}, {"name", "Via token"}, {"parent", "hub"}}).dump();
  EXPECT_EQ(app_.api.Handle(req).status, 201);
  auto list = app_.Call("GET", "/api/v1/auth/tokens", "", &admin_);
  EXPECT_EQ(TestApp::Body(list)["items"][0]["name"], "ci");
  EXPECT_FALSE(TestApp::Body(list)["items"][0]["last_used_at"].is_null());
  EXPECT_EQ(list.body.find(secret), std::string::npos) << "the secret is shown only once";
  EXPECT_EQ(app_.Call("DELETE", "/api/v1/auth/tokens/" + std::to_string(id), "", &admin_).status,
            204);
  req.body = Json({{"slug", "via-token-2"}, {"name", "Again"}, {"parent", "hub"}}).dump();
  EXPECT_EQ(app_.api.Handle(req).status, 401);
}

TEST_F(ApiTest, BadInputNamesTheFieldAndWritesNothing) {
  size_t before = UnitCount(app_);
  struct Case {
    std::string body;
    int status;
    std::string field;
  } cases[] = {
      {"{not json", 400, ""},
      {"[1,2]", 400, ""},
      {R"({"slug":5,"name":"N","parent":"hub"})", 400, "slug"},
      {R"({"slug":"ok","name":"N","parent":"hub","colour":"red"})", 400, "colour"},
      {R"({"name":"N","parent":"hub"})", 400, "slug"},
      {R"({"slug":"Bad Slug","name":"N","parent":"hub"})", 400, "slug"},
      {R"({"slug":"ok","name":"  ","parent":"hub"})", 400, "name"},
      {R"({"slug":"ok","name":"N","parent":"nowhere"})", 404, "parent"},
  };
  for (const Case& c : cases) {
    auto r = app_.Call("POST", "/api/v1/units", c.body, &admin_);
    EXPECT_EQ(r.status, c.status) << c.body << " -> " << r.body;
    Json err = TestApp::Body(r)["error"];
    EXPECT_FALSE(err["message"].get<std::string>().empty());
    if (c.field.empty()) {
      EXPECT_TRUE(err["field"].is_null()) << r.body;
    } else {
      EXPECT_EQ(err["field"], c.field) << r.body;
    }
  }
  EXPECT_EQ(UnitCount(app_), before);
}

TEST_F(ApiTest, OversizedBodyIs413) {
  std::string big = "{\"name\":\"" + std::string(2 << 20, 'x') + "\"}";
  auto r = app_.Call("POST", "/api/v1/auth/tokens", big, &admin_);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(TestApp::Body(r)["error"]["code"], "payload_too_large");
}

TEST_F(ApiTest, NonJsonContentTypeIs415) {
  http::Request req;
  req.method = "POST";
  req.path = "/api/v1/auth/login";
  req.headers["content-type"] = "application/x-www-form-urlencoded";
  req.body = "email=a&password=b";
  auto r = app_.api.Handle(req);
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(TestApp::Body(r)["error"]["field"], "Content-Type");
}

TEST_F(ApiTest, BadIdsAndUnknownPaths) {
  auto r = app_.Call("DELETE", "/api/v1/memberships/abc", "", &admin_);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(TestApp::Body(r)["error"]["field"], "id");
  EXPECT_EQ(app_.Call("DELETE", "/api/v1/memberships/424242", "", &admin_).status, 404);
  EXPECT_EQ(app_.Call("GET", "/api/v1/units/nope", "", &admin_).status, 404);
  EXPECT_EQ(app_.Call("GET", "/api/v1/nothing-here", "", &admin_).status, 404);
  EXPECT_EQ(app_.Call("PUT", "/api/v1/units", "", &admin_).status, 405);
  auto lim = app_.Call("GET", "/api/v1/users?limit=0", "", &admin_);
  EXPECT_EQ(lim.status, 400);
  EXPECT_EQ(TestApp::Body(lim)["error"]["field"], "limit");
}

TEST_F(ApiTest, SecurityHeadersOnEveryResponse) {
  for (auto* path : {"/healthz", "/api/v1/units", "/organisation", "/nope.js"}) {
    auto r = app_.Call("GET", path);
    EXPECT_NE(Header(r, "Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos)
        << path;
    EXPECT_EQ(Header(r, "X-Content-Type-Options"), "nosniff") << path;
  }
}

TEST_F(ApiTest, CreateSpokeAddUserGiveRoleListThem) {
  auto spoke =
      app_.Call("POST", "/api/v1/units",
                Json({{"slug", "retail"}, {"name", "Retail"}, {"parent", "hub"}}).dump(), &admin_);
  ASSERT_EQ(spoke.status, 201) << spoke.body;
  EXPECT_EQ(TestApp::Body(spoke)["parent"], "hub");
  EXPECT_EQ(TestApp::Body(spoke)["depth"], 1);
  auto user = app_.Call("POST", "/api/v1/users",
                        Json({{"email", "Pat@X.example"},
                              {"name", "Pat"},
                              {"password", "long enough pw"},
                              {"unit", "retail"},
                              {"role", "publisher"}})
                            .dump(),
                        &admin_);
  ASSERT_EQ(user.status, 201) << user.body;
  EXPECT_EQ(TestApp::Body(user)["email"], "pat@x.example");
  int64_t pat = TestApp::Body(user)["id"];
  auto role = app_.Call("POST", "/api/v1/units/hub/members",
                        Json({{"user_id", pat}, {"role", "analyst"}}).dump(), &admin_);
  ASSERT_EQ(role.status, 201) << role.body;
  EXPECT_EQ(app_.Call("POST", "/api/v1/units/hub/members",
                      Json({{"user_id", pat}, {"role", "analyst"}}).dump(), &admin_)
                .status,
            409);
  EXPECT_EQ(app_.Call("POST", "/api/v1/units/hub/members",
                      Json({{"user_id", pat}, {"role", "wizard"}}).dump(), &admin_)
                .status,
            400);

  auto units = TestApp::Body(app_.Call("GET", "/api/v1/units", "", &admin_))["items"];
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[1]["slug"], "retail");
  auto members =
      TestApp::Body(app_.Call("GET", "/api/v1/units/retail/members", "", &admin_))["items"];
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0]["user"]["name"], "Pat");
  EXPECT_EQ(members[0]["role"], "publisher");

  // Pat, a publisher in retail, sees retail and its ancestors but may not add spokes.
  Session pat_s = app_.Login("pat@x.example", "long enough pw");
  auto pat_units = TestApp::Body(app_.Call("GET", "/api/v1/units", "", &pat_s))["items"];
  EXPECT_EQ(pat_units.size(), 2u);
  EXPECT_EQ(app_.Call("POST", "/api/v1/units",
                      Json({{"slug", "r2"}, {"name", "R2"}, {"parent", "retail"}}).dump(), &pat_s)
                .status,
            403);
  EXPECT_EQ(AuditCount(app_, "denied"), 1);
}

TEST_F(ApiTest, UsersArePaginated) {
  for (int i = 0; i < 4; ++i)
    app_.AddUser("u" + std::to_string(i) + "@x.example", "hub", "analyst");
  auto p1 = TestApp::Body(app_.Call("GET", "/api/v1/users?limit=3", "", &admin_));
  ASSERT_EQ(p1["items"].size(), 3u);
  ASSERT_TRUE(p1["next"].is_string()) << p1.dump();
  auto p2 = TestApp::Body(app_.Call(
      "GET", "/api/v1/users?limit=3&cursor=" + p1["next"].get<std::string>(), "", &admin_));
  EXPECT_EQ(p2["items"].size(), 2u);  // the hub admin and four users
  EXPECT_TRUE(p2["next"].is_null());
  EXPECT_EQ(app_.Call("GET", "/api/v1/users?cursor=abc", "", &admin_).status, 400);
}

TEST_F(ApiTest, TheLastHubAdminCannotBeRemoved) {
  auto members = TestApp::Body(app_.Call("GET", "/api/v1/units/hub/members", "", &admin_))["items"];
  ASSERT_EQ(members.size(), 1u);
  auto r =
      app_.Call("DELETE", "/api/v1/memberships/" + std::to_string(members[0]["id"].get<int64_t>()),
                "", &admin_);
  EXPECT_EQ(r.status, 409);
}

TEST_F(ApiTest, AuditListsChangesAndVerifies) {
  app_.Call("POST", "/api/v1/units",
            Json({{"slug", "pr"}, {"name", "PR"}, {"parent", "hub"}}).dump(), &admin_);
  auto log = TestApp::Body(app_.Call("GET", "/api/v1/audit?limit=2", "", &admin_));
  ASSERT_EQ(log["items"].size(), 2u);
  EXPECT_EQ(log["items"][0]["action"], "unit.create");
  EXPECT_EQ(log["items"][0]["after"]["slug"], "pr");
  EXPECT_EQ(log["items"][0]["actor"], "root@x.example");
  auto v = TestApp::Body(app_.Call("GET", "/api/v1/audit/verify", "", &admin_));
  EXPECT_EQ(v["ok"], true);
  EXPECT_GT(v["checked"].get<int>(), 3);
}

TEST_F(ApiTest, WebRoutesFallBackToTheAppShell) {
  EmbeddedFile files[] = {{"index.html", "<html>shell</html>"}, {"assets/app-1.js", "js()"}};
  http::Api api(http::ApiCore{*app_.store, app_.auth, app_.audit}, {}, files);
  http::Request req;
  req.method = "GET";
  req.path = "/organisation";
  auto shell = api.Handle(req);
  EXPECT_EQ(shell.status, 200);
  EXPECT_EQ(shell.body, "<html>shell</html>");
  req.path = "/assets/app-1.js";
  auto js = api.Handle(req);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(Header(js, "Cache-Control").find("immutable"), std::string::npos);
  req.path = "/assets/missing.js";
  EXPECT_EQ(api.Handle(req).status, 404);
  req.method = "POST";
  req.path = "/organisation";
  EXPECT_EQ(api.Handle(req).status, 405);
}

TEST_F(ApiTest, AnalyzeTextReturnsEveryStage) {
  Json body = {{"text", "@AcmeAir lost my bag AGAIN!!! worst airline 😡 https://acme.com/bags"},
               {"network", "x"}};
  auto r = app_.Call("POST", "/api/v1/text/analyze", body.dump(), &admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = TestApp::Body(r);
  for (auto* key : {"network", "code_points", "invalid_utf8", "entities", "length", "language",
                    "sentiment", "intents", "pii", "masked"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["network"], "x");
  EXPECT_EQ(j["entities"].size(), 2u);
  EXPECT_EQ(j["sentiment"]["label"], "negative");
  EXPECT_EQ(j["length"]["limit"], 280);
  EXPECT_TRUE(j["length"]["over_at"].is_null());
  auto bad = app_.Call("POST", "/api/v1/text/analyze",
                       Json({{"text", "hi"}, {"network", "myspace"}}).dump(), &admin_);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(TestApp::Body(bad)["error"]["field"], "network");
  auto missing =
      app_.Call("POST", "/api/v1/text/analyze", Json({{"network", "x"}}).dump(), &admin_);
  EXPECT_EQ(TestApp::Body(missing)["error"]["field"], "text");
  EXPECT_EQ(app_.Call("POST", "/api/v1/text/analyze", body.dump()).status, 401);
}

// The document at /api/v1/openapi.json must list exactly the routes the
// router serves, with the same methods.
TEST(OpenApiTest, DocumentMatchesTheRouter) {
  TestApp app;
  auto r = app.Call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  Json doc = Json::parse(r.body);
  ASSERT_EQ(doc["openapi"], "3.1.0");
  std::set<std::pair<std::string, std::string>> documented, served;
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      std::string m = method;
      for (char& c : m) c = static_cast<char>(toupper(c));
      documented.insert({m, path});
      EXPECT_TRUE(op.contains("responses")) << m << " " << path;
      EXPECT_TRUE(op.contains("summary")) << m << " " << path;
    }
  }
  for (const auto& route : app.api.router().routes()) served.insert({route.method, route.pattern});
  for (const auto& s : served)
    EXPECT_TRUE(documented.count(s)) << "undocumented: " << s.first << " " << s.second;
  for (const auto& d : documented)
    EXPECT_TRUE(served.count(d)) << "documented but not served: " << d.first << " " << d.second;
}

}  // namespace
}  // namespace dandelion::testing
