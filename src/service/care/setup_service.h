// SetupService: how a unit's inbox is set up — its channels, routing rules
// (ordered, checked, a dry run), SLA policies (escalation loops refused),
// queue settings (business hours, assignment, join window) and agents.
// Changes are audited and move the store's care version, so that every
// node's router reloads. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/care.h"
#include "engine/pipeline.h"
#include "service/care/care_views.h"
#include "service/care/case_router.h"
#include "service/common/access.h"
#include "store/store.h"

namespace dandelion::service {

//! What a dry run routes: a stored mention, or a text with what routing
//! reads of its author.
struct ExplainInput {
  std::optional<int64_t> mention_id;
  std::string text;
  std::string network = "x";
  std::string author;                 //!< handle, without '@'
  std::optional<int64_t> followers;
  std::vector<std::string> mentioned; //!< handles it addresses, besides those in the text
};

class SetupService {
 public:
  SetupService(store::Store& store, const Clock& clock, CaseRouter& router,
               const engine::TopicRegistry& topics)
      : access_(store, clock), router_(router), topics_(topics) {}

  // Channels.
  Result<std::vector<ChannelView>> Channels(const domain::Principal& who, const std::string& unit);
  Result<ChannelView> AddChannel(const domain::Principal* who, const std::string& unit,
                                 domain::Channel c);
  Status DeleteChannel(const domain::Principal& who, int64_t id);

  // Routing rules: the unit's own, by position.
  Result<std::vector<RuleView>> Rules(const domain::Principal& who, const std::string& unit);
  //! `position` nullopt: last. InvalidArgument naming the field for a bad
  //! rule, a topic, channel or policy not the unit's to use, a queue
  //! outside the unit's subtree.
  //! `queue`, when given, is the slug of then.unit_id (field "then.queue").
  Result<RuleView> CreateRule(const domain::Principal* who, const std::string& unit,
                              domain::RoutingRule r, std::optional<std::string> queue = {});
  Result<RuleView> UpdateRule(const domain::Principal& who, int64_t id, domain::RoutingRule r,
                              std::optional<std::string> queue = {});
  Result<RuleView> MoveRule(const domain::Principal& who, int64_t id, int64_t position);
  Status DeleteRule(const domain::Principal& who, int64_t id);
  //! The dry run: which rule of which unit takes the mention, and why each
  //! earlier one did not.
  Result<ExplainView> Explain(const domain::Principal& who, const ExplainInput& in);

  // SLA policies.
  Result<std::vector<PolicyView>> Policies(const domain::Principal& who, const std::string& unit);
  //! InvalidArgument for targets out of range, a move outside the tree or
  //! an escalation loop (the chain of then-policies coming back).
  //! `move_to`, when given, is the slug of on_breach.move_to_unit_id
  //! (field "on_breach.move_to").
  Result<PolicyView> CreatePolicy(const domain::Principal* who, const std::string& unit,
                                  domain::SlaPolicy p, std::optional<std::string> move_to = {});
  Result<PolicyView> UpdatePolicy(const domain::Principal& who, int64_t id, domain::SlaPolicy p,
                                  std::optional<std::string> move_to = {});
  Status DeletePolicy(const domain::Principal& who, int64_t id);

  // The queue.
  Result<QueueView> Queue(const domain::Principal& who, const std::string& unit);
  Result<QueueView> PutQueue(const domain::Principal* who, const std::string& unit,
                             const domain::QueueSettings& q);

  // Agents.
  Result<std::vector<domain::Agent>> Agents(const domain::Principal& who, const std::string& unit);
  //! InvalidArgument ("user_id") when the user may not work the unit's cases.
  Result<domain::Agent> PutAgent(const domain::Principal* who, const std::string& unit,
                                 domain::Agent a);
  Status RemoveAgent(const domain::Principal& who, const std::string& unit, int64_t user_id);

 private:
  Status CheckRule(Scope& s, const domain::RoutingRule& r);
  Status CheckPolicy(Scope& s, const domain::SlaPolicy& p);

  Access access_;
  CaseRouter& router_;
  const engine::TopicRegistry& topics_;
};

}  // namespace dandelion::service
