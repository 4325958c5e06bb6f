// The real HTTP server on a free port, spoken to over a socket.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/server.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

std::string Exchange(uint16_t port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}

TEST(ServerTest, ServesTheApiOverHttp) {
  TestApp app;
  http::ServerOptions opts;
  opts.port = 0;
  opts.threads = 2;
  auto server = http::StartServer(app.api, opts);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  uint16_t port = (*server)->port();
  ASSERT_NE(port, 0);

  std::string health = Exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(health.starts_with("HTTP/1.1 200")) << health;
  EXPECT_NE(health.find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_NE(health.find("{\"status\":\"ok\"}"), std::string::npos);

  std::string body = R"({"email":"nobody@x.example","password":"whatever-pw"})";
  std::string login = Exchange(port, "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
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
