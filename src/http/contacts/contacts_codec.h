// JSON ⇄ the social CRM's types: a contact (a person, their identities and
// the units that see them), its timeline, merges, duplicates, and the
// attribute change read strictly (an unknown field is refused by name).
#pragma once

#include "http/json_io.h"
#include "service/contacts/contact_service.h"

namespace dandelion::http {

Json Encode(const service::ContactView& v);
Json Encode(const service::ContactDetail& d);
Json Encode(const service::DuplicateView& d);
Json Encode(const domain::PersonMerge& m);
Result<domain::PersonChange> DecodePersonChange(const Json& body, std::optional<int64_t>* version);

}  // namespace dandelion::http
