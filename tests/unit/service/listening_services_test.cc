// The listening services on their own: topics compiled into the runtime
// and back-filled, ingest storing each post once, analytics reading what
// was stored, and who may do which.
#include <string>
#include <vector>

#include "common/clock.h"
#include "service/listening/listening.h"
#include "tests/unit/service/service_fixture.h"

namespace dandelion::service {
namespace {

std::string Post(const std::string& id, const std::string& text, int64_t at_ms) {
  return R"({"network":"mastodon","id":")" + id + R"(","text":")" + text + R"(","created_at":")" +
         FormatTimestamp(at_ms) + R"(","author":{"id":"a1","handle":"ann"}})";
}

// Counts are read right after a topic is saved: wait for its back-fill.
BackfillOptions UntilDone() {
  BackfillOptions o;
  o.wait_ms = -1;
  return o;
}

class ListeningServicesTest : public ServiceTest {
 protected:
  ListeningServicesTest() : listening_(*store_, clock_, registry_, nullptr, UntilDone()) {
    EXPECT_TRUE(listening_.runtime.ReloadTopics().ok());
  }

  IngestReport Ingest(const std::vector<std::string>& lines) {
    std::vector<std::string_view> views(lines.begin(), lines.end());
    auto r = listening_.ingest.IngestLines(views);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : IngestReport{};
  }

  engine::TopicRegistry registry_;
  ListeningServices listening_;
};

TEST_F(ListeningServicesTest, ANewTopicIsBackfilledAndThenMatchesAtIngest) {
  const int64_t t0 = clock_.NowMs() - 3600 * 1000;
  Ingest({Post("1", "apple pie", t0), Post("2", "banana", t0)});
  auto root = Root();
  auto topic = listening_.topics.CreateTopic(root, "hub", "Apples", "apple");
  ASSERT_TRUE(topic.ok()) << topic.status().ToString();
  EXPECT_EQ(topic->mentions, 1) << "back-filled over what was stored";
  EXPECT_EQ(Audit()[0].action, "topic.create");

  auto report = Ingest({Post("3", "apple tart", t0 + 1000), Post("1", "apple pie", t0)});
  EXPECT_EQ(report.accepted, 1);
  EXPECT_EQ(report.duplicates, 1);
  EXPECT_EQ(report.matches, 1);
  auto got = listening_.topics.GetTopic(root, topic->topic.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->mentions, 2);
}

TEST_F(ListeningServicesTest, ChangingAQueryRebuildsItsMatchesAndDeletingStopsThem) {
  const int64_t t0 = clock_.NowMs() - 3600 * 1000;
  Ingest({Post("1", "apple pie", t0), Post("2", "banana bread", t0)});
  auto root = Root();
  auto topic = listening_.topics.CreateTopic(root, "hub", "Fruit", "apple");
  ASSERT_TRUE(topic.ok());
  auto changed = listening_.topics.UpdateTopic(root, topic->topic.id, "Fruit", "apple OR banana");
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->mentions, 2);
  ASSERT_TRUE(listening_.topics.DeleteTopic(root, topic->topic.id).ok());
  EXPECT_TRUE(listening_.runtime.registry().Current()->queries.empty());
  EXPECT_EQ(Ingest({Post("3", "apple", t0)}).matches, 0);
}

TEST_F(ListeningServicesTest, AnAgentMayReadButNotManageTopics) {
  Spoke("emea");
  auto root = Root();
  ASSERT_TRUE(listening_.topics.CreateTopic(root, "emea", "Apples", "apple").ok());
  auto agent = Person("al@x.example", "emea", "agent");
  auto listed = listening_.topics.ListTopics(agent, std::nullopt);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 1u);
  auto refused = listening_.topics.CreateTopic(agent, "emea", "Pears", "pear");
  EXPECT_EQ(refused.status().code(), Code::kPermissionDenied);
  EXPECT_EQ(Audit()[0].action, "denied");
  // Analysts build the queries of their unit; ingest is the hub's.
  auto analyst = Person("ann@x.example", "emea", "analyst");
  EXPECT_TRUE(listening_.topics.CreateTopic(analyst, "emea", "Pears", "pear").ok());
  EXPECT_EQ(listening_.ingest.AuthorizeIngest(analyst).code(), Code::kPermissionDenied);
  EXPECT_TRUE(listening_.ingest.AuthorizeIngest(root).ok());
}

TEST_F(ListeningServicesTest, ImportingATopicTwiceChangesItInPlace) {
  bool created = false;
  auto first = listening_.topics.ImportTopic("hub", "Apples", "apple", &created);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(created);
  auto again = listening_.topics.ImportTopic("hub", "Apples", "apple OR pear", &created);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(created);
  EXPECT_EQ(again->topic.id, first->topic.id);
  EXPECT_EQ(again->topic.query, "apple OR pear");
}

