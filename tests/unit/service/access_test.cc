// Access: the tree loaded in the use case's transaction, the caller
// authorised at a unit, and every refusal in the audit log.
#include "service/common/access.h"

#include "tests/unit/service/service_fixture.h"

namespace dandelion::service {
namespace {

using domain::Action;

class AccessTest : public ServiceTest {
 protected:
  AccessTest() : access_(*store_, clock_) {}
  Access access_;
};

TEST_F(AccessTest, ARefusalIsReturnedAndAuditedWithItsTargetAndReason) {
  Spoke("emea");
  auto analyst = Person("ann@x.example", "emea", "analyst");
  const size_t before = Audit().size();
  Status st = access_.Write(analyst, "unit:emea", [&](Scope& s) -> Status {
    const domain::Unit* u = s.tree.FindBySlug("emea");
    return s.Allow(Action::kEditUnit, u->id);
  });
  EXPECT_EQ(st.code(), Code::kPermissionDenied);
  auto log = Audit();
  ASSERT_EQ(log.size(), before + 1);
  EXPECT_EQ(log[0].action, "denied");
  EXPECT_EQ(log[0].target, "unit:emea");
  EXPECT_EQ(log[0].actor, "ann@x.example");
  EXPECT_NE(log[0].after.find("reason"), std::string::npos) << log[0].after;
  EXPECT_EQ(log[0].at_ms, clock_.NowMs());
}

TEST_F(AccessTest, AllowedWorkCommitsWithItsAuditEntryAndOtherFailuresAreNotRefusals) {
  auto admin = Root();
  ASSERT_TRUE(access_.Write(admin, "x", [&](Scope& s) {
    return s.Audit("test.done", "unit:hub", "null", "null");
  }).ok());
  EXPECT_EQ(Audit()[0].action, "test.done");
  const size_t before = Audit().size();
  Status st = access_.Write(admin, "unit:nowhere", [&](Scope& s) {
    return s.UnitFor("nowhere", Action::kViewUnit).status();
  });
  EXPECT_EQ(st.code(), Code::kNotFound);
  EXPECT_EQ(st.field(), "slug");
  EXPECT_EQ(Audit().size(), before) << "a missing unit is not a refusal";
}

TEST_F(AccessTest, AFailedUseCaseWritesNothingButItsRefusal) {
  Spoke("emea");
  auto analyst = Person("ann@x.example", "emea", "analyst");
  const size_t before = Audit().size();
  Status st = access_.Write(analyst, "unit:emea", [&](Scope& s) -> Status {
    DND_RETURN_IF_ERROR(s.Audit("should.vanish", "unit:emea", "null", "null"));
    return s.Allow(Action::kManageMembers, s.tree.FindBySlug("emea")->id);
  });
  EXPECT_EQ(st.code(), Code::kPermissionDenied);
  auto log = Audit();
  ASSERT_EQ(log.size(), before + 1);
  EXPECT_EQ(log[0].action, "denied");
}

TEST_F(AccessTest, TheSystemMayDoAnything) {
  Spoke("emea");
  Status st = access_.Read(nullptr, "unit:emea", [&](Scope& s) {
    return s.UnitFor("emea", Action::kManageMembers).status();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
}

}  // namespace
}  // namespace dandelion::service
