// The SLA clocks of a case, as pure functions of the case, its policy, the
// queue's business calendar and the time: what each event does to the
// first-response, next-response and resolution dues. Targets are business
// minutes; a clock stopped while pending keeps what was left of it.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/business_hours.h"
#include "domain/care.h"

namespace dandelion::service::sla {

//! A new case at `now`: the first-response and resolution clocks start.
//! Without a policy no clock runs.
void Open(domain::Case& c, const domain::SlaPolicy* policy, const domain::BusinessCalendar& cal,
          int64_t now);

//! Another mention of the customer's at `now`: a resolved case re-opens
//! (its resolution clock starts again), a pending one goes on (open), and
//! when the case has been answered and no next-response clock runs, one
//! starts.
void Inbound(domain::Case& c, const domain::SlaPolicy* policy, const domain::BusinessCalendar& cal,
             int64_t now);

//! An answer sent at `now`: the first-response (the first time) and the
//! next-response clocks stop.
void Responded(domain::Case& c, int64_t now);

//! Into pending at `now`: the running clocks stop where they are.
void Pause(domain::Case& c, int64_t now);
//! Out of pending at `now`: each stopped clock goes on with the business
//! time it had left.
void Resume(domain::Case& c, const domain::BusinessCalendar& cal, int64_t now);

//! Resolved at `now`: every clock stops.
void Resolve(domain::Case& c, int64_t now);

//! The clocks due at or before `now` that have not breached yet, marked
//! breached on the case; empty when none.
std::vector<domain::SlaClock> Breach(domain::Case& c, int64_t now);

//! Starts `clock` again under `policy` from `now` (after an escalation
//! moved the case), its breach forgotten.
void Restart(domain::Case& c, domain::SlaClock clock, const domain::SlaPolicy& policy,
             const domain::BusinessCalendar& cal, int64_t now);

}  // namespace dandelion::service::sla
