// Walks every endpoint × role × unit and checks the answer: 401 without a
// login, 404 when the unit (or the object's unit) is outside what the caller
// may see — exactly what a unit or id that does not exist answers — 403
// when they see it but the role (held at the unit or above it) does not
// allow the action, 2xx when it does. The expectations are written out here from
// the rules in DESIGN.md, not computed by the code under test.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "ingest/body_source.h"
#include "store/care/care_repos.h"
#include "store/listening/listening_repos.h"
#include "store/org/org_repos.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

using http::Json;

// The tree: hub → consumer; hub → emea → emea-dach.
const std::map<std::string, std::set<std::string>> kSelfAndAncestors = {
    {"hub", {"hub"}},
    {"consumer", {"consumer", "hub"}},
    {"emea", {"emea", "hub"}},
    {"emea-dach", {"emea-dach", "emea", "hub"}},
};
const std::vector<std::string> kRoles = {"admin",    "manager",  "publisher", "agent",
                                         "reviewer", "advocate", "analyst"};
const std::set<std::string> kAny(kRoles.begin(), kRoles.end());
const std::set<std::string> kAdminManager = {"admin", "manager"};
const std::set<std::string> kAdmin = {"admin"};
const std::set<std::string> kTopicEditors = {"admin", "manager", "analyst"};
const std::set<std::string> kCaseViewers = {"admin", "manager", "agent", "reviewer", "analyst"};
const std::set<std::string> kCaseWorkers = {"admin", "manager", "agent"};

struct Holder {
  std::string role, unit;
  bool HasAt(const std::set<std::string>& roles, const std::string& target) const {
    return roles.count(role) && kSelfAndAncestors.at(target).count(unit);
  }
  //! Whether the holder may know the unit exists: it is in their subtree or
  //! on their way to the hub.
  bool SeesUnit(const std::string& target) const {
    return kSelfAndAncestors.at(target).count(unit) || kSelfAndAncestors.at(unit).count(target);
  }
  //! Whether the holder may see what is in the unit (its members, topics).
  bool SeesInside(const std::string& target) const { return HasAt(kAny, target); }
};

class PermissionMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app_.AddUser("root@x.example", "hub", "admin");
    root_ = app_.Login("root@x.example");
    for (auto [slug, parent] :
         {std::pair{"consumer", "hub"}, {"emea", "hub"}, {"emea-dach", "emea"}}) {
      ASSERT_EQ(app_.Call("POST", "/api/v1/units",
                          Json({{"slug", slug}, {"name", slug}, {"parent", parent}}).dump(), &root_)
                    .status,
                201);
    }
    for (const auto& [unit, _] : kSelfAndAncestors) topic_at_[unit] = TopicAt(unit);
  }

  //! A fresh user at `unit` to give another role to there, so that no grant
  //! repeats another; whoever administers the unit sees them.
  int64_t Victim(const std::string& unit) {
    return app_.AddUser("victim" + std::to_string(++n_) + "@x.example", unit, "advocate").id;
  }
  //! A fresh membership at `unit` to delete.
  int64_t MembershipAt(const std::string& unit) {
    auto m = app_.org.CreateUserAsSystem(
        {"m" + std::to_string(++n_) + "@x.example", "M", TestApp::kPassword, unit, "agent"});
    EXPECT_TRUE(m.ok());
    auto members =
        TestApp::Body(app_.Call("GET", "/api/v1/units/" + unit + "/members", "", &root_))["items"];
    for (const auto& mv : members) {
      if (mv["user"]["email"] == m->user.email) return mv["id"];
    }
    ADD_FAILURE() << "membership not found";
    return 0;
  }

  //! A fresh invitation to `unit` (to withdraw).
  int64_t InvitationAt(const std::string& unit) {
    auto r = app_.Call(
        "POST", "/api/v1/units/" + unit + "/invitations",
        Json({{"email", "w" + std::to_string(++n_) + "@x.example"}, {"role", "agent"}}).dump(),
        &root_);
    EXPECT_EQ(r.status, 202) << r.body;
    return TestApp::Body(r)["id"];
  }
  //! A fresh topic at `unit` (to change or delete).
  int64_t TopicAt(const std::string& unit) {
    auto t =
        app_.listening.topics.CreateTopicAsSystem(unit, "Topic " + std::to_string(++n_), "apple");
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? t->topic.id : 0;
  }
  //! A fresh alert on the topic of `unit` (to acknowledge).
  int64_t AlertAt(const std::string& unit) {
    int64_t id = 0;
    Status st = app_.store->Write([&](store::Tx& r) -> Status {
      DND_ASSIGN_OR_RETURN(auto topic, store::Listening(r).topics().Get(topic_at_.at(unit)));
      domain::Alert a;
      a.topic_id = topic.id;
      a.unit_id = topic.unit_id;
      a.kind = "volume";
      a.hour_ms = static_cast<int64_t>(++n_) * 3600 * 1000;
      DND_ASSIGN_OR_RETURN(auto created, store::Listening(r).alerts().CreateIfNew(a));
      if (created) id = created->id;
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return id;
  }
  //! A fresh dead letter (to delete).
  int64_t RejectedLine() {
    std::string junk = "junk " + std::to_string(++n_);
    ingest::BodySource source(junk);
    ingest::TableDeadLetters dead({"api", std::nullopt}, app_.clock,
                                  app_.listening.ingest.dead_letter_limits(), 1000);
    EXPECT_TRUE(app_.ingest.Run(source, dead, ingest::RunOptions{}).ok());
    int64_t id = 0;
    Status st = app_.store->Read([&](store::Tx& r) -> Status {
      DND_ASSIGN_OR_RETURN(auto newest, store::Listening(r).rejected().List(0, 1, ""));
      if (!newest.empty()) id = newest[0].id;
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return id;
  }
  int64_t UnitId(const std::string& slug) {
    int64_t id = 0;
    EXPECT_TRUE(app_.store
                    ->Read([&](store::Tx& r) -> Status {
                      DND_ASSIGN_OR_RETURN(auto units, store::Org(r).units().List());
                      for (const auto& u : units) {
                        if (u.slug == slug) id = u.id;
                      }
                      return Status::Ok();
                    })
                    .ok());
    return id;
  }
  //! A fresh case in `unit`'s queue (to read or claim).
  int64_t CaseAt(const std::string& unit) {
    domain::Case c;
    c.unit_id = UnitId(unit);
    c.network = "x";
    c.author_handle = "author" + std::to_string(++n_);
    c.thread_key = c.author_handle;
    c.subject = "help";
    c.language = "en";
    c.opened_at_ms = c.last_inbound_at_ms = c.updated_at_ms = app_.clock.NowMs();
    int64_t id = 0;
    EXPECT_TRUE(app_.store
                    ->Write([&](store::Tx& r) -> Status {
                      DND_ASSIGN_OR_RETURN(auto made, store::Care(r).cases().Create(c));
                      id = made.id;
                      return Status::Ok();
                    })
                    .ok());
    return id;
  }
  //! A fresh routing rule of `unit` (to delete).
  int64_t RuleAt(const std::string& unit) {
    domain::RoutingRule rule;
    rule.name = "Rule " + std::to_string(++n_);
    auto r = app_.care.setup.CreateRule(nullptr, unit, rule);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->rule.id : 0;
  }
  //! A fresh channel of `unit` (to delete).
  int64_t ChannelAt(const std::string& unit) {
    domain::Channel ch;
    ch.network = "x";
    ch.handle = "chan" + std::to_string(++n_);
    ch.name = "Channel";
    auto r = app_.care.setup.AddChannel(nullptr, unit, ch);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->channel.id : 0;
  }

  //! One post in the native ingest shape, never sent before.
  std::string FreshPost() {
    return Json({{"network", "mastodon"},
                 {"id", "p" + std::to_string(++n_)},
                 {"text", "apple"},
                 {"created_at", app_.clock.NowMs()},
                 {"author", {{"id", "a1"}, {"handle", "fan"}}}})
        .dump();
  }

  TestApp app_;
  Session root_;
  std::map<std::string, int64_t> topic_at_;  //!< a topic at each unit
  int n_ = 0;
};

TEST_F(PermissionMatrixTest, EveryEndpointRoleAndUnit) {
  struct Endpoint {
    std::string name;
    std::function<http::Response(const Session*, const std::string& target)> call;
    std::function<bool(const Holder&, const std::string& target)> allowed;
    int ok_status;
    //! Addressed by the unit's slug (its existence is what is hidden), or by
    //! an object's id (what is inside the unit is hidden).
    enum { kBySlug, kById } addressed = kBySlug;
    //! For kById: who may see objects of the kind in the unit (unset: any
    //! role there, as for topics); outside that, an id answers 404.
    std::function<bool(const Holder&, const std::string& target)> sees = nullptr;
  };
  auto any_at = [](const std::set<std::string>& roles) {
    return [roles](const Holder& h, const std::string& t) { return h.HasAt(roles, t); };
  };
  auto topic_of = [&](const std::string& unit) { return std::to_string(topic_at_.at(unit)); };
  std::vector<Endpoint> targeted = {
      {"GET unit",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/units/" + t, "", s);
       },
       any_at(kAny), 200},
      {"GET members",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/units/" + t + "/members", "", s);
       },
       any_at(kAny), 200},
      {"POST unit",
       [&](const Session* s, const std::string& t) {
         return app_.Call(
             "POST", "/api/v1/units",
             Json({{"slug", "s" + std::to_string(++n_)}, {"name", "S"}, {"parent", t}}).dump(), s);
       },
       any_at(kAdminManager), 201},
      {"PATCH unit",
       [&](const Session* s, const std::string& t) {
         return app_.Call("PATCH", "/api/v1/units/" + t, Json({{"name", "Renamed " + t}}).dump(),
                          s);
       },
       any_at(kAdmin), 200},
      {"POST member",
       [&](const Session* s, const std::string& t) {
         return app_.Call("POST", "/api/v1/units/" + t + "/members",
                          Json({{"user_id", Victim(t)}, {"role", "analyst"}}).dump(), s);
       },
       any_at(kAdmin), 201},
      {"POST user",
       [&](const Session* s, const std::string& t) {
         return app_.Call("POST", "/api/v1/users",
                          Json({{"email", "new" + std::to_string(++n_) + "@x.example"},
                                {"name", "New"},
                                {"password", "long enough pw"},
                                {"unit", t},
                                {"role", "agent"}})
                              .dump(),
                          s);
       },
       // Only the hub's admins create accounts; spokes invite by e-mail.
       [](const Holder& h, const std::string&) { return h.role == "admin" && h.unit == "hub"; },
       201},
      {"POST invitation",
       [&](const Session* s, const std::string& t) {
         return app_.Call(
             "POST", "/api/v1/units/" + t + "/invitations",
             Json({{"email", "inv" + std::to_string(++n_) + "@x.example"}, {"role", "agent"}})
                 .dump(),
             s);
       },
       any_at(kAdmin), 202},
      {"GET invitations",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/units/" + t + "/invitations", "", s);
       },
       any_at(kAdmin), 200},
      {"DELETE invitation",
       [&](const Session* s, const std::string& t) {
         return app_.Call("DELETE", "/api/v1/invitations/" + std::to_string(InvitationAt(t)), "",
                          s);
       },
       any_at(kAdmin), 204, Endpoint::kById},
      {"DELETE membership",
       [&](const Session* s, const std::string& t) {
         return app_.Call("DELETE", "/api/v1/memberships/" + std::to_string(MembershipAt(t)), "",
                          s);
       },
       any_at(kAdmin), 204, Endpoint::kById},
      // Care: a unit's inbox set-up, and its cases (seen by those who may see its inbox).
      {"GET cases of unit",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/cases?subtree=false&unit=" + t, "", s);
       },
       any_at(kCaseViewers), 200},
      {"GET case",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/cases/" + std::to_string(CaseAt(t)), "", s);
       },
       any_at(kCaseViewers), 200, Endpoint::kById, any_at(kCaseViewers)},
      {"POST claim",
       [&](const Session* s, const std::string& t) {
         return app_.Call("POST", "/api/v1/cases/" + std::to_string(CaseAt(t)) + "/claim", "", s);
       },
       any_at(kCaseWorkers), 200, Endpoint::kById, any_at(kCaseViewers)},
      {"GET routing rules",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/units/" + t + "/routing-rules", "", s);
       },
       any_at(kCaseViewers), 200},
      {"POST routing rule",
       [&](const Session* s, const std::string& t) {
         return app_.Call("POST", "/api/v1/units/" + t + "/routing-rules",
                          Json({{"name", "Rule " + std::to_string(++n_)}}).dump(), s);
       },
       any_at(kAdminManager), 201},
      {"DELETE routing rule",
       [&](const Session* s, const std::string& t) {
         return app_.Call("DELETE", "/api/v1/routing-rules/" + std::to_string(RuleAt(t)), "", s);
       },
       any_at(kAdminManager), 204, Endpoint::kById, any_at(kCaseViewers)},
      {"POST channel",
       [&](const Session* s, const std::string& t) {
         return app_.Call("POST", "/api/v1/units/" + t + "/channels",
                          Json({{"network", "x"}, {"handle", "h" + std::to_string(++n_)}, {"name", "C"}}).dump(), s);
       },
       any_at(kAdminManager), 201},
      {"DELETE channel",
       [&](const Session* s, const std::string& t) {
         return app_.Call("DELETE", "/api/v1/channels/" + std::to_string(ChannelAt(t)), "", s);
       },
       any_at(kAdminManager), 204, Endpoint::kById, any_at(kCaseViewers)},
      {"GET sla policies",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/units/" + t + "/sla-policies", "", s);
       },
       any_at(kCaseViewers), 200},
      {"POST sla policy",
       [&](const Session* s, const std::string& t) {
         return app_.Call("POST", "/api/v1/units/" + t + "/sla-policies",
                          Json({{"name", "Policy " + std::to_string(++n_)}}).dump(), s);
       },
       any_at(kAdminManager), 201},
      {"GET queue",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/units/" + t + "/queue", "", s);
       },
       any_at(kCaseViewers), 200},
      {"PUT queue",
       [&](const Session* s, const std::string& t) {
         return app_.Call("PUT", "/api/v1/units/" + t + "/queue",
                          Json({{"week", {{"monday", "09:00-17:00"}}}}).dump(), s);
       },
       any_at(kAdminManager), 200},
      {"GET agents",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/units/" + t + "/agents", "", s);
       },
       any_at(kCaseViewers), 200},
      // Listening: a topic, its mentions and charts, and its alerts belong to its unit.
      {"GET topics of unit",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/topics?unit=" + t, "", s);
       },
       any_at(kAny), 200},
      {"POST topic",
       [&](const Session* s, const std::string& t) {
         return app_.Call(
             "POST", "/api/v1/topics",
             Json({{"unit", t}, {"name", "New " + std::to_string(++n_)}, {"query", "apple"}})
                 .dump(),
             s);
       },
       any_at(kTopicEditors), 201},
      {"GET topic",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/topics/" + topic_of(t), "", s);
       },
       any_at(kAny), 200, Endpoint::kById},
      {"PUT topic",
       [&](const Session* s, const std::string& t) {
         return app_.Call(
             "PUT", "/api/v1/topics/" + topic_of(t),
             Json({{"name", "Edited " + std::to_string(++n_)}, {"query", "apple OR pear"}}).dump(),
             s);
       },
       any_at(kTopicEditors), 200, Endpoint::kById},
      {"DELETE topic",
       [&](const Session* s, const std::string& t) {
         return app_.Call("DELETE", "/api/v1/topics/" + std::to_string(TopicAt(t)), "", s);
       },
       any_at(kTopicEditors), 204, Endpoint::kById},
      {"GET mentions",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/topics/" + topic_of(t) + "/mentions", "", s);
       },
       any_at(kAny), 200, Endpoint::kById},
      {"GET stats",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/topics/" + topic_of(t) + "/stats", "", s);
       },
       any_at(kAny), 200, Endpoint::kById},
      {"GET share",
       [&](const Session* s, const std::string& t) {
         return app_.Call("GET", "/api/v1/listening/share?topics=" + topic_of(t), "", s);
       },
       any_at(kAny), 200, Endpoint::kById},
      {"POST acknowledge",
       [&](const Session* s, const std::string& t) {
         return app_.Call("POST", "/api/v1/alerts/" + std::to_string(AlertAt(t)) + "/acknowledge",
                          "", s);
       },
       any_at(kTopicEditors), 200, Endpoint::kById},
  };
  auto everywhere = [](const std::set<std::string>& roles) {
    return [roles](const Holder& h, const std::string&) { return roles.count(h.role) > 0; };
  };
  std::vector<Endpoint> global = {
      {"GET units",
       [&](const Session* s, const std::string&) {
         return app_.Call("GET", "/api/v1/units", "", s);
       },
       everywhere(kAny), 200},
      {"GET roles",
       [&](const Session* s, const std::string&) {
         return app_.Call("GET", "/api/v1/roles", "", s);
       },
       everywhere(kAny), 200},
      {"GET me",
       [&](const Session* s, const std::string&) {
         return app_.Call("GET", "/api/v1/auth/me", "", s);
       },
       everywhere(kAny), 200},
      {"GET tokens",
       [&](const Session* s, const std::string&) {
         return app_.Call("GET", "/api/v1/auth/tokens", "", s);
       },
       everywhere(kAny), 200},
      {"POST text analyze",
       [&](const Session* s, const std::string&) {
         return app_.Call("POST", "/api/v1/text/analyze",
                          Json({{"text", "hello"}, {"network", "x"}}).dump(), s);
       },
       everywhere(kAny), 200},
      {"GET users",
       [&](const Session* s, const std::string&) {
         return app_.Call("GET", "/api/v1/users", "", s);
       },
       everywhere(kAdminManager), 200},
      {"GET audit",
       [&](const Session* s, const std::string&) {
         return app_.Call("GET", "/api/v1/audit", "", s);
       },
       any_at(kAdmin), 200},
      {"GET audit verify",
       [&](const Session* s, const std::string&) {
         return app_.Call("GET", "/api/v1/audit/verify", "", s);
       },
       any_at(kAdmin), 200},
      {"POST validate query",
       [&](const Session* s, const std::string&) {
         return app_.Call("POST", "/api/v1/topics/validate", Json({{"query", "apple"}}).dump(), s);
       },
       everywhere(kAny), 200},
      {"POST preview query",
       [&](const Session* s, const std::string&) {
         return app_.Call("POST", "/api/v1/topics/preview", Json({{"query", "apple"}}).dump(), s);
       },
       everywhere(kAny), 200},
      {"GET alerts",
       [&](const Session* s, const std::string&) {
         return app_.Call("GET", "/api/v1/alerts", "", s);
       },
       everywhere(kAny), 200},
      {"GET cases",
       [&](const Session* s, const std::string&) {
         return app_.Call("GET", "/api/v1/cases", "", s);
       },
       everywhere(kAny), 200},
      {"POST routing explain",
       [&](const Session* s, const std::string&) {
         return app_.Call("POST", "/api/v1/routing/explain", Json({{"text", "hello"}}).dump(), s);
       },
       everywhere(kAny), 200},
      // Ingest is the hub's alone: a spoke admin may not.
      {"POST ingest",
       [&](const Session* s, const std::string&) {
         return app_.Call("POST", "/api/v1/ingest", FreshPost(), s);
       },
       any_at(kAdminManager), 200},
      // So are its dead letters.
      {"GET rejected lines",
       [&](const Session* s, const std::string&) {
         return app_.Call("GET", "/api/v1/ingest/rejected", "", s);
       },
       any_at(kAdminManager), 200},
      {"DELETE rejected line",
       [&](const Session* s, const std::string&) {
         return app_.Call("DELETE", "/api/v1/ingest/rejected/" + std::to_string(RejectedLine()),
                          "", s);
       },
       any_at(kAdminManager), 204},
      {"DELETE rejected lines",
       [&](const Session* s, const std::string&) {
         return app_.Call("DELETE", "/api/v1/ingest/rejected", "", s);
       },
       any_at(kAdminManager), 200},
  };

  int checked = 0;
  // Without a login, everything is 401.
  for (auto& e : targeted) {
    EXPECT_EQ(e.call(nullptr, "consumer").status, 401) << e.name;
    ++checked;
  }
  for (auto& e : global) {
    EXPECT_EQ(e.call(nullptr, "hub").status, 401) << e.name;
    ++checked;
  }

  for (std::string holder_unit : {"hub", "consumer", "emea"}) {
    for (const std::string& role : kRoles) {
      Holder h{role, holder_unit};
      std::string email = role + "." + holder_unit + "@x.example";
      app_.AddUser(email, holder_unit, role);
      Session s = app_.Login(email);
      for (auto& e : targeted) {
        for (const auto& [target, _] : kSelfAndAncestors) {
          bool hidden = e.addressed == Endpoint::kBySlug ? !h.SeesUnit(target)
                        : e.sees                          ? !e.sees(h, target)
                                                          : !h.SeesInside(target);
          int want = e.allowed(h, target) ? e.ok_status : hidden ? 404 : 403;
          auto r = e.call(&s, target);
          EXPECT_EQ(r.status, want) << e.name << " on " << target << " as " << role << "@"
                                    << holder_unit << ": " << r.body;
          ++checked;
        }
      }
      for (auto& e : global) {
        int want = e.allowed(h, "hub") ? e.ok_status : 403;
        auto r = e.call(&s, "hub");
        EXPECT_EQ(r.status, want) << e.name << " as " << role << "@" << holder_unit << ": "
                                  << r.body;
        ++checked;
      }
    }
  }
  // 32 endpoints on a unit, 17 without; 3 holder units × 7 roles; 4 targets.
  EXPECT_EQ(checked, 32 + 17 + 3 * 7 * (32 * 4 + 17));
}

}  // namespace
}  // namespace dandelion::testing
