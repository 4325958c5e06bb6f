// Spike alerts: DetectSpikes on hand-made hourly series, the webhook's JSON
// body, and WebhookNotifier end to end against a listener on 127.0.0.1
// (port chosen by the system) that records what it receives.
#include "service/listening/alerts.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "common/crypto.h"

namespace dandelion::service {
namespace {

using Json = nlohmann::json;

//! `hours` consecutive hours of `total` mentions, `negative` of them negative.
std::vector<HourCount> Flat(int hours, int64_t total, int64_t negative = 0) {
  return std::vector<HourCount>(static_cast<size_t>(hours), HourCount{total, negative});
}

// ------------------------------------------------------------ DetectSpikes

TEST(DetectSpikesTest, FlatBaselineThenSpikeIsAVolumeAlert) {
  std::vector<Spike> spikes = DetectSpikes(Flat(168, 10), {60, 0}, SpikeRule{});
  ASSERT_EQ(spikes.size(), 1u);
  EXPECT_EQ(spikes[0].kind, "volume");
  EXPECT_DOUBLE_EQ(spikes[0].observed, 60);
  EXPECT_DOUBLE_EQ(spikes[0].expected, 10);
  // A flat baseline has no variance: the Poisson deviation, sqrt(mean),
  // stands in for it.
  EXPECT_NEAR(spikes[0].z, 50 / std::sqrt(10.0), 1e-9);
}

TEST(DetectSpikesTest, TheSameHourAsTheBaselineIsQuiet) {
  EXPECT_TRUE(DetectSpikes(Flat(168, 10), {10, 0}, SpikeRule{}).empty());
  EXPECT_TRUE(DetectSpikes(Flat(168, 30, 12), {30, 12}, SpikeRule{}).empty());
}

TEST(DetectSpikesTest, ThresholdIsInclusive) {
  // Mean 25, deviation 5: 40 is exactly three deviations above.
  SpikeRule rule;
  rule.z_threshold = 3.0;
  EXPECT_TRUE(DetectSpikes(Flat(168, 25), {39, 0}, rule).empty());
  std::vector<Spike> at = DetectSpikes(Flat(168, 25), {40, 0}, rule);
  ASSERT_EQ(at.size(), 1u);
  EXPECT_DOUBLE_EQ(at[0].z, 3.0);
  rule.z_threshold = 4.0;
  EXPECT_TRUE(DetectSpikes(Flat(168, 25), {44, 0}, rule).empty());
  EXPECT_EQ(DetectSpikes(Flat(168, 25), {45, 0}, rule).size(), 1u);
}

TEST(DetectSpikesTest, NeedsADayOfHistorySinceTheFirstMention) {
  // Quiet hours before the topic's first mention do not count as history.
  std::vector<HourCount> history = Flat(168, 0);
  for (size_t i = history.size() - 23; i < history.size(); ++i) history[i] = {10, 0};
  EXPECT_TRUE(DetectSpikes(history, {100, 0}, SpikeRule{}).empty());
  history[history.size() - 24] = {10, 0};
  EXPECT_EQ(DetectSpikes(history, {100, 0}, SpikeRule{}).size(), 1u);

  EXPECT_TRUE(DetectSpikes({}, {100, 50}, SpikeRule{}).empty());
  EXPECT_TRUE(DetectSpikes(Flat(168, 0), {100, 50}, SpikeRule{}).empty());
}

TEST(DetectSpikesTest, AnHourBelowTheMinimumVolumeNeverAlerts) {
  // One an hour, then 19: eighteen deviations, but too few to matter.
  EXPECT_TRUE(DetectSpikes(Flat(168, 1), {19, 0}, SpikeRule{}).empty());
  EXPECT_EQ(DetectSpikes(Flat(168, 1), {20, 0}, SpikeRule{}).size(), 1u);
  SpikeRule strict;
  strict.min_volume = 50;
  EXPECT_TRUE(DetectSpikes(Flat(168, 1), {49, 0}, strict).empty());
}

TEST(DetectSpikesTest, ARiseInTheNegativeShareIsANegativeAlert) {
  // Twenty an hour, two of them negative (10%); then the same volume with
  // twelve negative (60%).
  std::vector<Spike> spikes = DetectSpikes(Flat(168, 20, 2), {20, 12}, SpikeRule{});
  ASSERT_EQ(spikes.size(), 1u);
  EXPECT_EQ(spikes[0].kind, "negative");
  EXPECT_DOUBLE_EQ(spikes[0].observed, 0.6);
  EXPECT_NEAR(spikes[0].expected, 0.1, 1e-12);
  // The share's deviation floor is 5 points.
  EXPECT_NEAR(spikes[0].z, 10.0, 1e-9);
}

TEST(DetectSpikesTest, FewNegativeMentionsNeverAlertOnShare) {
  // Nine of ten negative against a 10% baseline: too few to matter.
  EXPECT_TRUE(DetectSpikes(Flat(168, 10, 1), {10, 9}, SpikeRule{}).empty());
  EXPECT_EQ(DetectSpikes(Flat(168, 10, 1), {11, 10}, SpikeRule{}).size(), 1u);
}

TEST(DetectSpikesTest, VolumeAndShareCanSpikeTogether) {
  std::vector<Spike> spikes = DetectSpikes(Flat(168, 20, 2), {100, 80}, SpikeRule{});
  ASSERT_EQ(spikes.size(), 2u);
  EXPECT_EQ(spikes[0].kind, "volume");
  EXPECT_EQ(spikes[1].kind, "negative");
}

TEST(DetectSpikesTest, AGradualRiseDoesNotAlert) {
  // One more mention every hour for a week: the baseline follows.
  std::vector<HourCount> history;
  for (int h = 0; h < 168; ++h) history.push_back({10 + h, 0});
  EXPECT_TRUE(DetectSpikes(history, {178, 0}, SpikeRule{}).empty());
  // The same last hour after a flat week is a spike.
  EXPECT_EQ(DetectSpikes(Flat(168, 10), {178, 0}, SpikeRule{}).size(), 1u);

  // 5% more every hour for a day and a half, from 20.
  std::vector<HourCount> growth;
  double v = 20;
  for (int h = 0; h < 36; ++h, v *= 1.05) growth.push_back({static_cast<int64_t>(v), 0});
  EXPECT_TRUE(DetectSpikes(growth, {static_cast<int64_t>(v), 0}, SpikeRule{}).empty());

  // A share of negative mentions creeping up a point an hour.
  std::vector<HourCount> souring;
  for (int h = 0; h < 60; ++h) souring.push_back({100, 10 + h});
  EXPECT_TRUE(DetectSpikes(souring, {100, 70}, SpikeRule{}).empty());
}

TEST(DetectSpikesTest, ANoisyBaselineNeedsABiggerJump) {
  // Alternating 10 and 30: mean about 20, deviation about 10.
  std::vector<HourCount> noisy;
  for (int h = 0; h < 168; ++h) noisy.push_back({h % 2 == 0 ? 10 : 30, 0});
  EXPECT_TRUE(DetectSpikes(noisy, {45, 0}, SpikeRule{}).empty());
  EXPECT_EQ(DetectSpikes(noisy, {70, 0}, SpikeRule{}).size(), 1u);
  // 45 after a flat 20 is a spike.
  EXPECT_EQ(DetectSpikes(Flat(168, 20), {45, 0}, SpikeRule{}).size(), 1u);
}

// ------------------------------------------------------------ AlertPayload

domain::Alert SampleAlert() {
  domain::Alert a;
  a.id = 42;
  a.topic_id = 7;
  a.unit_id = 3;
  a.kind = "volume";
  a.hour_ms = 1'767'229'200'000;
  a.observed = 60;
  a.expected = 10.5;
  a.z = 47.25;
  a.created_at_ms = 1'767'232'800'000;
  return a;
}

TEST(AlertPayloadTest, HasTheEventAndEveryField) {
  Json j = Json::parse(AlertPayload(SampleAlert(), "Acme \"Air\" ✈", "emea-dach"));
  Json want = {{"event", "alert.raised"},
               {"alert",
                {{"id", 42},
                 {"kind", "volume"},
                 {"topic_id", 7},
                 {"topic", "Acme \"Air\" ✈"},
                 {"unit", "emea-dach"},
                 {"hour", 1'767'229'200'000},
                 {"observed", 60.0},
                 {"expected", 10.5},
                 {"z", 47.25}}}};
  EXPECT_EQ(j, want);
}

// --------------------------------------------------------- WebhookNotifier

//! What the listener received in one request.
struct Received {
  std::string method, target, body;
  std::map<std::string, std::string> headers;  //!< names lower-cased
  std::string raw;                             //!< the whole request as sent
};

//! Listens on 127.0.0.1 on a port of the system's choosing and answers
//! one request per entry of `statuses`, in order, with that status,
//! recording what came. Gives up after `timeout_ms` without a connection.
class Listener {
 public:
  explicit Listener(std::vector<int> statuses, int timeout_ms = 20000) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    EXPECT_GE(fd_, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(listen(fd_, 4), 0);
    socklen_t len = sizeof addr;
    EXPECT_EQ(getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len), 0);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this, statuses = std::move(statuses), timeout_ms] {
      for (int status : statuses) {
        pollfd p{fd_, POLLIN, 0};
        if (poll(&p, 1, timeout_ms) <= 0) return;
        int conn = accept(fd_, nullptr, nullptr);
        if (conn < 0) return;
        received_.push_back(Serve(conn, status, timeout_ms));
        close(conn);
      }
    });
  }
  ~Listener() {
    if (thread_.joinable()) thread_.join();
    if (fd_ >= 0) close(fd_);
  }

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  //! Waits for the listener to finish and returns what it received.
  const std::vector<Received>& Wait() {
    if (thread_.joinable()) thread_.join();
    return received_;
  }

 private:
  static Received Serve(int conn, int status, int timeout_ms) {
    Received r;
    auto read_more = [&] {
      pollfd p{conn, POLLIN, 0};
      if (poll(&p, 1, timeout_ms) <= 0) return false;
      char buf[4096];
      ssize_t n = read(conn, buf, sizeof buf);
      if (n <= 0) return false;
      r.raw.append(buf, static_cast<size_t>(n));
      return true;
    };
    size_t head_end;
    while ((head_end = r.raw.find("\r\n\r\n")) == std::string::npos) {
      if (!read_more()) return r;
    }
    std::string head = r.raw.substr(0, head_end);
    size_t line_end = head.find("\r\n");
    std::string request_line = head.substr(0, line_end);
    size_t sp1 = request_line.find(' ');
    size_t sp2 = request_line.find(' ', sp1 + 1);
    r.method = request_line.substr(0, sp1);
    r.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
    for (size_t at = line_end; at != std::string::npos && at < head.size();) {
      size_t next = head.find("\r\n", at + 2);
      std::string line =
          head.substr(at + 2, next == std::string::npos ? std::string::npos : next - at - 2);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        size_t v = line.find_first_not_of(' ', colon + 1);
        r.headers[name] = v == std::string::npos ? "" : line.substr(v);
      }
      at = next;
    }
    if (r.headers["expect"] == "100-continue") {
      const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
      (void)!write(conn, kContinue, sizeof kContinue - 1);
    }
    size_t length = std::strtoul(r.headers["content-length"].c_str(), nullptr, 10);
    while (r.raw.size() - head_end - 4 < length) {
      if (!read_more()) break;
    }
    r.body = r.raw.substr(head_end + 4);
    std::string reply = "HTTP/1.1 " + std::to_string(status) +
                        " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    (void)!write(conn, reply.data(), reply.size());
    return r;
  }

  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::vector<Received> received_;
};

