#include "http/contacts/contacts_codec.h"

#include <fmt/format.h>

#include "common/clock.h"

namespace dandelion::http {
namespace {

Json OptInt(const std::optional<int64_t>& v) { return v ? Json(*v) : Json(nullptr); }
Json OptTime(const std::optional<int64_t>& v) { return v ? Json(FormatTimestamp(*v)) : Json(nullptr); }

Result<std::string> Text(const Json& v, const std::string& field) {
  if (!v.is_string()) return InvalidArgument(fmt::format("{} is a string", field), field);
  return v.get<std::string>();
}

}  // namespace

Json Encode(const service::ContactView& v) {
  const domain::Person& p = v.person;
  Json identities = Json::array();
  for (const auto& i : v.identities) {
    identities.push_back({{"id", i.id},
                          {"network", i.network},
                          {"handle", i.handle},
                          {"display_name", i.display_name},
                          {"followers", OptInt(i.followers)},
                          {"first_seen", FormatTimestamp(i.first_seen_ms)},
                          {"last_seen", FormatTimestamp(i.last_seen_ms)}});
  }
  return Json{{"id", p.id},
              {"unit", v.unit_slug},
              {"seen_by", v.seen_by},
              {"display_name", p.display_name},
              {"email", p.email},
              {"email_verified", p.email_verified},
              {"customer_id", p.customer_id},
              {"tier", p.tier},
              {"location", p.location},
              {"language", p.language},
              {"tags", p.tags},
              {"consent", domain::ConsentName(p.consent)},
              {"consent_at", OptTime(p.consent_at_ms)},
              {"merged_into", OptInt(p.merged_into)},
              {"identities", std::move(identities)},
              {"created_at", FormatTimestamp(p.created_at_ms)},
              {"updated_at", FormatTimestamp(p.updated_at_ms)},
              {"version", p.version}};
}

Json Encode(const domain::PersonMerge& m) {
  return Json{{"id", m.id},
              {"target_id", m.target_id},
              {"source_id", m.source_id},
              {"identities", m.identity_ids.size()},
              {"at", FormatTimestamp(m.at_ms)},
              {"undone_at", OptTime(m.undone_at_ms)}};
}

Json Encode(const service::ContactDetail& d) {
  Json out = Encode(d.view);
  Json timeline = Json::array();
  for (const auto& t : d.timeline) {
    timeline.push_back({{"kind", t.kind},
                        {"at", FormatTimestamp(t.at_ms)},
                        {"text", t.text},
                        {"case_id", OptInt(t.case_id)},
                        {"mention_id", OptInt(t.mention_id)},
                        {"merge_id", OptInt(t.merge_id)},
                        {"network", t.network},
                        {"url", t.url},
                        {"status", t.status},
                        {"by", t.by}});
  }
  out["timeline"] = std::move(timeline);
  Json merges = Json::array();
  for (const auto& m : d.merges) merges.push_back(Encode(m));
  out["merges"] = std::move(merges);
  return out;
}

Json Encode(const service::DuplicateView& d) {
  return Json{{"contact", Encode(d.contact)}, {"reason", d.reason}, {"strong", d.strong}};
}

Result<domain::PersonChange> DecodePersonChange(const Json& body, std::optional<int64_t>* version) {
  domain::PersonChange ch;
  for (const auto& [k, v] : body.items()) {
    if (k == "display_name") {
      DND_ASSIGN_OR_RETURN(ch.display_name, Text(v, k));
    } else if (k == "email") {
      DND_ASSIGN_OR_RETURN(ch.email, Text(v, k));
    } else if (k == "customer_id") {
      DND_ASSIGN_OR_RETURN(ch.customer_id, Text(v, k));
    } else if (k == "tier") {
      DND_ASSIGN_OR_RETURN(ch.tier, Text(v, k));
    } else if (k == "location") {
      DND_ASSIGN_OR_RETURN(ch.location, Text(v, k));
    } else if (k == "language") {
      DND_ASSIGN_OR_RETURN(ch.language, Text(v, k));
    } else if (k == "email_verified") {
      if (!v.is_boolean()) return InvalidArgument("email_verified is true or false", k);
      ch.email_verified = v.get<bool>();
    } else if (k == "consent") {
      auto c = v.is_string() ? domain::ParseConsent(v.get<std::string>()) : std::nullopt;
      if (!c) return InvalidArgument("consent is unknown, granted or withdrawn", k);
      ch.consent = *c;
    } else if (k == "tags") {
      if (!v.is_array()) return InvalidArgument("tags is an array of strings", k);
      ch.tags.emplace();
      for (const auto& x : v) {
        if (!x.is_string()) return InvalidArgument("tags is an array of strings", k);
        ch.tags->push_back(x.get<std::string>());
      }
    } else if (k == "version") {
      if (!v.is_number_integer()) return InvalidArgument("version is an integer", k);
      *version = v.get<int64_t>();
    } else {
      return InvalidArgument(fmt::format("unknown field '{}'", k), k);
    }
  }
  return ch;
}

}  // namespace dandelion::http
