// The shared storage suite: every case runs against SQLite and against a
// real PostgreSQL (DANDELION_TEST_PG, started by scripts/test).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "domain/audit.h"
#include "store/audit/audit_repo.h"
#include "store/auth/auth_repos.h"
#include "store/org/org_repos.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

using domain::Role;

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlitefile") {
      char tmpl[] = "/tmp/dandelion-store-test.XXXXXX";
      ASSERT_NE(mkdtemp(tmpl), nullptr);
      dir_ = tmpl;
      store_ = FileStore(dir_ + "/dandelion.db");
    } else if (GetParam() == "sqlite") {
      store_ = MemoryStore();
    } else {
      store_ = PostgresStore();
      if (!store_) GTEST_SKIP() << "DANDELION_TEST_PG is not set; scripts/test sets it";
    }
  }

  //! Runs `fn` in a transaction and expects it to succeed.
  void Tx(const std::function<Status(store::Tx&)>& fn) {
    Status st = store_->Write(fn);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  domain::Unit MakeUnit(const std::string& slug, std::optional<int64_t> parent) {
    domain::Unit out;
    Tx([&](store::Tx& r) -> Status {
      DND_ASSIGN_OR_RETURN(out,
                           store::Org(r).units().Create({0, slug, "Unit " + slug, parent, 1000}));
      return Status::Ok();
    });
    return out;
  }

  domain::User MakeUser(const std::string& email) {
    domain::User out;
    Tx([&](store::Tx& r) -> Status {
      DND_ASSIGN_OR_RETURN(out,
                           store::Org(r).users().Create({0, email, "Name", 2000}, "hash-" + email));
      return Status::Ok();
    });
    return out;
  }

  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<store::Store> store_;
  std::string dir_;
};

TEST_P(StoreTest, MigrateIsIdempotent) {
  auto again = store_->Migrate();
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, 0);
  EXPECT_TRUE(store_->Ping().ok());
}

TEST_P(StoreTest, UnitsCreateListRename) {
  auto hub = MakeUnit("hub", std::nullopt);
  auto emea = MakeUnit("emea", hub.id);
  EXPECT_GT(emea.id, hub.id);
  EXPECT_EQ(emea.parent_id, hub.id);
  Tx([&](store::Tx& r) -> Status {
    DND_RETURN_IF_ERROR(store::Org(r).units().Rename(emea.id, "Europe"));
    DND_ASSIGN_OR_RETURN(auto all, store::Org(r).units().List());
    EXPECT_EQ(all.size(), 2u);
    EXPECT_EQ(all[1].name, "Europe");
    EXPECT_EQ(all[1].created_at_ms, 1000);
    EXPECT_FALSE(all[0].parent_id.has_value());
    EXPECT_EQ(store::Org(r).units().Rename(999, "x").code(), Code::kNotFound);
    return Status::Ok();
  });
}

TEST_P(StoreTest, DuplicateSlugIsAlreadyExistsNamingSlug) {
  auto hub = MakeUnit("hub", std::nullopt);
  MakeUnit("retail", hub.id);
  Status st = store_->Write([&](store::Tx& r) {
    return store::Org(r).units().Create({0, "retail", "Again", hub.id, 1}).status();
  });
  EXPECT_EQ(st.code(), Code::kAlreadyExists);
  EXPECT_EQ(st.field(), "slug");
}

TEST_P(StoreTest, OnlyOneRootUnit) {
  MakeUnit("hub", std::nullopt);
  Status st = store_->Write([&](store::Tx& r) {
    return store::Org(r).units().Create({0, "hub2", "Second root", std::nullopt, 1}).status();
  });
  EXPECT_EQ(st.code(), Code::kAlreadyExists);
}

TEST_P(StoreTest, FailedTransactionWritesNothing) {
  auto hub = MakeUnit("hub", std::nullopt);
  Status st = store_->Write([&](store::Tx& r) -> Status {
    DND_RETURN_IF_ERROR(store::Org(r).units().Create({0, "half", "Half", hub.id, 1}).status());
    return InvalidArgument("stop here");
  });
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  Tx([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(auto all, store::Org(r).units().List());
    EXPECT_EQ(all.size(), 1u);
    return Status::Ok();
  });
}

