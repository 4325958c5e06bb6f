#include "service/care/setup_service.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "domain/validation.h"
#include "routing/rules.h"
#include "store/care/care_repos.h"
#include "store/listening/listening_repos.h"
#include "store/org/org_repos.h"
#include "text/network.h"

namespace dandelion::service {
namespace {

using domain::Action;

constexpr int64_t kMaxRulesPerUnit = 100;
constexpr int64_t kMaxTargetMinutes = 60LL * 24 * 365;

Status NoRule(int64_t id) { return NotFound(fmt::format("no routing rule with id {}", id)); }
Status NoPolicy(int64_t id) { return NotFound(fmt::format("no SLA policy with id {}", id)); }
Status NoChannel(int64_t id) { return NotFound(fmt::format("no channel with id {}", id)); }

std::string SlugOf(const domain::UnitTree& tree, int64_t unit_id) {
  const domain::Unit* u = tree.Find(unit_id);
  return u ? u->slug : "";
}

RuleView ViewOf(const domain::UnitTree& tree, const domain::RoutingRule& r) {
  RuleView v{.rule = r, .unit_slug = SlugOf(tree, r.unit_id), .queue_slug = std::nullopt};
  if (r.then.unit_id) v.queue_slug = SlugOf(tree, *r.then.unit_id);
  return v;
}

PolicyView PolicyViewOf(const domain::UnitTree& tree, const domain::SlaPolicy& p) {
  PolicyView v{.policy = p, .unit_slug = SlugOf(tree, p.unit_id), .move_to_slug = std::nullopt};
  if (p.on_breach.move_to_unit_id) v.move_to_slug = SlugOf(tree, *p.on_breach.move_to_unit_id);
  return v;
}

std::string Snapshot(const domain::RoutingRule& r) {
  return nlohmann::json({{"id", r.id},
                         {"unit_id", r.unit_id},
                         {"position", r.position},
                         {"name", r.name},
                         {"enabled", r.enabled},
                         {"keywords", r.when.keywords},
                         {"ignore", r.then.ignore}})
      .dump();
}

std::string Snapshot(const domain::SlaPolicy& p) {
  return nlohmann::json({{"id", p.id},
                         {"unit_id", p.unit_id},
                         {"name", p.name},
                         {"first_response_minutes", p.first_response_minutes},
                         {"next_response_minutes", p.next_response_minutes},
                         {"resolution_minutes", p.resolution_minutes}})
      .dump();
}

bool WellFormedHandle(std::string_view h) {
  if (h.empty() || h.size() > 100) return false;
  return std::all_of(h.begin(), h.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' ||
           c == '@';
  });
}

}  // namespace

// --- channels

Result<std::vector<ChannelView>> SetupService::Channels(const domain::Principal& who,
                                                       const std::string& unit) {
  std::vector<ChannelView> out;
  DND_RETURN_IF_ERROR(access_.Read(who, "unit:" + unit, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(unit, Action::kViewCases, "unit"));
    DND_ASSIGN_OR_RETURN(auto all, store::Care(s.tx).channels().List());
    for (const auto& c : all) {
      if (c.unit_id == u->id) out.push_back({.channel = c, .unit_slug = u->slug});
    }
    return Status::Ok();
  }));
  return out;
}

Result<ChannelView> SetupService::AddChannel(const domain::Principal* who, const std::string& unit,
                                             domain::Channel c) {
  auto network = text::ParseNetwork(c.network);
  if (!network || text::NetworkName(*network) != c.network) {
    return InvalidArgument(fmt::format("unknown network '{}'", c.network), "network");
  }
  if (!c.handle.empty() && c.handle[0] == '@') c.handle.erase(0, 1);
  std::transform(c.handle.begin(), c.handle.end(), c.handle.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  if (!WellFormedHandle(c.handle)) {
    return InvalidArgument("a handle is 1 to 100 letters, digits, '_', '.', '-' or '@'", "handle");
  }
  c.name = domain::Trim(c.name);
  if (c.name.empty() || c.name.size() > 100) {
    return InvalidArgument("a channel's name is 1 to 100 bytes", "name");
  }
  ChannelView out;
  DND_RETURN_IF_ERROR(access_.Write(who, "unit:" + unit, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(unit, Action::kManageCare, "unit"));
    c.unit_id = u->id;
    c.created_at_ms = s.NowMs();
    DND_ASSIGN_OR_RETURN(c, store::Care(s.tx).channels().Create(c));
    DND_RETURN_IF_ERROR(store::Care(s.tx).rules().Bump());
    out = {.channel = c, .unit_slug = u->slug};
    return s.Audit("channel.create", fmt::format("channel:{}", c.id), "null",
                   nlohmann::json({{"network", c.network}, {"handle", c.handle}}).dump());
  }));
  return out;
}

