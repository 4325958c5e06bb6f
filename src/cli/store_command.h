// `dandelion check`, `dandelion backup PATH` and `dandelion restore BACKUP`:
// the store's operations that a person runs, not the server.
#pragma once

#include <ostream>
#include <string>

#include "cli/open_store.h"
#include "common/clock.h"
#include "store/store.h"

namespace dandelion::cli {

//! Prints what service::CheckStore found (as one JSON object with `json`);
//! 0 when the store is sound, 1 otherwise.
int RunCheck(store::Store& store, const Clock& clock, bool json, std::ostream& out,
             std::ostream& err);

//! Backs the store up into the new file `path` while others use it.
Status RunBackup(store::Store& store, const std::string& path, std::ostream& out);

//! Restores the SQLite backup `backup` as the store of `target`'s data
//! folder, which must hold none yet: the copy is migrated to this version
//! and checked (RunCheck's checks) before it takes the store's name, so a
//! bad backup never becomes the store.
Status RunRestore(const std::string& backup, const StoreConfig& target, const Clock& clock,
                  std::ostream& out);

}  // namespace dandelion::cli
