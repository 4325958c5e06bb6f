// The plain types of the social CRM. A contact is one person behind one or
// more network identities (listening's contacts rows: one per network and
// handle, every author's); the inbox gives a person to each identity that
// opens a case. Merging moves identities between people and remembers
// which, so that it can be undone; erasing keeps only a tombstone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace dandelion::domain {

enum class Consent { kUnknown, kGranted, kWithdrawn };
std::string_view ConsentName(Consent c);
std::optional<Consent> ParseConsent(std::string_view name);

//! A person: the contact an agent sees.
struct Person {
  int64_t id = 0;
  int64_t unit_id = 0;  //!< the unit whose queue first met them
  std::string display_name;
  std::string email;  //!< lower case; "" unknown
  bool email_verified = false;
  std::string customer_id;  //!< the company's own id for them; "" unknown
  std::string tier;         //!< "gold", "vip", … (routing rules ask it); "" none
  std::string location;
  std::string language;  //!< ISO 639-1; "" unknown
  std::vector<std::string> tags;  //!< sorted, unique
  Consent consent = Consent::kUnknown;
  std::optional<int64_t> consent_at_ms;
  std::optional<int64_t> merged_into;  //!< set while merged into another person
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
  int64_t version = 1;
};

//! One of a person's network identities.
struct Identity {
  int64_t id = 0;  //!< the listening contact's id (mentions.contact_id)
  int64_t person_id = 0;
  std::string network;
  std::string handle;
  std::string external_id;
  std::string display_name;
  std::optional<int64_t> followers;
  int64_t first_seen_ms = 0;
  int64_t last_seen_ms = 0;
};

//! A merge, as recorded so that it can be undone.
struct PersonMerge {
  int64_t id = 0;
  int64_t target_id = 0;
  int64_t source_id = 0;
  std::vector<int64_t> identity_ids;  //!< the identities moved from source to target
  std::string target_before;          //!< the target's attributes before (JSON)
  int64_t by_user_id = 0;
  int64_t at_ms = 0;
  std::optional<int64_t> undone_at_ms;
};

//! What is left of an erased person.
struct Tombstone {
  int64_t person_id = 0;
  int64_t unit_id = 0;  //!< the person's unit: who may know of the erase
  int64_t erased_at_ms = 0;
  int64_t by_user_id = 0;
  int64_t mentions = 0;  //!< mentions scrubbed
  int64_t cases = 0;     //!< cases scrubbed
};

//! What an agent may change on a person; unset: unchanged.
struct PersonChange {
  std::optional<std::string> display_name;
  std::optional<std::string> email;
  std::optional<bool> email_verified;
  std::optional<std::string> customer_id;
  std::optional<std::string> tier;
  std::optional<std::string> location;
  std::optional<std::string> language;
  std::optional<std::vector<std::string>> tags;
  std::optional<Consent> consent;
};

//! Checks the change's fields (InvalidArgument naming the field) and
//! applies it to `p`, normalising (e-mail lower case, tags sorted and
//! unique). `now_ms` stamps a consent change.
Status ApplyPersonChange(const PersonChange& change, Person& p, int64_t now_ms);

//! The words a person is found by: each word of the name, handles (with and
//! without '@'), the e-mail and its local part, the customer id; lower case.
std::vector<std::string> SearchKeysOf(const Person& p, const std::vector<Identity>& identities);

}  // namespace dandelion::domain