Status SetupService::DeleteChannel(const domain::Principal& who, int64_t id) {
  return access_.Write(who, fmt::format("channel:{}", id), [&](Scope& s) -> Status {
    auto c = store::Care(s.tx).channels().Get(id);
    if (c.status().code() == Code::kNotFound) return NoChannel(id);
    DND_RETURN_IF_ERROR(c.status());
    DND_RETURN_IF_ERROR(s.AllowOrHide(Action::kManageCare, Action::kViewCases, c->unit_id, NoChannel(id)));
    DND_RETURN_IF_ERROR(store::Care(s.tx).channels().Delete(id));
    DND_RETURN_IF_ERROR(store::Care(s.tx).rules().Bump());
    return s.Audit("channel.delete", fmt::format("channel:{}", id),
                   nlohmann::json({{"network", c->network}, {"handle", c->handle}}).dump(), "null");
  });
}

// --- rules

Status SetupService::CheckRule(Scope& s, const domain::RoutingRule& r) {
  DND_RETURN_IF_ERROR(routing::ValidateRule(r));
  auto& care = store::Care(s.tx);
  // What a rule names must be within the unit's reach: topics of the unit's
  // subtree or its ancestors (those it sees), its own or its ancestors'
  // channels and policies, a queue in its subtree.
  auto reach = [&](int64_t unit) {
    return s.tree.IsInSubtree(unit, r.unit_id) || s.tree.IsInSubtree(r.unit_id, unit);
  };
  if (!r.when.topics.empty()) {
    DND_ASSIGN_OR_RETURN(auto topics, store::Listening(s.tx).topics().List());
    for (size_t i = 0; i < r.when.topics.size(); ++i) {
      auto it = std::find_if(topics.begin(), topics.end(),
                             [&](const auto& t) { return t.id == r.when.topics[i]; });
      if (it == topics.end() || !reach(it->unit_id)) {
        return InvalidArgument(fmt::format("no topic {} within this unit's reach", r.when.topics[i]),
                               fmt::format("when.topics[{}]", i));
      }
    }
  }
  for (size_t i = 0; i < r.when.channels.size(); ++i) {
    auto c = care.channels().Get(r.when.channels[i]);
    if (!c.ok() || !reach(c->unit_id)) {
      return InvalidArgument(fmt::format("no channel {} within this unit's reach", r.when.channels[i]),
                             fmt::format("when.channels[{}]", i));
    }
  }
  if (r.then.unit_id) {
    if (s.tree.Find(*r.then.unit_id) == nullptr || !s.tree.IsInSubtree(*r.then.unit_id, r.unit_id)) {
      return InvalidArgument("a rule sends mentions to its own unit's queue or one below it",
                             "then.queue");
    }
  }
  if (r.then.sla_policy_id) {
    auto p = care.policies().Get(*r.then.sla_policy_id);
    if (!p.ok() || !s.tree.IsInSubtree(r.unit_id, p->unit_id)) {
      return InvalidArgument(
          fmt::format("no SLA policy {} of this unit or its ancestors", *r.then.sla_policy_id),
          "then.sla_policy_id");
    }
  }
  return Status::Ok();
}

