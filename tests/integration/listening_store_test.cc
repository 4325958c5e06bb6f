// The listening repositories (topics, contacts, mentions, matches, rollups,
// alerts) against SQLite and a real PostgreSQL, like store_test.cc.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <thread>
#include <atomic>
#include <set>

#include "store/listening/listening_repos.h"
#include "store/org/org_repos.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

class ListeningStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = GetParam() == "sqlite" ? MemoryStore() : PostgresStore();
    if (!store_) GTEST_SKIP() << "DANDELION_TEST_PG is not set; scripts/test sets it";
    Tx([&](store::Tx& r) -> Status {
      DND_ASSIGN_OR_RETURN(auto hub,
                           store::Org(r).units().Create({0, "hub", "Hub", std::nullopt, 1}));
      unit_ = hub.id;
      return Status::Ok();
    });
  }
  void Tx(const std::function<Status(store::Tx&)>& fn) {
    Status st = store_->Write(fn);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  static domain::StoredMention Mention(const std::string& id, const std::string& text, int64_t at) {
    domain::StoredMention m;
    m.network = "mastodon";
    m.external_id = id;
    m.author_handle = "kim@social.example";
    m.author_name = "Kim";
    m.text = text;
    m.created_at_ms = at;
    m.ingested_at_ms = at + 5;
    m.language = "en";
    m.sentiment = -0.5;
    m.sentiment_label = "negative";
    m.intents = "complaint,support";
    m.hashtags = "acme";
    return m;
  }

  std::unique_ptr<store::Store> store_;
  int64_t unit_ = 0;
};

TEST_P(ListeningStoreTest, TopicsCreateUpdateDeleteWithUniqueNamesPerUnit) {
  Tx([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(
        auto a, store::Listening(r).topics().Create(domain::NewTopic(unit_, "Brand", "acme", 10)));
    EXPECT_GT(a.id, 0);
    return Status::Ok();
  });
  // A failed statement ends a PostgreSQL transaction: the duplicate gets its own.
  Status dup = store_->Write([&](store::Tx& r) -> Status {
    return store::Listening(r)
        .topics()
        .Create(domain::NewTopic(unit_, "Brand", "other", 11))
        .status();
  });
  EXPECT_EQ(dup.code(), Code::kAlreadyExists);
  EXPECT_EQ(dup.field(), "name");
  Tx([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(auto list, store::Listening(r).topics().List());
    EXPECT_EQ(list.size(), 1u);
    domain::Topic t = list.at(0);
    t.query = "acme OR globex";
    t.updated_at_ms = 20;
    DND_ASSIGN_OR_RETURN(auto saved, store::Listening(r).topics().Update(t));
    EXPECT_EQ(saved.query, "acme OR globex");
    EXPECT_EQ(saved.created_at_ms, 10);
    DND_RETURN_IF_ERROR(store::Listening(r).topics().Delete(t.id));
    EXPECT_EQ(store::Listening(r).topics().Get(t.id).status().code(), Code::kNotFound);
    EXPECT_EQ(store::Listening(r).topics().Delete(t.id).code(), Code::kNotFound);
    return Status::Ok();
  });
}

TEST_P(ListeningStoreTest, MentionsAreStoredOncePerNetworkAndExternalId) {
  Tx([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(auto first, store::Listening(r).mentions().InsertIfNew(
                                         Mention("1", "acme is broken", 100)));
    EXPECT_TRUE(first.has_value());
    DND_ASSIGN_OR_RETURN(
        auto again, store::Listening(r).mentions().InsertIfNew(Mention("1", "changed text", 101)));
    EXPECT_FALSE(again.has_value());
    auto other = Mention("1", "same id, other network", 102);
    other.network = "bluesky";
    DND_ASSIGN_OR_RETURN(auto third, store::Listening(r).mentions().InsertIfNew(other));
    EXPECT_TRUE(third.has_value());
    DND_ASSIGN_OR_RETURN(auto n, store::Listening(r).mentions().Count());
    EXPECT_EQ(n, 2);
    DND_ASSIGN_OR_RETURN(auto recent, store::Listening(r).mentions().Recent(10));
    EXPECT_EQ(recent.size(), 2u);
    EXPECT_EQ(recent.at(1).text, "acme is broken");  // newest first
    EXPECT_EQ(recent.at(1).sentiment, -0.5);
    EXPECT_EQ(recent.at(1).intents, "complaint,support");
    return Status::Ok();
  });
}

