// Store: the persistence boundary. Services see this interface, a Tx, and
// each capability's repositories (store/<capability>/*_repos.h); the SQL
// implementation (sql/) runs on SQLite or PostgreSQL (sqlite/, postgres/)
// and the app wiring picks one.
//
// Every read and write happens inside Store::Read or Store::Write, so that a
// use case that writes several rows (a user, their first role and the audit
// entry) either writes all of them or none.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "store/tx.h"

namespace dandelion::store {

//! Thread-safe: many threads may call Write and Read at once.
class Store {
 public:
  virtual ~Store() = default;
  //! Runs `fn` in one read-write transaction: commits when it returns Ok,
  //! rolls back otherwise and returns its Status. Unavailable when the
  //! database is down. When the database aborts the transaction (a
  //! PostgreSQL serialization failure or deadlock), `fn` runs again, a few
  //! times, in a new transaction: it must not keep effects outside the
  //! store. A throw inside `fn` rolls back, releases the connection and
  //! propagates.
  virtual Status Write(const std::function<Status(Tx&)>& fn) = 0;
  //! Runs `fn` in a read-only transaction over one consistent snapshot.
  //! On SQLite it runs on a connection of its own (WAL), so that it never
  //! waits behind a writer (an ingest batch holds the write lock for
  //! seconds); on PostgreSQL it is a READ ONLY transaction. A write inside
  //! `fn` fails. Returns fn's Status; a throw rolls back and propagates.
  virtual Status Read(const std::function<Status(Tx&)>& fn) = 0;
  //! Applies the migrations not yet applied, in order, each in its own
  //! transaction. Returns how many were applied.
  virtual Result<int> Migrate() = 0;
  //! The applied migrations, "NNNN_name.sql", in order.
  virtual Result<std::vector<std::string>> AppliedMigrations() = 0;
  //! Every table of the schema (migration bookkeeping and search-index
  //! internals left out) with its columns, as "table(col1,col2,...)" with
  //! columns sorted, tables sorted: what the migration-parity test compares.
  virtual Result<std::vector<std::string>> Schema() = 0;
  //! Ok when the database answers a trivial query.
  virtual Status Ping() = 0;
  //! "sqlite" or "postgresql".
  virtual std::string Backend() const = 0;
  //! The database's own checks of its files: on SQLite integrity_check,
  //! foreign_key_check and the full-text index's check (what a kill -9 or
  //! a bad disk would break); PostgreSQL guards its files itself, so none.
  //! One line per problem; empty when sound.
  virtual Result<std::vector<std::string>> IntegrityProblems() = 0;
  //! Copies the whole store, one consistent snapshot, into a new file at
  //! `path` while it stays in use (SQLite's online backup API): written
  //! beside it and renamed, so that `path` never holds half a copy.
  //! AlreadyExists when `path` exists; FailedPrecondition on PostgreSQL,
  //! whose own tool (pg_dump) does it.
  virtual Status Backup(const std::string& path) = 0;
};

}  // namespace dandelion::store
