#include "service/demo/demo_care.h"

#include <fmt/format.h>

#include <map>

#include "store/care/care_repos.h"
#include "store/org/org_repos.h"

namespace dandelion::service {
namespace {

using domain::CasePriority;

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;

std::array<std::vector<domain::OpenInterval>, 7> Week(int from_hour, int to_hour, int days,
                                                      int saturday_from = -1, int saturday_to = -1) {
  std::array<std::vector<domain::OpenInterval>, 7> w;
  for (int d = 0; d < days; ++d) {
    w[d] = {{.start_minute = from_hour * 60, .end_minute = to_hour * 60}};
  }
  if (saturday_from >= 0) {
    w[5] = {{.start_minute = saturday_from * 60, .end_minute = saturday_to * 60}};
  }
  return w;
}

Result<int64_t> UserId(store::Store& store, const std::string& email) {
  int64_t id = 0;
  DND_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    DND_ASSIGN_OR_RETURN(auto u, store::Org(tx).users().GetByEmail(email));
    id = u.first.id;
    return Status::Ok();
  }));
  return id;
}

Result<domain::Principal> PrincipalOf(store::Store& store, int64_t user_id) {
  domain::Principal p;
  DND_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    DND_ASSIGN_OR_RETURN(p.user, store::Org(tx).users().Get(user_id));
    DND_ASSIGN_OR_RETURN(p.memberships, store::Org(tx).memberships().ForUser(user_id));
    return Status::Ok();
  }));
  return p;
}

domain::RoutingRule Rule(std::string name, CasePriority priority, std::optional<int64_t> policy,
                         std::vector<std::string> tags) {
  domain::RoutingRule r;
  r.name = std::move(name);
  r.then.priority = priority;
  r.then.sla_policy_id = policy;
  r.then.tags = std::move(tags);
  return r;
}

const char* ReplyFor(const domain::Case& c) {
  for (const auto& t : c.tags) {
    if (t == "outage") return "We're sorry: there is an outage in your area and our engineers are on it. We'll update you here.";
    if (t == "lead") return "Thanks for your interest! Here is where to find today's offers: acme.example/offers";
    if (t == "question") return "Good question! Yes, it does. Our help page has the details: acme.example/help";
  }
  return "We're sorry to hear that. Could you send us a direct message with your order number?";
}

}  // namespace

