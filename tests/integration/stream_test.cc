// The message stream for real: a nats-server with JetStream (scripts/test
// starts one and sets DANDELION_TEST_NATS; without it these tests skip).
// Posts published to the stream are stored once, their bad lines kept as
// dead letters numbered by stream sequence, and every message acknowledged
// only once stored; a message that keeps failing is set aside after its
// deliveries run out instead of holding up the stream. Each test has a
// stream of its own.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "common/crypto.h"
#include "ingest/jetstream.h"
#include "ingest/stream_consumer.h"
#include "store/listening/listening_repos.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

std::string Post(const std::string& id, const std::string& text) {
  return http::Json({{"network", "mastodon"},
                     {"id", id},
                     {"text", text},
                     {"created_at", "2026-01-01T00:00:00Z"},
                     {"author", {{"id", "a1"}, {"handle", "ann"}}}})
      .dump();
}

class StreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("DANDELION_TEST_NATS");
    if (url == nullptr || *url == '\0') GTEST_SKIP() << "DANDELION_TEST_NATS is not set";
    const std::string tag = RandomHex(4);
    options_.url = url;
    options_.stream = "T" + tag;
    options_.subjects = "t" + tag + ".>";
    options_.publish_subject = "t" + tag + ".posts";
    options_.durable = "d" + tag;
    options_.fetch_wait_ms = 200;
  }
  int64_t Mentions() {
    int64_t n = -1;
    Status st = app_.store->Read([&](store::Tx& tx) -> Status {
      DND_ASSIGN_OR_RETURN(n, store::Listening(tx).mentions().Count());
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return n;
  }
  std::vector<domain::RejectedLine> DeadLetters() {
    std::vector<domain::RejectedLine> out;
    Status st = app_.store->Read([&](store::Tx& tx) -> Status {
      DND_ASSIGN_OR_RETURN(out, store::Listening(tx).rejected().List(0, 100, ""));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }
  //! Waits up to 20 s for `done`.
  template <typename F>
  bool Eventually(F done) {
    for (int i = 0; i < 400; ++i) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  ingest::JetStreamOptions options_;
  TestApp app_;
};

TEST_F(StreamTest, PublishedPostsAreStoredOnceAndEveryMessageIsAcknowledged) {
  auto stream = ingest::JetStream::Connect(options_);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  std::vector<std::string> lines;
  for (int i = 0; i < 200; ++i) lines.push_back(Post("s" + std::to_string(i), "apple"));
  lines.push_back("not json");
  lines.push_back(Post("s7", "the same post, sent again by another instance"));
  std::vector<std::string_view> views(lines.begin(), lines.end());
  auto published = (*stream)->Publish(views);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(*published, 202);
  // The same lines again: the stream's de-duplication takes none of them.
  auto again = (*stream)->Publish(views);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);

  ingest::JetStream* js = stream->get();
  ingest::StreamConsumer consumer(
      app_.ingest, app_.listening.ingest,
      [js](const std::atomic<bool>& stop) { return js->Consume(stop); });
  ASSERT_TRUE(Eventually([&] { return consumer.posts() + consumer.rejected() >= 202; }))
      << consumer.posts() << " posts, " << consumer.rejected() << " rejected; "
      << consumer.last_error();
  EXPECT_EQ(Mentions(), 200) << "each post once, the repeated one too";
  auto dead = DeadLetters();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].reason, "not_json");
  EXPECT_EQ(dead[0].source, "stream");
  EXPECT_EQ(dead[0].line, 201) << "numbered by stream sequence";
  EXPECT_EQ(dead[0].raw, "not json");
  // Every message acknowledged, none left to deliver.
  EXPECT_TRUE(Eventually([&] {
    auto lag = js->ConsumerLag();
    return lag.ok() && lag->first == 0 && lag->second == 0;
  }));
  EXPECT_TRUE(consumer.healthy());
}

// A dead-letter sink that refuses, as a store that fails would: the batch
// is not committed, so its messages are not acknowledged.
class Refusing : public ingest::DeadLetterSink {
 public:
  Status Take(const std::vector<ingest::DeadLetter>&, std::vector<domain::RejectedLine>&) override {
    return Unavailable("the store is away");
  }
  int64_t kept() const override { return 0; }
};

TEST_F(StreamTest, AMessageThatKeepsFailingIsSetAsideInsteadOfHoldingUpTheStream) {
  options_.max_deliveries = 1;
  options_.ack_wait_ms = 500;
  auto stream = ingest::JetStream::Connect(options_);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  std::string bad = "junk that fails its batch";
  std::string good = Post("g1", "apple");
  ASSERT_TRUE((*stream)->Publish({bad}).ok());

  // First delivery: the batch fails, nothing is acknowledged.
  std::atomic<bool> stop{false};
  {
    auto source = (*stream)->Consume(stop);
    ASSERT_TRUE(source.ok());
    Refusing refusing;
    ingest::RunOptions run;
    auto failed = app_.ingest.Run(**source, refusing, run);
    EXPECT_FALSE(failed.ok());
  }
  ASSERT_TRUE((*stream)->Publish({good}).ok());
  // Delivered again after the ack wait: past its deliveries, set aside
  // (and acknowledged); the good post behind it is stored.
  ingest::JetStream* js = stream->get();
  ingest::StreamConsumer consumer(
      app_.ingest, app_.listening.ingest,
      [js](const std::atomic<bool>& s) { return js->Consume(s); });
  ASSERT_TRUE(Eventually([&] { return Mentions() == 1 && DeadLetters().size() == 1; }))
      << consumer.last_error();
  auto dead = DeadLetters();
  EXPECT_EQ(dead[0].reason, "redelivered");
  EXPECT_EQ(dead[0].raw, bad);
  EXPECT_TRUE(Eventually([&] {
    auto lag = js->ConsumerLag();
    return lag.ok() && lag->first == 0 && lag->second == 0;
  }));
}

// An API node behind the stream publishes what it is sent (202) and stores
// nothing itself; a worker stores it.
TEST_F(StreamTest, AnApiNodeBehindTheStreamPublishesAndAWorkerStores) {
  auto stream = ingest::JetStream::Connect(options_);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  TestApp api_node(MemoryStore(), {}, stream->get());
  api_node.AddUser("root@x.example", "hub", "admin");
  Session admin = api_node.Login("root@x.example");
  std::string body = Post("api1", "apple") + "\n" + Post("api2", "pear") + "\n\nnot json\n";
  auto r = api_node.Call("POST", "/api/v1/ingest", body, &admin);
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(TestApp::Body(r), http::Json({{"lines", 3}, {"published", 3}, {"repeated", 0}}));
  auto again = api_node.Call("POST", "/api/v1/ingest", body, &admin);
  EXPECT_EQ(TestApp::Body(again)["repeated"], 3);
  auto preview = api_node.Call("POST", "/api/v1/topics/preview",
                               http::Json({{"query", "apple"}}).dump(), &admin);
  EXPECT_EQ(TestApp::Body(preview)["scanned"], 0) << "the API node stored nothing itself";

  ingest::JetStream* js = stream->get();
  ingest::StreamConsumer worker(app_.ingest, app_.listening.ingest,
                                [js](const std::atomic<bool>& s) { return js->Consume(s); });
  ASSERT_TRUE(Eventually([&] { return Mentions() == 2 && DeadLetters().size() == 1; }))
      << worker.last_error();
}

TEST_F(StreamTest, AnUnreachableServerIsOneClearError) {
  options_.url = "nats://127.0.0.1:9";
  auto stream = ingest::JetStream::Connect(options_);
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.status().code(), Code::kUnavailable);
  EXPECT_NE(stream.status().message().find("nats://127.0.0.1:9"), std::string::npos);
}

}  // namespace
}  // namespace dandelion::testing