TEST_F(ListeningServicesTest, MentionsPageNewestFirstAndStatsCountByHour) {
  const int64_t hour = 3600 * 1000;
  const int64_t t0 = (clock_.NowMs() / hour - 5) * hour;
  auto root = Root();
  auto topic = listening_.topics.CreateTopic(root, "hub", "Apples", "apple");
  ASSERT_TRUE(topic.ok());
  Ingest({Post("1", "apple", t0), Post("2", "apple", t0 + 1000), Post("3", "apple", t0 + hour)});
  auto page = listening_.analytics.Mentions(root, topic->topic.id, "", 2);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->mentions.size(), 2u);
  EXPECT_EQ(page->mentions[0].mention.external_id, "3");
  ASSERT_TRUE(page->next.has_value());
  auto rest = listening_.analytics.Mentions(root, topic->topic.id, *page->next, 2);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->mentions.size(), 1u);
  EXPECT_FALSE(rest->next.has_value());
  EXPECT_EQ(listening_.analytics.Mentions(root, topic->topic.id, "x", 2).status().field(),
            "cursor");

  auto stats = listening_.analytics.Stats(root, topic->topic.id, t0, t0 + 2 * hour);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->total, 3);
  ASSERT_EQ(stats->hours.size(), 2u);
  EXPECT_EQ(stats->hours[0].total, 2);
  EXPECT_EQ(stats->hours[1].total, 1);
  EXPECT_EQ(listening_.analytics.Stats(root, topic->topic.id, t0, t0).status().field(), "to");
}

TEST_F(ListeningServicesTest, ShareOfVoiceCountsARepeatedTopicOnce) {
  const int64_t t0 = clock_.NowMs() - 3600 * 1000;
  auto root = Root();
  auto apples = listening_.topics.CreateTopic(root, "hub", "Apples", "apple");
  ASSERT_TRUE(apples.ok());
  Ingest({Post("1", "apple", t0), Post("2", "apple", t0)});
  const int64_t id = apples->topic.id;
  auto share = listening_.analytics.Share(root, {id, id}, t0 - 3600 * 1000, t0 + 3600 * 1000);
  ASSERT_TRUE(share.ok()) << share.status().ToString();
  ASSERT_EQ(share->topics.size(), 1u);
  EXPECT_EQ(share->topics[0].count, 2);
  EXPECT_EQ(share->total, 2);
}

}  // namespace
}  // namespace dandelion::service

namespace dandelion::service {
namespace {

class TopicBoundsTest : public ServiceTest {
 protected:
  TopicBoundsTest()
      : runtime_(*store_, registry_),
        topics_(
            *store_, clock_, runtime_,
            TopicsOptions{.max_topics_per_unit = 3, .preview_burst = 2, .preview_every_ms = 1000}) {
  }
  engine::TopicRegistry registry_;
  TopicRuntime runtime_;
  TopicsService topics_;
};

TEST_F(TopicBoundsTest, AUnitCannotHoldMoreTopicsThanItsCap) {
  Spoke("emea");
  Spoke("apac");
  auto admin = Person("a@x.example", "emea", "admin");
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(topics_.CreateTopic(admin, "emea", "T" + std::to_string(i), "apple").ok());
  }
  auto over = topics_.CreateTopic(admin, "emea", "One too many", "apple");
  EXPECT_EQ(over.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(over.status().field(), "unit");
  EXPECT_NE(over.status().message().find("3 topics"), std::string::npos);
  // Another unit has its own share.
  EXPECT_TRUE(topics_.CreateTopicAsSystem("apac", "Theirs", "apple").ok());
}

TEST_F(TopicBoundsTest, PreviewsAreRateLimitedPerUser) {
  auto one = Person("one@x.example", "hub", "analyst");
  auto two = Person("two@x.example", "hub", "analyst");
  EXPECT_TRUE(topics_.PreviewQuery(one, "apple", 100, 10).ok());
  EXPECT_TRUE(topics_.PreviewQuery(one, "apple", 100, 10).ok());
  auto third = topics_.PreviewQuery(one, "apple", 100, 10);
  EXPECT_EQ(third.status().code(), Code::kResourceExhausted);
  // Someone else is not held back by the first user's previews.
  EXPECT_TRUE(topics_.PreviewQuery(two, "apple", 100, 10).ok());
  clock_.Advance(1000);
  EXPECT_TRUE(topics_.PreviewQuery(one, "apple", 100, 10).ok());
}

}  // namespace
}  // namespace dandelion::service
