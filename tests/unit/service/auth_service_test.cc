// AuthService's login: lengths capped before any work, throttling per
// account, per address and over the server, nothing typed kept in clear,
// old failures purged. Each test is named after what it prevents.
#include "service/auth/auth_service.h"

#include <gtest/gtest.h>

#include "store/auth/auth_repos.h"
#include "tests/unit/service/service_fixture.h"

namespace dandelion::service {
namespace {

class AuthServiceTest : public ServiceTest {
 protected:
  AuthServiceTest() : auth_(*store_, clock_, workers_) {}

  Result<LoginResult> TryLogin(const std::string& email, const std::string& password,
                               const std::string& address = "192.0.2.1",
                               int64_t* retry_after_ms = nullptr) {
    return auth_.Login({email, password, address}, retry_after_ms);
  }

  int64_t FailureRows() {
    int64_t n = 0;
    Status st = store_->Read([&](store::Tx& tx) -> Status {
      auto& logins = store::Auth(tx).login_attempts();
      for (const std::string& key : {ServerKey()}) {
        DND_ASSIGN_OR_RETURN(auto c, logins.CountSince(key, 0));
        n += c.count;
      }
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return n;
  }

  PasswordWorkers workers_;
  AuthService auth_;
};

TEST_F(AuthServiceTest, OversizedEmailIsRefusedBeforeAnyWorkAndStoredNowhere) {
  Root();
  size_t audit_before = Audit().size();
  std::string huge(900 * 1024, 'a');
  auto r = TryLogin(huge + "@x.example", "whatever pw");
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "email");
  EXPECT_EQ(FailureRows(), 0);
  EXPECT_EQ(Audit().size(), audit_before);
  auto p = TryLogin("root@x.example", std::string(201, 'p'));
  EXPECT_EQ(p.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(p.status().field(), "password");
}

TEST_F(AuthServiceTest, FailedLoginKeepsNoTypedEmailInTheFailureTableOrAuditLog) {
  Root();
  ASSERT_EQ(TryLogin("Someone.Private@Elsewhere.example", "wrong password").status().code(),
            Code::kUnauthenticated);
  for (const auto& e : Audit()) {
    EXPECT_EQ(e.target.find("someone.private"), std::string::npos) << e.target;
    EXPECT_EQ(e.target.find("elsewhere"), std::string::npos) << e.target;
  }
  Status st = store_->Read([&](store::Tx& tx) -> Status {
    auto& logins = store::Auth(tx).login_attempts();
    DND_ASSIGN_OR_RETURN(auto raw, logins.CountSince("someone.private@elsewhere.example", 0));
    EXPECT_EQ(raw.count, 0);
    DND_ASSIGN_OR_RETURN(auto digest,
                         logins.CountSince(AccountKey("someone.private@elsewhere.example"), 0));
    EXPECT_EQ(digest.count, 1);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
}

TEST_F(AuthServiceTest, RandomEmailsFromOneAddressAreThrottledToo) {
  Root();
  const int limit = LoginThrottleOptions{}.max_address_failures;
  for (int i = 0; i < limit; ++i) {
    EXPECT_EQ(
        TryLogin("nobody" + std::to_string(i) + "@x.example", "wrong password").status().code(),
        Code::kUnauthenticated);
  }
  int64_t retry = 0;
  auto r = TryLogin("fresh@x.example", "wrong password", "192.0.2.1", &retry);
  EXPECT_EQ(r.status().code(), Code::kResourceExhausted);
  EXPECT_NE(r.status().message().find("from this address"), std::string::npos);
  EXPECT_GT(retry, 0);
  // Another address is not held back by this one's failures.
  EXPECT_TRUE(TryLogin("root@x.example", "long enough pw", "198.51.100.7").ok());
}

TEST_F(AuthServiceTest, LockedAccountIsDelayedNotRefusedForever) {
  Root();
  const LoginThrottleOptions t;
  for (int i = 0; i < t.max_account_failures; ++i) {
    // From many addresses: the account's own limit applies.
    EXPECT_EQ(TryLogin("root@x.example", "wrong password", "203.0.113." + std::to_string(i))
                  .status()
                  .code(),
              Code::kUnauthenticated);
  }
  int64_t retry = 0;
  auto held = TryLogin("root@x.example", "long enough pw", "192.0.2.50", &retry);
  ASSERT_EQ(held.status().code(), Code::kResourceExhausted);
  EXPECT_NE(held.status().message().find("for this account"), std::string::npos);
  EXPECT_EQ(retry, t.first_account_delay_ms);
  clock_.Advance(retry);
  EXPECT_TRUE(TryLogin("root@x.example", "long enough pw", "192.0.2.50").ok());
}

TEST_F(AuthServiceTest, EachFurtherFailureDoublesTheAccountDelayUpToTheMaximum) {
  const LoginThrottleOptions t;
  FailureCounts none;
  auto wait_after = [&](int failures) {
    FailureCounts account{failures, 0, 1000};
    auto w = LoginWaitFor(t, 1000, account, none, none);
    return w ? w->wait_ms : 0;
  };
  EXPECT_EQ(wait_after(t.max_account_failures - 1), 0);
  EXPECT_EQ(wait_after(t.max_account_failures), t.first_account_delay_ms);
  EXPECT_EQ(wait_after(t.max_account_failures + 1), 2 * t.first_account_delay_ms);
  EXPECT_EQ(wait_after(t.max_account_failures + 40), t.max_account_delay_ms);
}

TEST_F(AuthServiceTest, FloodFromManyAddressesHitsTheServerCeiling) {
  Root();
  LoginThrottleOptions t;
  t.max_global_failures = 10;
  AuthService strict(*store_, clock_, workers_, AuthOptions{.throttle = t});
  for (int i = 0; i < t.max_global_failures; ++i) {
    std::string n = std::to_string(i);
    ASSERT_EQ(
        strict.Login({"x" + n + "@x.example", "wrong password", "10.0.0." + n}).status().code(),
        Code::kUnauthenticated);
  }
  auto r = strict.Login({"y@x.example", "wrong password", "10.0.1.1"});
  EXPECT_EQ(r.status().code(), Code::kResourceExhausted);
  EXPECT_NE(r.status().message().find("on this server"), std::string::npos);
  clock_.Advance(t.global_window_ms);
  EXPECT_TRUE(strict.Login({"root@x.example", "long enough pw", "10.0.1.1"}).ok());
}

TEST_F(AuthServiceTest, OldFailureRowsArePurgedSoTheTableCannotGrowForever) {
  Root();
  for (int i = 0; i < 3; ++i) {
    ASSERT_FALSE(TryLogin("a" + std::to_string(i) + "@x.example", "wrong password").ok());
  }
  EXPECT_EQ(FailureRows(), 3);
  clock_.Advance(LoginThrottleOptions{}.window_ms + 1);
  ASSERT_FALSE(TryLogin("b@x.example", "wrong password").ok());
  EXPECT_EQ(FailureRows(), 1);
}

TEST_F(AuthServiceTest, BusyPasswordWorkersRefuseAtOnceInsteadOfQueueingForever) {
  Root();
  PasswordWorkers none_waiting(PasswordWorkerOptions{.threads = 1, .max_queued = 0});
  AuthService auth(*store_, clock_, none_waiting);
  // Many logins at once against one worker and no queue: some are refused
  // with "busy", none hangs, and the refused ones record no failure.
  std::vector<std::thread> threads;
  std::atomic<int> busy{0}, wrong{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto r = auth.Login({"n" + std::to_string(i) + "@x.example", "wrong password",
                           "10.9.0." + std::to_string(i)});
      if (r.status().code() == Code::kResourceExhausted) ++busy;
      if (r.status().code() == Code::kUnauthenticated) ++wrong;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(busy + wrong, 8);
  EXPECT_GE(wrong, 1);
  EXPECT_EQ(FailureRows(), wrong.load());
}

}  // namespace
}  // namespace dandelion::service
