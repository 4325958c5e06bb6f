// The demo's inbox: channels, SLA policies, queue settings (business hours
// in three time zones, round-robin and least-loaded assignment), routing
// rules per spoke and agents with capacities, seeded before the demo's
// listening stream so that its complaints, questions and leads become cases;
// then the cases are worked as a team would have worked them over the week
// (claimed, answered, some pending or resolved, some left to breach), so
// that the Inbox is alive on the first start.
#pragma once

#include "common/clock.h"
#include "service/care/care.h"
#include "store/store.h"

namespace dandelion::service {

//! Sets up the demo units' inboxes. FailedPrecondition when the store
//! already has routing rules (seeded once).
Status SeedDemoCare(store::Store& store, CareServices& care);

//! After the demo stream: works the cases like a week of a team's work.
//! Returns how many cases the demo has.
Result<int64_t> WorkDemoCases(store::Store& store, CareServices& care, const Clock& clock);

}  // namespace dandelion::service
