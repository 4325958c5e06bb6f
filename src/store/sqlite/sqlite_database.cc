#include "store/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace dandelion::store::sqlite {
namespace {

using sql::Value;

// Which statement index each parameter $1, $2, … binds to (0: unused).
// SQLite finds a named parameter by a linear search, so looking up every
// one of a 1,000-parameter multi-row insert costs a million comparisons;
// the map is built once per prepared statement instead.
std::vector<int> ParameterSlots(sqlite3_stmt* st) {
  std::vector<int> slots;
  const int n = sqlite3_bind_parameter_count(st);
  for (int idx = 1; idx <= n; ++idx) {
    const char* name = sqlite3_bind_parameter_name(st, idx);
    if (name == nullptr || name[0] != '$') continue;
    const size_t k = std::strtoul(name + 1, nullptr, 10);
    if (k == 0) continue;
    if (slots.size() < k) slots.resize(k, 0);
    slots[k - 1] = idx;
  }
  return slots;
}

// Prepared statements by SQL text, kept for the life of the database: the
// ingest path runs the same few inserts hundreds of thousands of times, and
// preparing costs more than running them. Used under the database's mutex.
class StatementCache {
 public:
  struct Entry {
    sqlite3_stmt* st = nullptr;
    std::vector<int> slots;  // ParameterSlots(st)
  };
  StatementCache() = default;
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache() { Clear(); }
  void Clear() {
    for (auto& [sql, e] : stmts_) sqlite3_finalize(e.st);
    stmts_.clear();
  }
  const Entry* Find(std::string_view sql) {
    auto it = stmts_.find(sql);  // no copy of the (long) text to look it up
    return it == stmts_.end() ? nullptr : &it->second;
  }
  // Keeps `st`; null when full (statements with long IN lists vary).
  const Entry* Keep(std::string_view sql, sqlite3_stmt* st) {
    if (stmts_.size() >= kMax) return nullptr;
    return &stmts_.emplace(std::string(sql), Entry{st, ParameterSlots(st)}).first->second;
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  static constexpr size_t kMax = 256;
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> stmts_;
};

class SqliteConn : public sql::Conn {
 public:
  explicit SqliteConn(sqlite3* db, StatementCache* cache = nullptr) : db_(db), cache_(cache) {}

  Status Exec(std::string_view q, std::span<const Value> params) override {
    return Run(q, params, nullptr);
  }
  Result<std::vector<sql::Row>> Query(std::string_view q, std::span<const Value> params) override {
    std::vector<sql::Row> rows;
    DND_RETURN_IF_ERROR(Run(q, params, &rows));
    return rows;
  }
  Status ExecScript(std::string_view q) override {
    std::string s(q);
    char* err = nullptr;
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      return Internal("sqlite: " + msg);
    }
    return Status::Ok();
  }
  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  // BEGIN IMMEDIATE already holds the database's single write lock.
  Status LockForTransaction(int64_t) override { return Status::Ok(); }

 private:
  Status Error(int rc) {
    std::string msg = sqlite3_errmsg(db_);
    if (rc == SQLITE_CONSTRAINT && sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_UNIQUE) {
      return AlreadyExists("sqlite: " + msg);
    }
    if (rc == SQLITE_BUSY || rc == SQLITE_IOERR || rc == SQLITE_FULL || rc == SQLITE_CANTOPEN) {
      return Unavailable("sqlite: " + msg);
    }
    return Internal("sqlite: " + msg);
  }

  Status Run(std::string_view q, std::span<const Value> params, std::vector<sql::Row>* rows) {
    const StatementCache::Entry* kept = cache_ != nullptr ? cache_->Find(q) : nullptr;
    sqlite3_stmt* st = kept != nullptr ? kept->st : nullptr;
    std::vector<int> own_slots;
    int rc = SQLITE_OK;
    if (kept == nullptr) {
      rc = sqlite3_prepare_v3(db_, q.data(), static_cast<int>(q.size()),
                              cache_ != nullptr ? SQLITE_PREPARE_PERSISTENT : 0, &st, nullptr);
      if (rc != SQLITE_OK) return Error(rc);
      if (cache_ != nullptr) kept = cache_->Keep(q, st);
      if (kept == nullptr) own_slots = ParameterSlots(st);
    }
    const std::vector<int>& slots = kept != nullptr ? kept->slots : own_slots;
    // A kept statement is reset for its next use; any other is finalized.
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(
        st, kept != nullptr ? +[](sqlite3_stmt* s) {
          sqlite3_clear_bindings(s);
          return sqlite3_reset(s);
        }
                            : sqlite3_finalize);
    for (size_t i = 0; i < params.size() && i < slots.size(); ++i) {
      const int idx = slots[i];
      if (idx == 0) continue;  // placeholder not used by this statement
      const Value& v = params[i];
      if (auto p = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(st, idx, *p);
      } else if (auto p = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(st, idx, *p);
      } else if (auto p = std::get_if<std::string>(&v)) {
        // Static: `params` outlives the statement's use, and the bindings
        // are cleared before this returns.
        rc = sqlite3_bind_text(st, idx, p->data(), static_cast<int>(p->size()), SQLITE_STATIC);
      } else {
        rc = sqlite3_bind_null(st, idx);
      }
      if (rc != SQLITE_OK) return Error(rc);
    }
    for (;;) {
      rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) return Status::Ok();
      if (rc != SQLITE_ROW) return Error(rc);
      if (rows == nullptr) continue;
      int n = sqlite3_column_count(st);
      std::vector<Value> vals;
      vals.reserve(n);
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(st, c)) {
          case SQLITE_INTEGER: vals.emplace_back(static_cast<int64_t>(sqlite3_column_int64(st, c))); break;
          case SQLITE_FLOAT: vals.emplace_back(sqlite3_column_double(st, c)); break;
          case SQLITE_NULL: vals.emplace_back(std::monostate{}); break;
          default: {
            const char* t = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
            vals.emplace_back(std::string(t ? t : "", sqlite3_column_bytes(st, c)));
          }
        }
      }
      rows->emplace_back(std::move(vals));
    }
  }

  sqlite3* db_;
  StatementCache* cache_;
};

