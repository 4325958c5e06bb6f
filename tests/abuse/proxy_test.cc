// Behind a reverse proxy every request comes from the proxy's address: the
// per-address login limit would throttle everyone at once after a few
// failures of one. With the proxy trusted, each client it names has its own
// limit; without, a client cannot escape the limit by writing its own
// X-Forwarded-For.
#include <string>

#include "service/auth/login_throttle.h"
#include "tests/abuse/abuse_server.h"

namespace dandelion::testing {
namespace {

class ProxyTest : public AbuseTest {
 protected:
  // Wrong passwords for existing accounts (hashed at the tests' low cost:
  // an unknown e-mail costs a full-strength check), a few per account so
  // that only the address's limit is reached.
  void SetUp() override {
    for (int i = 0; i < kAccounts; ++i) {
      app_.AddUser("u" + std::to_string(i) + "@x.example", "hub", "analyst");
    }
  }
  //! A failed login, as sent through a proxy for `client`.
  int FailedLogin(const std::string& client) {
    std::string email = "u" + std::to_string(n_++ % kAccounts) + "@x.example";
    std::string body = http::Json({{"email", email}, {"password", "wrong"}}).dump();
    return StatusOf(Exchange(port_, JsonRequest("POST", "/api/v1/auth/login", body,
                                                "X-Forwarded-For: " + client + "\r\n")));
  }
  static constexpr int kAccounts = 25;
  const int limit_ = service::LoginThrottleOptions{}.max_address_failures;
  int n_ = 0;
};

TEST_F(ProxyTest, BehindATrustedProxyEachClientHasItsOwnAddressLimit) {
  http::ServerOptions o;
  auto trusted = http::TrustedProxies::Parse({"127.0.0.1"});
  ASSERT_TRUE(trusted.ok());
  o.trusted_proxies = *trusted;
  Start(o);
  for (int i = 0; i < limit_; ++i) ASSERT_EQ(FailedLogin("198.51.100.1"), 401) << i;
  EXPECT_EQ(FailedLogin("198.51.100.1"), 429) << "the first client is throttled";
  EXPECT_EQ(FailedLogin("198.51.100.2"), 401) << "the second is not";
}

TEST_F(ProxyTest, AnUntrustedClientCannotEscapeTheLimitByNamingOtherAddresses) {
  Start();
  for (int i = 0; i < limit_; ++i) {
    ASSERT_EQ(FailedLogin("198.51.100." + std::to_string(i + 1)), 401) << i;
  }
  EXPECT_EQ(FailedLogin("198.51.100.200"), 429);
}

}  // namespace
}  // namespace dandelion::testing
