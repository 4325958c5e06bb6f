// OrgService on its own: the tree, members and users, what each role may
// do, and the audit entry of each change written with the change.
#include "service/org/org_service.h"

#include "tests/unit/service/service_fixture.h"

namespace dandelion::service {
namespace {

using OrgServiceTest = ServiceTest;

TEST_F(OrgServiceTest, CreateUnitUnderAParentIsAuditedAtTheClocksTime) {
  auto root = Root();
  clock_.Advance(5000);
  auto made = org_.CreateUnit(root, "emea", "  EMEA  ", "hub");
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->unit.name, "EMEA");
  EXPECT_EQ(made->parent_slug, "hub");
  EXPECT_EQ(made->depth, 1);
  EXPECT_EQ(made->unit.created_at_ms, clock_.NowMs());
  auto log = Audit();
  EXPECT_EQ(log[0].action, "unit.create");
  EXPECT_EQ(log[0].target, "unit:emea");
  EXPECT_EQ(log[0].at_ms, clock_.NowMs());
}

TEST_F(OrgServiceTest, ASpokeAdminActsInTheirSpokeOnly) {
  Spoke("emea");
  Spoke("apac");
  auto emea_admin = Person("e@x.example", "emea", "admin");
  EXPECT_TRUE(org_.CreateUnit(emea_admin, "dach", "DACH", "emea").ok());
  // A sibling spoke is outside their view: it answers as a missing one.
  auto hidden = org_.CreateUnit(emea_admin, "japan", "Japan", "apac");
  EXPECT_EQ(hidden.status().code(), Code::kNotFound);
  auto missing = org_.CreateUnit(emea_admin, "japan", "Japan", "nowhere");
  EXPECT_EQ(hidden.status().field(), missing.status().field());
  EXPECT_EQ(hidden.status().message(), "no unit 'apac'");
  EXPECT_EQ(missing.status().message(), "no unit 'nowhere'");
  // The hub is on their way up: known, but closed to them.
  auto refused = org_.CreateUnit(emea_admin, "japan", "Japan", "hub");
  EXPECT_EQ(refused.status().code(), Code::kPermissionDenied);
  EXPECT_EQ(Audit()[0].action, "denied");
  auto units = org_.ListUnits(emea_admin);
  ASSERT_TRUE(units.ok());
  std::vector<std::string> slugs;
  for (const auto& u : *units) slugs.push_back(u.unit.slug);
  EXPECT_EQ(slugs, (std::vector<std::string>{"hub", "emea", "dach"}));  // ancestors and subtree
}

TEST_F(OrgServiceTest, TheHubKeepsItsLastAdmin) {
  auto root = Root();
  auto members = org_.ListMembers(root, "hub");
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->size(), 1u);
  Status st = org_.RemoveMember(root, (*members)[0].membership.id);
  EXPECT_EQ(st.code(), Code::kFailedPrecondition);
  EXPECT_EQ(st.field(), "id");
}

TEST_F(OrgServiceTest, UsersAreListedForThoseWhoMayManageThem) {
  Spoke("emea");
  Spoke("apac");
  auto emea_admin = Person("e@x.example", "emea", "admin");
  Person("emea-analyst@x.example", "emea", "analyst");
  Person("apac-analyst@x.example", "apac", "analyst");
  auto seen = org_.ListUsers(emea_admin, 0, 50);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  std::vector<std::string> emails;
  for (const auto& u : *seen) emails.push_back(u.user.email);
  EXPECT_EQ(emails, (std::vector<std::string>{"e@x.example", "emea-analyst@x.example"}));
  auto analyst = Person("a2@x.example", "apac", "analyst");
  EXPECT_EQ(org_.ListUsers(analyst, 0, 50).status().code(), Code::kPermissionDenied);
}

TEST_F(OrgServiceTest, AddMemberNamesWhatWasWrong) {
  auto root = Root();
  EXPECT_EQ(org_.AddMember(root, "hub", 999, "analyst").status().field(), "user_id");
  EXPECT_EQ(org_.AddMember(root, "hub", root.user.id, "emperor").status().field(), "role");
  EXPECT_EQ(org_.AddMember(root, "nowhere", root.user.id, "analyst").status().field(), "slug");
  auto dup = org_.AddMember(root, "hub", root.user.id, "admin");
  EXPECT_EQ(dup.status().code(), Code::kAlreadyExists);
}

}  // namespace
}  // namespace dandelion::service