Result<std::vector<RuleView>> SetupService::Rules(const domain::Principal& who,
                                                 const std::string& unit) {
  std::vector<RuleView> out;
  DND_RETURN_IF_ERROR(access_.Read(who, "unit:" + unit, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(unit, Action::kViewCases, "unit"));
    DND_ASSIGN_OR_RETURN(auto rules, store::Care(s.tx).rules().ForUnit(u->id));
    for (const auto& r : rules) out.push_back(ViewOf(s.tree, r));
    return Status::Ok();
  }));
  return out;
}

Result<RuleView> SetupService::CreateRule(const domain::Principal* who, const std::string& unit,
                                          domain::RoutingRule r, std::optional<std::string> queue) {
  RuleView out;
  r.name = domain::Trim(r.name);
  DND_RETURN_IF_ERROR(access_.Write(who, "unit:" + unit, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(unit, Action::kManageCare, "unit"));
    auto& rules = store::Care(s.tx).rules();
    DND_ASSIGN_OR_RETURN(auto own, rules.ForUnit(u->id));
    if (static_cast<int64_t>(own.size()) >= kMaxRulesPerUnit) {
      return FailedPrecondition(fmt::format("a unit has at most {} routing rules", kMaxRulesPerUnit));
    }
    domain::RoutingRule x = r;
    x.unit_id = u->id;
    if (queue) {
      DND_ASSIGN_OR_RETURN(const domain::Unit* q, s.UnitFor(*queue, Action::kViewCases, "then.queue"));
      x.then.unit_id = q->id;
    }
    const int64_t wanted = r.position;
    x.position = static_cast<int64_t>(own.size()) + 1;
    x.created_at_ms = x.updated_at_ms = s.NowMs();
    DND_RETURN_IF_ERROR(CheckRule(s, x));
    DND_ASSIGN_OR_RETURN(x, rules.Create(x));
    if (wanted >= 1 && wanted < x.position) {
      DND_RETURN_IF_ERROR(rules.Move(x.id, wanted));
      DND_ASSIGN_OR_RETURN(x, rules.Get(x.id));
    }
    out = ViewOf(s.tree, x);
    return s.Audit("routing_rule.create", fmt::format("routing_rule:{}", x.id), "null", Snapshot(x));
  }));
  return out;
}

Result<RuleView> SetupService::UpdateRule(const domain::Principal& who, int64_t id,
                                          domain::RoutingRule r, std::optional<std::string> queue) {
  RuleView out;
  r.name = domain::Trim(r.name);
  DND_RETURN_IF_ERROR(access_.Write(who, fmt::format("routing_rule:{}", id), [&](Scope& s) -> Status {
    auto& rules = store::Care(s.tx).rules();
    auto old = rules.Get(id);
    if (old.status().code() == Code::kNotFound) return NoRule(id);
    DND_RETURN_IF_ERROR(old.status());
    DND_RETURN_IF_ERROR(s.AllowOrHide(Action::kManageCare, Action::kViewCases, old->unit_id, NoRule(id)));
    domain::RoutingRule x = r;
    x.id = id;
    x.unit_id = old->unit_id;
    x.position = old->position;
    x.created_at_ms = old->created_at_ms;
    x.updated_at_ms = s.NowMs();
    if (queue) {
      DND_ASSIGN_OR_RETURN(const domain::Unit* q, s.UnitFor(*queue, Action::kViewCases, "then.queue"));
      x.then.unit_id = q->id;
    }
    DND_RETURN_IF_ERROR(CheckRule(s, x));
    DND_ASSIGN_OR_RETURN(x, rules.Update(x));
    out = ViewOf(s.tree, x);
    return s.Audit("routing_rule.update", fmt::format("routing_rule:{}", id), Snapshot(*old),
                   Snapshot(x));
  }));
  return out;
}

Result<RuleView> SetupService::MoveRule(const domain::Principal& who, int64_t id, int64_t position) {
  if (position < 1) return InvalidArgument("positions start at 1", "position");
  RuleView out;
  DND_RETURN_IF_ERROR(access_.Write(who, fmt::format("routing_rule:{}", id), [&](Scope& s) -> Status {
    auto& rules = store::Care(s.tx).rules();
    auto old = rules.Get(id);
    if (old.status().code() == Code::kNotFound) return NoRule(id);
    DND_RETURN_IF_ERROR(old.status());
    DND_RETURN_IF_ERROR(s.AllowOrHide(Action::kManageCare, Action::kViewCases, old->unit_id, NoRule(id)));
    DND_RETURN_IF_ERROR(rules.Move(id, position));
    DND_ASSIGN_OR_RETURN(auto x, rules.Get(id));
    out = ViewOf(s.tree, x);
    return s.Audit("routing_rule.move", fmt::format("routing_rule:{}", id), Snapshot(*old), Snapshot(x));
  }));
  return out;
}

