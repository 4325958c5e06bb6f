// What care's services answer: the plain types with the names a reader
// needs beside the ids, a case with its thread and history, a dry run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/care.h"
#include "domain/listening.h"

namespace dandelion::service {

struct RuleView {
  domain::RoutingRule rule;
  std::string unit_slug;
  std::optional<std::string> queue_slug;  //!< then.unit_id's
};

struct PolicyView {
  domain::SlaPolicy policy;
  std::string unit_slug;
  std::optional<std::string> move_to_slug;  //!< on_breach.move_to_unit_id's
};

struct ChannelView {
  domain::Channel channel;
  std::string unit_slug;
};

//! A unit's queue settings, its own or inherited.
struct QueueView {
  std::string unit_slug;
  domain::QueueSettings settings;
  std::optional<std::string> inherited_from;  //!< the ancestor's slug; nullopt: its own
};

//! One SLA clock of a case as the inbox shows it.
struct ClockView {
  domain::SlaClock clock = domain::SlaClock::kFirstResponse;
  //! "running", "paused", "met", "breached", "none"
  std::string state;
  std::optional<int64_t> due_ms;
  std::optional<int64_t> done_ms;  //!< when it was met (or stopped)
};

struct CaseView {
  domain::Case c;
  std::string unit_slug;
  std::string assignee_email;  //!< "" unassigned
  std::optional<std::string> sla_policy_name;
  std::vector<ClockView> clocks;
};

struct CaseDetail {
  CaseView view;
  std::vector<domain::StoredMention> mentions;  //!< oldest first
  std::vector<domain::CaseEvent> events;        //!< oldest first
};

struct CasePage {
  std::vector<CaseView> items;
  std::optional<std::string> next;
  int64_t total = 0;
};

//! One rule's verdict in a dry run.
struct VerdictView {
  int64_t rule_id = 0;
  std::string rule_name;
  std::string unit_slug;
  bool took = false;
  std::string reason;
};

struct ExplainView {
  std::optional<std::string> for_unit;  //!< whose rules decided; nullopt: nobody's
  std::vector<VerdictView> verdicts;
  bool makes_case = false;
  std::optional<std::string> queue;
  domain::CasePriority priority = domain::CasePriority::kNormal;
  std::optional<int64_t> sla_policy_id;
  std::vector<std::string> tags;
  std::string why;
  // What the engine read of the mention.
  std::string language;
  double sentiment = 0;
  std::vector<std::string> intents;
  std::vector<int64_t> topics;
};

}  // namespace dandelion::service
