// Topic back-fills off the request thread: the request that creates a topic
// answers while its back-fill waits or runs (with the progress on the
// topic), a back-fill cut short resumes where it was without counting
// anything twice, and one made void by a change of the topic stops and
// leaves only the new query's matches.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "service/listening/listening.h"
#include "store/listening/listening_repos.h"
#include "tests/unit/service/service_fixture.h"

namespace dandelion::service {
namespace {

std::string Post(int i, const std::string& text, int64_t at_ms) {
  return R"({"network":"mastodon","id":"p)" + std::to_string(i) + R"(","text":")" + text +
         R"(","created_at":")" + FormatTimestamp(at_ms) + R"(","author":{"id":"a1","handle":"ann"}})";
}

class BackfillTest : public ServiceTest {
 protected:
  //! `n` posts in the hour before the clock's time; every third about pears.
  void IngestPosts(ListeningServices& l, int n) {
    std::vector<std::string> lines;
    for (int i = 0; i < n; ++i) {
      lines.push_back(Post(i, i % 3 == 0 ? "pear tart" : "apple pie",
                           clock_.NowMs() - 3600 * 1000 + i));
    }
    std::vector<std::string_view> views(lines.begin(), lines.end());
    auto r = l.ingest.IngestLines(views);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->accepted, n);
  }
  domain::Topic Topic(int64_t id) {
    domain::Topic t;
    Status st = store_->Read([&](store::Tx& tx) -> Status {
      DND_ASSIGN_OR_RETURN(t, store::Listening(tx).topics().Get(id));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return t;
  }
  //! The topic's matches, and the sum of its hourly rollups: equal unless
  //! something was counted twice.
  std::pair<int64_t, int64_t> Counts(int64_t id) {
    int64_t matches = 0, rolled = 0;
    Status st = store_->Read([&](store::Tx& tx) -> Status {
      auto& l = store::Listening(tx);
      DND_ASSIGN_OR_RETURN(matches, l.mentions().CountForTopic(id));
      DND_ASSIGN_OR_RETURN(auto hours, l.rollups().HourlyTotals(id, 0, INT64_MAX / 2));
      for (const auto& h : hours) rolled += h.total;
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return {matches, rolled};
  }

  //! Requests wait for their back-fill to the end (as in the other tests).
  static BackfillOptions UntilDone() {
    BackfillOptions o;
    o.wait_ms = -1;
    return o;
  }

  engine::TopicRegistry registry_;
};

TEST_F(BackfillTest, ATopicIsAnsweredWhileItsBackfillWaitsThenItsProgressShowsDone) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<std::thread::id> worker;
  BackfillOptions options;
  options.wait_ms = 0;
  options.before_run = [&, released](int64_t) {
    worker.set_value(std::this_thread::get_id());
    released.wait();
  };
  ListeningServices listening(*store_, clock_, registry_, nullptr, options);
  ASSERT_TRUE(listening.runtime.ReloadTopics().ok());
  IngestPosts(listening, 30);

  auto created = listening.topics.CreateTopic(Root(), "hub", "Pears", "pear");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  // Answered with the back-fill still to run, on a thread of its own.
  EXPECT_EQ(created->mentions, 0);
  ASSERT_TRUE(created->topic.backfill_after.has_value());
  EXPECT_EQ(*created->topic.backfill_after, 0);
  EXPECT_GT(created->topic.backfill_until, 0);
  EXPECT_NE(worker.get_future().get(), std::this_thread::get_id());
  // Ingest goes on meanwhile: a new post is matched as it comes.
  {
    std::string line = Post(100, "pear jam", clock_.NowMs());
    std::vector<std::string_view> views = {line};
    auto r = listening.ingest.IngestLines(views);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->matches, 1);
  }

  release.set_value();
  ASSERT_TRUE(listening.backfills.Wait(created->topic.id, -1));
  auto got = listening.topics.GetTopic(Root(), created->topic.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->mentions, 11) << "10 back-filled, 1 matched at ingest";
  EXPECT_FALSE(got->topic.backfill_after.has_value()) << "done";
  EXPECT_EQ(Counts(created->topic.id), (std::pair<int64_t, int64_t>{11, 11}));
}

// A back-fill stopped after its first page (a restart) is resumed by the
// next start's ResumePending from where it was, and counts nothing twice.
TEST_F(BackfillTest, ABackfillCutShortResumesWhereItWasAtTheNextStart) {
  auto listening = std::make_unique<ListeningServices>(*store_, clock_, registry_, nullptr, UntilDone());
  ASSERT_TRUE(listening->runtime.ReloadTopics().ok());
  IngestPosts(*listening, 5000);  // three pages
  auto created = listening->topics.CreateTopicAsSystem("hub", "Apples", "apple");
  ASSERT_TRUE(created.ok());
  const int64_t id = created->topic.id;
  ASSERT_FALSE(Topic(id).backfill_after.has_value()) << "back-filled before the answer";
  const auto whole = Counts(id);
  ASSERT_EQ(whole.first, 3333);

  ASSERT_TRUE(listening->runtime.StartBackfill(id).ok());
  int pages = 0;
  auto first = listening->runtime.RunBackfill(id, [&] { return pages++ < 1; });
  ASSERT_TRUE(first.ok());
  EXPECT_GT(*first, 0);
  EXPECT_LT(*first, 3333);
  domain::Topic cut = Topic(id);
  ASSERT_TRUE(cut.backfill_after.has_value()) << "stopped part way";
  EXPECT_GT(*cut.backfill_after, 0);
  listening.reset();  // the server stops

  ListeningServices restarted(*store_, clock_, registry_, nullptr, UntilDone());
  ASSERT_TRUE(restarted.backfills.ResumePending().ok());
  ASSERT_TRUE(restarted.backfills.Wait(id, -1));
  EXPECT_FALSE(Topic(id).backfill_after.has_value());
  EXPECT_EQ(Counts(id), whole);
}

// The topic's query changes while its back-fill runs: the old run stops at
// its next page, and the new one leaves only the new query's matches.
TEST_F(BackfillTest, AChangeOfTheTopicVoidsTheBackfillUnderWay) {
  ListeningServices listening(*store_, clock_, registry_, nullptr, UntilDone());
  ASSERT_TRUE(listening.runtime.ReloadTopics().ok());
  IngestPosts(listening, 5000);
  auto created = listening.topics.CreateTopicAsSystem("hub", "Fruit", "apple");
  ASSERT_TRUE(created.ok());
  const int64_t id = created->topic.id;

  ASSERT_TRUE(listening.runtime.StartBackfill(id).ok());
  int pages = 0;
  auto old_run = listening.runtime.RunBackfill(id, [&] {
    if (++pages == 2) {
      // Between the old run's pages, the topic is changed and its own
      // back-fill begins.
      Status st = store_->Write([&](store::Tx& tx) -> Status {
        auto& topics = store::Listening(tx).topics();
        DND_ASSIGN_OR_RETURN(auto t, topics.Get(id));
        t.query = "pear";
        return topics.Update(t).status();
      });
      EXPECT_TRUE(st.ok());
      EXPECT_TRUE(listening.runtime.StartBackfill(id).ok());
    }
    return true;
  });
  ASSERT_TRUE(old_run.ok());
  EXPECT_EQ(pages, 2) << "the old run stopped at the page after the change";
  ASSERT_TRUE(listening.runtime.RunBackfill(id).ok());
  EXPECT_EQ(Counts(id), (std::pair<int64_t, int64_t>{1667, 1667})) << "only pears";
}

// The topic is deleted between two pages of its back-fill: the run stops
// there, quietly, and leaves nothing of the topic behind.
TEST_F(BackfillTest, ATopicDeletedWhileItsBackfillRunsLeavesNothingBehind) {
  ListeningServices listening(*store_, clock_, registry_, nullptr, UntilDone());
  ASSERT_TRUE(listening.runtime.ReloadTopics().ok());
  IngestPosts(listening, 5000);
  auto created = listening.topics.CreateTopicAsSystem("hub", "Apples", "apple");
  ASSERT_TRUE(created.ok());
  const int64_t id = created->topic.id;
  ASSERT_TRUE(listening.runtime.StartBackfill(id).ok());
  int pages = 0;
  auto run = listening.runtime.RunBackfill(id, [&] {
    if (++pages == 2) {
      EXPECT_TRUE(listening.topics.DeleteTopic(Root(), id).ok());
    }
    return true;
  });
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(pages, 2) << "stopped at the page after the deletion";
  EXPECT_EQ(Counts(id), (std::pair<int64_t, int64_t>{0, 0}));
}

// Ingest runs on one node while topics change through another: a batch the
// ingesting node matched with the topics before a change but stores after
// it is matched again first (the store's topic version says the topics
// moved), and each back-fill covers only what was stored before its change;
// so every match is counted once and none is missed (rollups equal a
// recount). The ingesting node has no watcher: only the version check can
// tell it. Ten topics, each changed at a different moment of the feed.
TEST_F(BackfillTest, IngestAndTopicChangesAtOnceCountEveryMatchOnce) {
  ListeningServices a(*store_, clock_, registry_, nullptr, UntilDone());
  engine::TopicRegistry registry_b;
  ListeningServices b(*store_, clock_, registry_b, nullptr, UntilDone());
  ASSERT_TRUE(a.runtime.ReloadTopics().ok());
  std::vector<int64_t> ids;
  for (int t = 0; t < 10; ++t) {
    auto created = a.topics.CreateTopicAsSystem("hub", "Fruit " + std::to_string(t), "apple");
    ASSERT_TRUE(created.ok());
    ids.push_back(created->topic.id);
  }
  ASSERT_TRUE(b.runtime.ReloadTopics().ok());
  std::atomic<int> batches{0};
  int pears = 0;
  std::thread feeder([&] {
    for (int n = 0; n < 30 * 100; n += 100) {
      std::vector<std::string> lines;
      for (int i = n; i < n + 100; ++i) {
        // A third are about pears: a wrong match cannot make up the count.
        lines.push_back(Post(10000 + i, i % 3 == 0 ? "pear tart" : "apple pie",
                             clock_.NowMs() - 3600 * 1000 + i));
        if (i % 3 == 0) ++pears;
      }
      std::vector<std::string_view> views(lines.begin(), lines.end());
      auto r = b.ingest.IngestLines(views);
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      ++batches;
    }
  });
  // Each topic turns to pears, through node A, while node B's feed goes on.
  for (size_t t = 0; t < ids.size(); ++t) {
    while (batches.load() < static_cast<int>(2 + 2 * t)) std::this_thread::yield();
    auto changed = a.topics.UpdateTopic(Root(), ids[t], "Fruit " + std::to_string(t), "pear");
    ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  }
  feeder.join();
  for (int64_t id : ids) {
    ASSERT_TRUE(a.backfills.Wait(id, -1));
    EXPECT_EQ(Counts(id), (std::pair<int64_t, int64_t>{pears, pears})) << "topic " << id;
  }
}

}  // namespace
// A back-fill whose node stopped for good (nobody restarts it) is taken
// over by another node's worker once its mark stands still between two
// looks, and finishes there with nothing counted twice.
TEST_F(BackfillTest, ABackfillNoNodeMovesIsTakenOverByAnotherNode) {
  ListeningServices a(*store_, clock_, registry_, nullptr, UntilDone());
  ASSERT_TRUE(a.runtime.ReloadTopics().ok());
  IngestPosts(a, 5000);  // three pages
  auto created = a.topics.CreateTopicAsSystem("hub", "Apples", "apple");
  ASSERT_TRUE(created.ok());
  const int64_t id = created->topic.id;
  // Node A marks the back-fill again, runs one page and is gone.
  ASSERT_TRUE(a.runtime.StartBackfill(id).ok());
  int pages = 0;
  ASSERT_TRUE(a.runtime.RunBackfill(id, [&] { return pages++ < 1; }).ok());
  ASSERT_TRUE(Topic(id).backfill_after.has_value());

  BackfillOptions look_often = UntilDone();
  look_often.adopt_every_ms = 50;
  engine::TopicRegistry registry_b;
  ListeningServices b(*store_, clock_, registry_b, nullptr, look_often);
  ASSERT_TRUE(b.runtime.ReloadTopics().ok());
  for (int i = 0; i < 200 && Topic(id).backfill_after.has_value(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_FALSE(Topic(id).backfill_after.has_value()) << "node B finished it";
  EXPECT_EQ(Counts(id), (std::pair<int64_t, int64_t>{3333, 3333}));
}

}  // namespace dandelion::service
