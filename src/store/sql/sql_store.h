// SqlStore: the Store implemented once over sql::Database, so that SQLite
// and PostgreSQL share every query and differ only in their driver and
// their migration files.
#pragma once

#include <memory>
#include <span>

#include "common/embedded.h"
#include "store/sql/sql_database.h"
#include "store/store.h"

namespace dandelion::store::sql {

class SqlStore : public Store {
 public:
  //! `migrations`: files named "NNNN_name.sql", applied in name order.
  SqlStore(std::unique_ptr<Database> db, std::span<const EmbeddedFile> migrations);

  Status Write(const std::function<Status(Tx&)>& fn) override;
  Status Read(const std::function<Status(Tx&)>& fn) override;
  Result<int> Migrate() override;
  Result<std::vector<std::string>> AppliedMigrations() override;
  Result<std::vector<std::string>> Schema() override;
  Status Ping() override;
  std::string Backend() const override;
  Result<std::vector<std::string>> IntegrityProblems() override;
  Status Backup(const std::string& path) override;

 private:
  std::unique_ptr<Database> db_;
  std::span<const EmbeddedFile> migrations_;
};

//! The embedded migration files of each backend (generated at build time).
std::span<const EmbeddedFile> SqliteMigrations();
std::span<const EmbeddedFile> PostgresMigrations();

}  // namespace dandelion::store::sql
