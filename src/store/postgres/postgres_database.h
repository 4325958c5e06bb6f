// PostgreSQL backend of sql::Database over libpq: a small pool of
// connections, one per concurrent transaction. A connection found broken is
// dropped and a new one opened on the next transaction.
#pragma once

#include <memory>
#include <string>

#include "store/sql/sql_database.h"

namespace dandelion::store::postgres {

//! Connects to `conninfo` (a postgresql:// URI or key=value string) and
//! keeps up to `pool_size` connections. Unavailable with a one-line reason
//! when the server cannot be reached.
Result<std::unique_ptr<sql::Database>> OpenPostgres(const std::string& conninfo,
                                                    int pool_size = 4);

}  // namespace dandelion::store::postgres
