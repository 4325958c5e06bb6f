#include "service/care/case_router.h"

#include <fmt/format.h>

#include <algorithm>

#include "domain/permissions.h"
#include "service/care/sla.h"
#include "service/contacts/people.h"
#include "store/care/care_repos.h"
#include "store/contacts/contact_repos.h"
#include "store/listening/listening_repos.h"
#include "store/org/org_repos.h"

namespace dandelion::service {
namespace {

using domain::Case;
using domain::CaseEvent;

constexpr size_t kSubjectBytes = 140;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string ChannelKey(std::string_view network, std::string_view handle) {
  return fmt::format("{}\t{}", network, Lower(handle));
}

// The text cut at a character boundary, with an ellipsis when cut.
std::string Cut(const std::string& text, size_t bytes) {
  if (text.size() <= bytes) return text;
  size_t at = bytes;
  while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return text.substr(0, at) + "…";
}

const domain::BusinessCalendar& AlwaysOpenCalendar() {
  static const domain::BusinessCalendar cal = *domain::BusinessCalendar::Make(domain::AlwaysOpen());
  return cal;
}

// The acknowledgement with its placeholders filled.
std::string Render(std::string text, const domain::StoredMention& m, int64_t case_id) {
  auto replace = [&text](std::string_view key, const std::string& value) {
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  };
  replace("{handle}", "@" + m.author_handle);
  replace("{name}", m.author_name.empty() ? "@" + m.author_handle : m.author_name);
  replace("{case}", fmt::format("#{}", case_id));
  return text;
}

// The agent of `unit` a new case goes to under `mode`, if any: available,
// under capacity, speaking the case's language, and holding the right to
// work the unit's cases.
Result<std::optional<domain::Agent>> PickAgent(store::Tx& tx, const domain::UnitTree& tree,
                                               int64_t unit, domain::Assignment mode,
                                               const std::string& language) {
  if (mode == domain::Assignment::kManual) return std::optional<domain::Agent>();
  DND_ASSIGN_OR_RETURN(auto agents, store::Care(tx).agents().ForUnit(unit));
  std::optional<domain::Agent> best;
  for (const auto& a : agents) {
    if (!a.available || a.open_cases >= a.capacity) continue;
    if (!a.languages.empty() &&
        std::find(a.languages.begin(), a.languages.end(), language) == a.languages.end()) {
      continue;
    }
    domain::Principal who;
    who.user.id = a.user_id;
    DND_ASSIGN_OR_RETURN(who.memberships, store::Org(tx).memberships().ForUser(a.user_id));
    if (!domain::Authorize(who, tree, domain::Action::kWorkCases, unit).ok()) continue;
    auto better = [&](const domain::Agent& x, const domain::Agent& y) {
      if (mode == domain::Assignment::kLeastLoaded && x.open_cases != y.open_cases) {
        return x.open_cases < y.open_cases;
      }
      if (x.last_assigned_at_ms != y.last_assigned_at_ms) {
        return x.last_assigned_at_ms < y.last_assigned_at_ms;
      }
      return x.user_id < y.user_id;
    };
    if (!best || better(a, *best)) best = a;
  }
  return best;
}

}  // namespace

bool IsCareIntent(std::string_view intent) {
  return intent == "complaint" || intent == "support" || intent == "question" ||
         intent == "purchase" || intent == "crisis";
}

const domain::BusinessCalendar& CareSnapshot::CalendarOf(int64_t unit_id) const {
  auto it = calendars.find(unit_id);
  return it == calendars.end() ? AlwaysOpenCalendar() : it->second;
}

const domain::QueueSettings& CareSnapshot::QueueOf(int64_t unit_id) const {
  static const domain::QueueSettings kDefault;
  auto it = queues.find(unit_id);
  return it == queues.end() ? kDefault : it->second;
}

const domain::SlaPolicy* CareSnapshot::PolicyOf(std::optional<int64_t> id) const {
  if (!id) return nullptr;
  auto it = policies.find(*id);
  return it == policies.end() ? nullptr : &it->second;
}

Result<std::shared_ptr<const CareSnapshot>> LoadCareSnapshot(store::Tx& tx) {
  auto snap = std::make_shared<CareSnapshot>();
  auto& care = store::Care(tx);
  DND_ASSIGN_OR_RETURN(snap->care_version, care.rules().Version());
  DND_ASSIGN_OR_RETURN(snap->topics_version, store::Listening(tx).topics().Version());
  DND_ASSIGN_OR_RETURN(auto units, store::Org(tx).units().List());
  domain::UnitTree tree(units);
  for (const auto& u : units) {
    snap->parent_of[u.id] = u.parent_id.value_or(0);
    snap->depth[u.id] = tree.Depth(u.id);
    snap->unit_names[u.id] = u.name;
  }
  DND_ASSIGN_OR_RETURN(auto topics, store::Listening(tx).topics().List());
  for (const auto& t : topics) snap->topic_unit[t.id] = t.unit_id;
  DND_ASSIGN_OR_RETURN(auto channels, care.channels().List());
  for (const auto& c : channels) snap->channels.emplace(ChannelKey(c.network, c.handle), c);
  DND_ASSIGN_OR_RETURN(auto policies, care.policies().List());
  for (const auto& p : policies) snap->policies.emplace(p.id, p);
  DND_ASSIGN_OR_RETURN(auto own, care.queues().List());
  std::unordered_map<int64_t, domain::QueueSettings> own_by_unit(own.begin(), own.end());
  for (const domain::Unit* u : tree.DepthFirst()) {  // parents first: they are inherited
    domain::QueueSettings q;
    if (auto it = own_by_unit.find(u->id); it != own_by_unit.end()) {
      q = it->second;
    } else if (u->parent_id && snap->queues.count(*u->parent_id)) {
      q = snap->queues.at(*u->parent_id);
    }
    auto cal = domain::BusinessCalendar::Make(q.hours);
    snap->calendars.emplace(u->id, cal.ok() ? *cal : AlwaysOpenCalendar());
    snap->queues.emplace(u->id, std::move(q));
  }
  DND_ASSIGN_OR_RETURN(auto rules, care.rules().List());
  for (const auto& r : rules) snap->rule_by_id.emplace(r.id, r);
  snap->rules = routing::RuleSet::Compile(std::move(rules), snap->parent_of, nullptr);
  return std::shared_ptr<const CareSnapshot>(std::move(snap));
}

Result<std::shared_ptr<const CareSnapshot>> CaseRouter::Current(
    store::Tx& tx, std::optional<int64_t> topics_version) {
  DND_ASSIGN_OR_RETURN(int64_t care_version, store::Care(tx).rules().Version());
  if (!topics_version) {
    DND_ASSIGN_OR_RETURN(int64_t v, store::Listening(tx).topics().Version());
    topics_version = v;
  }
  {
    std::lock_guard lock(mu_);
    if (snap_ && snap_->care_version == care_version && snap_->topics_version == *topics_version) {
      return snap_;
    }
  }
  DND_ASSIGN_OR_RETURN(auto fresh, LoadCareSnapshot(tx));
  std::lock_guard lock(mu_);
  snap_ = fresh;
  return fresh;
}

RouteDecision CaseRouter::Decide(const CareSnapshot& snap, const engine::ProcessedMention& m,
                                 routing::Scratch& scratch, bool explain,
                                 const domain::Person* contact) {
  RouteDecision d;
  const std::string_view network = text::NetworkName(m.mention.network);
  routing::MentionFacts facts;
  facts.post = engine::FactsOf(m);
  facts.sentiment = m.sentiment;
  if (contact != nullptr) {
    facts.contact_tier = contact->tier;
    for (const auto& t : contact->tags) facts.contact_tags.push_back(t);
  }
  const domain::Channel* addressed = nullptr;
  for (const auto& handle : m.mentioned) {
    auto it = snap.channels.find(ChannelKey(network, handle));
    if (it == snap.channels.end()) continue;
    facts.channel_ids.push_back(it->second.id);
    if (addressed == nullptr || it->second.id < addressed->id) addressed = &it->second;
  }
  std::sort(facts.channel_ids.begin(), facts.channel_ids.end());
  facts.topic_ids = m.topics;
  // The unit it is for: the channel's owner, else the deepest topic's.
  if (addressed != nullptr) {
    d.for_unit = addressed->unit_id;
  } else {
    int best_depth = -1;
    for (int64_t t : m.topics) {
      auto u = snap.topic_unit.find(t);
      if (u == snap.topic_unit.end()) continue;
      auto depth = snap.depth.find(u->second);
      int dep = depth == snap.depth.end() ? 0 : depth->second;
      if (dep > best_depth) best_depth = dep, d.for_unit = u->second;
    }
  }
  if (d.for_unit == 0) {
    d.why = "it addresses no channel and matched no topic";
    return d;
  }
  auto unit_name = [&snap](int64_t id) {
    auto it = snap.unit_names.find(id);
    return it == snap.unit_names.end() ? fmt::format("unit {}", id) : it->second;
  };
  if (explain) {
    d.verdicts = snap.rules->Explain(d.for_unit, facts, scratch);
    if (!d.verdicts.empty() && d.verdicts.back().took) {
      d.rule = &snap.rule_by_id.at(d.verdicts.back().rule_id);
    }
  } else {
    d.rule = snap.rules->Route(d.for_unit, facts, scratch);
  }
  if (d.rule != nullptr) {
    const auto& then = d.rule->then;
    d.makes_case = !then.ignore;
    d.queue_unit = then.unit_id.value_or(d.rule->unit_id);
    d.priority = then.priority;
    d.sla_policy_id = then.sla_policy_id;
    d.tags = then.tags;
    d.auto_reply = then.auto_reply;
    d.why = fmt::format("rule '{}' of {}{}", d.rule->name, unit_name(d.rule->unit_id),
                        then.ignore ? " ignores it" : "");
    return d;
  }
  const bool care_intent = std::any_of(m.intents.begin(), m.intents.end(),
                                       [](const std::string& i) { return IsCareIntent(i); });
  d.queue_unit = d.for_unit;
  if (addressed != nullptr) {
    d.makes_case = true;
    d.why = fmt::format("no rule took it; it addresses @{}, {}'s channel", addressed->handle,
                        unit_name(addressed->unit_id));
  } else if (care_intent) {
    d.makes_case = true;
    d.why = fmt::format("no rule took it; its intent ({}) asks for an answer from {}",
                        m.intents.front(), unit_name(d.for_unit));
  } else {
    d.why = fmt::format("no rule took it, and it neither addresses a channel nor asks for an answer");
  }
  return d;
}

Status CaseRouter::FileBatch(store::Tx& tx, const engine::ProcessedBatch& batch,
                             const std::vector<domain::StoredMention>& stored,
                             const std::vector<std::optional<int64_t>>& ids) {
  bool any = std::any_of(ids.begin(), ids.end(), [](const auto& id) { return id.has_value(); });
  if (!any) return Status::Ok();
  std::optional<int64_t> tv;
  if (batch.topics_version >= 0) tv = batch.topics_version;
  DND_ASSIGN_OR_RETURN(auto snap, Current(tx, tv));
  if (snap->rules == nullptr) return Status::Ok();
  auto& cases = store::Care(tx).cases();
  const int64_t now = clock_.NowMs();
  std::optional<domain::UnitTree> tree;  // loaded when an agent is to be picked
  const bool asks_contact = std::any_of(snap->rule_by_id.begin(), snap->rule_by_id.end(), [](const auto& r) {
    return !r.second.when.contact_tiers.empty() || !r.second.when.contact_tags.empty();
  });
  for (size_t i = 0; i < batch.mentions.size() && i < ids.size(); ++i) {
    if (!ids[i]) continue;
    const engine::ProcessedMention& pm = batch.mentions[i];
    const domain::StoredMention& m = stored[i];
    // A reply to a post of a case joins it, whatever routing would say of
    // it alone: a thread stays one conversation.
    std::optional<Case> joined;
    if (!m.reply_to.empty()) {
      DND_ASSIGN_OR_RETURN(auto of, cases.CaseOfPost(m.network, m.reply_to));
      if (of) {
        DND_ASSIGN_OR_RETURN(Case c, cases.Get(*of));
        joined = std::move(c);
      }
    }
    RouteDecision d;
    if (!joined) {
      // Rules on the contact's tier or tags need the author's person.
      std::optional<domain::Person> contact;
      if (asks_contact && m.contact_id) {
        DND_ASSIGN_OR_RETURN(auto person, store::People(tx).PersonOfIdentity(*m.contact_id));
        if (person) {
          DND_ASSIGN_OR_RETURN(auto p, store::People(tx).Get(*person));
          contact = std::move(p);
        }
      }
      d = Decide(*snap, pm, scratch_, false, contact ? &*contact : nullptr);
      if (!d.makes_case || snap->unit_names.count(d.queue_unit) == 0) continue;
    }
    // Else the author's latest case in the queue, when in the same thread
    // or within the queue's join window.
    const std::string thread = !pm.mention.conversation_id.empty() ? pm.mention.conversation_id
                               : !m.reply_to.empty()                ? m.reply_to
                                                                    : m.external_id;
    if (!joined && !m.author_handle.empty()) {
      DND_ASSIGN_OR_RETURN(auto latest, cases.LatestOfAuthor(d.queue_unit, m.network, m.author_handle));
      const int64_t window = snap->QueueOf(d.queue_unit).join_window_minutes * 60'000;
      if (latest && (latest->thread_key == thread || latest->last_inbound_at_ms >= now - window)) {
        joined = std::move(latest);
      }
    }
    if (joined) {
      Case c = std::move(*joined);
      const bool reopened = c.status == domain::CaseStatus::kResolved;
      sla::Inbound(c, snap->PolicyOf(c.sla_policy_id), snap->CalendarOf(c.unit_id), now);
      c.mention_count += 1;
      c.updated_at_ms = now;
      DND_ASSIGN_OR_RETURN(c, cases.Update(c));
      DND_RETURN_IF_ERROR(cases.AddMention(c.id, *ids[i]));
      DND_RETURN_IF_ERROR(cases
                              .AddEvent(domain::NewEvent(c.id, now, "mention", reopened ? "a new mention re-opened the case"
                                                            : "a new mention joined the case", ids[i]))
                              .status());
      continue;
    }
    Case c;
    c.unit_id = d.queue_unit;
    c.priority = d.priority;
    c.contact_id = m.contact_id;
    // The author becomes (or already is) a contact the queue's unit sees.
    DND_RETURN_IF_ERROR(PersonFor(tx, m, c.unit_id, now).status());
    c.network = m.network;
    c.author_handle = m.author_handle;
    c.thread_key = thread;
    c.subject = Cut(m.text, kSubjectBytes);
    c.language = m.language;
    c.tags = d.tags;
    if (d.rule != nullptr) c.rule_id = d.rule->id;
    if (snap->PolicyOf(d.sla_policy_id) != nullptr) c.sla_policy_id = d.sla_policy_id;
    c.mention_count = 1;
    c.opened_at_ms = c.last_inbound_at_ms = c.updated_at_ms = now;
    sla::Open(c, snap->PolicyOf(c.sla_policy_id), snap->CalendarOf(c.unit_id), now);
    const domain::QueueSettings& queue = snap->QueueOf(c.unit_id);
    std::optional<domain::Agent> agent;
    if (queue.assignment != domain::Assignment::kManual) {
      if (!tree) {
        DND_ASSIGN_OR_RETURN(auto units, store::Org(tx).units().List());
        tree.emplace(std::move(units));
      }
      DND_ASSIGN_OR_RETURN(agent, PickAgent(tx, *tree, c.unit_id, queue.assignment, c.language));
    }
    if (agent) {
      c.assignee_id = agent->user_id;
      c.status = domain::CaseStatus::kOpen;
    }
    DND_ASSIGN_OR_RETURN(c, cases.Create(c));
    DND_RETURN_IF_ERROR(cases.AddMention(c.id, *ids[i]));
    DND_RETURN_IF_ERROR(cases
                            .AddEvent(domain::NewEvent(c.id, now, "created", "routed: " + d.why, ids[i]))
                            .status());
    if (agent) {
      DND_RETURN_IF_ERROR(store::Care(tx).agents().Assigned(agent->user_id, c.unit_id, now));
      DND_RETURN_IF_ERROR(
          cases
              .AddEvent(domain::NewEvent(c.id, now, "assigned",
                                         fmt::format("assigned to {} ({})", agent->email,
                                                     domain::AssignmentName(queue.assignment))))
              .status());
    }
    if (!d.auto_reply.empty()) {
      DND_RETURN_IF_ERROR(
          cases
              .AddEvent(domain::NewEvent(c.id, now, "auto_reply", fmt::format("acknowledged (recorded; no connector sends to {} "
                                               "yet): {}",
                                               m.network, Render(d.auto_reply, m, c.id))))
              .status());
    }
  }
  return Status::Ok();
}

}  // namespace dandelion::service