Status SeedDemoCare(store::Store& store, CareServices& care) {
  int64_t existing = 0;
  DND_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    DND_ASSIGN_OR_RETURN(auto rules, store::Care(tx).rules().List());
    existing = static_cast<int64_t>(rules.size());
    return Status::Ok();
  }));
  if (existing > 0) return FailedPrecondition("the demo's inbox is already set up");
  auto& setup = care.setup;
  // The channels: the brand's accounts at the hub, the help desk's at support.
  for (const char* network : {"x", "mastodon", "bluesky"}) {
    domain::Channel help;
    help.network = network;
    help.handle = "acmehelp";
    help.name = "Acme Help";
    DND_RETURN_IF_ERROR(setup.AddChannel(nullptr, "support", help).status());
    domain::Channel brand = help;
    brand.handle = "acme";
    brand.name = "Acme";
    DND_RETURN_IF_ERROR(setup.AddChannel(nullptr, "hub", brand).status());
  }
  // SLA policies: support's standard and urgent ones (urgent breaches go up
  // to the hub), retail's, and the hub's for what is escalated to it.
  domain::SlaPolicy hub_policy;
  hub_policy.name = "Escalated";
  hub_policy.first_response_minutes = 30;
  hub_policy.next_response_minutes = 60;
  hub_policy.resolution_minutes = 480;
  DND_ASSIGN_OR_RETURN(auto escalated, setup.CreatePolicy(nullptr, "hub", hub_policy));
  domain::SlaPolicy standard;
  standard.name = "Standard care";
  standard.first_response_minutes = 60;
  standard.next_response_minutes = 240;
  standard.resolution_minutes = 1440;
  standard.on_breach.raise_priority = true;
  DND_ASSIGN_OR_RETURN(auto support_standard, setup.CreatePolicy(nullptr, "support", standard));
  domain::SlaPolicy urgent;
  urgent.name = "Urgent";
  urgent.first_response_minutes = 15;
  urgent.next_response_minutes = 60;
  urgent.resolution_minutes = 240;
  urgent.on_breach.then_policy_id = escalated.policy.id;
  DND_ASSIGN_OR_RETURN(auto support_urgent, setup.CreatePolicy(nullptr, "support", urgent, "hub"));
  domain::SlaPolicy retail = standard;
  retail.name = "Retail standard";
  retail.first_response_minutes = 120;
  DND_ASSIGN_OR_RETURN(auto retail_standard, setup.CreatePolicy(nullptr, "retail", retail));

  // Queues: support works long hours in New York, round robin; retail in
  // Berlin, Monday to Saturday, least loaded; the hub around the clock.
  domain::QueueSettings q;
  q.hours.time_zone = "America/New_York";
  q.hours.week = Week(8, 20, 5, 10, 16);
  q.hours.holidays = {"2026-12-25", "2027-01-01"};
  q.assignment = domain::Assignment::kRoundRobin;
  DND_RETURN_IF_ERROR(setup.PutQueue(nullptr, "support", q).status());
  q.hours.time_zone = "Europe/Berlin";
  q.hours.week = Week(9, 18, 6);
  q.hours.holidays = {"2026-12-24", "2026-12-25", "2026-12-26"};
  q.assignment = domain::Assignment::kLeastLoaded;
  DND_RETURN_IF_ERROR(setup.PutQueue(nullptr, "retail", q).status());

  // Rules: the hub ignores job posts and takes crises; each spoke its own.
  auto jobs = Rule("Job posts are for HR's listening, not the inbox", CasePriority::kLow, {}, {});
  jobs.when.intents = {"job"};
  jobs.then.ignore = true;
  DND_RETURN_IF_ERROR(setup.CreateRule(nullptr, "hub", jobs).status());
  auto crisis = Rule("Crises go to the hub at once", CasePriority::kUrgent, escalated.policy.id, {"crisis"});
  crisis.when.intents = {"crisis"};
  DND_RETURN_IF_ERROR(setup.CreateRule(nullptr, "hub", crisis).status());
  auto outages = Rule("Outages", CasePriority::kUrgent, support_urgent.policy.id, {"outage"});
  outages.when.keywords = "outage OR down OR #acmedown OR \"no internet\" OR \"without internet\"";
  outages.then.auto_reply =
      "Sorry, {name}: we know about the outage and are working on it. Updates here ({case}).";
  DND_RETURN_IF_ERROR(setup.CreateRule(nullptr, "support", outages).status());
  auto complaints = Rule("Complaints", CasePriority::kHigh, support_standard.policy.id, {"complaint"});
  complaints.when.intents = {"complaint"};
  complaints.when.sentiment_max = 0.2;
  DND_RETURN_IF_ERROR(setup.CreateRule(nullptr, "support", complaints).status());
  auto questions = Rule("Questions", CasePriority::kNormal, support_standard.policy.id, {"question"});
  questions.when.intents = {"question", "support"};
  DND_RETURN_IF_ERROR(setup.CreateRule(nullptr, "support", questions).status());
  auto store_rule = Rule("Store complaints", CasePriority::kHigh, retail_standard.policy.id, {"store"});
  store_rule.when.intents = {"complaint"};
  store_rule.when.keywords = "store OR staff OR checkout OR shop";
  DND_RETURN_IF_ERROR(setup.CreateRule(nullptr, "retail", store_rule).status());
  auto leads = Rule("Purchase leads", CasePriority::kNormal, {}, {"lead"});
  leads.when.intents = {"purchase"};
  DND_RETURN_IF_ERROR(setup.CreateRule(nullptr, "consumer", leads).status());

  // Agents.
  struct DemoAgent {
    const char* email;
    const char* unit;
    int64_t capacity;
    std::vector<std::string> languages;
  };
  const DemoAgent agents[] = {{"agent@demo.example", "support", 25, {"en", "es"}},
                              {"support.lead@demo.example", "support", 8, {}},
                              {"retail.agent@demo.example", "retail", 20, {"en", "de"}}};
  for (const auto& a : agents) {
    DND_ASSIGN_OR_RETURN(int64_t id, UserId(store, a.email));
    domain::Agent agent;
    agent.user_id = id;
    agent.capacity = a.capacity;
    agent.languages = a.languages;
    DND_RETURN_IF_ERROR(setup.PutAgent(nullptr, a.unit, agent).status());
  }
  return Status::Ok();
}