Status SetupService::DeleteRule(const domain::Principal& who, int64_t id) {
  return access_.Write(who, fmt::format("routing_rule:{}", id), [&](Scope& s) -> Status {
    auto& rules = store::Care(s.tx).rules();
    auto old = rules.Get(id);
    if (old.status().code() == Code::kNotFound) return NoRule(id);
    DND_RETURN_IF_ERROR(old.status());
    DND_RETURN_IF_ERROR(s.AllowOrHide(Action::kManageCare, Action::kViewCases, old->unit_id, NoRule(id)));
    DND_RETURN_IF_ERROR(rules.Delete(id));
    return s.Audit("routing_rule.delete", fmt::format("routing_rule:{}", id), Snapshot(*old), "null");
  });
}

Result<ExplainView> SetupService::Explain(const domain::Principal& who, const ExplainInput& in) {
  ExplainView out;
  engine::ProcessedMention pm;
  DND_RETURN_IF_ERROR(access_.Read(who, "routing:explain", [&](Scope& s) -> Status {
    if (in.mention_id) {
      DND_ASSIGN_OR_RETURN(auto found, store::Listening(s.tx).mentions().ByIds({*in.mention_id}));
      if (found.empty()) {
        return NotFound(fmt::format("no mention with id {}", *in.mention_id), "mention_id");
      }
      const auto& m = found[0];
      engine::Mention mention;
      mention.network = text::ParseNetwork(m.network).value_or(text::Network::kOther);
      mention.text = m.text;
      mention.author.handle = m.author_handle;
      mention.author.followers = m.author_followers;
      pm = engine::Processor::Enriched(std::move(mention));
      DND_ASSIGN_OR_RETURN(pm.topics, store::Listening(s.tx).mentions().TopicsOf(m.id));
    } else {
      if (in.text.empty() || in.text.size() > 64 * 1024) {
        return InvalidArgument("a text of 1 byte to 64 KiB, or a mention_id", "text");
      }
      auto network = text::ParseNetwork(in.network);
      if (!network) return InvalidArgument(fmt::format("unknown network '{}'", in.network), "network");
      engine::Mention mention;
      mention.network = *network;
      mention.text = in.text;
      mention.author.handle = in.author;
      mention.author.followers = in.followers;
      mention.mentioned = in.mentioned;
      engine::Processor processor;
      pm = processor.ProcessMention(std::move(mention), *topics_.Current());
    }
    // Only what the caller may see: the verdicts of rules outside their view
    // would leak them.
    DND_ASSIGN_OR_RETURN(auto snap, router_.Current(s.tx, std::nullopt));
    routing::Scratch scratch;
    RouteDecision d = CaseRouter::Decide(*snap, pm, scratch, true);
    if (d.for_unit != 0 && !s.May(Action::kViewCases, d.for_unit)) {
      return NotFound("this mention is for a unit outside your view", "text");
    }
    if (d.for_unit != 0) out.for_unit = SlugOf(s.tree, d.for_unit);
    for (const auto& v : d.verdicts) {
      auto r = snap->rule_by_id.find(v.rule_id);
      out.verdicts.push_back({.rule_id = v.rule_id,
                              .rule_name = r == snap->rule_by_id.end() ? "" : r->second.name,
                              .unit_slug = SlugOf(s.tree, v.unit_id),
                              .took = v.took,
                              .reason = v.reason});
    }
    out.makes_case = d.makes_case;
    if (d.makes_case) out.queue = SlugOf(s.tree, d.queue_unit);
    out.priority = d.priority;
    out.sla_policy_id = d.sla_policy_id;
    out.tags = d.tags;
    out.why = d.why;
    return Status::Ok();
  }));
  out.language = pm.language;
  out.sentiment = pm.sentiment;
  out.intents = pm.intents;
  out.topics = pm.topics;
  return out;
}

