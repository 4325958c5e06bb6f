// Sessions and API tokens through the API: an idle timeout besides the
// absolute one, a password change that ends the other sessions, logging out
// everywhere, and tokens that expire, keep to their scope and cannot mint
// tokens. Each test is named after what it prevents.
#include <gtest/gtest.h>

#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

using http::Json;

class SessionTokenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app_.AddUser("root@x.example", "hub", "admin");
    admin_ = app_.Login("root@x.example");
  }

  //! A new token of the admin's with `scope`; its secret.
  std::string Token(const std::string& scope, int days = 30) {
    auto r = app_.Call(
        "POST", "/api/v1/auth/tokens",
        Json({{"name", scope + " token"}, {"scope", scope}, {"expires_in_days", days}}).dump(),
        &admin_);
    EXPECT_EQ(r.status, 201) << r.body;
    return TestApp::Body(r)["token"];
  }
  http::Response WithToken(const std::string& secret, const std::string& method,
                           const std::string& path, const std::string& body = "",
                           const std::string& content_type = "application/json") {
    http::Request req;
    req.method = method;
    req.path = path;
    req.headers["authorization"] = "Bearer " + secret;
    if (!body.empty()) req.headers["content-type"] = content_type;
    req.body = body;
    return app_.api.Handle(req);
  }
  int Me(const Session& s) { return app_.Call("GET", "/api/v1/auth/me", "", &s).status; }

  TestApp app_;
  Session admin_;
};

TEST_F(SessionTokenApiTest, ForgottenSessionEndsAfterTheIdleTimeout) {
  Session used = app_.Login("root@x.example");
  // Used every hour, a session lives on; left alone for more than two hours,
  // it ends, well before its absolute end.
  for (int i = 0; i < 3; ++i) {
    app_.clock.Advance(3600 * 1000);
    EXPECT_EQ(Me(used), 200);
  }
  app_.clock.Advance(2 * 3600 * 1000 + 1);
  auto r = app_.Call("GET", "/api/v1/auth/me", "", &used);
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.body.find("without use"), std::string::npos) << r.body;
}

TEST_F(SessionTokenApiTest, ChangingThePasswordEndsTheOtherSessions) {
  Session other = app_.Login("root@x.example");
  auto r = app_.Call(
      "POST", "/api/v1/auth/password",
      Json({{"current_password", TestApp::kPassword}, {"new_password", "a brand new password"}})
          .dump(),
      &admin_);
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(Me(admin_), 200) << "the session that changed it stays";
  EXPECT_EQ(Me(other), 401) << "every other session ends";
  Json old_pw = {{"email", "root@x.example"}, {"password", TestApp::kPassword}};
  EXPECT_EQ(app_.Call("POST", "/api/v1/auth/login", old_pw.dump()).status, 401);
  app_.Login("root@x.example", "a brand new password");
}

TEST_F(SessionTokenApiTest, WrongCurrentPasswordIsRefusedAndGuessingItIsThrottled) {
  auto change = [&](const std::string& current) {
    return app_.Call(
        "POST", "/api/v1/auth/password",
        Json({{"current_password", current}, {"new_password", "a brand new password"}}).dump(),
        &admin_);
  };
  auto wrong = change("not my password");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(TestApp::Body(wrong)["error"]["field"], "current_password");
  auto too_short = app_.Call(
      "POST", "/api/v1/auth/password",
      Json({{"current_password", TestApp::kPassword}, {"new_password", "short"}}).dump(), &admin_);
  EXPECT_EQ(TestApp::Body(too_short)["error"]["field"], "new_password");
  for (int i = 0; i < 4; ++i) EXPECT_EQ(change("guess " + std::to_string(i)).status, 400);
  EXPECT_EQ(change(TestApp::kPassword).status, 429) << "a stolen session cannot guess on and on";
}

TEST_F(SessionTokenApiTest, LogOutEverywhereEndsEverySession) {
  Session laptop = app_.Login("root@x.example"), phone = app_.Login("root@x.example");
  auto r = app_.Call("POST", "/api/v1/auth/logout-everywhere", "", &laptop);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(TestApp::Body(r)["sessions_ended"], 3);
  EXPECT_NE(r.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Me(laptop), 401);
  EXPECT_EQ(Me(phone), 401);
  EXPECT_EQ(Me(admin_), 401);
}

TEST_F(SessionTokenApiTest, LeakedTokenCannotMintItselfASuccessor) {
  std::string write = Token("write");
  auto r = WithToken(write, "POST", "/api/v1/auth/tokens", Json({{"name", "heir"}}).dump());
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(TestApp::Body(app_.Call("GET", "/api/v1/auth/tokens", "", &admin_))["items"].size(),
            1u);
}

TEST_F(SessionTokenApiTest, ReadTokenCannotChangeAnything) {
  std::string read = Token("read");
  EXPECT_EQ(WithToken(read, "GET", "/api/v1/units").status, 200);
  auto r = WithToken(read, "POST", "/api/v1/units",
                     Json({{"slug", "by-reader"}, {"name", "X"}, {"parent", "hub"}}).dump());
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("scope is read"), std::string::npos) << r.body;
}

TEST_F(SessionTokenApiTest, IngestTokenOnlyFeedsPostsIn) {
  std::string ingest = Token("ingest");
  EXPECT_EQ(WithToken(ingest, "GET", "/api/v1/units").status, 403);
  std::string post = Json({{"network", "mastodon"},
                           {"id", "p1"},
                           {"text", "hello"},
                           {"created_at", app_.clock.NowMs()},
                           {"author", {{"id", "a1"}, {"handle", "fan"}}}})
                         .dump();
  EXPECT_EQ(WithToken(ingest, "POST", "/api/v1/ingest", post).status, 200);
}

TEST_F(SessionTokenApiTest, ExpiredTokenIsRefused) {
  std::string t = Token("read", 1);
  EXPECT_EQ(WithToken(t, "GET", "/api/v1/units").status, 200);
  app_.clock.Advance(24LL * 3600 * 1000 + 1);
  auto r = WithToken(t, "GET", "/api/v1/units");
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.body.find("expired"), std::string::npos) << r.body;
}

TEST_F(SessionTokenApiTest, BadTokenRequestsNameTheField) {
  auto scope = app_.Call("POST", "/api/v1/auth/tokens",
                         Json({{"name", "x"}, {"scope", "admin"}}).dump(), &admin_);
  EXPECT_EQ(TestApp::Body(scope)["error"]["field"], "scope");
  auto days = app_.Call("POST", "/api/v1/auth/tokens",
                        Json({{"name", "x"}, {"expires_in_days", 9999}}).dump(), &admin_);
  EXPECT_EQ(TestApp::Body(days)["error"]["field"], "expires_in_days");
  auto plain = app_.Call("POST", "/api/v1/auth/tokens", Json({{"name", "x"}}).dump(), &admin_);
  ASSERT_EQ(plain.status, 201);
  EXPECT_EQ(TestApp::Body(plain)["scope"], "read") << "least privilege by default";
}

}  // namespace
}  // namespace dandelion::testing
