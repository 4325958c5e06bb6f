#include "service/demo/demo.h"

#include "store/org/org_repos.h"

namespace dandelion::service {
namespace {

struct DemoUnit {
  const char* slug;
  const char* name;
  const char* parent;
};

constexpr DemoUnit kUnits[] = {
    {"consumer", "Consumer Products", "hub"},
    {"support", "Customer Support", "hub"},
    {"retail", "Retail", "hub"},
    {"hr", "Recruiting & HR", "hub"},
    {"emea", "EMEA", "hub"},
    {"emea-dach", "DACH (Germany, Austria, Switzerland)", "emea"},
    {"emea-uki", "UK & Ireland", "emea"},
};

}  // namespace

std::vector<DemoLogin> DemoLogins() {
  return {
      {"admin@demo.example", "Ada Okafor", "hub", "admin"},
      {"hub.manager@demo.example", "Hiro Tanaka", "hub", "manager"},
      {"analyst@demo.example", "Priya Raman", "hub", "analyst"},
      {"legal@demo.example", "Lena Fischer", "hub", "reviewer"},
      {"consumer.lead@demo.example", "Marco Rossi", "consumer", "manager"},
      {"consumer.publisher@demo.example", "Chloe Martin", "consumer", "publisher"},
      {"support.lead@demo.example", "Samuel Mensah", "support", "admin"},
      {"agent@demo.example", "Yara Haddad", "support", "agent"},
      {"retail.agent@demo.example", "Tomás Silva", "retail", "agent"},
      {"retail.publisher@demo.example", "Diego Alvarez", "retail", "publisher"},
      {"recruiter@demo.example", "Grace Kim", "hr", "publisher"},
      {"emea.admin@demo.example", "Jonas Weber", "emea", "admin"},
      {"advocate@demo.example", "Aisha Bello", "emea-dach", "advocate"},
  };
}

Result<std::vector<DemoLogin>> SeedDemo(store::Store& store, OrgService& org) {
  int64_t users = 0;
  DND_RETURN_IF_ERROR(store.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(users, store::Org(repos).users().Count());
    return Status::Ok();
  }));
  if (users > 0) {
    return FailedPrecondition(
        "the store already has users; the demo is only seeded into an empty one");
  }
  DND_ASSIGN_OR_RETURN(domain::Unit hub, org.EnsureHub("Social Media Center of Excellence"));
  std::vector<DemoLogin> logins = DemoLogins();
  // The hub admin is created first so that it can create the rest as a
  // real caller, which audits the seeding like any other change.
  DND_ASSIGN_OR_RETURN(UserView admin,
                       org.CreateUserAsSystem({logins[0].email, logins[0].name,
                                               std::string(kDemoPassword), "hub", "admin"}));
  domain::Principal root{admin.user,
                         {domain::Membership{0, admin.user.id, hub.id, domain::Role::kAdmin}}};
  if (hub.name != "Social Media Center of Excellence") {
    DND_RETURN_IF_ERROR(org.RenameUnit(root, "hub", "Social Media Center of Excellence").status());
  }
  for (const DemoUnit& u : kUnits) {
    DND_RETURN_IF_ERROR(org.CreateUnit(root, u.slug, u.name, u.parent).status());
  }
  for (size_t i = 1; i < logins.size(); ++i) {
    const DemoLogin& l = logins[i];
    DND_RETURN_IF_ERROR(
        org.CreateUser(root, {l.email, l.name, std::string(kDemoPassword), l.unit, l.role})
            .status());
  }
  return logins;
}

}  // namespace dandelion::service