// 203 mentions go in as statements of 64, 64, 64, 8, 2 and 1 rows; the ids
// must still line up with the batch, repeats within the batch and rows
// already stored must come back as duplicates, and every new row must be
// searchable.
TEST_P(ListeningStoreTest, ABatchOfAnySizeGetsEachNewMentionItsOwnId) {
  Tx([&](store::Tx& r) -> Status {
    DND_RETURN_IF_ERROR(
        store::Listening(r).mentions().InsertIfNew(Mention("7", "stored before", 1)).status());
    std::vector<domain::StoredMention> batch;
    for (int i = 0; i < 200; ++i) {
      batch.push_back(Mention(std::to_string(1000 + i), fmt::format("post number{}", i), 10 + i));
    }
    batch.push_back(Mention("1005", "a repeat of an earlier row", 500));
    batch.push_back(Mention("7", "a repeat of a stored row", 501));
    batch.push_back(Mention("1199", "another repeat", 502));
    DND_ASSIGN_OR_RETURN(auto ids, store::Listening(r).mentions().InsertBatch(batch));
    EXPECT_EQ(ids.size(), 203u);
    std::set<int64_t> distinct;
    for (int i = 0; i < 200; ++i) {
      EXPECT_TRUE(ids[i].has_value()) << i;
      if (ids[i]) distinct.insert(*ids[i]);
    }
    EXPECT_EQ(distinct.size(), 200u);
    EXPECT_FALSE(ids[200].has_value());
    EXPECT_FALSE(ids[201].has_value());
    EXPECT_FALSE(ids[202].has_value());
    DND_ASSIGN_OR_RETURN(auto n, store::Listening(r).mentions().Count());
    EXPECT_EQ(n, 201);
    // Each id holds its own row.
    DND_ASSIGN_OR_RETURN(auto stored, store::Listening(r).mentions().Candidates({}, 0, 1000));
    std::map<int64_t, std::string> text_of;
    for (const auto& m : stored) text_of[m.id] = m.text;
    for (int i : {0, 63, 64, 150, 199}) {
      EXPECT_EQ(text_of[ids[i].value()], fmt::format("post number{}", i)) << i;
    }
    if (GetParam() == "sqlite") {  // PostgreSQL's candidates are every mention
      DND_ASSIGN_OR_RETURN(auto hit,
                           store::Listening(r).mentions().Candidates({"number150"}, 0, 10));
      EXPECT_EQ(hit.size(), 1u);
      if (!hit.empty()) {
        EXPECT_EQ(hit[0].id, ids[150].value());
      }
    }
    return Status::Ok();
  });
}

TEST_P(ListeningStoreTest, MatchesPageNewestFirstWithACursor) {
  int64_t topic = 0;
  Tx([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(
        auto t, store::Listening(r).topics().Create(domain::NewTopic(unit_, "Brand", "acme", 1)));
    topic = t.id;
    for (int i = 0; i < 5; ++i) {
      DND_ASSIGN_OR_RETURN(
          auto id, store::Listening(r).mentions().InsertIfNew(Mention(
                       std::to_string(i), "acme " + std::to_string(i), 1000 + (i / 2) * 10)));
      DND_ASSIGN_OR_RETURN(
          bool fresh, store::Listening(r).mentions().AddMatch(topic, *id, 1000 + (i / 2) * 10));
      EXPECT_TRUE(fresh);
      DND_ASSIGN_OR_RETURN(
          bool again, store::Listening(r).mentions().AddMatch(topic, *id, 1000 + (i / 2) * 10));
      EXPECT_FALSE(again);
    }
    return Status::Ok();
  });
  Tx([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(auto page1, store::Listening(r).mentions().ForTopic(topic, 0, 0, 3));
    EXPECT_EQ(page1.size(), 3u);
    EXPECT_EQ(page1.at(0).text, "acme 4");
    const auto& last = page1.back();
    DND_ASSIGN_OR_RETURN(
        auto page2, store::Listening(r).mentions().ForTopic(topic, last.created_at_ms, last.id, 3));
    EXPECT_EQ(page2.size(), 2u);
    EXPECT_EQ(page2.back().text, "acme 0");
    DND_ASSIGN_OR_RETURN(auto count, store::Listening(r).mentions().CountForTopic(topic));
    EXPECT_EQ(count, 5);
    return Status::Ok();
  });
}

