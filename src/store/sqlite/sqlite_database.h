// SQLite backend of sql::Database: one connection in WAL mode, guarded by a
// mutex (SQLite allows one writer at a time anyway). Transactions begin
// IMMEDIATE so that writers queue instead of failing mid-way.
#pragma once

#include <memory>
#include <string>

#include "store/sql/sql_database.h"

namespace dandelion::store::sqlite {

//! Opens (creating if needed) the database file at `path`; ":memory:" for a
//! private in-memory one. Unavailable with SQLite's message on failure.
Result<std::unique_ptr<sql::Database>> OpenSqlite(const std::string& path);

}  // namespace dandelion::store::sqlite
