// The inbox end to end over SQLite and a real PostgreSQL: posts ingested
// become cases in the right queue in the batch's own transaction, with SLA
// clocks in the queue's business hours; agents claim (one wins), reply
// (checked for length and personal data), pause, resolve; a new mention
// re-opens; the sweep marks breaches and escalates; the dry run says why;
// an escalation loop is refused.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "service/care/sla.h"
#include "store/care/care_repos.h"
#include "store/org/org_repos.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

using domain::CaseStatus;

constexpr int64_t kMinute = 60'000;

class CareTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto store = GetParam() == "sqlite" ? MemoryStore() : PostgresStore();
    if (!store) GTEST_SKIP() << "DANDELION_TEST_PG is not set; scripts/test sets it";
    app_ = std::make_unique<TestApp>(std::move(store));
    // 2026-01-05 is a Monday; 13:30 UTC is 08:30 in New York, before opening.
    app_->clock.Advance(*ParseTimestamp("2026-01-05T13:30:00Z") - app_->clock.NowMs());
    auto admin_user = app_->AddUser("admin@acme.example", "hub", "admin");
    admin_ = PrincipalOf(admin_user, domain::Role::kAdmin, "hub");
    ASSERT_TRUE(app_->org.CreateUnit(admin_, "support", "Customer Support", "hub").ok());
    ASSERT_TRUE(app_->org.CreateUnit(admin_, "retail", "Retail", "hub").ok());
    ada_ = PrincipalOf(app_->AddUser("ada@acme.example", "support", "agent"), domain::Role::kAgent, "support");
    bo_ = PrincipalOf(app_->AddUser("bo@acme.example", "support", "agent"), domain::Role::kAgent, "support");
    cy_ = PrincipalOf(app_->AddUser("cy@acme.example", "retail", "agent"), domain::Role::kAgent, "retail");

    auto& setup = app_->care.setup;
    domain::Channel ch;
    ch.network = "x";
    ch.handle = "@Acme_Help";
    ch.name = "Acme Help";
    ASSERT_TRUE(setup.AddChannel(&admin_, "support", ch).ok());
    domain::SlaPolicy p;
    p.name = "Standard";
    p.first_response_minutes = 60;
    p.next_response_minutes = 120;
    p.resolution_minutes = 480;
    p.on_breach.raise_priority = true;
    auto policy = setup.CreatePolicy(&admin_, "support", p);
    ASSERT_TRUE(policy.ok()) << policy.status().ToString();
    policy_id_ = policy->policy.id;
    domain::QueueSettings q;
    q.hours.time_zone = "America/New_York";
    for (int d = 0; d < 5; ++d) q.hours.week[d] = {{.start_minute = 9 * 60, .end_minute = 17 * 60}};
    q.join_window_minutes = 24 * 60;
    auto queue = setup.PutQueue(&admin_, "support", q);
    ASSERT_TRUE(queue.ok()) << queue.status().ToString();
    domain::RoutingRule r;
    r.name = "Complaints";
    r.when.intents = {"complaint"};
    r.then.priority = domain::CasePriority::kHigh;
    r.then.sla_policy_id = policy_id_;
    r.then.tags = {"complaint"};
    r.then.auto_reply = "Sorry to hear that, {handle}: we are on it ({case}).";
    auto rule = setup.CreateRule(&admin_, "support", r);
    ASSERT_TRUE(rule.ok()) << rule.status().ToString();
    rule_id_ = rule->rule.id;
  }

  domain::Principal PrincipalOf(const domain::User& u, domain::Role role, const std::string& slug) {
    domain::Principal p;
    p.user = u;
    int64_t unit = 0;
    EXPECT_TRUE(app_->store
                    ->Read([&](store::Tx& tx) -> Status {
                      DND_ASSIGN_OR_RETURN(auto units, store::Org(tx).units().List());
                      for (const auto& x : units) {
                        if (x.slug == slug) unit = x.id;
                      }
                      return Status::Ok();
                    })
                    .ok());
    p.memberships.push_back({.id = 0, .user_id = u.id, .unit_id = unit, .role = role});
    return p;
  }

  // Ingests one native post; `extra` is more JSON fields.
  void Post(const std::string& id, const std::string& author, const std::string& text,
            const std::string& extra = "") {
    std::string line = fmt::format(
        R"({{"network":"x","id":"{}","text":"{}","created_at":{},"author":{{"id":"{}","handle":"{}","name":"{}"}}{}}})",
        id, text, app_->clock.NowMs() - 60'000, author, author, author, extra);
    std::vector<std::string_view> lines = {line};
    auto report = app_->listening.ingest.IngestLines(lines);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ASSERT_EQ(report->accepted, 1) << line;
  }

  service::CasePage Queue(const std::string& unit = "support") {
    service::CaseFilter f;
    f.unit = unit;
    auto page = app_->care.cases.List(admin_, f);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? *page : service::CasePage{};
  }

  const service::ClockView& ClockOf(const service::CaseView& v, domain::SlaClock c) {
    for (const auto& x : v.clocks) {
      if (x.clock == c) return x;
    }
    ADD_FAILURE() << "no clock " << domain::SlaClockName(c);
    return v.clocks.at(0);
  }

  std::unique_ptr<TestApp> app_;
  domain::Principal admin_, ada_, bo_, cy_;
  int64_t policy_id_ = 0;
  int64_t rule_id_ = 0;
};

