// A store in memory, a clock that stands still, and people to act as: what
// the service tests share. Services are tested through their own methods,
// not through HTTP.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/permissions.h"
#include "service/org/org_service.h"
#include "store/audit/audit_repo.h"
#include "store/org/org_repos.h"
#include "tests/support/test_app.h"

namespace dandelion::service {

class ServiceTest : public ::testing::Test {
 protected:
  ServiceTest() : store_(testing::MemoryStore()), org_(*store_, clock_, PasswordCost::kMinimum) {
    EXPECT_TRUE(org_.EnsureHub("Hub").ok());
  }

  //! A user holding `role` at `unit`, as the services see them.
  domain::Principal Person(const std::string& email, const std::string& unit,
                           const std::string& role) {
    auto made = org_.CreateUserAsSystem({email, "Name", "long enough pw", unit, role});
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    domain::Principal p;
    if (!made.ok()) return p;
    p.user = made->user;
    Status st = store_->Read([&](store::Tx& tx) -> Status {
      DND_ASSIGN_OR_RETURN(p.memberships, store::Org(tx).memberships().ForUser(p.user.id));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return p;
  }

  //! A spoke below the hub, made by the system.
  void Spoke(const std::string& slug, const std::string& parent = "hub") {
    domain::Principal root = Root();
    ASSERT_TRUE(org_.CreateUnit(root, slug, "Unit " + slug, parent).ok());
  }

  //! The hub's first admin (made on first use).
  domain::Principal Root() {
    if (root_.user.id == 0) root_ = Person("root@x.example", "hub", "admin");
    return root_;
  }

  //! The audit log, newest first.
  std::vector<domain::AuditEntry> Audit() {
    std::vector<domain::AuditEntry> out;
    Status st = store_->Read([&](store::Tx& tx) -> Status {
      DND_ASSIGN_OR_RETURN(out, store::Audit(tx).List(0, 1000));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  }

  FakeClock clock_;
  std::unique_ptr<store::Store> store_;
  OrgService org_;
  domain::Principal root_;
};

}  // namespace dandelion::service