// --- policies

Status SetupService::CheckPolicy(Scope& s, const domain::SlaPolicy& p) {
  if (p.name.empty() || p.name.size() > 100) {
    return InvalidArgument("a policy's name is 1 to 100 bytes", "name");
  }
  for (const auto& [v, field] : {std::pair{p.first_response_minutes, "first_response_minutes"},
                                 std::pair{p.next_response_minutes, "next_response_minutes"},
                                 std::pair{p.resolution_minutes, "resolution_minutes"}}) {
    if (v < 1 || v > kMaxTargetMinutes) {
      return InvalidArgument("a target is 1 minute to 365 days of business time", field);
    }
  }
  if (p.first_response_minutes > p.resolution_minutes) {
    return InvalidArgument("the first response cannot be due after the resolution",
                           "first_response_minutes");
  }
  const auto& esc = p.on_breach;
  if (esc.then_policy_id && !esc.move_to_unit_id) {
    return InvalidArgument("a policy to run under after a move needs the move",
                           "on_breach.then_policy_id");
  }
  if (esc.move_to_unit_id) {
    if (s.tree.Find(*esc.move_to_unit_id) == nullptr || *esc.move_to_unit_id == p.unit_id ||
        (s.who != nullptr && !domain::CanSeeUnit(*s.who, s.tree, *esc.move_to_unit_id))) {
      return InvalidArgument("a breach moves the case to another unit's queue",
                             "on_breach.move_to_unit_id");
    }
  }
  // The chain of then-policies must end: a loop would move a case back and
  // forth for ever, a breach each time.
  std::set<int64_t> seen;
  if (p.id != 0) seen.insert(p.id);
  std::string path = p.name;
  std::optional<int64_t> next = esc.then_policy_id;
  auto& policies = store::Care(s.tx).policies();
  while (next) {
    if (seen.count(*next)) {
      return InvalidArgument(fmt::format("escalation loop: {} → back to an earlier policy", path),
                             "on_breach.then_policy_id");
    }
    seen.insert(*next);
    auto q = policies.Get(*next);
    if (!q.ok()) {
      return InvalidArgument(fmt::format("no SLA policy {}", *next), "on_breach.then_policy_id");
    }
    if (esc.move_to_unit_id && next == esc.then_policy_id && q->unit_id != *esc.move_to_unit_id &&
        !s.tree.IsInSubtree(*esc.move_to_unit_id, q->unit_id)) {
      return InvalidArgument("the policy after a move is the new queue's (or its ancestors')",
                             "on_breach.then_policy_id");
    }
    path += " → " + q->name;
    next = q->on_breach.then_policy_id;
  }
  return Status::Ok();
}

Result<std::vector<PolicyView>> SetupService::Policies(const domain::Principal& who,
                                                      const std::string& unit) {
  std::vector<PolicyView> out;
  DND_RETURN_IF_ERROR(access_.Read(who, "unit:" + unit, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(unit, Action::kViewCases, "unit"));
    DND_ASSIGN_OR_RETURN(auto all, store::Care(s.tx).policies().List());
    for (const auto& p : all) {
      if (p.unit_id == u->id) out.push_back(PolicyViewOf(s.tree, p));
    }
    return Status::Ok();
  }));
  return out;
}