TEST_P(StoreTest, UsersCreateFindListCount) {
  auto a = MakeUser("a@x.example");
  auto b = MakeUser("b@x.example");
  auto c = MakeUser("c@x.example");
  Status dup = store_->Write([&](store::Tx& r) {
    return store::Org(r).users().Create({0, "a@x.example", "A", 1}, "h").status();
  });
  EXPECT_EQ(dup.code(), Code::kAlreadyExists);
  EXPECT_EQ(dup.field(), "email");
  Tx([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(auto found, store::Org(r).users().GetByEmail("b@x.example"));
    EXPECT_EQ(found.first.id, b.id);
    EXPECT_EQ(found.second, "hash-b@x.example");
    EXPECT_EQ(store::Org(r).users().GetByEmail("nobody@x.example").status().code(),
              Code::kNotFound);
    EXPECT_EQ(store::Org(r).users().Get(99999).status().code(), Code::kNotFound);
    DND_ASSIGN_OR_RETURN(auto page1, store::Org(r).users().List(0, 2, std::nullopt));
    EXPECT_EQ(page1.size(), 2u);
    if (page1.size() != 2u) return Internal("unexpected size of page1");
    DND_ASSIGN_OR_RETURN(auto page2, store::Org(r).users().List(page1.back().id, 2, std::nullopt));
    EXPECT_EQ(page2.size(), 1u);
    if (page2.size() != 1u) return Internal("unexpected size of page2");
    EXPECT_EQ(page2[0].id, c.id);
    DND_ASSIGN_OR_RETURN(auto only,
                         store::Org(r).users().List(0, 10, std::vector<int64_t>{a.id, c.id}));
    EXPECT_EQ(only.size(), 2u);
    if (only.size() != 2u) return Internal("unexpected size of only");
    EXPECT_EQ(only[1].email, "c@x.example");
    DND_ASSIGN_OR_RETURN(auto none, store::Org(r).users().List(0, 10, std::vector<int64_t>{}));
    EXPECT_TRUE(none.empty());
    DND_ASSIGN_OR_RETURN(int64_t n, store::Org(r).users().Count());
    EXPECT_EQ(n, 3);
    return Status::Ok();
  });
}

TEST_P(StoreTest, MembershipsAddListRemove) {
  auto hub = MakeUnit("hub", std::nullopt);
  auto sup = MakeUnit("support", hub.id);
  auto u = MakeUser("agent@x.example");
  domain::Membership m;
  Tx([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(m, store::Org(r).memberships().Add({0, u.id, sup.id, Role::kAgent}));
    DND_RETURN_IF_ERROR(
        store::Org(r).memberships().Add({0, u.id, hub.id, Role::kAnalyst}).status());
    return Status::Ok();
  });
  Status dup = store_->Write([&](store::Tx& r) {
    return store::Org(r).memberships().Add({0, u.id, sup.id, Role::kAgent}).status();
  });
  EXPECT_EQ(dup.code(), Code::kAlreadyExists);
  EXPECT_EQ(dup.field(), "role");
  Tx([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(auto mine, store::Org(r).memberships().ForUser(u.id));
    EXPECT_EQ(mine.size(), 2u);
    DND_ASSIGN_OR_RETURN(auto at_support, store::Org(r).memberships().ForUnit(sup.id));
    EXPECT_EQ(at_support.size(), 1u);
    EXPECT_EQ(at_support[0].role, Role::kAgent);
    DND_ASSIGN_OR_RETURN(auto both, store::Org(r).memberships().ForUnits({sup.id, hub.id}));
    EXPECT_EQ(both.size(), 2u);
    DND_ASSIGN_OR_RETURN(auto got, store::Org(r).memberships().Get(m.id));
    EXPECT_EQ(got.unit_id, sup.id);
    DND_RETURN_IF_ERROR(store::Org(r).memberships().Remove(m.id));
    EXPECT_EQ(store::Org(r).memberships().Remove(m.id).code(), Code::kNotFound);
    DND_ASSIGN_OR_RETURN(auto after, store::Org(r).memberships().ForUser(u.id));
    EXPECT_EQ(after.size(), 1u);
    return Status::Ok();
  });
}

