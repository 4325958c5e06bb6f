// The engine's runtime: the same pipeline for a request's body (on the
// calling thread) and for files (workers): batches stored in order, each
// rejected line kept with the number it has in its own input, and after
// every commit the subscribers told exactly what is new.
#include "ingest/runtime.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "ingest/body_source.h"
#include "ingest/file_source.h"
#include "tests/unit/service/service_fixture.h"

namespace dandelion::ingest {
namespace {

std::string Post(int i, const std::string& text) {
  return R"({"network":"mastodon","id":"p)" + std::to_string(i) + R"(","text":")" + text +
         R"(","created_at":"2026-01-01T00:00:00Z","author":{"id":"a1","handle":"ann"}})";
}

// Collects what a dead-letter sink is given.
class Collect : public DeadLetterSink {
 public:
  Status Take(const std::vector<DeadLetter>& letters, std::vector<domain::RejectedLine>&) override {
    for (const auto& r : letters) {
      got.push_back(std::string(r.origin) + ":" + std::to_string(r.line) + ":" +
                    std::string(r.reason) + ":" + std::string(r.raw));
    }
    return Status::Ok();
  }
  int64_t kept() const override { return static_cast<int64_t>(got.size()); }
  std::vector<std::string> got;
};

class RuntimeTest : public service::ServiceTest {
 protected:
  RuntimeTest() : listening_(*store_, clock_, registry_), runtime_(listening_) {
    EXPECT_TRUE(listening_.runtime.ReloadTopics().ok());
  }
  std::string WriteFile(const std::string& name, const std::vector<std::string>& lines) {
    auto path = std::filesystem::path(::testing::TempDir()) / name;
    std::ofstream f(path);
    for (const auto& l : lines) f << l << "\n";
    return path.string();
  }
  engine::TopicRegistry registry_;
  service::ListeningServices listening_;
  IngestRuntime runtime_;
};

TEST_F(RuntimeTest, ABodyIsStoredInBatchesOnTheCallingThreadWithItsRejectedLinesNumbered) {
  std::string body = Post(1, "apple") + "\n" + "not json\n" + Post(2, "pear") + "\n{\"x\":\n";
  BodySource source(body);
  Collect dead;
  RunOptions run;
  run.batch_lines = 2;  // two batches: numbering goes on across them
  auto r = runtime_.Run(source, dead, run);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->lines, 4);
  EXPECT_EQ(r->accepted, 2);
  EXPECT_EQ(dead.got, (std::vector<std::string>{"request:2:not_json:not json",
                                                "request:4:truncated_json:{\"x\":"}));
  EXPECT_EQ(r->rejected_lines.size(), 2u);
}

TEST_F(RuntimeTest, FilesAreNumberedEachFromOneAndStoredInOrderByWorkers) {
  std::vector<std::string> a, b;
  for (int i = 0; i < 50; ++i) a.push_back(Post(i, "apple"));
  a.push_back("junk a");
  b.push_back("junk b");
  for (int i = 50; i < 100; ++i) b.push_back(Post(i, "pear"));
  auto source = FileSource::Open({WriteFile("a.ndjson", a), WriteFile("b.ndjson", b)});
  ASSERT_TRUE(source.ok());
  Collect dead;
  RunOptions run;
  run.workers = 2;
  run.batch_lines = 7;
  std::vector<int64_t> order;  // the batches' first mention ids as committed
  runtime_.Subscribe([&](const StoredBatch& s) {
    for (const auto& id : s.ids) {
      if (id) order.push_back(*id);
    }
  });
  auto r = runtime_.Run(**source, dead, run);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->accepted, 100);
  ASSERT_EQ(dead.got.size(), 2u);
  EXPECT_NE(dead.got[0].find("a.ndjson:51:not_json:junk a"), std::string::npos) << dead.got[0];
  EXPECT_NE(dead.got[1].find("b.ndjson:1:not_json:junk b"), std::string::npos) << dead.got[1];
  // In order: ids rise with the input, whatever the workers' timing.
  ASSERT_EQ(order.size(), 100u);
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
}