Result<PolicyView> SetupService::CreatePolicy(const domain::Principal* who, const std::string& unit,
                                              domain::SlaPolicy p, std::optional<std::string> move_to) {
  PolicyView out;
  p.name = domain::Trim(p.name);
  DND_RETURN_IF_ERROR(access_.Write(who, "unit:" + unit, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(unit, Action::kManageCare, "unit"));
    domain::SlaPolicy x = p;
    x.id = 0;
    x.unit_id = u->id;
    x.created_at_ms = x.updated_at_ms = s.NowMs();
    if (move_to) {
      DND_ASSIGN_OR_RETURN(const domain::Unit* m, s.UnitFor(*move_to, Action::kViewCases, "on_breach.move_to"));
      x.on_breach.move_to_unit_id = m->id;
    }
    DND_RETURN_IF_ERROR(CheckPolicy(s, x));
    DND_ASSIGN_OR_RETURN(x, store::Care(s.tx).policies().Create(x));
    DND_RETURN_IF_ERROR(store::Care(s.tx).rules().Bump());
    out = PolicyViewOf(s.tree, x);
    return s.Audit("sla_policy.create", fmt::format("sla_policy:{}", x.id), "null", Snapshot(x));
  }));
  return out;
}

Result<PolicyView> SetupService::UpdatePolicy(const domain::Principal& who, int64_t id,
                                              domain::SlaPolicy p, std::optional<std::string> move_to) {
  PolicyView out;
  p.name = domain::Trim(p.name);
  DND_RETURN_IF_ERROR(access_.Write(who, fmt::format("sla_policy:{}", id), [&](Scope& s) -> Status {
    auto& policies = store::Care(s.tx).policies();
    auto old = policies.Get(id);
    if (old.status().code() == Code::kNotFound) return NoPolicy(id);
    DND_RETURN_IF_ERROR(old.status());
    DND_RETURN_IF_ERROR(s.AllowOrHide(Action::kManageCare, Action::kViewCases, old->unit_id, NoPolicy(id)));
    domain::SlaPolicy x = p;
    x.id = id;
    x.unit_id = old->unit_id;
    x.created_at_ms = old->created_at_ms;
    x.updated_at_ms = s.NowMs();
    if (move_to) {
      DND_ASSIGN_OR_RETURN(const domain::Unit* m, s.UnitFor(*move_to, Action::kViewCases, "on_breach.move_to"));
      x.on_breach.move_to_unit_id = m->id;
    }
    DND_RETURN_IF_ERROR(CheckPolicy(s, x));
    DND_ASSIGN_OR_RETURN(x, policies.Update(x));
    DND_RETURN_IF_ERROR(store::Care(s.tx).rules().Bump());
    out = PolicyViewOf(s.tree, x);
    return s.Audit("sla_policy.update", fmt::format("sla_policy:{}", id), Snapshot(*old), Snapshot(x));
  }));
  return out;
}

Status SetupService::DeletePolicy(const domain::Principal& who, int64_t id) {
  return access_.Write(who, fmt::format("sla_policy:{}", id), [&](Scope& s) -> Status {
    auto& policies = store::Care(s.tx).policies();
    auto old = policies.Get(id);
    if (old.status().code() == Code::kNotFound) return NoPolicy(id);
    DND_RETURN_IF_ERROR(old.status());
    DND_RETURN_IF_ERROR(s.AllowOrHide(Action::kManageCare, Action::kViewCases, old->unit_id, NoPolicy(id)));
    DND_RETURN_IF_ERROR(policies.Delete(id));
    DND_RETURN_IF_ERROR(store::Care(s.tx).rules().Bump());
    return s.Audit("sla_policy.delete", fmt::format("sla_policy:{}", id), Snapshot(*old), "null");
  });
}

// --- queue

Result<QueueView> SetupService::Queue(const domain::Principal& who, const std::string& unit) {
  QueueView out;
  DND_RETURN_IF_ERROR(access_.Read(who, "unit:" + unit, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(unit, Action::kViewCases, "unit"));
    out.unit_slug = u->slug;
    for (int64_t at : s.tree.PathToRoot(u->id)) {
      DND_ASSIGN_OR_RETURN(auto own, store::Care(s.tx).queues().Get(at));
      if (own) {
        out.settings = *own;
        if (at != u->id) out.inherited_from = SlugOf(s.tree, at);
        return Status::Ok();
      }
    }
    out.inherited_from = "";  // nobody's: the defaults
    return Status::Ok();
  }));
  return out;
}