TEST_P(StoreTest, SessionsExpireAndDelete) {
  auto u = MakeUser("s@x.example");
  Tx([&](store::Tx& r) -> Status {
    DND_RETURN_IF_ERROR(store::Auth(r).sessions().Create({"old", u.id, "c1", 0, 100, 0}));
    DND_RETURN_IF_ERROR(store::Auth(r).sessions().Create({"new", u.id, "c2", 0, 10'000, 0}));
    DND_ASSIGN_OR_RETURN(auto s, store::Auth(r).sessions().Get("new"));
    EXPECT_EQ(s.csrf_token, "c2");
    EXPECT_EQ(s.expires_at_ms, 10'000);
    DND_ASSIGN_OR_RETURN(int64_t gone, store::Auth(r).sessions().DeleteExpired(5'000));
    EXPECT_EQ(gone, 1);
    EXPECT_EQ(store::Auth(r).sessions().Get("old").status().code(), Code::kNotFound);
    DND_RETURN_IF_ERROR(store::Auth(r).sessions().Delete("new"));
    EXPECT_EQ(store::Auth(r).sessions().Get("new").status().code(), Code::kNotFound);
    return Status::Ok();
  });
}

TEST_P(StoreTest, ApiTokensBelongToTheirUser) {
  auto u = MakeUser("t@x.example");
  auto other = MakeUser("o@x.example");
  Tx([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(
        auto t, store::Auth(r).api_tokens().Create({0, u.id, "ci", "h1", 5, std::nullopt}));
    DND_ASSIGN_OR_RETURN(auto found, store::Auth(r).api_tokens().GetByHash("h1"));
    EXPECT_EQ(found.id, t.id);
    EXPECT_FALSE(found.last_used_at_ms.has_value());
    DND_RETURN_IF_ERROR(store::Auth(r).api_tokens().Touch(t.id, 77));
    DND_ASSIGN_OR_RETURN(auto list, store::Auth(r).api_tokens().ForUser(u.id));
    EXPECT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].last_used_at_ms, 77);
    EXPECT_EQ(store::Auth(r).api_tokens().Delete(t.id, other.id).code(), Code::kNotFound);
    DND_RETURN_IF_ERROR(store::Auth(r).api_tokens().Delete(t.id, u.id));
    EXPECT_EQ(store::Auth(r).api_tokens().GetByHash("h1").status().code(), Code::kNotFound);
    return Status::Ok();
  });
}

TEST_P(StoreTest, LoginFailuresCountWithinWindow) {
  Tx([&](store::Tx& r) -> Status {
    auto& logins = store::Auth(r).login_attempts();
    for (int64_t at : {100, 200, 300}) DND_RETURN_IF_ERROR(logins.RecordFailure("k", at));
    DND_RETURN_IF_ERROR(logins.RecordFailure("other", 250));
    DND_ASSIGN_OR_RETURN(store::FailureCounts c, logins.CountSince("k", 150));
    EXPECT_EQ(c.count, 2);
    EXPECT_EQ(c.oldest_ms, 200);
    EXPECT_EQ(c.newest_ms, 300);
    DND_RETURN_IF_ERROR(logins.Clear("k"));
    DND_ASSIGN_OR_RETURN(c, logins.CountSince("k", 0));
    EXPECT_EQ(c.count, 0);
    EXPECT_FALSE(c.oldest_ms.has_value());
    return Status::Ok();
  });
}

TEST_P(StoreTest, OldLoginFailuresArePurgedWhateverTheirKey) {
  Tx([&](store::Tx& r) -> Status {
    auto& logins = store::Auth(r).login_attempts();
    for (int64_t at : {100, 200, 300}) DND_RETURN_IF_ERROR(logins.RecordFailure("a", at));
    DND_RETURN_IF_ERROR(logins.RecordFailure("b", 150));
    DND_ASSIGN_OR_RETURN(int64_t purged, logins.PurgeBefore(250));
    EXPECT_EQ(purged, 3);
    DND_ASSIGN_OR_RETURN(store::FailureCounts a, logins.CountSince("a", 0));
    EXPECT_EQ(a.count, 1);
    DND_ASSIGN_OR_RETURN(store::FailureCounts b, logins.CountSince("b", 0));
    EXPECT_EQ(b.count, 0);
    return Status::Ok();
  });
}

TEST_P(StoreTest, AuditAppendsChainAndListsNewestFirst) {
  for (int i = 0; i < 5; ++i) {
    Tx([&](store::Tx& r) {
      domain::AuditEntry e;
      e.at_ms = 1000 + i;
      e.actor = "system";
      e.action = "test";
      e.target = "t:" + std::to_string(i);
      e.before = "null";
      e.after = "{\"i\":" + std::to_string(i) + "}";
      return store::Audit(r).Append(e).status();
    });
  }
  Tx([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(auto page, store::Audit(r).List(0, 2));
    EXPECT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0].target, "t:4");
    DND_ASSIGN_OR_RETURN(auto older, store::Audit(r).List(page[1].id, 10));
    EXPECT_EQ(older.size(), 3u);
    EXPECT_EQ(older.back().target, "t:0");
    EXPECT_EQ(older.back().prev_hash, domain::kAuditGenesis);
    domain::AuditVerification v;
    std::string prev(domain::kAuditGenesis);
    DND_RETURN_IF_ERROR(store::Audit(r).Scan(
        [&](const domain::AuditEntry& e) { return domain::VerifyAuditStep(e, prev, v); }));
    EXPECT_TRUE(v.ok) << v.message;
    EXPECT_EQ(v.checked, 5);
    return Status::Ok();
  });
}

TEST_P(StoreTest, ConcurrentAuditAppendsKeepOneChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 15; ++i) {
        Status st = store_->Write([&](store::Tx& r) {
          domain::AuditEntry e;
          e.at_ms = i;
          e.actor = "thread" + std::to_string(t);
          e.action = "test";
          e.target = "x";
          e.before = e.after = "null";
          return store::Audit(r).Append(e).status();
        });
        EXPECT_TRUE(st.ok()) << st.ToString();
      }
    });
  }
  for (auto& th : threads) th.join();
  Tx([&](store::Tx& r) -> Status {
    domain::AuditVerification v;
    std::string prev(domain::kAuditGenesis);
    DND_RETURN_IF_ERROR(store::Audit(r).Scan(
        [&](const domain::AuditEntry& e) { return domain::VerifyAuditStep(e, prev, v); }));
    EXPECT_TRUE(v.ok) << v.message;
    EXPECT_EQ(v.checked, 60);
    return Status::Ok();
  });
}

