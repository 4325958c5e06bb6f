// Invitations through the API: a spoke admin invites by e-mail, the link
// goes only to that address, the answer is the same whether an account
// exists or not, and the link's holder signs up or accepts, once.
#include <gtest/gtest.h>

#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

using http::Json;

class InvitationApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app_.AddUser("root@x.example", "hub", "admin");
    root_ = app_.Login("root@x.example");
    for (auto slug : {"emea", "apac"}) {
      ASSERT_EQ(
          app_.Call("POST", "/api/v1/units",
                    Json({{"slug", slug}, {"name", std::string("Unit ") + slug}, {"parent", "hub"}})
                        .dump(),
                    &root_)
              .status,
          201);
    }
    app_.AddUser("emea.admin@x.example", "emea", "admin");
    emea_admin_ = app_.Login("emea.admin@x.example");
  }

  http::Response Invite(const std::string& email, const std::string& role = "agent",
                        const std::string& unit = "emea") {
    return app_.Call("POST", "/api/v1/units/" + unit + "/invitations",
                     Json({{"email", email}, {"role", role}}).dump(), &emea_admin_);
  }

  TestApp app_;
  Session root_, emea_admin_;
};

TEST_F(InvitationApiTest, InvitingAnswersAlikeWhetherTheEmailHasAnAccountOrNot) {
  app_.AddUser("apac.person@x.example", "apac", "agent");
  auto existing = Invite("apac.person@x.example");
  auto fresh = Invite("nobody.yet@x.example");
  ASSERT_EQ(existing.status, 202) << existing.body;
  ASSERT_EQ(fresh.status, 202) << fresh.body;
  Json a = TestApp::Body(existing), b = TestApp::Body(fresh);
  for (Json* j : {&a, &b}) {
    j->erase("id");
    j->erase("email");
  }
  EXPECT_EQ(a, b);
  // Both links went to the addresses, and neither to the inviter.
  EXPECT_FALSE(app_.outbox.LastInvitationTokenFor("apac.person@x.example").empty());
  EXPECT_FALSE(app_.outbox.LastInvitationTokenFor("nobody.yet@x.example").empty());
  EXPECT_TRUE(app_.outbox.LastInvitationTokenFor("emea.admin@x.example").empty());
  EXPECT_EQ(existing.body.find(app_.outbox.LastInvitationTokenFor("apac.person@x.example")),
            std::string::npos);
}

TEST_F(InvitationApiTest, SpokeAdminCannotLearnWhichEmailsHaveAccountsByCreatingUsers) {
  app_.AddUser("taken@x.example", "apac", "agent");
  Json body = {{"email", "taken@x.example"},
               {"name", "T"},
               {"password", "long enough pw"},
               {"unit", "emea"},
               {"role", "agent"}};
  auto taken = app_.Call("POST", "/api/v1/users", body.dump(), &emea_admin_);
  body["email"] = "free@x.example";
  auto free = app_.Call("POST", "/api/v1/users", body.dump(), &emea_admin_);
  EXPECT_EQ(taken.status, 403) << taken.body;
  EXPECT_EQ(TestApp::Body(taken), TestApp::Body(free));
  EXPECT_NE(taken.body.find("invite"), std::string::npos);
}

TEST_F(InvitationApiTest, LinkHolderSignsUpOnceAndHoldsTheRole) {
  ASSERT_EQ(Invite("new.person@x.example", "publisher").status, 202);
  std::string token = app_.outbox.LastInvitationTokenFor("new.person@x.example");
  ASSERT_EQ(token.size(), 64u);
  auto preview = app_.Call("GET", "/api/v1/invitations/by-token/" + token);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(TestApp::Body(preview)["unit_name"], "Unit emea");
  EXPECT_EQ(TestApp::Body(preview)["account_exists"], false);
  auto signup = app_.Call("POST", "/api/v1/invitations/by-token/" + token + "/signup",
                          Json({{"name", "New Person"}, {"password", "a long password"}}).dump());
  ASSERT_EQ(signup.status, 201) << signup.body;
  Session s = app_.Login("new.person@x.example", "a long password");
  Json me = TestApp::Body(app_.Call("GET", "/api/v1/auth/me", "", &s));
  ASSERT_EQ(me["memberships"].size(), 1u);
  EXPECT_EQ(me["memberships"][0]["unit"], "emea");
  EXPECT_EQ(me["memberships"][0]["role"], "publisher");
  // The link worked once.
  auto again = app_.Call("POST", "/api/v1/invitations/by-token/" + token + "/signup",
                         Json({{"name", "Someone"}, {"password", "another password"}}).dump());
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(app_.Call("GET", "/api/v1/invitations/by-token/" + token).status, 404);
}

