// JSON ⇄ care's types: channels, routing rules (nested `when` and `then`),
// SLA policies, queue settings, agents, cases with their clocks, thread and
// history, and the dry run. Bodies are read strictly: an unknown field, at
// any depth, is refused with its path ("when.intent").
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "http/json_io.h"
#include "service/care/care_views.h"
#include "service/care/case_service.h"
#include "service/care/setup_service.h"

namespace dandelion::http {

//! A body's JSON object: InvalidArgument when it is not JSON or not an object.
Result<Json> ObjectBody(const std::string& body);

Json Encode(const service::ChannelView& c);
Result<domain::Channel> DecodeChannel(const Json& body);

Json Encode(const service::RuleView& r);
//! The rule and its queue's slug (then.queue; nullopt: the rule's unit).
Result<std::pair<domain::RoutingRule, std::optional<std::string>>> DecodeRule(const Json& body);

Json Encode(const service::PolicyView& p);
//! The policy and the slug its breaches move cases to (on_breach.move_to).
Result<std::pair<domain::SlaPolicy, std::optional<std::string>>> DecodePolicy(const Json& body);

Json Encode(const service::QueueView& q);
Result<domain::QueueSettings> DecodeQueue(const Json& body);

Json Encode(const domain::Agent& a);
Result<domain::Agent> DecodeAgent(const Json& body);

Json Encode(const service::CaseView& c);
Json Encode(const service::CaseDetail& d);
Json Encode(const domain::CaseEvent& e);

Result<service::ExplainInput> DecodeExplain(const Json& body);
Json Encode(const service::ExplainView& e);

}  // namespace dandelion::http
