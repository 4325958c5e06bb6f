// Behind a reverse proxy, the per-address limits must count the clients,
// not the proxy, and a client must not be able to pick its own address by
// sending X-Forwarded-For.
#include "http/client_address.h"

#include <gtest/gtest.h>

namespace dandelion::http {
namespace {

TrustedProxies Proxies(const std::vector<std::string>& entries) {
  auto p = TrustedProxies::Parse(entries);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : TrustedProxies();
}

TEST(ClientAddressTest, WithoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays) {
  EXPECT_EQ(ClientAddress("203.0.113.9", "10.9.9.9", TrustedProxies()), "203.0.113.9");
  EXPECT_EQ(ClientAddress("203.0.113.9", "", TrustedProxies()), "203.0.113.9");
}

TEST(ClientAddressTest, AnUntrustedPeerCannotNameItsOwnAddress) {
  auto trusted = Proxies({"10.0.0.2"});
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", trusted), "203.0.113.9");
}

TEST(ClientAddressTest, ATrustedProxyNamesTheClientReadFromTheRight) {
  auto trusted = Proxies({"10.0.0.0/8", "fd00::/8"});
  EXPECT_EQ(ClientAddress("10.0.0.2", "198.51.100.1", trusted), "198.51.100.1");
  // The client wrote an address of its own at the left: only what the
  // trusted proxies added counts.
  EXPECT_EQ(ClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.1.1.1", trusted), "198.51.100.1");
  EXPECT_EQ(ClientAddress("fd00::1", "2001:db8::7", trusted), "2001:db8::7");
  // Every hop trusted: the first.
  EXPECT_EQ(ClientAddress("10.0.0.2", "10.3.3.3,10.1.1.1", trusted), "10.3.3.3");
  // No header: the proxy itself.
  EXPECT_EQ(ClientAddress("10.0.0.2", "", trusted), "10.0.0.2");
  // Garbage ends the walk: nothing left of it is believed.
  EXPECT_EQ(ClientAddress("10.0.0.2", "198.51.100.1, <script>", trusted), "10.0.0.2");
  EXPECT_EQ(ClientAddress("10.0.0.2", "<script>, 198.51.100.1", trusted), "198.51.100.1");
}

TEST(ClientAddressTest, NetworksAndMappedAddressesMatch) {
  auto trusted = Proxies({"192.168.4.0/22", "127.0.0.1"});
  EXPECT_TRUE(trusted.Contains("192.168.7.255"));
  EXPECT_FALSE(trusted.Contains("192.168.8.0"));
  EXPECT_TRUE(trusted.Contains("::ffff:127.0.0.1")) << "a dual-stack socket's IPv4 peer";
  EXPECT_FALSE(trusted.Contains("127.0.0.2"));
  EXPECT_FALSE(trusted.Contains("not an address"));
  EXPECT_TRUE(Proxies({"0.0.0.0/0"}).Contains("8.8.8.8"));
}

TEST(ClientAddressTest, AnEntryThatIsNeitherAnAddressNorANetworkIsRefusedByName) {
  for (const char* bad : {"proxy.local", "10.0.0.0/33", "10.0.0.0/", "fd00::/129", "10.0.0.0/x"}) {
    auto p = TrustedProxies::Parse({bad});
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_NE(p.status().message().find(bad), std::string::npos) << p.status().message();
  }
}

}  // namespace
}  // namespace dandelion::http
