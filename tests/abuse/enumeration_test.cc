// Probing for what exists outside one's view: accounts by id, units by
// slug, objects by id. Each probe must answer exactly as for something that
// does not exist, and leak nothing (no e-mail, no name).
#include <regex>

#include "store/listening/listening_repos.h"
#include "tests/abuse/abuse_server.h"

namespace dandelion::testing {
namespace {

using http::Json;

// The answer with every number replaced, so that "no topic with id 7" and
// "no topic with id 9999" compare equal.
std::string Shape(const http::Response& r) {
  return std::to_string(r.status) + " " + std::regex_replace(r.body, std::regex("[0-9]+"), "N");
}

class EnumerationTest : public AbuseTest {
 protected:
  void SetUp() override {
    app_.AddUser("root@x.example", "hub", "admin");
    root_ = app_.Login("root@x.example");
    for (auto [slug, parent] : {std::pair{"emea", "hub"}, {"apac", "hub"}}) {
      ASSERT_EQ(app_.Call("POST", "/api/v1/units",
                          Json({{"slug", slug}, {"name", slug}, {"parent", parent}}).dump(), &root_)
                    .status,
                201);
    }
    app_.AddUser("emea.admin@x.example", "emea", "admin");
    emea_admin_ = app_.Login("emea.admin@x.example");
  }

