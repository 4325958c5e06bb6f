// What the store refuses to guess: a stored value it cannot read is an
// Internal error naming the column, never a default; and an aborted
// transaction is run again by Store::Write, a bounded number of times.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>

#include "store/org/org_repos.h"
#include "store/sql/sql_database.h"
#include "store/sql/sql_store.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

using store::sql::Row;
using store::sql::Value;

TEST(RowTest, ReadsWhatItHolds) {
  Row r({int64_t{7}, std::string("42"), std::string("text"), 0.25, std::monostate{}});
  EXPECT_EQ(r.Int(0), 7);
  EXPECT_EQ(r.Int(1), 42);  // PostgreSQL sends integers as text
  EXPECT_EQ(r.Str(2), "text");
  EXPECT_DOUBLE_EQ(r.Double(3), 0.25);
  EXPECT_EQ(r.OptInt(4), std::nullopt);
  EXPECT_EQ(r.OptStr(4), std::nullopt);
  EXPECT_TRUE(r.error().ok()) << r.error().ToString();
}

TEST(RowTest, AnUnparsableIntegerIsAnInternalErrorNotZero) {
  Row r({std::string("12abc")});
  EXPECT_EQ(r.Int(0), 0);
  EXPECT_EQ(r.error().code(), Code::kInternal);
  EXPECT_NE(r.error().message().find("'12abc' is not an integer"), std::string::npos)
      << r.error().message();
  auto checked = store::sql::Checked(r, r.Int(0));
  EXPECT_EQ(checked.status().code(), Code::kInternal);
}

TEST(RowTest, NullWhereAValueBelongsIsAnInternalError) {
  Row r({std::monostate{}, std::monostate{}});
  (void)r.Str(0);
  EXPECT_EQ(r.error().code(), Code::kInternal);
  EXPECT_NE(r.error().message().find("column 0"), std::string::npos) << r.error().message();
  Row s({std::monostate{}});
  (void)s.Int(0);
  EXPECT_EQ(s.error().code(), Code::kInternal);
}

TEST(RowTest, MapRowsStopsAtTheFirstBadRow) {
  std::vector<Row> rows = {Row({int64_t{1}}), Row({std::string("x")}), Row({int64_t{3}})};
  auto out = store::sql::MapRows(rows, [](const Row& r) { return r.Int(0); });
  EXPECT_EQ(out.status().code(), Code::kInternal);
  auto scalar = store::sql::ScalarInt({});
  EXPECT_EQ(scalar.status().code(), Code::kInternal);
}

TEST(StoredRowsTest, AnUnknownRoleIsAnInternalErrorNotAnAnalyst) {
  char tmpl[] = "/tmp/dandelion-rows-test.XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl, path = dir + "/dandelion.db";
  {
    auto store = FileStore(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(
        store
            ->Write([&](store::Tx& tx) -> Status {
              auto& org = store::Org(tx);
              DND_ASSIGN_OR_RETURN(auto hub,
                                   org.units().Create({0, "hub", "Hub", std::nullopt, 1}));
              DND_ASSIGN_OR_RETURN(auto user,
                                   org.users().Create({0, "a@x.example", "A", 1}, "hash"));
              return org.memberships().Add({0, user.id, hub.id, domain::Role::kAdmin}).status();
            })
            .ok());
    // Another program (or a bad hand edit) wrote a role this build does not know.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(
        sqlite3_exec(db, "UPDATE memberships SET role = 'emperor'", nullptr, nullptr, nullptr),
        SQLITE_OK);
    sqlite3_close(db);

    Status st = store->Read(
        [&](store::Tx& tx) -> Status { return store::Org(tx).memberships().ForUnit(1).status(); });
    EXPECT_EQ(st.code(), Code::kInternal) << st.ToString();
    EXPECT_NE(st.message().find("unknown role 'emperor'"), std::string::npos) << st.message();
  }
  std::filesystem::remove_all(dir);
}

// A database whose first `aborts` transactions lose a conflict.
class AbortingDatabase : public store::sql::Database {
 public:
  explicit AbortingDatabase(int aborts) : aborts_(aborts) {}
  Status Transact(const std::function<Status(store::sql::Conn&)>& fn) override {
    ++transactions;
    Status st = fn(conn_);
    if (st.ok() && transactions <= aborts_) return Aborted("postgresql: deadlock detected");
    return st;
  }
  Status TransactRead(const std::function<Status(store::sql::Conn&)>& fn) override {
    return fn(conn_);
  }
  store::sql::Dialect dialect() const override { return store::sql::Dialect::kPostgres; }
  int transactions = 0;

 private:
  struct NoConn : store::sql::Conn {
    Status Exec(std::string_view, std::span<const Value>) override { return Status::Ok(); }
    Result<std::vector<Row>> Query(std::string_view, std::span<const Value>) override {
      return std::vector<Row>{};
    }
    Status ExecScript(std::string_view) override { return Status::Ok(); }
    store::sql::Dialect dialect() const override { return store::sql::Dialect::kPostgres; }
    Status LockForTransaction(int64_t) override { return Status::Ok(); }
  } conn_;
  int aborts_;
};

TEST(StoreWriteTest, AnAbortedTransactionRunsAgainAndSucceeds) {
  auto db = std::make_unique<AbortingDatabase>(2);
  AbortingDatabase* raw = db.get();
  store::sql::SqlStore store(std::move(db), {});
  int runs = 0;
  Status st = store.Write([&](store::Tx&) {
    ++runs;
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(runs, 3);
  EXPECT_EQ(raw->transactions, 3);
}

TEST(StoreWriteTest, RetriesAreBoundedAndTheAbortIsReturned) {
  store::sql::SqlStore store(std::make_unique<AbortingDatabase>(1000), {});
  int runs = 0;
  Status st = store.Write([&](store::Tx&) {
    ++runs;
    return Status::Ok();
  });
  EXPECT_EQ(st.code(), Code::kAborted);
  EXPECT_EQ(runs, 4);
}

TEST(StoreWriteTest, OtherFailuresAreNotRetried) {
  store::sql::SqlStore store(std::make_unique<AbortingDatabase>(0), {});
  int runs = 0;
  Status st = store.Write([&](store::Tx&) {
    ++runs;
    return Unavailable("down");
  });
  EXPECT_EQ(st.code(), Code::kUnavailable);
  EXPECT_EQ(runs, 1);
}

}  // namespace
}  // namespace dandelion::testing
