// The plain types of care (the inbox): a unit's channels, its routing rules,
// SLA policies, the cases mentions become, what happened to each, and the
// agents who work them. No behaviour beyond names; no JSON, no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/business_hours.h"

namespace dandelion::domain {

//! A unit's own account on a network: a mention addressed to it (an
//! @handle in its text, or a reply to it) is the unit's to answer.
struct Channel {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string network;  //!< "x", "mastodon", … (text/network.h names)
  std::string handle;   //!< without '@', lower case; unique per network
  std::string name;     //!< what people call it ("Acme Support")
  int64_t created_at_ms = 0;
};

enum class CasePriority { kLow, kNormal, kHigh, kUrgent };
std::string_view PriorityName(CasePriority p);
std::optional<CasePriority> ParsePriority(std::string_view name);
//! One step up (urgent stays urgent).
CasePriority Raised(CasePriority p);

//! What a rule asks of a mention. Every field set must hold (AND); a list
//! holds when any of its values does (OR). Empty: not asked.
struct RoutingCondition {
  std::vector<int64_t> topics;         //!< matched any of these topic ids
  std::vector<std::string> intents;    //!< carries any of these intents
  std::optional<double> sentiment_min; //!< VADER compound, inclusive
  std::optional<double> sentiment_max;
  std::vector<std::string> languages;  //!< ISO 639 codes
  std::vector<std::string> networks;
  std::vector<int64_t> channels;       //!< addressed to any of these channel ids
  std::optional<int64_t> followers_min;
  std::optional<int64_t> followers_max;
  std::vector<std::string> contact_tiers;
  std::vector<std::string> contact_tags;
  std::string keywords;  //!< a listening query over the text ("" none)
};

//! Where a mention a rule takes goes, and how it is worked.
struct RoutingAction {
  bool ignore = false;                   //!< take it, and make no case
  std::optional<int64_t> unit_id;        //!< the queue; nullopt: the rule's unit
  CasePriority priority = CasePriority::kNormal;
  std::optional<int64_t> sla_policy_id;  //!< nullopt: no SLA clocks
  std::vector<std::string> tags;
  std::string auto_reply;                //!< acknowledgement template ("" none)
};

//! One routing rule of a unit: ordered by position, the first that holds
//! takes the mention.
struct RoutingRule {
  int64_t id = 0;
  int64_t unit_id = 0;
  int64_t position = 0;  //!< 1-based within the unit
  std::string name;
  bool enabled = true;
  RoutingCondition when;
  RoutingAction then;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

//! What a breach of an SLA clock does.
struct Escalation {
  bool notify = true;            //!< a case.breached webhook and a history entry
  bool raise_priority = false;   //!< one step up
  std::optional<int64_t> move_to_unit_id;  //!< the case moves to this queue
  //! After a move, the policy the case runs under there (its clocks
  //! restart); nullopt: the case keeps its policy and clocks.
  std::optional<int64_t> then_policy_id;
};

//! A unit's targets for answering, in business minutes.
struct SlaPolicy {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string name;  //!< unique within the unit
  int64_t first_response_minutes = 60;
  int64_t next_response_minutes = 240;
  int64_t resolution_minutes = 1440;
  Escalation on_breach;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

//! How a queue's new cases find an agent.
enum class Assignment { kManual, kRoundRobin, kLeastLoaded };
std::string_view AssignmentName(Assignment a);
std::optional<Assignment> ParseAssignment(std::string_view name);

//! A unit's queue: when its team works, how cases are assigned, and how
//! long after an author's last mention a new one still joins their case.
//! A unit without settings of its own has its nearest ancestor's.
struct QueueSettings {
  BusinessHours hours = AlwaysOpen();
  Assignment assignment = Assignment::kManual;
  int64_t join_window_minutes = 24 * 60;
};

enum class CaseStatus { kNew, kOpen, kPending, kResolved };
std::string_view CaseStatusName(CaseStatus s);
std::optional<CaseStatus> ParseCaseStatus(std::string_view name);

//! The three clocks of a case.
enum class SlaClock { kFirstResponse, kNextResponse, kResolution };
std::string_view SlaClockName(SlaClock c);

//! One person's conversation with a unit: the mentions of one author in
//! one thread (or within the joining window), worked to resolution.
struct Case {
  int64_t id = 0;
  int64_t unit_id = 0;
  CaseStatus status = CaseStatus::kNew;
  CasePriority priority = CasePriority::kNormal;
  std::optional<int64_t> assignee_id;
  std::optional<int64_t> contact_id;
  std::string network;
  std::string author_handle;
  std::string thread_key;  //!< the thread's root post id, or the author's first post in it
  std::string subject;     //!< the first mention's text, cut short
  std::string language;
  std::vector<std::string> tags;
  std::optional<int64_t> rule_id;        //!< the rule that made it (nullopt: the default)
  std::optional<int64_t> sla_policy_id;
  int64_t mention_count = 0;
  int64_t opened_at_ms = 0;
  int64_t last_inbound_at_ms = 0;
  std::optional<int64_t> first_response_at_ms;
  std::optional<int64_t> last_response_at_ms;
  std::optional<int64_t> resolved_at_ms;
  //! When each running clock is due (nullopt: not running, met or none).
  std::optional<int64_t> first_response_due_ms;
  std::optional<int64_t> next_response_due_ms;
  std::optional<int64_t> resolution_due_ms;
  //! The earliest of the dues above: the inbox sorts on it.
  std::optional<int64_t> due_ms;
  //! The earliest due of a clock not yet breached: when the sweep looks.
  std::optional<int64_t> sweep_ms;
  //! While pending: when the clocks stopped.
  std::optional<int64_t> paused_at_ms;
  //! Clocks that breached (a bit per SlaClock), and that were met late.
  int64_t breached = 0;
  int64_t updated_at_ms = 0;
  int64_t version = 0;  //!< moved on by every change (a claim's guard)
};

//! The earliest of a case's running dues.
inline std::optional<int64_t> EarliestDue(const Case& c) {
  std::optional<int64_t> d;
  for (const auto& x : {c.first_response_due_ms, c.next_response_due_ms, c.resolution_due_ms}) {
    if (x && (!d || *x < *d)) d = x;
  }
  return d;
}

inline constexpr int64_t BreachBit(SlaClock c) { return int64_t{1} << static_cast<int>(c); }

//! The earliest due of the clocks that have not breached.
inline std::optional<int64_t> NextSweep(const Case& c) {
  std::optional<int64_t> d;
  const std::pair<std::optional<int64_t>, SlaClock> clocks[] = {
      {c.first_response_due_ms, SlaClock::kFirstResponse},
      {c.next_response_due_ms, SlaClock::kNextResponse},
      {c.resolution_due_ms, SlaClock::kResolution}};
  for (const auto& [due, clock] : clocks) {
    if (due && (c.breached & BreachBit(clock)) == 0 && (!d || *due < *d)) d = due;
  }
  return d;
}

//! One thing that happened to a case, for its history.
struct CaseEvent {
  int64_t id = 0;
  int64_t case_id = 0;
  int64_t at_ms = 0;
  std::optional<int64_t> actor_id;  //!< nullopt: the system (routing, the SLA sweep)
  std::string actor_email;          //!< read back only
  //! "created", "mention", "status", "assigned", "priority", "tags",
  //! "note", "reply", "breached", "escalated", "moved"
  std::string kind;
  std::string detail;               //!< what changed, in words
  std::optional<int64_t> mention_id;
};

//! A history entry of `case_id` (by the system unless `actor_id`).
inline CaseEvent NewEvent(int64_t case_id, int64_t at_ms, std::string kind, std::string detail,
                          std::optional<int64_t> mention_id = std::nullopt,
                          std::optional<int64_t> actor_id = std::nullopt) {
  CaseEvent e;
  e.case_id = case_id;
  e.at_ms = at_ms;
  e.kind = std::move(kind);
  e.detail = std::move(detail);
  e.mention_id = mention_id;
  e.actor_id = actor_id;
  return e;
}

//! A member of a unit who works its queue.
struct Agent {
  int64_t user_id = 0;
  int64_t unit_id = 0;
  std::string email;   //!< read back only
  std::string name;    //!< read back only
  bool available = true;
  int64_t capacity = 10;               //!< open cases at most
  std::vector<std::string> languages;  //!< ISO 639; empty: any
  int64_t open_cases = 0;              //!< read back only
  int64_t last_assigned_at_ms = 0;     //!< round-robin order
};

}  // namespace dandelion::domain