int64_t WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class WebhookNotifierTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(CryptoInit().ok()); }
};

// RFC 4231, test case 2: the signature helper is standard HMAC-SHA256.
TEST_F(WebhookNotifierTest, HmacIsStandardHmacSha256) {
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_F(WebhookNotifierTest, PostsTheSignedPayload) {
  const std::string secret = "whsec-0123456789";
  Listener listener({200});
  int64_t before = WallMs();
  {
    WebhookNotifier notifier(listener.Url("/hooks/dandelion"), secret);
    notifier.Notify(SampleAlert(), "Apple", "retail");
  }  // the destructor delivers what is queued
  int64_t after = WallMs();
  const std::vector<Received>& got = listener.Wait();
  ASSERT_EQ(got.size(), 1u);
  const Received& r = got[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/hooks/dandelion");
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  EXPECT_EQ(r.body, AlertPayload(SampleAlert(), "Apple", "retail"));

  ASSERT_TRUE(r.headers.count("x-dandelion-timestamp")) << r.raw;
  const std::string ts = r.headers.at("x-dandelion-timestamp");
  int64_t ts_ms = std::strtoll(ts.c_str(), nullptr, 10);
  EXPECT_EQ(std::to_string(ts_ms), ts) << "milliseconds, digits only";
  EXPECT_GE(ts_ms, before);
  EXPECT_LE(ts_ms, after);
  ASSERT_TRUE(r.headers.count("x-dandelion-signature")) << r.raw;
  EXPECT_EQ(r.headers.at("x-dandelion-signature"),
            "sha256=" + HmacSha256Hex(secret, ts + "." + r.body));
  EXPECT_EQ(r.raw.find(secret), std::string::npos) << "the secret never travels";
}

TEST_F(WebhookNotifierTest, DeliversEveryAlertInOrder) {
  const std::string secret = "s";
  Listener listener({200, 200});
  domain::Alert second = SampleAlert();
  second.id = 43;
  second.kind = "negative";
  {
    WebhookNotifier notifier(listener.Url("/h"), secret);
    notifier.Notify(SampleAlert(), "Apple", "retail");
    notifier.Notify(second, "Apple", "retail");
  }
  const std::vector<Received>& got = listener.Wait();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(Json::parse(got[0].body)["alert"]["id"], 42);
  EXPECT_EQ(Json::parse(got[1].body)["alert"]["id"], 43);
  EXPECT_EQ(Json::parse(got[1].body)["alert"]["kind"], "negative");
}

TEST_F(WebhookNotifierTest, RetriesAfterAServerErrorWithAFreshSignature) {
  const std::string secret = "retry-secret";
  Listener listener({500, 200});
  {
    WebhookNotifier notifier(listener.Url("/hooks"), secret);
    notifier.Notify(SampleAlert(), "Apple", "retail");
  }
  const std::vector<Received>& got = listener.Wait();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].body, got[1].body);
  for (const Received& r : got) {
    EXPECT_EQ(
        r.headers.at("x-dandelion-signature"),
        "sha256=" + HmacSha256Hex(secret, r.headers.at("x-dandelion-timestamp") + "." + r.body));
  }
  int64_t first = std::strtoll(got[0].headers.at("x-dandelion-timestamp").c_str(), nullptr, 10);
  int64_t second = std::strtoll(got[1].headers.at("x-dandelion-timestamp").c_str(), nullptr, 10);
  EXPECT_GE(second - first, 1000) << "a second between the first two attempts";
}

}  // namespace
TEST_F(WebhookNotifierTest, UnsignedOrNonHttpWebhookIsRefused) {
  auto unsigned_hook = WebhookNotifier::Create("https://hooks.example/x", "");
  EXPECT_EQ(unsigned_hook.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(unsigned_hook.status().field(), "secret");
  auto ftp = WebhookNotifier::Create("ftp://hooks.example/x", "s");
  EXPECT_EQ(ftp.status().field(), "url");
  EXPECT_TRUE(WebhookNotifier::Create("https://hooks.example/x", "s").ok());
}

TEST_F(WebhookNotifierTest, FullQueueDropsAndCountsInsteadOfGrowing) {
  // No room to wait: every alert beyond what is being sent is dropped, and
  // counted.
  WebhookNotifier notifier("http://127.0.0.1:9/none", "s", /*max_queued=*/0);
  for (int i = 0; i < 10; ++i) notifier.Notify(SampleAlert(), "Apple", "retail");
  EXPECT_EQ(notifier.dropped(), 10);
}

}  // namespace dandelion::service
