#include "cli/open_store.h"

#include <cstdlib>
#include <filesystem>

#include "store/postgres/postgres_database.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/sqlite_database.h"

namespace dandelion::cli {

void ApplyEnvironment(StoreConfig& config) {
  if (const char* d = std::getenv("DANDELION_DATA"); d && *d && config.data_dir == "./var") {
    config.data_dir = d;
  }
  if (const char* db = std::getenv("DANDELION_DB"); db && *db && config.db.empty()) config.db = db;
}

Result<std::unique_ptr<store::Store>> OpenStore(const StoreConfig& config) {
  std::unique_ptr<store::Store> s;
  if (!config.db.empty()) {
    if (!config.db.starts_with("postgresql://") && !config.db.starts_with("postgres://")) {
      return InvalidArgument("--db must be a postgresql:// URI", "db");
    }
    DND_ASSIGN_OR_RETURN(auto db, store::postgres::OpenPostgres(config.db));
    s = std::make_unique<store::sql::SqlStore>(std::move(db), store::sql::PostgresMigrations());
  } else {
    std::error_code ec;
    std::filesystem::create_directories(config.data_dir, ec);
    if (ec) {
      return Unavailable("cannot create data folder " + config.data_dir + ": " + ec.message());
    }
    std::string path = (std::filesystem::path(config.data_dir) / "dandelion.db").string();
    DND_ASSIGN_OR_RETURN(auto db, store::sqlite::OpenSqlite(path));
    s = std::make_unique<store::sql::SqlStore>(std::move(db), store::sql::SqliteMigrations());
  }
  DND_RETURN_IF_ERROR(s->Migrate().status());
  return s;
}

}  // namespace dandelion::cli
