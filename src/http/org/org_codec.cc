#include "http/org/org_codec.h"

#include "common/clock.h"

namespace dandelion::http {

Json Encode(const domain::User& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"name", u.name},
          {"created_at", FormatTimestamp(u.created_at_ms)}};
}

Json Encode(const service::UnitView& v) {
  Json j = {{"id", v.unit.id},
            {"slug", v.unit.slug},
            {"name", v.unit.name},
            {"depth", v.depth},
            {"created_at", FormatTimestamp(v.unit.created_at_ms)}};
  j["parent"] = v.parent_slug ? Json(*v.parent_slug) : Json(nullptr);
  return j;
}

Json Encode(const service::MemberView& m) {
  return {{"id", m.membership.id},
          {"user_id", m.membership.user_id},
          {"unit", m.unit_slug},
          {"role", domain::RoleName(m.membership.role)},
          {"user", Encode(m.user)}};
}

Json Encode(const service::UserView& v) {
  Json j = Encode(v.user);
  Json roles = Json::array();
  for (const auto& [unit, role] : v.roles) roles.push_back({{"unit", unit}, {"role", domain::RoleName(role)}});
  j["memberships"] = roles;
  return j;
}

Json EncodeMemberships(const domain::Principal& p, const std::vector<service::UnitView>& units) {
  Json out = Json::array();
  for (const auto& m : p.memberships) {
    std::string slug;
    std::string name;
    for (const auto& u : units) {
      if (u.unit.id == m.unit_id) {
        slug = u.unit.slug;
        name = u.unit.name;
      }
    }
    out.push_back({{"id", m.id},
                   {"user_id", m.user_id},
                   {"unit", slug},
                   {"unit_name", name},
                   {"role", domain::RoleName(m.role)}});
  }
  return out;
}

}  // namespace dandelion::http
