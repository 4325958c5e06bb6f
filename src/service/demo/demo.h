// The demo organisation seeded by `dandelion demo` and by the first
// `make run`: a hub, spokes, a region with a sub-spoke, and a dozen people
// in every role.
#pragma once

#include <string>
#include <vector>

#include "service/org/org_service.h"

namespace dandelion::service {

//! The password every demo user shares (printed at start; demo data only).
inline constexpr std::string_view kDemoPassword = "dandelion-demo";

struct DemoLogin {
  std::string email, name, unit, role;
};

//! Seeds the demo organisation into an empty store. FailedPrecondition
//! when the store already has users (so real data is never mixed with it).
Result<std::vector<DemoLogin>> SeedDemo(store::Store& store, OrgService& org);

//! The logins SeedDemo creates, for printing.
std::vector<DemoLogin> DemoLogins();

}  // namespace dandelion::service