TEST_P(CareTest, AComplaintToTheChannelBecomesACaseWithClocksInBusinessHours) {
  Post("1001", "kim", "@acme_help my order arrived broken, this is terrible and I am angry");
  auto page = Queue();
  ASSERT_EQ(page.total, 1);
  const auto& v = page.items.at(0);
  EXPECT_EQ(v.unit_slug, "support");
  EXPECT_EQ(v.c.status, CaseStatus::kNew);
  EXPECT_EQ(v.c.priority, domain::CasePriority::kHigh);
  EXPECT_EQ(v.c.tags, std::vector<std::string>{"complaint"});
  EXPECT_EQ(v.c.rule_id, rule_id_);
  EXPECT_EQ(v.sla_policy_name, "Standard");
  // Ingested at 08:30 New York time: the clock starts at 09:00, so the first
  // answer is due at 10:00 (15:00 UTC) and the resolution, 8 business hours
  // on, at 17:00 (22:00 UTC).
  EXPECT_EQ(FormatTimestamp(*v.c.first_response_due_ms), "2026-01-05T15:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(*v.c.resolution_due_ms), "2026-01-05T22:00:00.000Z");
  EXPECT_EQ(ClockOf(v, domain::SlaClock::kFirstResponse).state, "running");
  // The history says who routed it and that it was acknowledged.
  auto detail = app_->care.cases.Get(ada_, v.c.id);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  ASSERT_EQ(detail->mentions.size(), 1u);
  EXPECT_EQ(detail->mentions[0].external_id, "1001");
  ASSERT_GE(detail->events.size(), 2u);
  EXPECT_EQ(detail->events[0].kind, "created");
  EXPECT_EQ(detail->events[0].detail, "routed: rule 'Complaints' of Customer Support");
  EXPECT_EQ(detail->events[1].kind, "auto_reply");
  EXPECT_NE(detail->events[1].detail.find(fmt::format("Sorry to hear that, @kim: we are on it (#{}).", v.c.id)),
            std::string::npos)
      << detail->events[1].detail;
  // Another unit's agent does not see it: not found, as if it did not exist.
  EXPECT_EQ(app_->care.cases.Get(cy_, v.c.id).status().code(), Code::kNotFound);
  EXPECT_EQ(app_->care.cases.Claim(cy_, v.c.id).status().code(), Code::kNotFound);
}

TEST_P(CareTest, APraisingPostNoRuleTakesStaysInListening) {
  Post("1002", "lee", "I love the new tablet, it is lovely");
  EXPECT_EQ(Queue().total, 0);
  // Addressed to the channel, it is the channel's unit's, with no SLA.
  Post("1003", "lee", "@acme_help thanks, the new tablet is lovely");
  auto page = Queue();
  ASSERT_EQ(page.total, 1);
  EXPECT_FALSE(page.items[0].c.rule_id.has_value());
  EXPECT_FALSE(page.items[0].c.sla_policy_id.has_value());
  EXPECT_TRUE(page.items[0].clocks.empty());
}

TEST_P(CareTest, TwoAgentsClaimOneCaseOneWinsTheOtherHearsWho) {
  Post("1004", "kim", "@acme_help my order arrived broken, this is terrible");
  int64_t id = Queue().items.at(0).c.id;
  auto first = app_->care.cases.Claim(ada_, id);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->assignee_email, "ada@acme.example");
  EXPECT_EQ(first->c.status, CaseStatus::kOpen);
  auto second = app_->care.cases.Claim(bo_, id);
  EXPECT_EQ(second.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(second.status().message(), fmt::format("case {} is already taken by ada@acme.example", id));
  // Claiming one's own case again changes nothing.
  EXPECT_TRUE(app_->care.cases.Claim(ada_, id).ok());
  // Never to someone without the right: a retail agent cannot be given it.
  auto wrong = app_->care.cases.Assign(admin_, id, cy_.user.id);
  EXPECT_EQ(wrong.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(wrong.status().field(), "user_id");
}

TEST_P(CareTest, RepliesAreCheckedThenStopTheFirstResponseClock) {
  Post("1005", "kim", "@acme_help my order arrived broken, this is terrible");
  int64_t id = Queue().items.at(0).c.id;
  auto& cases = app_->care.cases;
  auto too_long = cases.Reply(ada_, id, std::string(300, 'a'), false);
  EXPECT_EQ(too_long.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(too_long.status().field(), "text");
  EXPECT_NE(too_long.status().message().find("too long for X"), std::string::npos)
      << too_long.status().message();
  auto pii = cases.Reply(ada_, id, "Write to me at kim.doe@example.com please", false);
  EXPECT_EQ(pii.status().code(), Code::kInvalidArgument);
  EXPECT_NE(pii.status().message().find("personal data (email)"), std::string::npos)
      << pii.status().message();
  // 09:20 New York: answered in time.
  app_->clock.Advance(50 * kMinute);
  auto sent = cases.Reply(ada_, id, "So sorry, Kim! We are sending a new one today.", false);
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  auto detail = cases.Get(ada_, id);
  ASSERT_TRUE(detail.ok());
  const auto& v = detail->view;
  EXPECT_EQ(v.assignee_email, "ada@acme.example");  // who answers, holds it
  EXPECT_EQ(ClockOf(v, domain::SlaClock::kFirstResponse).state, "met");
  EXPECT_EQ(FormatTimestamp(*v.c.first_response_at_ms), "2026-01-05T14:20:00.000Z");
  EXPECT_EQ(detail->events.back().kind, "reply");
}

TEST_P(CareTest, PendingStopsTheClocksAndANewMentionReopensAResolvedCase) {
  Post("1006", "kim", "@acme_help my order arrived broken, this is terrible");
  int64_t id = Queue().items.at(0).c.id;
  auto& cases = app_->care.cases;
  app_->clock.Advance(60 * kMinute);  // 09:30 NY: 30 business minutes used of the 8 hours
  ASSERT_TRUE(cases.Reply(ada_, id, "Sorry! Could you send us your order number?", false).ok());
  ASSERT_TRUE(cases.SetStatus(ada_, id, CaseStatus::kPending).ok());
  auto paused = cases.Get(ada_, id);
  ASSERT_TRUE(paused.ok());
  EXPECT_EQ(ClockOf(paused->view, domain::SlaClock::kResolution).state, "paused");
  // Two days later the customer answers: the case is open again, and the
  // resolution clock has 7.5 business hours left from now (Wednesday
  // 09:30 NY → 17:00 NY).
  app_->clock.Advance(2 * 24 * 60 * kMinute);
  Post("1007", "kim", "order 12345, the screen is cracked", R"(,"reply_to":"1006")");
  auto back = cases.Get(ada_, id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->view.c.status, CaseStatus::kOpen);
  EXPECT_EQ(back->view.c.mention_count, 2);
  EXPECT_EQ(FormatTimestamp(*back->view.c.resolution_due_ms), "2026-01-07T22:00:00.000Z");
  // The next answer is due 2 business hours after the new mention.
  EXPECT_EQ(FormatTimestamp(*back->view.c.next_response_due_ms), "2026-01-07T16:30:00.000Z");
  ASSERT_TRUE(cases.SetStatus(ada_, id, CaseStatus::kResolved).ok());
  auto done = cases.Get(ada_, id);
  EXPECT_EQ(ClockOf(done->view, domain::SlaClock::kResolution).state, "met");
  EXPECT_EQ(Queue().total, 0);  // the queue shows what is still to do
  // Within the join window, the author's next mention re-opens the case.
  app_->clock.Advance(60 * kMinute);
  Post("1008", "kim", "@acme_help actually the charger is missing too, this is terrible");
  auto reopened = cases.Get(ada_, id);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened->view.c.status, CaseStatus::kOpen);
  EXPECT_EQ(reopened->view.c.mention_count, 3);
  EXPECT_EQ(reopened->events.back().detail, "a new mention re-opened the case");
}

// The store's query with no statuses is every status, resolved ones too
// (the demo's history and the router ask it so), on both backends.
TEST_P(CareTest, AQueryWithNoStatusesFindsEveryStatus) {
  Post("1020", "lee", "@acme_help the lid broke, this is terrible");
  int64_t id = Queue().items.at(0).c.id;
  ASSERT_TRUE(app_->care.cases.SetStatus(ada_, id, CaseStatus::kResolved).ok());
  ASSERT_TRUE(Queue().items.empty()) << "the resolved case has left the queue";
  std::vector<domain::Case> found;
  int64_t counted = -1;
  ASSERT_TRUE(app_->store
                  ->Read([&](store::Tx& tx) -> Status {
                    DND_ASSIGN_OR_RETURN(auto units, store::Org(tx).units().List());
                    store::CaseQuery q;
                    for (const auto& u : units) q.unit_ids.push_back(u.id);
                    q.by_due = false;
                    DND_ASSIGN_OR_RETURN(found, store::Care(tx).cases().Find(q));
                    DND_ASSIGN_OR_RETURN(counted, store::Care(tx).cases().Count(q));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, id);
  EXPECT_EQ(found[0].status, CaseStatus::kResolved);
  EXPECT_EQ(counted, 1);
}

TEST_P(CareTest, TheSweepMarksABreachOnceAndEscalates) {
  Post("1009", "kim", "@acme_help my order arrived broken, this is terrible");
  int64_t id = Queue().items.at(0).c.id;
  auto& cases = app_->care.cases;
  auto none = cases.SweepBreaches();
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  // 10:01 New York: the first answer was due at 10:00.
  app_->clock.Advance(91 * kMinute);
  auto swept = cases.SweepBreaches();
  ASSERT_TRUE(swept.ok()) << swept.status().ToString();
  ASSERT_EQ(swept->size(), 1u);
  EXPECT_EQ(swept->at(0).c.id, id);
  EXPECT_EQ(swept->at(0).c.priority, domain::CasePriority::kUrgent);  // raised from high
  EXPECT_EQ(ClockOf(swept->at(0), domain::SlaClock::kFirstResponse).state, "breached");
  // Once: the next sweep finds nothing new.
  auto again = cases.SweepBreaches();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  auto detail = cases.Get(ada_, id);
  int breaches = 0;
  for (const auto& e : detail->events) breaches += e.kind == "breached";
  EXPECT_EQ(breaches, 1);
  // Answered late, the clock stays breached.
  ASSERT_TRUE(cases.Reply(ada_, id, "Sorry for the wait!", false).ok());
  EXPECT_EQ(ClockOf(cases.Get(ada_, id)->view, domain::SlaClock::kFirstResponse).state, "breached");
}

TEST_P(CareTest, TheDryRunSaysWhichRuleTakesAMentionAndWhy) {
  service::ExplainInput in;
  in.text = "@acme_help where is my parcel? It has been a week";
  in.author = "kim";
  auto e = app_->care.setup.Explain(admin_, in);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->for_unit, "support");
  ASSERT_EQ(e->verdicts.size(), 1u);
  EXPECT_FALSE(e->verdicts[0].took);
  EXPECT_EQ(e->verdicts[0].rule_name, "Complaints");
  EXPECT_NE(e->verdicts[0].reason.find("include none of complaint"), std::string::npos)
      << e->verdicts[0].reason;
  EXPECT_TRUE(e->makes_case);
  EXPECT_EQ(e->queue, "support");
  EXPECT_NE(e->why.find("addresses @acme_help"), std::string::npos) << e->why;
  // Bad rules are refused with the field named.
  domain::RoutingRule bad;
  bad.name = "Impossible";
  bad.when.sentiment_min = 0.5;
  bad.when.sentiment_max = -0.5;
  auto refused = app_->care.setup.CreateRule(&admin_, "support", bad);
  EXPECT_EQ(refused.status().field(), "when.sentiment_max");
  bad.when = {};
  bad.then.unit_id = 1;  // the hub: above the rule's unit
  refused = app_->care.setup.CreateRule(&admin_, "support", bad);
  EXPECT_EQ(refused.status().field(), "then.queue");
}

TEST_P(CareTest, AnEscalationLoopIsRefused) {
  auto& setup = app_->care.setup;
  int64_t retail = 0, support = 0;
  ASSERT_TRUE(app_->store
                  ->Read([&](store::Tx& tx) -> Status {
                    DND_ASSIGN_OR_RETURN(auto units, store::Org(tx).units().List());
                    for (const auto& u : units) {
                      if (u.slug == "retail") retail = u.id;
                      if (u.slug == "support") support = u.id;
                    }
                    return Status::Ok();
                  })
                  .ok());
  domain::SlaPolicy a;
  a.name = "Retail standard";
  auto ra = setup.CreatePolicy(&admin_, "retail", a);
  ASSERT_TRUE(ra.ok()) << ra.status().ToString();
  // Support's policy moves breaches to retail under retail's policy …
  domain::SlaPolicy s = a;
  s.name = "Standard";
  s.on_breach.move_to_unit_id = retail;
  s.on_breach.then_policy_id = ra->policy.id;
  ASSERT_TRUE(setup.UpdatePolicy(admin_, policy_id_, s).ok());
  // … so retail's cannot move them back under support's.
  a.on_breach.move_to_unit_id = support;
  a.on_breach.then_policy_id = policy_id_;
  auto loop = setup.UpdatePolicy(admin_, ra->policy.id, a);
  EXPECT_EQ(loop.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(loop.status().field(), "on_breach.then_policy_id");
  EXPECT_NE(loop.status().message().find("escalation loop"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, CareTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dandelion::testing