Result<int64_t> WorkDemoCases(store::Store& store, CareServices& care, const Clock& clock) {
  std::vector<domain::Case> cases;
  std::map<int64_t, std::vector<int64_t>> workers;  // unit → who may work it, agents first
  DND_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    DND_ASSIGN_OR_RETURN(auto units, store::Org(tx).units().List());
    store::CaseQuery q;
    for (const auto& u : units) q.unit_ids.push_back(u.id);
    q.by_due = false;
    q.limit = 100000;
    DND_ASSIGN_OR_RETURN(cases, store::Care(tx).cases().Find(q));
    for (const auto& u : units) {
      DND_ASSIGN_OR_RETURN(auto agents, store::Care(tx).agents().ForUnit(u.id));
      for (const auto& a : agents) workers[u.id].push_back(a.user_id);
    }
    return Status::Ok();
  }));
  DND_ASSIGN_OR_RETURN(int64_t admin_id, UserId(store, "admin@demo.example"));
  DND_ASSIGN_OR_RETURN(domain::Principal admin, PrincipalOf(store, admin_id));
  std::map<int64_t, domain::Principal> people;
  auto worker = [&](const domain::Case& c) -> Result<domain::Principal> {
    auto it = workers.find(c.unit_id);
    if (it == workers.end() || it->second.empty()) return admin;
    int64_t id = c.assignee_id.value_or(it->second[static_cast<size_t>(c.id) % it->second.size()]);
    if (!people.count(id)) {
      DND_ASSIGN_OR_RETURN(people[id], PrincipalOf(store, id));
    }
    return people[id];
  };
  const int64_t now = clock.NowMs();
  auto& work = care.cases;
  for (const domain::Case& c : cases) {
    DND_ASSIGN_OR_RETURN(domain::Principal who, worker(c));
    switch (c.id % 8) {
      case 0: {
        // Arrived hours ago and never answered: the sweep finds it breached.
        DND_RETURN_IF_ERROR(store.Write([&](store::Tx& tx) -> Status {
          DND_ASSIGN_OR_RETURN(domain::Case x, store::Care(tx).cases().Get(c.id));
          x.opened_at_ms = x.last_inbound_at_ms = now - 5 * kHour;
          if (x.sla_policy_id) {
            x.first_response_due_ms = now - 3 * kHour - (c.id % 5) * 17 * kMinute;
            x.resolution_due_ms = now + 6 * kHour;
          }
          return store::Care(tx).cases().Update(x).status();
        }));
        break;
      }
      case 1:
      case 2:
        DND_RETURN_IF_ERROR(work.Claim(who, c.id).status());
        DND_RETURN_IF_ERROR(work.Reply(who, c.id, ReplyFor(c), false).status());
        DND_RETURN_IF_ERROR(work.SetStatus(who, c.id, domain::CaseStatus::kResolved).status());
        break;
      case 3:
        DND_RETURN_IF_ERROR(work.Claim(who, c.id).status());
        DND_RETURN_IF_ERROR(work.Reply(who, c.id, ReplyFor(c), false).status());
        DND_RETURN_IF_ERROR(work.SetStatus(who, c.id, domain::CaseStatus::kPending).status());
        break;
      case 4:
        DND_RETURN_IF_ERROR(work.Claim(who, c.id).status());
        DND_RETURN_IF_ERROR(
            work.AddNote(who, c.id, "Checking the order history before answering.").status());
        break;
      case 5:
        DND_RETURN_IF_ERROR(work.Claim(who, c.id).status());
        DND_RETURN_IF_ERROR(work.Reply(who, c.id, ReplyFor(c), false).status());
        break;
      default:
        break;  // new, waiting in the queue (or already given by round robin)
    }
  }
  DND_RETURN_IF_ERROR(work.SweepBreaches().status());
  return static_cast<int64_t>(cases.size());
}

}  // namespace dandelion::service
