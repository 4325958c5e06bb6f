#include "store/sql/sql_store.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <thread>

namespace dandelion::store::sql {

SqlStore::SqlStore(std::unique_ptr<Database> db, std::span<const EmbeddedFile> migrations)
    : db_(std::move(db)), migrations_(migrations) {}

Status SqlStore::Write(const std::function<Status(Tx&)>& fn) {
  // An aborted transaction (serialization failure, deadlock) wrote nothing:
  // running it again whole is safe, and after a short wait it usually wins.
  constexpr int kAttempts = 4;
  Status st;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    st = db_->Transact([&](Conn& c) {
      Tx tx(c);
      return fn(tx);
    });
    if (st.code() != Code::kAborted) return st;
    if (attempt < kAttempts) std::this_thread::sleep_for(std::chrono::milliseconds(5 << attempt));
  }
  return st;
}

Status SqlStore::Read(const std::function<Status(Tx&)>& fn) {
  return db_->TransactRead([&](Conn& c) {
    Tx tx(c);
    return fn(tx);
  });
}

Result<std::vector<std::string>> SqlStore::AppliedMigrations() {
  std::vector<std::string> out;
  DND_RETURN_IF_ERROR(db_->TransactRead([&](Conn& c) -> Status {
    DND_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT name FROM schema_migrations ORDER BY version"));
    DND_ASSIGN_OR_RETURN(out, MapRows(rows, [](const Row& r) { return r.Str(0); }));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<std::string>> SqlStore::Schema() {
  // SQLite: its own tables and FTS5's shadow tables are the search index's
  // internals; PostgreSQL keeps that index as the mentions.text_search column.
  const bool sqlite = db_->dialect() == Dialect::kSqlite;
  const char* columns_sql =
      sqlite ? "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
               "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' "
               "AND m.name NOT LIKE 'mentions_fts%'"
             : "SELECT table_name, column_name FROM information_schema.columns "
               "WHERE table_schema = current_schema() "
               "AND NOT (table_name = 'mentions' AND column_name = 'text_search')";
  std::map<std::string, std::vector<std::string>> tables;
  DND_RETURN_IF_ERROR(db_->TransactRead([&](Conn& c) -> Status {
    DND_ASSIGN_OR_RETURN(auto rows, c.Query(columns_sql));
    for (const Row& r : rows) {
      std::string table = r.Str(0), column = r.Str(1);
      DND_RETURN_IF_ERROR(r.error());
      if (table != "schema_migrations") tables[table].push_back(column);
    }
    return Status::Ok();
  }));
  std::vector<std::string> out;
  for (auto& [table, cols] : tables) {
    std::sort(cols.begin(), cols.end());
    std::string line = table + "(";
    for (size_t i = 0; i < cols.size(); ++i) line += (i ? "," : "") + cols[i];
    out.push_back(line + ")");
  }
  return out;
}

Status SqlStore::Ping() {
  return db_->TransactRead([](Conn& c) { return c.Query("SELECT 1").status(); });
}

std::string SqlStore::Backend() const {
  return db_->dialect() == Dialect::kSqlite ? "sqlite" : "postgresql";
}

Result<std::vector<std::string>> SqlStore::IntegrityProblems() { return db_->IntegrityProblems(); }

Status SqlStore::Backup(const std::string& path) { return db_->Backup(path); }

Status Database::Backup(const std::string&) {
  return FailedPrecondition(
      "a PostgreSQL store is backed up with PostgreSQL's own tools: pg_dump -Fc -f FILE URI "
      "(restore with pg_restore -d URI FILE)");
}

Result<int> SqlStore::Migrate() {
  std::vector<EmbeddedFile> files(migrations_.begin(), migrations_.end());
  std::sort(files.begin(), files.end(),
            [](const EmbeddedFile& a, const EmbeddedFile& b) { return a.path < b.path; });
  int applied = 0;
  for (const EmbeddedFile& f : files) {
    if (f.path.empty()) continue;
    std::string name(f.path.substr(f.path.rfind('/') + 1));
    int64_t version = std::atoll(name.c_str());
    if (version <= 0) return Internal("migration file without a number: " + name);
    bool did = false;
    Status st = db_->Transact([&](Conn& c) -> Status {
      // The lock makes two nodes starting together apply each file once.
      DND_RETURN_IF_ERROR(c.LockForTransaction(kMigrateLockKey));
      DND_RETURN_IF_ERROR(
          c.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
                 "name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
      Value p[] = {version};
      DND_ASSIGN_OR_RETURN(auto rows,
                           c.Query("SELECT version FROM schema_migrations WHERE version = $1", p));
      if (!rows.empty()) return Status::Ok();
      Status s = c.ExecScript(f.data);
      if (!s.ok()) return Internal("migration " + name + " failed: " + s.message());
      Value q[] = {version, name};
      DND_RETURN_IF_ERROR(
          c.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, "
                 "CAST(CURRENT_TIMESTAMP AS TEXT))",
                 q));
      did = true;
      return Status::Ok();
    });
    DND_RETURN_IF_ERROR(st);
    if (did) ++applied;
  }
  return applied;
}

}  // namespace dandelion::store::sql
