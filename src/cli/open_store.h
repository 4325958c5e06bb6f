// The app wiring's choice of store: PostgreSQL when a postgresql:// URI is
// given (--db or DANDELION_DB), else SQLite in the data folder.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace dandelion::cli {

struct StoreConfig {
  std::string data_dir = "./var";  //!< --data / DANDELION_DATA
  std::string db;                  //!< --db / DANDELION_DB; empty: SQLite
};

//! Opens the store and applies pending migrations. Unavailable with a
//! one-line reason when PostgreSQL is down or the folder is unusable.
Result<std::unique_ptr<store::Store>> OpenStore(const StoreConfig& config);

//! Fills unset fields from DANDELION_DATA and DANDELION_DB.
void ApplyEnvironment(StoreConfig& config);

}  // namespace dandelion::cli
