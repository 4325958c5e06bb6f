// Two nodes over one store (two runtimes, each with its own compiled
// topics): a topic created, changed or deleted through one is matched by the
// other within its poll, whatever the nodes' clocks say.
#include "ingest/topic_watcher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "service/listening/listening.h"
#include "tests/unit/service/service_fixture.h"

namespace dandelion::ingest {
namespace {

std::string Post(int i, const std::string& text) {
  return R"({"network":"mastodon","id":"w)" + std::to_string(i) + R"(","text":")" + text +
         R"(","created_at":"2026-01-01T00:00:00Z","author":{"id":"a1","handle":"ann"}})";
}

class TopicWatcherTest : public service::ServiceTest {
 protected:
  TopicWatcherTest() : a_(*store_, clock_, registry_a_), b_(*store_, behind_, registry_b_) {
    EXPECT_TRUE(a_.runtime.ReloadTopics().ok());
    EXPECT_TRUE(b_.runtime.ReloadTopics().ok());
  }
  //! Waits (at most 5 s) until node B's compiled topics hold `n` topics.
  bool BHolds(size_t n) {
    for (int i = 0; i < 500; ++i) {
      if (registry_b_.Current()->queries.size() == n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  int64_t MatchesOnB(const std::string& line) {
    std::vector<std::string_view> lines = {line};
    auto r = b_.ingest.IngestLines(lines);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->matches : -1;
  }

  FakeClock behind_{1'000'000'000};  // node B's clock is years off
  engine::TopicRegistry registry_a_, registry_b_;
  service::ListeningServices a_, b_;
};

TEST_F(TopicWatcherTest, ATopicChangedThroughOneNodeIsMatchedByTheOther) {
  TopicWatcherOptions fast;
  fast.poll = std::chrono::milliseconds(20);
  TopicWatcher watcher(b_.runtime, fast);

  auto created = a_.topics.CreateTopicAsSystem("hub", "Apples", "apple");
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(BHolds(1)) << "node B never saw the new topic";
  EXPECT_EQ(MatchesOnB(Post(1, "apple pie")), 1);

  auto changed = a_.topics.UpdateTopic(Root(), created->topic.id, "Apples", "pear");
  ASSERT_TRUE(changed.ok());
  for (int i = 0; i < 500 && registry_b_.Current()->queries.at(created->topic.id) != "pear"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(MatchesOnB(Post(2, "apple pie")), 0);
  EXPECT_EQ(MatchesOnB(Post(3, "pear tart")), 1);

  ASSERT_TRUE(a_.topics.DeleteTopic(Root(), created->topic.id).ok());
  ASSERT_TRUE(BHolds(0));
  EXPECT_EQ(MatchesOnB(Post(4, "pear tart")), 0);
  EXPECT_GE(watcher.reloads(), 3);
}

TEST_F(TopicWatcherTest, NothingChangedMeansNoReload) {
  TopicWatcherOptions fast;
  fast.poll = std::chrono::milliseconds(10);
  TopicWatcher watcher(b_.runtime, fast);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(watcher.reloads(), 0);
}

}  // namespace
}  // namespace dandelion::ingest