  Session root_, emea_admin_;
};

TEST_F(EnumerationTest, SpokeAdminCannotEnumerateAccountsByGuessingUserIds) {
  std::vector<int64_t> outside = {app_.AddUser("hub.manager@x.example", "hub", "manager").id,
                                  app_.AddUser("apac.agent@x.example", "apac", "agent").id};
  const int64_t nobody = 999'999;
  auto add = [&](int64_t id) {
    return app_.Call("POST", "/api/v1/units/emea/members",
                     Json({{"user_id", id}, {"role", "analyst"}}).dump(), &emea_admin_);
  };
  const std::string missing = Shape(add(nobody));
  EXPECT_TRUE(missing.starts_with("404 ")) << missing;
  for (int64_t id : outside) {
    http::Response r = add(id);
    EXPECT_EQ(Shape(r), missing) << "user " << id << " is told apart from a missing one";
    EXPECT_EQ(r.body.find("@x.example"), std::string::npos) << r.body;
  }
  // Nobody outside their view was given a role.
  auto members = TestApp::Body(app_.Call("GET", "/api/v1/units/emea/members", "", &emea_admin_));
  EXPECT_EQ(members["items"].size(), 1u) << members.dump();
  // Someone they can see may be picked by id.
  int64_t own = app_.AddUser("emea.agent@x.example", "emea", "agent").id;
  EXPECT_EQ(add(own).status, 201);
}

TEST_F(EnumerationTest, UserListingShowsOnlyRolesAtUnitsTheCallerCanSee) {
  app_.AddUser("both@x.example", "emea", "agent");
  app_.AddUser("tmp@x.example", "apac", "agent");
  int64_t both = 0;
  const Json all = TestApp::Body(app_.Call("GET", "/api/v1/users", "", &root_));
  for (const auto& u : all["items"]) {
    if (u["email"] == "both@x.example") both = u["id"];
  }
  ASSERT_NE(both, 0) << all.dump();
  ASSERT_EQ(app_.Call("POST", "/api/v1/units/apac/members",
                      Json({{"user_id", both}, {"role", "publisher"}}).dump(), &root_)
                .status,
            201);
  Json users = TestApp::Body(app_.Call("GET", "/api/v1/users", "", &emea_admin_));
  bool seen = false;
  for (const auto& u : users["items"]) {
    EXPECT_NE(u["email"], "tmp@x.example") << "a user with no role in their view is listed";
    for (const auto& r : u["memberships"]) {
      EXPECT_NE(r["unit"], "apac") << "a role at a unit outside their view: " << u.dump();
      EXPECT_NE(r["unit"], "hub") << "a role at the hub: " << u.dump();
    }
    if (u["email"] == "both@x.example") seen = true;
  }
  EXPECT_TRUE(seen);
}

TEST_F(EnumerationTest, SlugsOutsideTheCallersViewAnswerAsMissingOnes) {
  for (const std::string& path :
       {std::string("/api/v1/units/"), std::string("/api/v1/topics?unit=")}) {
    auto hidden =
        app_.Call("GET", path + "apac" + (path.ends_with("/") ? "/members" : ""), "", &emea_admin_);
    auto missing =
        app_.Call("GET", path + "zzzz" + (path.ends_with("/") ? "/members" : ""), "", &emea_admin_);
    EXPECT_EQ(hidden.status, 404) << path << hidden.body;
    EXPECT_EQ(std::regex_replace(hidden.body, std::regex("apac"), "S"),
              std::regex_replace(missing.body, std::regex("zzzz"), "S"))
        << path;
  }
}

TEST_F(EnumerationTest, RandomIdsAcrossEveryEndpointAnswerAsMissingOnes) {
  auto topic = app_.listening.topics.CreateTopicAsSystem("apac", "APAC brand", "apple");
  ASSERT_TRUE(topic.ok()) << topic.status().ToString();
  const std::string hidden = std::to_string(topic->topic.id);
  app_.AddUser("apac.someone@x.example", "apac", "agent");
  const Json members = TestApp::Body(app_.Call("GET", "/api/v1/units/apac/members", "", &root_));
  ASSERT_EQ(members["items"].size(), 1u) << members.dump();
  const int64_t apac_member = members["items"][0]["id"];
  struct Probe {
    std::string method, path_of_id, body;
  };
  const std::vector<Probe> probes = {
      {"GET", "/api/v1/topics/{}", ""},
      {"PUT", "/api/v1/topics/{}", Json({{"name", "X"}, {"query", "pear"}}).dump()},
      {"DELETE", "/api/v1/topics/{}", ""},
      {"GET", "/api/v1/topics/{}/mentions", ""},
      {"GET", "/api/v1/topics/{}/stats", ""},
      {"GET", "/api/v1/listening/share?topics={}", ""},
  };
  auto at = [](std::string p, const std::string& id) { return p.replace(p.find("{}"), 2, id); };
  for (const Probe& p : probes) {
    auto h = app_.Call(p.method, at(p.path_of_id, hidden), p.body, &emea_admin_);
    auto m = app_.Call(p.method, at(p.path_of_id, "987654"), p.body, &emea_admin_);
    EXPECT_EQ(h.status, 404) << p.method << " " << p.path_of_id << ": " << h.body;
    EXPECT_EQ(Shape(h), Shape(m)) << p.method << " " << p.path_of_id;
  }
  auto h =
      app_.Call("DELETE", "/api/v1/memberships/" + std::to_string(apac_member), "", &emea_admin_);
  auto m = app_.Call("DELETE", "/api/v1/memberships/987654", "", &emea_admin_);
  EXPECT_EQ(h.status, 404) << h.body;
  EXPECT_EQ(Shape(h), Shape(m));
  // An alert of the hidden topic, and someone else's API token.
  int64_t alert_id = 0;
  Status st = app_.store->Write([&](store::Tx& r) -> Status {
    domain::Alert a;
    a.topic_id = topic->topic.id;
    a.unit_id = topic->topic.unit_id;
    a.kind = "volume";
    a.hour_ms = 3600 * 1000;
    DND_ASSIGN_OR_RETURN(auto made, store::Listening(r).alerts().CreateIfNew(a));
    if (made) alert_id = made->id;
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto ha = app_.Call("POST", "/api/v1/alerts/" + std::to_string(alert_id) + "/acknowledge", "",
                      &emea_admin_);
  auto ma = app_.Call("POST", "/api/v1/alerts/987654/acknowledge", "", &emea_admin_);
  EXPECT_EQ(ha.status, 404) << ha.body;
  EXPECT_EQ(Shape(ha), Shape(ma));
  auto token = app_.Call("POST", "/api/v1/auth/tokens", Json({{"name", "root's"}}).dump(), &root_);
  ASSERT_EQ(token.status, 201);
  const std::string token_id = std::to_string(TestApp::Body(token)["id"].get<int64_t>());
  auto ht = app_.Call("DELETE", "/api/v1/auth/tokens/" + token_id, "", &emea_admin_);
  auto mt = app_.Call("DELETE", "/api/v1/auth/tokens/987654", "", &emea_admin_);
  EXPECT_EQ(ht.status, 404) << ht.body;
  EXPECT_EQ(Shape(ht), Shape(mt));
  // A dead letter is the hub's: a spoke admin is refused before anyone
  // looks, so an existing id and a missing one answer alike.
  ASSERT_EQ(app_.Call("POST", "/api/v1/ingest", "junk\n", &root_).status, 200);
  Json dead = TestApp::Body(app_.Call("GET", "/api/v1/ingest/rejected", "", &root_));
  ASSERT_EQ(dead["items"].size(), 1u);
  const std::string dead_id = std::to_string(dead["items"][0]["id"].get<int64_t>());
  auto hd = app_.Call("DELETE", "/api/v1/ingest/rejected/" + dead_id, "", &emea_admin_);
  auto md = app_.Call("DELETE", "/api/v1/ingest/rejected/987654", "", &emea_admin_);
  EXPECT_EQ(hd.status, 403) << hd.body;
  EXPECT_EQ(Shape(hd), Shape(md));
  // Still there: the probes changed nothing.
  EXPECT_EQ(app_.Call("GET", "/api/v1/topics/" + hidden, "", &root_).status, 200);
  EXPECT_EQ(TestApp::Body(app_.Call("GET", "/api/v1/auth/tokens", "", &root_))["items"].size(), 1u);
  EXPECT_EQ(TestApp::Body(app_.Call("GET", "/api/v1/ingest/rejected", "", &root_))["total"], 1);
}

}  // namespace
}  // namespace dandelion::testing
