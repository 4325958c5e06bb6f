// Oversized and slow request bodies: refused before any work, nothing
// stored, and the server keeps answering.
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include "tests/abuse/abuse_server.h"

namespace dandelion::testing {
namespace {

std::string LoginBody(const std::string& email) {
  return http::Json({{"email", email}, {"password", "whatever password"}}).dump();
}

TEST_F(AbuseTest, OversizedLoginBodyIsRefusedBeforeItIsParsedOrStored) {
  Start();
  std::string huge(900 * 1024, 'a');
  std::string r =
      Exchange(port_, JsonRequest("POST", "/api/v1/auth/login", LoginBody(huge + "@x.example")));
  EXPECT_EQ(StatusOf(r), 413) << r.substr(0, 300);
  EXPECT_NE(r.find("payload_too_large"), std::string::npos);
  EXPECT_EQ(RecordedFailures(), 0);
}

TEST_F(AbuseTest, LongEmailWithinTheBodyLimitIsRefusedAndNotStored) {
  Start();
  std::string r = Exchange(port_, JsonRequest("POST", "/api/v1/auth/login",
                                              LoginBody(std::string(3000, 'b') + "@x.example")));
  EXPECT_EQ(StatusOf(r), 400) << r.substr(0, 300);
  EXPECT_NE(r.find("\"field\":\"email\""), std::string::npos);
  EXPECT_EQ(RecordedFailures(), 0);
}

TEST_F(AbuseTest, BodyAboveEveryRoutesLimitIsCutOffByTheParser) {
  Start();
  // Announce more than any route takes and send only the start of it: the
  // parser refuses from the header alone, without waiting for the rest.
  int fd = ConnectLoopback(port_);
  ASSERT_GE(fd, 0);
  size_t too_big = app_.api.MaxBodyBytes() + 1;
  ASSERT_TRUE(SendAll(fd,
                      "POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nContent-Type: "
                      "application/x-ndjson\r\nContent-Length: " +
                          std::to_string(too_big) + "\r\n\r\n{}"));
  bool closed = false;
  ReadAll(fd, 5000, &closed);
  close(fd);
  EXPECT_TRUE(closed) << "the server kept reading a body above its limit";
  EXPECT_EQ(
      StatusOf(Exchange(port_, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
      200);
}

TEST_F(AbuseTest, SlowBodyIsCutOffAndOthersAreServedMeanwhile) {
  http::ServerOptions o;
  o.read_timeout_ms = 500;
  Start(o);
  int fd = ConnectLoopback(port_);
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(SendAll(fd,
                      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
                      "application/json\r\nContent-Length: 100\r\n\r\n{\"email\""));
  // While that client dawdles, others are answered.
  EXPECT_EQ(
      StatusOf(Exchange(port_, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
      200);
  bool closed = false;
  ReadAll(fd, 5000, &closed);
  close(fd);
  EXPECT_TRUE(closed) << "a body that never arrives held its connection open";
}

}  // namespace
}  // namespace dandelion::testing

namespace dandelion::testing {
namespace {

TEST_F(AbuseTest, ConnectionsBeyondTheCapWaitInsteadOfExhaustingTheServer) {
  http::ServerOptions o;
  o.max_connections = 4;
  Start(o);
  // Four clients open connections and say nothing.
  std::vector<int> idle;
  for (int i = 0; i < 4; ++i) {
    idle.push_back(ConnectLoopback(port_));
    ASSERT_GE(idle.back(), 0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  // A fifth is not taken on while they hold every place...
  int fifth = ConnectLoopback(port_);
  ASSERT_GE(fifth, 0);  // the kernel's backlog accepts it
  ASSERT_TRUE(SendAll(fifth, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  bool closed = false;
  EXPECT_EQ(ReadAll(fifth, 500, &closed), "");
  // ...and is served as soon as one of them goes.
  close(idle.back());
  idle.pop_back();
  std::string answer = ReadAll(fifth, 5000, &closed);
  EXPECT_EQ(StatusOf(answer), 200) << answer;
  close(fifth);
  for (int fd : idle) close(fd);
}

}  // namespace
}  // namespace dandelion::testing