// Runs `fn` between `begin` and COMMIT (ROLLBACK when it fails or throws).
Status RunTransaction(SqliteConn& conn, const char* begin,
                      const std::function<Status(sql::Conn&)>& fn) {
  DND_RETURN_IF_ERROR(conn.ExecScript(begin));
  Status st;
  try {
    st = fn(conn);
  } catch (...) {
    (void)conn.ExecScript("ROLLBACK");  // the throw is what the caller sees
    throw;
  }
  if (st.ok()) {
    st = conn.ExecScript("COMMIT");
    if (st.ok()) return st;
  }
  (void)conn.ExecScript("ROLLBACK");  // the failure above is what counts
  return st;
}

Status SetUp(sqlite3* db, const std::string& path, std::initializer_list<const char*> pragmas) {
  SqliteConn conn(db);
  for (const char* pragma : pragmas) {
    Status st = conn.ExecScript(pragma);
    if (!st.ok()) return Unavailable("cannot set up SQLite database " + path + ": " + st.message());
  }
  return Status::Ok();
}

// One writer connection, guarded by a mutex (SQLite allows one writer at a
// time anyway), and up to kMaxReaders read-only connections for
// TransactRead. In WAL mode a reader sees the last committed snapshot and
// never waits for the writer, so listing units stays fast while an ingest
// batch holds the write lock. A private in-memory database (":memory:")
// cannot be opened twice: there, reads share the writer.
class SqliteDatabase : public sql::Database {
 public:
  SqliteDatabase(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteDatabase() override {
    if (checkpointer_.joinable()) {
      {
        std::lock_guard lock(checkpoint_mu_);
        stop_checkpoints_ = true;
      }
      checkpoint_cv_.notify_all();
      checkpointer_.join();
    }
    cache_.Clear();  // finalize the kept statements before closing
    sqlite3_close_v2(db_);
    for (auto& r : idle_readers_) {
      r->cache.Clear();
      sqlite3_close_v2(r->db);
    }
  }

  Status Transact(const std::function<Status(sql::Conn&)>& fn) override {
    std::lock_guard lock(mu_);
    SqliteConn conn(db_, &cache_);
    Status st = RunTransaction(conn, "BEGIN IMMEDIATE", fn);
    // Between two transactions of this, the only writer: the rest of the
    // log copied and the log begun again from its start (see
    // StartCheckpoints). A reader elsewhere holding it makes this a no-op.
    if (restart_wanted_.exchange(false)) {
      // Without waiting: a long reader elsewhere (a backup, a check) makes
      // it give up at once rather than hold up the next batch; the
      // checkpointer asks again later.
      sqlite3_busy_timeout(db_, 0);
      sqlite3_wal_checkpoint_v2(db_, "main", SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
      sqlite3_busy_timeout(db_, 5000);
    }
    return st;
  }

  Status TransactRead(const std::function<Status(sql::Conn&)>& fn) override {
    if (path_ == ":memory:" || path_.empty()) {
      std::lock_guard lock(mu_);
      SqliteConn conn(db_, &cache_);
      return RunTransaction(conn, "BEGIN", fn);
    }
    DND_ASSIGN_OR_RETURN(std::unique_ptr<Reader> reader, AcquireReader());
    struct Lease {  // returns the reader to the pool however fn ends
      SqliteDatabase* self;
      std::unique_ptr<Reader> r;
      ~Lease() { self->ReleaseReader(std::move(r)); }
    } lease{this, std::move(reader)};
    SqliteConn conn(lease.r->db, &lease.r->cache);
    return RunTransaction(conn, "BEGIN", fn);
  }
  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }

  // The write-ahead log is folded back into the database file by a thread
  // of its own, not by the commit that crossed SQLite's threshold: under
  // ingest every batch crosses it, and the copy (an eighth of the writer's
  // time on a store of a million posts) would hold up the next batch. A
  // passive checkpoint never waits for the writer or for readers.
  Status StartCheckpoints() {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close_v2(db);
      return Unavailable("cannot open SQLite database " + path_ + " to checkpoint: " + msg);
    }
    // journal_mode: reading it opens the log, without which a checkpoint
    // takes the database for one without a log and does nothing.
    DND_RETURN_IF_ERROR(SetUp(db, path_, {"PRAGMA busy_timeout=5000", "PRAGMA journal_mode=WAL"}));
    DND_RETURN_IF_ERROR(
        SetUp(db_, path_, {"PRAGMA wal_autocheckpoint=0", "PRAGMA journal_size_limit=134217728"}));
    checkpointer_ = std::thread([this, db] {
      std::unique_lock lock(checkpoint_mu_);
      while (!stop_checkpoints_) {
        checkpoint_cv_.wait_for(lock, std::chrono::milliseconds(100));
        lock.unlock();
        int log = 0, done = 0;
        sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &done);
        // A writer that never finds the log wholly copied (there is always
        // a next batch) keeps appending to it: once it is long, the writer
        // restarts it between two batches (Transact), when there is little
        // left to copy.
        if (log > kRestartFrames) restart_wanted_ = true;
        lock.lock();
      }
      lock.unlock();
      // What is left, before the writer closes (which checkpoints too).
      sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      sqlite3_close_v2(db);
    });
    return Status::Ok();
  }

  Result<std::vector<std::string>> IntegrityProblems() override {
    std::vector<std::string> problems;
    DND_RETURN_IF_ERROR(TransactRead([&](sql::Conn& c) -> Status {
      DND_ASSIGN_OR_RETURN(auto rows, c.Query("PRAGMA integrity_check"));
      for (const auto& r : rows) {
        if (r.Str(0) != "ok") problems.push_back("integrity_check: " + r.Str(0));
      }
      DND_ASSIGN_OR_RETURN(rows, c.Query("PRAGMA foreign_key_check"));
      for (const auto& r : rows) {
        problems.push_back("foreign_key_check: " + r.Str(0) + " row " + r.Str(1) +
                           " refers to a missing " + r.Str(2));
      }
      return Status::Ok();
    }));
    // The search index's own structure (a command written as an insert, so
    // on the writer; it changes nothing), and one indexed document per
    // mention. Not FTS5's check against the content table: the index holds
    // each mention's text with its hashtags and handles (migration 0003),
    // which that check would take for a mismatch.
    Status fts = Transact([](sql::Conn& c) {
      return c.Exec("INSERT INTO mentions_fts(mentions_fts) VALUES ('integrity-check')");
    });
    if (!fts.ok()) problems.push_back("mentions_fts integrity-check: " + fts.message());
    DND_RETURN_IF_ERROR(TransactRead([&](sql::Conn& c) -> Status {
      DND_ASSIGN_OR_RETURN(auto rows,
                           c.Query("SELECT (SELECT count(*) FROM mentions), "
                                   "(SELECT count(*) FROM mentions_fts_docsize), "
                                   "(SELECT count(*) FROM mentions m WHERE NOT EXISTS "
                                   "(SELECT 1 FROM mentions_fts_docsize d WHERE d.id = m.id))"));
      if (rows.size() == 1 && (rows[0].Int(0) != rows[0].Int(1) || rows[0].Int(2) != 0)) {
        problems.push_back("mentions_fts indexes " + rows[0].Str(1) + " documents for " +
                           rows[0].Str(0) + " mentions (" + rows[0].Str(2) + " not indexed)");
      }
      return Status::Ok();
    }));
    return problems;
  }

  Status Backup(const std::string& path) override {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(path, ec)) {
      return AlreadyExists(path + " exists; back up into a new file", "path");
    }
    const std::string part = path + ".part";
    fs::remove(part, ec);  // a copy a crash cut short
    sqlite3* dest = nullptr;
    if (sqlite3_open_v2(part.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
      std::string msg = dest ? sqlite3_errmsg(dest) : "out of memory";
      sqlite3_close_v2(dest);
      return Unavailable("cannot create " + part + ": " + msg);
    }
    Status copied = CopyInto(dest);
    if (copied.ok() && sqlite3_close_v2(dest) != SQLITE_OK) {
      copied = Internal("cannot close " + part);
    } else if (!copied.ok()) {
      sqlite3_close_v2(dest);
    }
    if (copied.ok()) copied = SyncFile(part);
    if (copied.ok()) {
      fs::rename(part, path, ec);
      if (ec) copied = Internal("cannot rename " + part + " to " + path + ": " + ec.message());
    }
    if (!copied.ok()) {
      fs::remove(part, ec);
      return copied;
    }
    return SyncFile(fs::path(path).parent_path().empty() ? "."
                                                        : fs::path(path).parent_path().string());
  }

 private:
  // The whole database into `dest` in one step: one read transaction, so
  // one consistent snapshot, while writers (WAL) go on committing.
  Status CopyInto(sqlite3* dest) {
    const bool memory = path_ == ":memory:" || path_.empty();
    sqlite3* src = db_;
    std::unique_lock<std::mutex> lock(mu_, std::defer_lock);
    if (memory) {
      lock.lock();
    } else if (sqlite3_open_v2(path_.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      std::string msg = src ? sqlite3_errmsg(src) : "out of memory";
      sqlite3_close_v2(src);
      return Unavailable("cannot open " + path_ + " to back it up: " + msg);
    }
    struct Closer {
      sqlite3* db;
      bool own;
      ~Closer() {
        if (own) sqlite3_close_v2(db);
      }
    } closer{src, !memory};
    sqlite3_busy_timeout(src, 5000);
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", src, "main");
    if (b == nullptr) return Internal(std::string("cannot start the backup: ") + sqlite3_errmsg(dest));
    int rc = SQLITE_OK;
    for (int tries = 0; tries < 100; ++tries) {
      rc = sqlite3_backup_step(b, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
      return Unavailable(std::string("the backup did not finish: ") + sqlite3_errstr(rc));
    }
    if (sqlite3_errcode(dest) != SQLITE_OK) {
      return Internal(std::string("the backup failed: ") + sqlite3_errmsg(dest));
    }
    return Status::Ok();
  }

  static Status SyncFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) return Internal("cannot open " + path + " to sync it");
    int rc = ::fsync(fd);
    ::close(fd);
    return rc == 0 ? Status::Ok() : Internal("cannot sync " + path);
  }

  static constexpr int kMaxReaders = 4;
  static constexpr int kRestartFrames = 16384;  // 64 MiB of 4 KiB pages
  struct Reader {
    sqlite3* db = nullptr;
    StatementCache cache;
  };

  Result<std::unique_ptr<Reader>> AcquireReader() {
    {
      std::unique_lock lock(readers_mu_);
      readers_cv_.wait(lock, [&] { return !idle_readers_.empty() || readers_open_ < kMaxReaders; });
      if (!idle_readers_.empty()) {
        auto r = std::move(idle_readers_.back());
        idle_readers_.pop_back();
        return r;
      }
      ++readers_open_;
    }
    auto r = std::make_unique<Reader>();
    int rc = sqlite3_open_v2(path_.c_str(), &r->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    Status st = rc == SQLITE_OK ? SetUp(r->db, path_,
                                        {"PRAGMA busy_timeout=5000", "PRAGMA cache_size=-16384",
                                         "PRAGMA temp_store=MEMORY"})
                                : Unavailable("cannot open SQLite database " + path_ + " to read: " +
                                              (r->db ? sqlite3_errmsg(r->db) : "out of memory"));
    if (!st.ok()) {
      sqlite3_close_v2(r->db);
      std::lock_guard lock(readers_mu_);
      --readers_open_;
      readers_cv_.notify_one();
      return st;
    }
    return r;
  }

  void ReleaseReader(std::unique_ptr<Reader> r) {
    std::lock_guard lock(readers_mu_);
    idle_readers_.push_back(std::move(r));
    readers_cv_.notify_one();
  }

  std::mutex mu_;
  StatementCache cache_;
  sqlite3* db_;
  std::string path_;
  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Reader>> idle_readers_;
  int readers_open_ = 0;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool stop_checkpoints_ = false;
  std::atomic<bool> restart_wanted_{false};
  std::thread checkpointer_;
};

}  // namespace

Result<std::unique_ptr<sql::Database>> OpenSqlite(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Unavailable("cannot open SQLite database " + path + ": " + msg);
  }
  auto owned = std::make_unique<SqliteDatabase>(db, path);
  // A 64 MiB page cache (the default is 2 MiB): an ingest batch dirties
  // more pages than 2 MiB hold, and SQLite then spills them to the WAL
  // mid-transaction and writes many pages several times over.
  DND_RETURN_IF_ERROR(SetUp(db, path,
                            {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                             "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000",
                             "PRAGMA cache_size=-65536", "PRAGMA temp_store=MEMORY"}));
  if (path != ":memory:" && !path.empty()) DND_RETURN_IF_ERROR(owned->StartCheckpoints());
  return std::unique_ptr<sql::Database>(std::move(owned));
}

}  // namespace dandelion::store::sqlite