TEST_P(ListeningStoreTest, CandidatesComeFromTheFullTextIndex) {
  Tx([&](store::Tx& r) -> Status {
    for (auto [id, text] : std::vector<std::pair<std::string, std::string>>{
             {"a", "Café crème"}, {"b", "the routers are down"}, {"c", "nothing here"}}) {
      DND_RETURN_IF_ERROR(
          store::Listening(r).mentions().InsertIfNew(Mention(id, text, 5)).status());
    }
    DND_ASSIGN_OR_RETURN(auto all, store::Listening(r).mentions().Candidates({}, 0, 10));
    EXPECT_EQ(all.size(), 3u);
    DND_ASSIGN_OR_RETURN(auto some,
                         store::Listening(r).mentions().Candidates({"cafe", "router*"}, 0, 10));
    if (GetParam() == "sqlite") {
      // FTS5 folds diacritics and matches the prefix.
      EXPECT_EQ(some.size(), 2u);
      if (some.size() == 2) {
        EXPECT_EQ(some[0].external_id, "a");
        EXPECT_EQ(some[1].external_id, "b");
      }
    } else {
      EXPECT_EQ(some.size(), 3u);  // PostgreSQL reads every mention (a superset)
    }
    DND_ASSIGN_OR_RETURN(auto after,
                         store::Listening(r).mentions().Candidates({}, all.at(1).id, 10));
    EXPECT_EQ(after.size(), 1u);
    return Status::Ok();
  });
}

TEST_P(ListeningStoreTest, ContactsAreOnePerNetworkAndHandle) {
  Tx([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(
        auto a, store::Listening(r).contacts().Upsert({0, "x", "kim", "1", "Kim", 10, 100, 100}));
    DND_ASSIGN_OR_RETURN(auto b, store::Listening(r).contacts().Upsert(
                                     {0, "x", "kim", "1", "Kim L.", std::nullopt, 50, 50}));
    DND_ASSIGN_OR_RETURN(
        auto c, store::Listening(r).contacts().Upsert({0, "mastodon", "kim", "9", "Kim", 1, 1, 1}));
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    DND_ASSIGN_OR_RETURN(auto n, store::Listening(r).contacts().Count());
    EXPECT_EQ(n, 2);
    return Status::Ok();
  });
}

TEST_P(ListeningStoreTest, SightingsOfOneContactInABatchAreMerged) {
  Tx([&](store::Tx& r) -> Status {
    std::vector<domain::Contact> batch;
    for (int i = 0; i < 70; ++i) {
      batch.push_back({0, "x", fmt::format("user{}", i), std::to_string(i), "U", 1, 100, 100});
    }
    batch.push_back({0, "x", "user3", "3", "User Three", std::nullopt, 50, 300});
    batch.push_back({0, "x", "user3", "3", "User 3", 42, 200, 200});
    DND_ASSIGN_OR_RETURN(auto ids, store::Listening(r).contacts().UpsertMany(batch));
    EXPECT_EQ(ids.size(), 72u);
    EXPECT_EQ(ids[70], ids[3]);
    EXPECT_EQ(ids[71], ids[3]);
    EXPECT_NE(ids[3], ids[4]);
    DND_ASSIGN_OR_RETURN(auto n, store::Listening(r).contacts().Count());
    EXPECT_EQ(n, 70);
    // A later batch finds the stored contact.
    DND_ASSIGN_OR_RETURN(auto again,
                         store::Listening(r).contacts().UpsertMany(
                             {{0, "x", "user3", "3", "Three", std::nullopt, 400, 400}}));
    EXPECT_EQ(again.at(0), ids[3]);
    return Status::Ok();
  });
}

