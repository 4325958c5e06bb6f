// The person behind a mention's author, for the inbox: when a mention opens
// a case, its author's network identity gets a person (theirs already, or a
// new one met by the case's queue), and that queue's unit may see them.
#pragma once

#include <optional>

#include "common/status.h"
#include "domain/contacts.h"
#include "domain/listening.h"
#include "store/tx.h"

namespace dandelion::service {

//! The person of `m`'s author, made when there is none, seen from `unit_id`
//! from now on. nullopt when the mention has no author identity.
Result<std::optional<int64_t>> PersonFor(store::Tx& tx, const domain::StoredMention& m,
                                         int64_t unit_id, int64_t now_ms);

//! Re-writes the search keys of `person_id` from its attributes and identities.
Status RefreshKeys(store::Tx& tx, const domain::Person& p);

}  // namespace dandelion::service
