// Care's repositories: channels, routing rules, SLA policies, business
// hours, cases with their mentions and history, and agents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/business_hours.h"
#include "domain/care.h"
#include "store/tx.h"

namespace dandelion::store {

using domain::Agent;
using domain::BusinessHours;
using domain::Case;
using domain::CaseEvent;
using domain::CaseStatus;
using domain::QueueSettings;
using domain::Channel;
using domain::RoutingRule;
using domain::SlaPolicy;

//! A unit's accounts on the networks.
class ChannelRepo {
 public:
  virtual ~ChannelRepo() = default;
  //! Every channel, by id.
  virtual Result<std::vector<Channel>> List() = 0;
  //! NotFound when absent.
  virtual Result<Channel> Get(int64_t id) = 0;
  //! AlreadyExists (field "handle") when the network's handle is taken.
  virtual Result<Channel> Create(const Channel& c) = 0;
  //! NotFound when absent. Rules naming it keep the id (they no longer hold).
  virtual Status Delete(int64_t id) = 0;
};

//! Routing rules, ordered per unit.
class RuleRepo {
 public:
  virtual ~RuleRepo() = default;
  //! Every rule, by unit then position.
  virtual Result<std::vector<RoutingRule>> List() = 0;
  //! The unit's rules by position.
  virtual Result<std::vector<RoutingRule>> ForUnit(int64_t unit_id) = 0;
  //! NotFound when absent.
  virtual Result<RoutingRule> Get(int64_t id) = 0;
  //! Inserts the rule as given (its position included).
  virtual Result<RoutingRule> Create(const RoutingRule& r) = 0;
  //! Saves everything but the unit and created_at. NotFound when absent.
  virtual Result<RoutingRule> Update(const RoutingRule& r) = 0;
  //! NotFound when absent.
  virtual Status Delete(int64_t id) = 0;
  //! Moves rule `id` to `position` (1-based) within its unit, the others
  //! renumbered 1…n around it.
  virtual Status Move(int64_t id, int64_t position) = 0;
  //! A number every change above moves on, in its transaction.
  virtual Result<int64_t> Version() = 0;
  //! Moves the version on (a change elsewhere that routing must see: a
  //! channel, a policy).
  virtual Status Bump() = 0;
};

//! SLA policies.
class SlaPolicyRepo {
 public:
  virtual ~SlaPolicyRepo() = default;
  virtual Result<std::vector<SlaPolicy>> List() = 0;
  //! NotFound when absent.
  virtual Result<SlaPolicy> Get(int64_t id) = 0;
  //! AlreadyExists (field "name") when the unit has one of that name.
  virtual Result<SlaPolicy> Create(const SlaPolicy& p) = 0;
  //! NotFound / AlreadyExists as above.
  virtual Result<SlaPolicy> Update(const SlaPolicy& p) = 0;
  //! FailedPrecondition when a rule, a policy or a case still uses it.
  virtual Status Delete(int64_t id) = 0;
};

//! Each unit's queue settings (a unit without inherits its parent's).
class QueueRepo {
 public:
  virtual ~QueueRepo() = default;
  //! Every unit's that has its own: (unit id, settings), by unit.
  virtual Result<std::vector<std::pair<int64_t, QueueSettings>>> List() = 0;
  //! nullopt when the unit has none of its own.
  virtual Result<std::optional<QueueSettings>> Get(int64_t unit_id) = 0;
  virtual Status Put(int64_t unit_id, const QueueSettings& q, int64_t at_ms) = 0;
  virtual Status Remove(int64_t unit_id) = 0;
};

//! What a queue shows: filters, sort and the page.
struct CaseQuery {
  std::vector<int64_t> unit_ids;        //!< the queues (empty: none)
  std::vector<CaseStatus> statuses;     //!< empty: every status
  std::optional<int64_t> assignee_id;   //!< only this agent's
  bool unassigned = false;              //!< only those without an agent
  std::optional<domain::CasePriority> priority;
  std::string tag;                      //!< only those with this tag
  bool by_due = true;                   //!< due first (no due last), else newest first
  //! After this case, in the sort's order: (key, id) of the last one shown.
  std::optional<std::pair<int64_t, int64_t>> after;
  int limit = 50;
};

//! Cases, the mentions in each, and their history.
class CaseRepo {
 public:
  virtual ~CaseRepo() = default;
  //! Inserts the case (version 1). Returns it with its id.
  virtual Result<Case> Create(const Case& c) = 0;
  //! NotFound when absent.
  virtual Result<Case> Get(int64_t id) = 0;
  //! Saves `c` when its version is still `c.version`, moving it on:
  //! Aborted ("changed meanwhile") when someone else saved first, NotFound
  //! when absent.
  virtual Result<Case> Update(const Case& c) = 0;
  //! The author's latest case in the unit, if any.
  virtual Result<std::optional<Case>> LatestOfAuthor(int64_t unit_id, const std::string& network,
                                                     const std::string& handle) = 0;
  //! The case holding the mention with this (network, external id).
  virtual Result<std::optional<int64_t>> CaseOfPost(const std::string& network,
                                                    const std::string& external_id) = 0;
  //! Files the mention under the case.
  virtual Status AddMention(int64_t case_id, int64_t mention_id) = 0;
  //! The case's mentions' ids, oldest first (at most `limit`).
  virtual Result<std::vector<int64_t>> MentionIds(int64_t case_id, int limit) = 0;
  //! A page of a queue, and how many the filter holds.
  virtual Result<std::vector<Case>> Find(const CaseQuery& q) = 0;
  virtual Result<int64_t> Count(const CaseQuery& q) = 0;
  //! Cases not resolved nor paused whose sweep time (the earliest due of a
  //! clock not yet breached) is at or before `at_ms`, by it; at most `limit`.
  virtual Result<std::vector<Case>> DueBy(int64_t at_ms, int limit) = 0;
  //! Adds an entry to the case's history.
  virtual Result<CaseEvent> AddEvent(const CaseEvent& e) = 0;
  //! The history, oldest first.
  virtual Result<std::vector<CaseEvent>> Events(int64_t case_id, int limit) = 0;
};

//! The agents of each unit.
class AgentRepo {
 public:
  virtual ~AgentRepo() = default;
  //! The unit's agents with their open cases in it, by e-mail.
  virtual Result<std::vector<Agent>> ForUnit(int64_t unit_id) = 0;
  //! nullopt when the user is no agent of the unit.
  virtual Result<std::optional<Agent>> Get(int64_t user_id, int64_t unit_id) = 0;
  //! Creates or saves available, capacity and languages.
  virtual Status Put(const Agent& a) = 0;
  virtual Status Remove(int64_t user_id, int64_t unit_id) = 0;
  //! Notes an assignment (round-robin's order).
  virtual Status Assigned(int64_t user_id, int64_t unit_id, int64_t at_ms) = 0;
};

//! Care's part of a transaction.
class CareRepos {
 public:
  virtual ~CareRepos() = default;
  virtual ChannelRepo& channels() = 0;
  virtual RuleRepo& rules() = 0;
  virtual SlaPolicyRepo& policies() = 0;
  virtual QueueRepo& queues() = 0;
  virtual CaseRepo& cases() = 0;
  virtual AgentRepo& agents() = 0;
};

//! The care repositories of `tx`.
CareRepos& Care(Tx& tx);

}  // namespace dandelion::store