// Two nodes store batches by the same authors and topic hours at once, in
// opposite orders: the rows are written in key order whatever the batch's,
// so the two wait for each other instead of deadlocking (PostgreSQL counts
// deadlocks; before the rows were sorted, two stream workers hit one a
// batch, each costing a second).
TEST_P(ListeningStoreTest, ConcurrentBatchesOfTheSameAuthorsNeverDeadlock) {
  std::vector<domain::Contact> forward;
  std::vector<domain::RollupRow> hours;
  for (int i = 0; i < 300; ++i) {
    forward.push_back({0, "x", fmt::format("user{:03}", i), std::to_string(i), "U", 1, 100, 100});
    hours.push_back({1, unit_, i * 3600000LL, "x", "neutral", "none", "en", 1});
  }
  std::vector<domain::Contact> backward(forward.rbegin(), forward.rend());
  std::vector<domain::RollupRow> hours_back(hours.rbegin(), hours.rend());
  // A deadlock aborts one transaction, which Store::Write runs again: more
  // runs than rounds tell.
  std::atomic<int> failures{0}, runs{0};
  auto node = [&](const std::vector<domain::Contact>& authors,
                  const std::vector<domain::RollupRow>& rollups) {
    for (int round = 0; round < 10; ++round) {
      Status st = store_->Write([&](store::Tx& r) -> Status {
        ++runs;
        DND_ASSIGN_OR_RETURN(auto ids, store::Listening(r).contacts().UpsertMany(authors));
        EXPECT_EQ(ids.size(), authors.size());
        std::this_thread::sleep_for(std::chrono::milliseconds(2));  // overlap the other node
        return store::Listening(r).rollups().Add(rollups);
      });
      if (!st.ok()) ++failures;
    }
  };
  std::thread a(node, forward, hours);
  std::thread b(node, backward, hours_back);
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(runs.load(), 20) << "a transaction was aborted (a deadlock) and run again";
  Tx([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(auto n, store::Listening(r).contacts().Count());
    EXPECT_EQ(n, 300);
    DND_ASSIGN_OR_RETURN(auto rows, store::Listening(r).rollups().ForTopics({1}, 0, INT64_MAX / 2));
    EXPECT_EQ(rows.size(), 300u);
    for (const auto& row : rows) EXPECT_EQ(row.count, 20);
    return Status::Ok();
  });
}

TEST_P(ListeningStoreTest, RollupsAddUpAndFilterByHour) {
  Tx([&](store::Tx& r) -> Status {
    std::vector<domain::RollupRow> rows = {
        {7, unit_, 3600000, "x", "negative", "complaint", "en", 2},
        {7, unit_, 3600000, "x", "negative", "complaint", "en", 3},
        {7, unit_, 7200000, "x", "positive", "none", "en", 1},
        {8, unit_, 3600000, "mastodon", "neutral", "none", "de", 4}};
    DND_RETURN_IF_ERROR(store::Listening(r).rollups().Add(rows));
    DND_RETURN_IF_ERROR(store::Listening(r).rollups().Add({rows[0]}));
    DND_ASSIGN_OR_RETURN(auto got, store::Listening(r).rollups().ForTopics({7}, 0, 7200000));
    EXPECT_EQ(got.size(), 1u);
    EXPECT_EQ(got.at(0).count, 7);
    DND_ASSIGN_OR_RETURN(auto both, store::Listening(r).rollups().ForTopics({7, 8}, 0, 10800000));
    EXPECT_EQ(both.size(), 3u);
    DND_RETURN_IF_ERROR(store::Listening(r).rollups().Add(
        {{7, unit_, 3600000, "bluesky", "neutral", "none", "en", 5}}));
    DND_ASSIGN_OR_RETURN(auto totals, store::Listening(r).rollups().HourlyTotals(7, 0, 10800000));
    EXPECT_EQ(totals.size(), 2u);
    if (totals.size() == 2) {
      EXPECT_EQ(totals[0].hour_ms, 3600000);
      EXPECT_EQ(totals[0].total, 12);
      EXPECT_EQ(totals[0].negative, 7);
      EXPECT_EQ(totals[1].hour_ms, 7200000);
      EXPECT_EQ(totals[1].total, 1);
      EXPECT_EQ(totals[1].negative, 0);
    }
    DND_ASSIGN_OR_RETURN(auto later,
                         store::Listening(r).rollups().HourlyTotals(7, 7200000, 10800000));
    EXPECT_EQ(later.size(), 1u);
    return Status::Ok();
  });
}

TEST_P(ListeningStoreTest, AlertsAreOnePerTopicKindAndHour) {
  Tx([&](store::Tx& r) -> Status {
    domain::Alert a{0, 7, unit_, "volume", 3600000, 40, 5, 6.5, 100, std::nullopt};
    DND_ASSIGN_OR_RETURN(auto first, store::Listening(r).alerts().CreateIfNew(a));
    if (!first.has_value()) return Internal("the first alert was not created");
    DND_ASSIGN_OR_RETURN(auto again, store::Listening(r).alerts().CreateIfNew(a));
    EXPECT_FALSE(again.has_value());
    DND_ASSIGN_OR_RETURN(auto list, store::Listening(r).alerts().ForUnits({unit_}, 10));
    EXPECT_EQ(list.size(), 1u);
    EXPECT_DOUBLE_EQ(list.at(0).z, 6.5);
    EXPECT_EQ(store::Listening(r).alerts().Acknowledge(first->id + 100, 1).code(), Code::kNotFound);
    return Status::Ok();
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, ListeningStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dandelion::testing
