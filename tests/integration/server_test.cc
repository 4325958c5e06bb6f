// The real HTTP server on a free port, spoken to over a socket.
#include "http/server.h"

#include <gtest/gtest.h>

#include "tests/support/raw_http.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

TEST(ServerTest, ServesTheApiOverHttp) {
  TestApp app;
  http::ServerOptions opts;
  opts.port = 0;
  opts.threads = 2;
  auto server = http::StartServer(app.api, opts);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  uint16_t port = (*server)->port();
  ASSERT_NE(port, 0);

  std::string health =
      Exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(health.starts_with("HTTP/1.1 200")) << health;
  EXPECT_NE(health.find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_NE(health.find("{\"status\":\"ok\"}"), std::string::npos);

  std::string body = R"({"email":"nobody@x.example","password":"whatever-pw"})";
  std::string login =
      Exchange(port,
               "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
               "Content-Type: application/json\r\nContent-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_TRUE(login.starts_with("HTTP/1.1 401")) << login;
  EXPECT_NE(login.find("\"code\":\"unauthenticated\""), std::string::npos);

  (*server)->Stop();
  (*server)->Stop();  // idempotent
}

TEST(ServerTest, PortInUseIsAClearError) {
  TestApp app;
  http::ServerOptions opts;
  opts.port = 0;
  auto first = http::StartServer(app.api, opts);
  ASSERT_TRUE(first.ok());
  opts.port = (*first)->port();
  auto second = http::StartServer(app.api, opts);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Code::kUnavailable);
  EXPECT_NE(second.status().message().find(std::to_string(opts.port)), std::string::npos);
}

}  // namespace
}  // namespace dandelion::testing
