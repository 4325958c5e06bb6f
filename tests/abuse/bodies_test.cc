// Oversized and slow request bodies: refused before any work, nothing
// stored, and the server keeps answering.
#include <unistd.h>

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