TEST_P(StoreTest, ThrowInsideTransactRollsBackAndReleasesTheConnection) {
  // More throws than the PostgreSQL pool has connections: a leaked
  // connection would make the last Transact wait for ever.
  for (int i = 0; i < 6; ++i) {
    EXPECT_THROW((void)store_->Write([&](store::Tx& r) -> Status {
      auto u = store::Org(r).units().Create(
          {0, "thrown" + std::to_string(i), "Thrown", std::nullopt, 1});
      if (!u.ok()) return u.status();
      throw std::runtime_error("boom");
    }),
                 std::runtime_error);
    EXPECT_THROW(
        (void)store_->Read([&](store::Tx&) -> Status { throw std::runtime_error("boom"); }),
        std::runtime_error);
  }
  MakeUnit("after", std::nullopt);
  std::vector<domain::Unit> units;
  Status st = store_->Read([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(units, store::Org(r).units().List());
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].slug, "after");
}

TEST_P(StoreTest, ReadCannotWrite) {
  if (GetParam() == "sqlite") GTEST_SKIP() << "an in-memory database reads on its writer";
  Status st = store_->Read([&](store::Tx& r) -> Status {
    return store::Org(r).units().Create({0, "sneaky", "Sneaky", std::nullopt, 1}).status();
  });
  EXPECT_FALSE(st.ok());
  std::vector<domain::Unit> units;
  ASSERT_TRUE(store_
                  ->Read([&](store::Tx& r) -> Status {
                    DND_ASSIGN_OR_RETURN(units, store::Org(r).units().List());
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(units.empty());
}

TEST_P(StoreTest, ReadDoesNotWaitForAWriter) {
  if (GetParam() == "sqlite") GTEST_SKIP() << "an in-memory database reads on its writer";
  domain::Unit hub = MakeUnit("hub", std::nullopt);
  std::atomic<bool> writing{false}, read_done{false}, committed{false};
  std::thread writer([&] {
    Status st = store_->Write([&](store::Tx& r) -> Status {
      DND_RETURN_IF_ERROR(
          store::Org(r).units().Create({0, "uncommitted", "Uncommitted", hub.id, 1}).status());
      writing = true;
      // Hold the write transaction open until the read is done (or 10 s).
      for (int i = 0; i < 1000 && !read_done; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      return Status::Ok();
    });
    committed = true;
    EXPECT_TRUE(st.ok()) << st.ToString();
  });
  while (!writing && !committed) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!writing) {
    writer.join();
    FAIL() << "the writer failed before holding its transaction open";
  }
  std::vector<domain::Unit> seen;
  Status st = store_->Read([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(seen, store::Org(r).units().List());
    return Status::Ok();
  });
  const bool writer_still_open = !committed;
  read_done = true;
  writer.join();
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_TRUE(writer_still_open) << "the read finished only after the writer committed";
  ASSERT_EQ(seen.size(), 1u) << "the read saw the writer's uncommitted unit";
  EXPECT_EQ(seen[0].slug, "hub");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest,
                         ::testing::Values("sqlite", "sqlitefile", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dandelion::testing
