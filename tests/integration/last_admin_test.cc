// The hub must keep an admin even when its last two remove each other at
// the same moment (on PostgreSQL two transactions could each count the
// other one still there, and both go).
#include <gtest/gtest.h>

#include <thread>

#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

using http::Json;

class LastAdminTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto store = GetParam() == "sqlite" ? MemoryStore() : PostgresStore();
    if (!store) GTEST_SKIP() << "DANDELION_TEST_PG is not set; scripts/test sets it";
    app_ = std::make_unique<TestApp>(std::move(store));
  }

  //! The id of `email`'s admin membership at the hub.
  int64_t HubAdminMembership(const std::string& email, const Session& as) {
    Json members = TestApp::Body(app_->Call("GET", "/api/v1/units/hub/members", "", &as));
    for (const auto& m : members["items"]) {
      if (m["user"]["email"] == email && m["role"] == "admin") return m["id"];
    }
    return 0;
  }
  int HubAdmins(const Session& as) {
    int n = 0;
    Json members = TestApp::Body(app_->Call("GET", "/api/v1/units/hub/members", "", &as));
    for (const auto& m : members["items"]) n += m["role"] == "admin";
    return n;
  }

  std::unique_ptr<TestApp> app_;
};

TEST_P(LastAdminTest, TwoLastAdminsRemovingEachOtherAtOnceLeaveOne) {
  for (int round = 0; round < 12; ++round) {
    std::string a = "a" + std::to_string(round) + "@x.example";
    std::string b = "b" + std::to_string(round) + "@x.example";
    app_->AddUser(a, "hub", "admin");
    app_->AddUser(b, "hub", "admin");
    Session sa = app_->Login(a), sb = app_->Login(b);
    // Leave exactly these two as the hub's admins.
    Json members = TestApp::Body(app_->Call("GET", "/api/v1/units/hub/members", "", &sa));
    for (const auto& m : members["items"]) {
      if (m["role"] == "admin" && m["user"]["email"] != a && m["user"]["email"] != b) {
        ASSERT_EQ(
            app_->Call("DELETE", "/api/v1/memberships/" + std::to_string(m["id"].get<int64_t>()),
                       "", &sa)
                .status,
            204);
      }
    }
    ASSERT_EQ(HubAdmins(sa), 2);
    const int64_t ma = HubAdminMembership(a, sa), mb = HubAdminMembership(b, sa);
    int status_a = 0, status_b = 0;
    std::thread ta([&] {
      status_a = app_->Call("DELETE", "/api/v1/memberships/" + std::to_string(mb), "", &sa).status;
    });
    std::thread tb([&] {
      status_b = app_->Call("DELETE", "/api/v1/memberships/" + std::to_string(ma), "", &sb).status;
    });
    ta.join();
    tb.join();
    // One removal went through; the other was refused (409), or found its
    // caller no longer an admin (403): never both.
    EXPECT_EQ((status_a == 204) + (status_b == 204), 1)
        << "round " << round << ": " << status_a << " and " << status_b;
    Session survivor = status_a == 204 ? sa : sb;
    EXPECT_EQ(HubAdmins(survivor), 1) << "round " << round;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, LastAdminTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dandelion::testing