TEST_F(InvitationApiTest, ExistingAccountAcceptsLoggedInAsTheInvitedAddressOnly) {
  app_.AddUser("apac.person@x.example", "apac", "agent");
  ASSERT_EQ(Invite("apac.person@x.example", "analyst").status, 202);
  std::string token = app_.outbox.LastInvitationTokenFor("apac.person@x.example");
  EXPECT_EQ(
      TestApp::Body(app_.Call("GET", "/api/v1/invitations/by-token/" + token))["account_exists"],
      true);
  // Signing up cannot take over the existing account.
  auto signup = app_.Call("POST", "/api/v1/invitations/by-token/" + token + "/signup",
                          Json({{"name", "Thief"}, {"password", "a long password"}}).dump());
  EXPECT_EQ(signup.status, 409) << signup.body;
  // Someone else logged in may not accept it.
  auto other =
      app_.Call("POST", "/api/v1/invitations/by-token/" + token + "/accept", "", &emea_admin_);
  EXPECT_EQ(other.status, 403) << other.body;
  Session s = app_.Login("apac.person@x.example");
  auto accepted = app_.Call("POST", "/api/v1/invitations/by-token/" + token + "/accept", "", &s);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(TestApp::Body(accepted)["role"], "analyst");
  EXPECT_EQ(app_.Call("POST", "/api/v1/invitations/by-token/" + token + "/accept", "", &s).status,
            404);
}

TEST_F(InvitationApiTest, ExpiredAndWithdrawnLinksAreGoneAndListsShowWhatIsPending) {
  ASSERT_EQ(Invite("a@x.example").status, 202);
  auto b = Invite("b@x.example");
  ASSERT_EQ(b.status, 202);
  Json pending =
      TestApp::Body(app_.Call("GET", "/api/v1/units/emea/invitations", "", &emea_admin_));
  ASSERT_EQ(pending["items"].size(), 2u) << pending.dump();
  EXPECT_EQ(pending["items"][0]["email"], "b@x.example");  // newest first
  // Another spoke's admin cannot see or withdraw them.
  app_.AddUser("apac.admin@x.example", "apac", "admin");
  Session apac = app_.Login("apac.admin@x.example");
  EXPECT_EQ(app_.Call("GET", "/api/v1/units/emea/invitations", "", &apac).status, 404);
  std::string b_id = std::to_string(TestApp::Body(b)["id"].get<int64_t>());
  EXPECT_EQ(app_.Call("DELETE", "/api/v1/invitations/" + b_id, "", &apac).status, 404);
  EXPECT_EQ(app_.Call("DELETE", "/api/v1/invitations/" + b_id, "", &emea_admin_).status, 204);
  EXPECT_EQ(app_.Call("GET", "/api/v1/invitations/by-token/" +
                                 app_.outbox.LastInvitationTokenFor("b@x.example"))
                .status,
            404);
  app_.clock.Advance(7LL * 24 * 3600 * 1000 + 1);
  EXPECT_EQ(app_.Call("GET", "/api/v1/invitations/by-token/" +
                                 app_.outbox.LastInvitationTokenFor("a@x.example"))
                .status,
            404);
  EXPECT_EQ(
      TestApp::Body(app_.Call("GET", "/api/v1/units/emea/invitations", "", &emea_admin_))["items"]
          .size(),
      0u);
}

TEST_F(InvitationApiTest, BadInvitationsAreRefusedNamingTheField) {
  auto bad_email = Invite("not an address");
  EXPECT_EQ(bad_email.status, 400);
  EXPECT_EQ(TestApp::Body(bad_email)["error"]["field"], "email");
  auto bad_role = Invite("ok@x.example", "emperor");
  EXPECT_EQ(bad_role.status, 400);
  EXPECT_EQ(TestApp::Body(bad_role)["error"]["field"], "role");
  EXPECT_EQ(Invite("ok@x.example", "agent", "apac").status, 404);  // outside their view
  EXPECT_TRUE(app_.outbox.Sent().empty());
}

}  // namespace
}  // namespace dandelion::testing
