#include <gtest/gtest.h>

#include "common/crypto.h"
#include "domain/audit.h"
#include "domain/permissions.h"
#include "domain/unit_tree.h"
#include "domain/validation.h"

namespace dandelion::domain {
namespace {

UnitTree SampleTree() {
  // hub(1) → emea(2) → dach(4); hub → retail(3)
  return UnitTree({{1, "hub", "Hub", std::nullopt, 0},
                   {2, "emea", "EMEA", 1, 0},
                   {3, "retail", "Retail", 1, 0},
                   {4, "dach", "DACH", 2, 0}});
}

TEST(UnitTreeTest, WalksDepthFirstWithSiblingsByName) {
  UnitTree t = SampleTree();
  std::vector<std::string> slugs;
  for (const Unit* u : t.DepthFirst()) slugs.push_back(u->slug);
  EXPECT_EQ(slugs, (std::vector<std::string>{"hub", "emea", "dach", "retail"}));
  EXPECT_EQ(t.Depth(4), 2);
  EXPECT_EQ(t.PathToRoot(4), (std::vector<int64_t>{4, 2, 1}));
  EXPECT_TRUE(t.IsInSubtree(4, 2));
  EXPECT_FALSE(t.IsInSubtree(3, 2));
  EXPECT_EQ(t.FindBySlug("retail")->id, 3);
  EXPECT_EQ(t.Find(99), nullptr);
}

TEST(UnitTreeTest, SurvivesACycleInCorruptData) {
  UnitTree t({{1, "a", "A", 2, 0}, {2, "b", "B", 1, 0}});
  EXPECT_LE(t.PathToRoot(1).size(), 3u);
  EXPECT_EQ(t.Root(), nullptr);
}

TEST(PermissionsTest, RoleAtAUnitAppliesToItsSubtreeOnly) {
  UnitTree t = SampleTree();
  Principal emea_admin{{7, "e@x", "E", 0}, {{1, 7, 2, Role::kAdmin}}};
  EXPECT_TRUE(Authorize(emea_admin, t, Action::kManageMembers, 4).ok());
  EXPECT_TRUE(Authorize(emea_admin, t, Action::kManageMembers, 2).ok());
  Status up = Authorize(emea_admin, t, Action::kManageMembers, 1);
  EXPECT_EQ(up.code(), Code::kPermissionDenied);
  EXPECT_NE(up.message().find("'hub'"), std::string::npos);
  EXPECT_EQ(Authorize(emea_admin, t, Action::kManageMembers, 3).code(), Code::kPermissionDenied);
  EXPECT_EQ(Authorize(emea_admin, t, Action::kViewUnit, 99).code(), Code::kNotFound);
}

TEST(PermissionsTest, AuditIsForHubAdminsOnly) {
  UnitTree t = SampleTree();
  Principal emea_admin{{7, "e@x", "E", 0}, {{1, 7, 2, Role::kAdmin}}};
  Principal hub_admin{{8, "h@x", "H", 0}, {{2, 8, 1, Role::kAdmin}}};
  Principal hub_analyst{{9, "a@x", "A", 0}, {{3, 9, 1, Role::kAnalyst}}};
  EXPECT_FALSE(Authorize(emea_admin, t, Action::kViewAudit, 2).ok());
  EXPECT_TRUE(Authorize(hub_admin, t, Action::kViewAudit, 4).ok());
  EXPECT_FALSE(Authorize(hub_analyst, t, Action::kViewAudit, 1).ok());
}

TEST(RolesTest, NamesRoundTrip) {
  for (Role r : kAllRoles) {
    EXPECT_EQ(ParseRole(RoleName(r)), r);
    EXPECT_FALSE(RoleDescription(r).empty());
  }
  EXPECT_FALSE(ParseRole("Admin").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
}

TEST(ValidationTest, Slugs) {
  for (const std::string& ok : std::vector<std::string>{"hub", "emea-dach", "a", "x2", std::string(32, 'a')}) {
    EXPECT_TRUE(ValidateSlug(ok).ok()) << ok;
  }
  for (const std::string& bad :
       std::vector<std::string>{"", "-x", "Upper", "with space", "ünï", "a_b", std::string(33, 'a')}) {
    Status st = ValidateSlug(bad);
    EXPECT_EQ(st.code(), Code::kInvalidArgument) << bad;
    EXPECT_EQ(st.field(), "slug");
  }
}

TEST(ValidationTest, EmailsNamesPasswords) {
  EXPECT_TRUE(ValidateEmail(" Ada@Example.COM ").ok());
  EXPECT_EQ(NormalizeEmail(" Ada@Example.COM "), "ada@example.com");
  for (auto bad : {"", "ada", "@x.com", "a@b", "a@@b.com", "a b@c.com", "a@b.com."}) {
    EXPECT_FALSE(ValidateEmail(bad).ok()) << bad;
  }
  EXPECT_FALSE(ValidateName("   ").ok());
  EXPECT_FALSE(ValidateName("tab\there").ok());
  EXPECT_TRUE(ValidateName("  Customer Support  ").ok());
  EXPECT_FALSE(ValidatePassword("short").ok());
  EXPECT_TRUE(ValidatePassword("long enough pw").ok());
}

TEST(AuditChainTest, DetectsAChangedFieldAndABrokenLink) {
  ASSERT_TRUE(CryptoInit().ok());
  std::vector<AuditEntry> chain;
  std::string prev(kAuditGenesis);
  for (int i = 0; i < 3; ++i) {
    AuditEntry e;
    e.id = i + 1;
    e.at_ms = 100 + i;
    e.actor = "system";
    e.action = "unit.create";
    e.target = "unit:" + std::to_string(i);
    e.before = "null";
    e.after = "{}";
    e.prev_hash = prev;
    e.hash = AuditEntryHash(e);
    prev = e.hash;
    chain.push_back(e);
  }
  auto verify = [](const std::vector<AuditEntry>& c) {
    AuditVerification v;
    std::string p(kAuditGenesis);
    for (const auto& e : c) {
      if (!VerifyAuditStep(e, p, v)) break;
    }
    return v;
  };
  EXPECT_TRUE(verify(chain).ok);
  EXPECT_EQ(verify(chain).checked, 3);

  auto edited = chain;
  edited[1].target = "unit:evil";
  AuditVerification v = verify(edited);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_id, 2);

  auto removed = chain;
  removed.erase(removed.begin() + 1);
  v = verify(removed);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_id, 3);

  // Moving bytes between fields changes the hash (fields are length-prefixed).
  AuditEntry a = chain[0], b = chain[0];
  a.action = "ab";
  a.target = "c";
  b.action = "a";
  b.target = "bc";
  EXPECT_NE(AuditEntryHash(a), AuditEntryHash(b));
}

}  // namespace
}  // namespace dandelion::domain