Result<QueueView> SetupService::PutQueue(const domain::Principal* who, const std::string& unit,
                                         const domain::QueueSettings& q) {
  DND_RETURN_IF_ERROR(domain::BusinessCalendar::Make(q.hours).status());
  if (q.join_window_minutes < 0 || q.join_window_minutes > 60LL * 24 * 30) {
    return InvalidArgument("the join window is 0 to 30 days", "join_window_minutes");
  }
  DND_RETURN_IF_ERROR(access_.Write(who, "unit:" + unit, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(unit, Action::kManageCare, "unit"));
    DND_RETURN_IF_ERROR(store::Care(s.tx).queues().Put(u->id, q, s.NowMs()));
    DND_RETURN_IF_ERROR(store::Care(s.tx).rules().Bump());
    return s.Audit("queue.update", "unit:" + unit, "",
                   nlohmann::json({{"time_zone", q.hours.time_zone},
                                   {"week", domain::FormatWeek(q.hours.week)},
                                   {"assignment", domain::AssignmentName(q.assignment)}})
                       .dump());
  }));
  QueueView out;
  out.unit_slug = unit;
  out.settings = q;
  return out;
}

// --- agents

Result<std::vector<domain::Agent>> SetupService::Agents(const domain::Principal& who,
                                                       const std::string& unit) {
  std::vector<domain::Agent> out;
  DND_RETURN_IF_ERROR(access_.Read(who, "unit:" + unit, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(unit, Action::kViewCases, "unit"));
    DND_ASSIGN_OR_RETURN(out, store::Care(s.tx).agents().ForUnit(u->id));
    return Status::Ok();
  }));
  return out;
}

Result<domain::Agent> SetupService::PutAgent(const domain::Principal* who, const std::string& unit,
                                             domain::Agent a) {
  if (a.capacity < 0 || a.capacity > 1000) return InvalidArgument("capacity is 0 to 1,000", "capacity");
  for (size_t i = 0; i < a.languages.size(); ++i) {
    const auto& l = a.languages[i];
    if (l.size() < 2 || l.size() > 3 ||
        !std::all_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      return InvalidArgument(fmt::format("'{}' is not an ISO 639 language code", l),
                             fmt::format("languages[{}]", i));
    }
  }
  domain::Agent out;
  DND_RETURN_IF_ERROR(access_.Write(who, "unit:" + unit, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(unit, Action::kManageCare, "unit"));
    domain::Principal p;
    auto user = store::Org(s.tx).users().Get(a.user_id);
    if (!user.ok()) return InvalidArgument(fmt::format("no user {}", a.user_id), "user_id");
    p.user = *user;
    DND_ASSIGN_OR_RETURN(p.memberships, store::Org(s.tx).memberships().ForUser(a.user_id));
    if (!domain::Authorize(p, s.tree, Action::kWorkCases, u->id).ok()) {
      return InvalidArgument(
          fmt::format("{} holds no role that may work {}'s cases (admin, manager or agent)",
                      p.user.email, u->name),
          "user_id");
    }
    a.unit_id = u->id;
    DND_RETURN_IF_ERROR(store::Care(s.tx).agents().Put(a));
    DND_ASSIGN_OR_RETURN(auto saved, store::Care(s.tx).agents().Get(a.user_id, u->id));
    if (!saved.has_value()) return Internal("the agent just saved is not there");
    out = std::move(saved).value();
    return s.Audit("agent.put", fmt::format("unit:{}/agent:{}", unit, a.user_id), "",
                   nlohmann::json({{"available", a.available}, {"capacity", a.capacity}}).dump());
  }));
  return out;
}

Status SetupService::RemoveAgent(const domain::Principal& who, const std::string& unit,
                                 int64_t user_id) {
  return access_.Write(who, "unit:" + unit, [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(unit, Action::kManageCare, "unit"));
    DND_ASSIGN_OR_RETURN(auto a, store::Care(s.tx).agents().Get(user_id, u->id));
    if (!a) return NotFound(fmt::format("user {} is no agent of this unit", user_id));
    DND_RETURN_IF_ERROR(store::Care(s.tx).agents().Remove(user_id, u->id));
    return s.Audit("agent.remove", fmt::format("unit:{}/agent:{}", unit, user_id), "", "null");
  });
}

}  // namespace dandelion::service
