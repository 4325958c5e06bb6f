// CaseRouter: files every new mention into the right unit's queue. It runs
// inside the transaction that stores a batch (IngestService's batch hook),
// so that a mention and its case land together or not at all, whichever
// way the mention came in (a file, the API, the stream) and whatever kills
// the process meanwhile.
//
// For each new mention: the unit it is for is the owner of the channel it
// addresses (an @handle of one of the units' channels), else the deepest
// unit among the topics it matched; that unit's chain of routing rules
// (routing/rules.h) decides. A rule that takes it names the queue, the
// priority, the SLA policy and the tags (or ignores it); with no rule, a
// mention addressed to a channel, or carrying a care intent (complaint,
// support, question, purchase, crisis), becomes a case in that unit's queue
// and the rest stays in listening. It then joins the case of the post it
// replies to, or the author's latest case in that queue when its last
// mention is within the queue's join window (re-opening a resolved one);
// else a new case opens, its SLA clocks started in the queue's business
// hours, and an agent is picked when the queue assigns automatically.
//
// The compiled rules, channels, policies and queues are reloaded when the
// store's care version (moved by every change of them) or topic version
// moved. Thread-safe: FileBatch runs on the ingest writer, Explain on
// request threads.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.h"
#include "domain/business_hours.h"
#include "domain/care.h"
#include "domain/contacts.h"
#include "domain/listening.h"
#include "domain/unit_tree.h"
#include "engine/pipeline.h"
#include "routing/rules.h"
#include "store/store.h"

namespace dandelion::service {

//! What routing knows of the store, compiled: immutable once built.
struct CareSnapshot {
  int64_t care_version = -1;
  int64_t topics_version = -1;
  std::shared_ptr<const routing::RuleSet> rules;
  std::unordered_map<int64_t, domain::RoutingRule> rule_by_id;
  std::unordered_map<int64_t, domain::SlaPolicy> policies;
  std::unordered_map<int64_t, int64_t> parent_of;   //!< unit → parent (hub: 0)
  std::unordered_map<int64_t, int> depth;           //!< unit → depth (hub: 0)
  std::unordered_map<int64_t, std::string> unit_names;
  std::unordered_map<int64_t, int64_t> topic_unit;  //!< topic → unit
  //! "network\thandle" → channel
  std::unordered_map<std::string, domain::Channel> channels;
  //! Each unit's queue settings (its own or inherited) and calendar.
  std::unordered_map<int64_t, domain::QueueSettings> queues;
  std::unordered_map<int64_t, domain::BusinessCalendar> calendars;

  const domain::BusinessCalendar& CalendarOf(int64_t unit_id) const;
  const domain::QueueSettings& QueueOf(int64_t unit_id) const;
  const domain::SlaPolicy* PolicyOf(std::optional<int64_t> id) const;
};

//! Loads a snapshot from `tx` (every rule, channel, policy, queue, unit and
//! topic).
Result<std::shared_ptr<const CareSnapshot>> LoadCareSnapshot(store::Tx& tx);

//! What routing decided for one mention, in words too (for the history and
//! the dry run).
struct RouteDecision {
  int64_t for_unit = 0;  //!< the unit whose rules decided (0: none: no channel, no topic)
  std::vector<routing::Verdict> verdicts;  //!< filled by Explain only
  const domain::RoutingRule* rule = nullptr;
  bool makes_case = false;
  int64_t queue_unit = 0;
  domain::CasePriority priority = domain::CasePriority::kNormal;
  std::optional<int64_t> sla_policy_id;
  std::vector<std::string> tags;
  std::string auto_reply;
  std::string why;  //!< "rule 'Complaints' of Support", "no rule: addressed to @acme_help", …
};

//! The care intents: with no rule, a mention carrying one becomes a case.
bool IsCareIntent(std::string_view intent);

class CaseRouter {
 public:
  CaseRouter(const Clock& clock) : clock_(clock) {}

  //! Files the batch's new mentions (`ids[i]` set) into cases, in `tx`.
  Status FileBatch(store::Tx& tx, const engine::ProcessedBatch& batch,
                   const std::vector<domain::StoredMention>& stored,
                   const std::vector<std::optional<int64_t>>& ids);

  //! The decision for one processed mention under `snap`, with every rule
  //! of the chain's verdict when `explain`.
  //! `contact`: the author's person, for rules on tier and tags (null: none known).
  static RouteDecision Decide(const CareSnapshot& snap, const engine::ProcessedMention& m,
                              routing::Scratch& scratch, bool explain,
                              const domain::Person* contact = nullptr);

  //! The snapshot in force, reloaded in `tx` first when the store moved on.
  Result<std::shared_ptr<const CareSnapshot>> Current(store::Tx& tx,
                                                      std::optional<int64_t> topics_version);

 private:
  const Clock& clock_;
  std::mutex mu_;
  std::shared_ptr<const CareSnapshot> snap_;
  routing::Scratch scratch_;  //!< FileBatch's (one writer)
};

}  // namespace dandelion::service
