// Helpers the services use to write audit entries: JSON snapshots of the
// domain types, and Record(), called inside the transaction that makes the
// change so that a change and its audit entry land together or not at all.
#pragma once

#include <string>

#include "common/clock.h"
#include "domain/permissions.h"
#include "store/store.h"

namespace dandelion::service {

//! Appends one entry: `who` is null for the system (CLI, demo seeding).
Status Record(store::Tx& repos, const Clock& clock, const domain::Principal* who,
              std::string action, std::string target, std::string before, std::string after);

//! JSON text snapshots for the before/after columns. Never include secrets.
std::string Snapshot(const domain::Unit& u);
std::string Snapshot(const domain::User& u);
std::string Snapshot(const domain::Membership& m, const std::string& unit_slug);
std::string Snapshot(const domain::ApiToken& t);

}  // namespace dandelion::service