TEST_F(RuntimeTest, SubscribersHearOfNewMentionsWithTheirTopicsAndNothingOfDuplicates) {
  auto topic = listening_.topics.CreateTopicAsSystem("hub", "Apples", "apple");
  ASSERT_TRUE(topic.ok());
  std::vector<std::pair<int64_t, std::vector<int64_t>>> heard;  // id, topics
  runtime_.Subscribe([&](const StoredBatch& s) {
    for (size_t i = 0; i < s.ids.size(); ++i) {
      if (s.ids[i]) heard.push_back({*s.ids[i], s.processed.mentions[i].topics});
    }
  });
  std::string first = Post(1, "apple pie") + "\n" + Post(2, "pear") + "\n";
  BodySource one(first);
  NoDeadLetters none;
  ASSERT_TRUE(runtime_.Run(one, none, RunOptions{}).ok());
  ASSERT_EQ(heard.size(), 2u);
  EXPECT_EQ(heard[0].second, std::vector<int64_t>{topic->topic.id});
  EXPECT_TRUE(heard[1].second.empty());
  // The same posts again: stored already, nothing new to act on.
  BodySource again(first);
  auto r = runtime_.Run(again, none, RunOptions{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->duplicates, 2);
  EXPECT_EQ(heard.size(), 2u);
}

// A run that never ends (a stream) keeps its counts but not the lines it
// listed: its report does not grow for as long as the node runs.
TEST_F(RuntimeTest, ARunThatNeverEndsKeepsCountsNotDetails) {
  std::string body;
  for (int i = 0; i < 30; ++i) body += "junk " + std::to_string(i) + "\n";
  BodySource source(body);
  NoDeadLetters none;
  RunOptions run;
  run.batch_lines = 10;
  run.forget_details = true;
  std::vector<size_t> listed;
  run.on_batch = [&](const service::IngestReport& r, const Source&) {
    listed.push_back(r.rejected_lines.size());
  };
  auto r = runtime_.Run(source, none, run);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(listed, (std::vector<size_t>{10, 10, 10})) << "each batch's own, not all so far";
  EXPECT_EQ(r->rejected, 30);
  EXPECT_TRUE(r->rejected_lines.empty());
}

TEST_F(RuntimeTest, AReadErrorStopsTheRunAndSaysWhichFile) {
  auto source = FileSource::Open({"/nonexistent/posts.ndjson"});
  ASSERT_FALSE(source.ok());
  EXPECT_NE(source.status().message().find("/nonexistent/posts.ndjson"), std::string::npos);
  EXPECT_EQ(FileSource::Open({}).status().code(), Code::kInvalidArgument);
}

// A store whose next `fail_writes` writes fail as a lost database does.
class AwayStore : public store::Store {
 public:
  explicit AwayStore(store::Store& inner) : inner_(inner) {}
  Status Write(const std::function<Status(store::Tx&)>& fn) override {
    if (fail_writes > 0) {
      --fail_writes;
      return Unavailable("server closed the connection unexpectedly");
    }
    return inner_.Write(fn);
  }
  Status Read(const std::function<Status(store::Tx&)>& fn) override { return inner_.Read(fn); }
  Result<int> Migrate() override { return inner_.Migrate(); }
  Result<std::vector<std::string>> AppliedMigrations() override {
    return inner_.AppliedMigrations();
  }
  Result<std::vector<std::string>> Schema() override { return inner_.Schema(); }
  Status Ping() override { return inner_.Ping(); }
  std::string Backend() const override { return inner_.Backend(); }
  Result<std::vector<std::string>> IntegrityProblems() override {
    return inner_.IntegrityProblems();
  }
  Status Backup(const std::string& path) override { return inner_.Backup(path); }
  std::atomic<int> fail_writes{0};

 private:
  store::Store& inner_;
};

// Batches of a stream: told when committed, and while they wait.
class HeldSource : public Source {
 public:
  explicit HeldSource(std::vector<std::string> lines, size_t per_batch)
      : lines_(std::move(lines)), per_batch_(per_batch) {}
  Result<std::optional<SourceBatch>> Next(size_t, size_t) override {
    if (at_ >= lines_.size()) return std::optional<SourceBatch>();
    SourceBatch b;
    b.origin = "stream";
    b.first_line = static_cast<int64_t>(at_) + 1;
    for (size_t k = 0; k < per_batch_ && at_ < lines_.size(); ++k) b.lines.push_back(lines_[at_++]);
    b.committed = [this] { ++committed; };
    b.in_progress = [this] { ++held; };
    return std::optional<SourceBatch>(std::move(b));
  }
  std::atomic<int> committed{0}, held{0};

 private:
  std::vector<std::string> lines_;
  size_t per_batch_;
  size_t at_ = 0;
};

// The store away under a stream: the batch is kept (its source told it is
// still in progress, so a stream does not deliver it again) and stored
// once the store is back, each post once; without a caller that waits,
// the run ends with the store's error and nothing acknowledged.
TEST_F(RuntimeTest, ABatchTheStoreCannotTakeIsHeldAndStoredOnceItIsBack) {
  AwayStore away(*store_);
  engine::TopicRegistry registry;
  service::ListeningServices listening(away, clock_, registry);
  ASSERT_TRUE(listening.runtime.ReloadTopics().ok());
  IngestRuntime runtime(listening);
  std::vector<std::string> lines;
  for (int i = 0; i < 40; ++i) lines.push_back(Post(i, "apple"));
  HeldSource source(lines, 10);
  NoDeadLetters none;
  RunOptions run;
  run.workers = 2;
  run.batch_lines = 10;
  std::vector<std::string> waited;
  run.on_store_away = [&](const Status& st) {
    waited.push_back(st.message());
    return true;
  };
  away.fail_writes = 3;  // the first batch's store, and its first two tries again
  auto r = runtime.Run(source, none, run);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(waited.size(), 3u);
  EXPECT_EQ(waited.front(), "server closed the connection unexpectedly");
  EXPECT_EQ(r->accepted, 40);
  EXPECT_EQ(r->duplicates, 0);
  EXPECT_EQ(source.committed.load(), 4);
  EXPECT_GE(source.held.load(), 6) << "held before and after each wait";

  HeldSource again(lines, 10);
  run.on_store_away = [](const Status&) { return false; };  // the node is stopping
  away.fail_writes = 1;
  auto stopped = runtime.Run(again, none, run);
  EXPECT_EQ(stopped.status().code(), Code::kUnavailable);
  EXPECT_EQ(again.committed.load(), 0) << "nothing acknowledged: delivered again later";
}

}  // namespace
}  // namespace dandelion::ingest
