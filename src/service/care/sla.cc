#include "service/care/sla.h"

namespace dandelion::service::sla {
namespace {

using domain::Case;
using domain::SlaClock;

constexpr int64_t kMinute = 60'000;

std::optional<int64_t>& DueOf(Case& c, SlaClock clock) {
  switch (clock) {
    case SlaClock::kFirstResponse:
      return c.first_response_due_ms;
    case SlaClock::kNextResponse:
      return c.next_response_due_ms;
    case SlaClock::kResolution:
      break;
  }
  return c.resolution_due_ms;
}

int64_t TargetOf(const domain::SlaPolicy& p, SlaClock clock) {
  switch (clock) {
    case SlaClock::kFirstResponse:
      return p.first_response_minutes;
    case SlaClock::kNextResponse:
      return p.next_response_minutes;
    case SlaClock::kResolution:
      break;
  }
  return p.resolution_minutes;
}

constexpr SlaClock kClocks[] = {SlaClock::kFirstResponse, SlaClock::kNextResponse,
                                SlaClock::kResolution};

}  // namespace

void Open(Case& c, const domain::SlaPolicy* policy, const domain::BusinessCalendar& cal,
          int64_t now) {
  if (policy == nullptr) return;
  c.first_response_due_ms = cal.Add(now, policy->first_response_minutes * kMinute);
  c.resolution_due_ms = cal.Add(now, policy->resolution_minutes * kMinute);
}

void Inbound(Case& c, const domain::SlaPolicy* policy, const domain::BusinessCalendar& cal,
             int64_t now) {
  c.last_inbound_at_ms = std::max(c.last_inbound_at_ms, now);
  if (c.status == domain::CaseStatus::kPending) {
    Resume(c, cal, now);
    c.status = domain::CaseStatus::kOpen;
  }
  if (c.status == domain::CaseStatus::kResolved) {
    c.status = domain::CaseStatus::kOpen;
    c.resolved_at_ms.reset();
    c.breached &= ~domain::BreachBit(SlaClock::kResolution);
    if (policy != nullptr) c.resolution_due_ms = cal.Add(now, policy->resolution_minutes * kMinute);
  }
  if (policy != nullptr && c.first_response_at_ms && !c.next_response_due_ms) {
    c.breached &= ~domain::BreachBit(SlaClock::kNextResponse);
    c.next_response_due_ms = cal.Add(now, policy->next_response_minutes * kMinute);
  }
}

void Responded(Case& c, int64_t now) {
  if (!c.first_response_at_ms) {
    c.first_response_at_ms = now;
    c.first_response_due_ms.reset();
  }
  c.last_response_at_ms = now;
  c.next_response_due_ms.reset();
}

void Pause(Case& c, int64_t now) {
  if (!c.paused_at_ms) c.paused_at_ms = now;
}

void Resume(Case& c, const domain::BusinessCalendar& cal, int64_t now) {
  if (!c.paused_at_ms) return;
  const int64_t paused = *c.paused_at_ms;
  for (SlaClock clock : kClocks) {
    auto& due = DueOf(c, clock);
    // What was left when the clock stopped (nothing, when it was overdue).
    if (due) due = cal.Add(now, *due > paused ? cal.Between(paused, *due) : 0);
  }
  c.paused_at_ms.reset();
}

void Resolve(Case& c, int64_t now) {
  c.resolved_at_ms = now;
  c.paused_at_ms.reset();
  for (SlaClock clock : kClocks) DueOf(c, clock).reset();
}

std::vector<SlaClock> Breach(Case& c, int64_t now) {
  std::vector<SlaClock> out;
  if (c.paused_at_ms || c.status == domain::CaseStatus::kResolved) return out;
  for (SlaClock clock : kClocks) {
    const auto& due = DueOf(c, clock);
    if (due && *due <= now && (c.breached & domain::BreachBit(clock)) == 0) {
      c.breached |= domain::BreachBit(clock);
      out.push_back(clock);
    }
  }
  return out;
}

void Restart(Case& c, SlaClock clock, const domain::SlaPolicy& policy,
             const domain::BusinessCalendar& cal, int64_t now) {
  c.breached &= ~domain::BreachBit(clock);
  DueOf(c, clock) = cal.Add(now, TargetOf(policy, clock) * kMinute);
}

}  // namespace dandelion::service::sla
