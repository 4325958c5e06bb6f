// `dandelion check` and `dandelion backup`'s store side, on SQLite and a
// real PostgreSQL: a store ingested through the engine is sound; a rollup
// that disagrees with its matches, a match without its rollup and a mention
// missing from the search index are each named; a backup taken while
// another connection ingests is one consistent snapshot; and a backup never
// overwrites a file, nor half-writes one.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "service/listening/listening.h"
#include "service/operations/store_check.h"
#include "store/listening/listening_repos.h"
#include "store/org/org_repos.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

namespace fs = std::filesystem;

std::string Post(int i, const std::string& text, int64_t at_ms) {
  return R"({"network":"mastodon","id":"p)" + std::to_string(i) + R"(","text":")" + text +
         R"(","created_at":")" + FormatTimestamp(at_ms) +
         R"(","author":{"id":"a1","handle":"ann"}})";
}

// A topic on pears, then posts through the engine: every other one about
// pears, spread over a few hours.
struct Listening {
  explicit Listening(store::Store& store) : services(store, clock, registry, nullptr) {
    Status st = store.Write([&](store::Tx& tx) -> Status {
      DND_ASSIGN_OR_RETURN(auto hub, store::Org(tx).units().Create({0, "hub", "Hub", std::nullopt, 1}));
      DND_ASSIGN_OR_RETURN(auto t, store::Listening(tx).topics().Create(
                                       domain::NewTopic(hub.id, "Pears", "pear", 1)));
      topic = t.id;
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    EXPECT_TRUE(services.runtime.ReloadTopics().ok());
  }
  void Ingest(int from, int to) {
    std::vector<std::string> lines;
    for (int i = from; i < to; ++i) {
      lines.push_back(Post(i, i % 2 == 0 ? "pear tart, lovely" : "apple pie, awful",
                           clock.NowMs() - (i % 5) * 3600 * 1000));
    }
    std::vector<std::string_view> views(lines.begin(), lines.end());
    auto r = services.ingest.IngestLines(views);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->accepted, to - from);
  }
  FakeClock clock;
  engine::TopicRegistry registry;
  service::ListeningServices services;
  int64_t topic = 0;
};

class StoreCheckTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = GetParam() == "sqlite" ? MemoryStore() : PostgresStore();
    if (!store_) GTEST_SKIP() << "DANDELION_TEST_PG is not set; scripts/test sets it";
  }
  service::StoreCheck Check() {
    auto c = service::CheckStore(*store_, clock_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? *c : service::StoreCheck{};
  }
  void Exec(const std::function<Status(store::Tx&)>& fn) {
    Status st = store_->Write(fn);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  FakeClock clock_;
  std::unique_ptr<store::Store> store_;
};

TEST_P(StoreCheckTest, AStoreIngestedThroughTheEngineIsSound) {
  Listening l(*store_);
  l.Ingest(0, 300);
  auto c = Check();
  EXPECT_TRUE(c.ok()) << c.problems.front();
  EXPECT_EQ(c.mentions, 300);
  ASSERT_EQ(c.topics.size(), 1u);
  EXPECT_EQ(c.topics[0].name, "Pears");
  EXPECT_EQ(c.topics[0].matches, 150);
}

TEST_P(StoreCheckTest, RollupsThatDisagreeWithTheirMatchesAreNamed) {
  Listening l(*store_);
  l.Ingest(0, 40);
  int64_t mention = 0;
  Exec([&](store::Tx& tx) -> Status {
    auto& repos = store::Listening(tx);
    // Counted twice: one rollup row one too high.
    DND_ASSIGN_OR_RETURN(auto rows, repos.rollups().ForTopics({l.topic}, 0, INT64_MAX / 2));
    EXPECT_FALSE(rows.empty());
    auto doubled = rows.at(0);
    doubled.count = 1;
    DND_RETURN_IF_ERROR(repos.rollups().Add({doubled}));
    // Matched but never rolled up: an apple post matched by hand.
    DND_ASSIGN_OR_RETURN(auto recent, repos.mentions().Recent(100));
    int64_t at = 0;
    for (const auto& m : recent) {
      if (m.text.find("apple") != std::string::npos) {
        mention = m.id;
        at = m.created_at_ms;
      }
    }
    return repos.mentions().AddMatch(l.topic, mention, at).status();
  });
  auto c = Check();
  ASSERT_EQ(c.problems.size(), 2u);
  std::string all = c.problems[0] + "\n" + c.problems[1];
  EXPECT_NE(all.find("rollup of topic " + std::to_string(l.topic)), std::string::npos) << all;
  EXPECT_NE(all.find("the matches count"), std::string::npos) << all;
  EXPECT_NE(all.find("says 0, the matches count 1"), std::string::npos) << all;
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreCheckTest, ::testing::Values("sqlite", "postgresql"));

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dandelion-backup-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  FakeClock clock_;
};

TEST_F(BackupTest, AMentionMissingFromTheSearchIndexIsNamed) {
  const std::string path = (dir_ / "live.db").string();
  {
    auto store = FileStore(path);
    Listening l(*store);
    l.Ingest(0, 20);
  }
  // What a torn write could leave behind: a mention the index lost.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DELETE FROM mentions_fts_docsize WHERE id = (SELECT min(id) FROM mentions)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = FileStore(path);
  auto c = service::CheckStore(*store, clock_);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_FALSE(c->ok());
  EXPECT_NE(c->problems.front().find("19 documents for 20 mentions (1 not indexed)"),
            std::string::npos)
      << c->problems.front();
}

TEST_F(BackupTest, ABackupTakenWhileAnotherConnectionIngestsIsOneConsistentSnapshot) {
  const std::string live = (dir_ / "live.db").string();
  auto writer_store = FileStore(live);
  Listening l(*writer_store);
  l.Ingest(0, 200);
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 200; !stop && i < 200 + 100 * 200; i += 200) l.Ingest(i, i + 200);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto other = FileStore(live);  // another process's connection, as `dandelion backup` is
  const std::string copy = (dir_ / "copy.db").string();
  Status st = other->Backup(copy);
  stop = true;
  writer.join();
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_FALSE(fs::exists(copy + ".part"));

  auto restored = FileStore(copy);
  auto c = service::CheckStore(*restored, clock_);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->ok()) << c->problems.front();
  EXPECT_GE(c->mentions, 200);
  EXPECT_EQ(c->mentions % 200, 0) << "a batch is in the copy whole or not at all";
  EXPECT_EQ(c->topics.at(0).matches * 2, c->mentions);

  Status again = other->Backup(copy);
  EXPECT_EQ(again.code(), Code::kAlreadyExists) << again.ToString();
  EXPECT_NE(again.message().find("exists"), std::string::npos);
}

TEST(PostgresBackupTest, SaysToUsePgDump) {
  auto store = PostgresStore();
  if (!store) GTEST_SKIP() << "DANDELION_TEST_PG is not set; scripts/test sets it";
  Status st = store->Backup("/tmp/never-written.db");
  EXPECT_EQ(st.code(), Code::kFailedPrecondition);
  EXPECT_NE(st.message().find("pg_dump"), std::string::npos) << st.message();
  EXPECT_FALSE(fs::exists("/tmp/never-written.db"));
}

}  // namespace
}  // namespace dandelion::testing
