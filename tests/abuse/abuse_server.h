// The real server over a TestApp, on a free port, for the abuse tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "http/server.h"
#include "store/auth/auth_repos.h"
#include "tests/support/raw_http.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {

class AbuseTest : public ::testing::Test {
 protected:
  void Start(http::ServerOptions o = {}) {
    o.port = 0;
    o.hard_body_limit = app_.api.MaxBodyBytes();
    auto s = http::StartServer(app_.api, o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = std::move(*s);
    port_ = server_->port();
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  //! How many failed logins are recorded (server-wide key).
  int64_t RecordedFailures() {
    int64_t n = -1;
    Status st = app_.store->Read([&](store::Tx& tx) -> Status {
      DND_ASSIGN_OR_RETURN(auto c, store::Auth(tx).login_attempts().CountSince("server", 0));
      n = c.count;
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return n;
  }

  TestApp app_;
  std::unique_ptr<http::Server> server_;
  uint16_t port_ = 0;
};

}  // namespace dandelion::testing
