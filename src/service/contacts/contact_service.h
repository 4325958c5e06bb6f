// The social CRM's use cases: find people, read one with their timeline,
// change their attributes, suggest and merge duplicates (and undo a merge),
// export everything about a person, erase them. A person is seen from the
// units whose queues met them: viewing asks kViewCases at one of those,
// changing and merging kWorkCases, export and erase kManageCare. Outside
// that, a person answers as if they did not exist.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/contacts.h"
#include "service/common/access.h"
#include "store/contacts/contact_repos.h"

namespace dandelion::service {

struct ContactView {
  domain::Person person;
  std::string unit_slug;
  std::vector<std::string> seen_by;  //!< the slugs of the units that met them
  std::vector<domain::Identity> identities;
};

struct ContactPage {
  std::vector<ContactView> items;
  std::optional<std::string> next;
};

//! One line of a person's timeline, newest first.
struct TimelineItem {
  std::string kind;  //!< mention | case | reply | auto_reply | note | merge | unmerge
  int64_t at_ms = 0;
  std::string text;
  std::optional<int64_t> case_id;
  std::optional<int64_t> mention_id;
  std::optional<int64_t> merge_id;
  std::string network;
  std::string url;
  std::string status;  //!< a case's
  std::string by;      //!< who did it (an agent's e-mail), for replies, notes, merges
};

struct ContactDetail {
  ContactView view;
  std::vector<TimelineItem> timeline;
  std::vector<domain::PersonMerge> merges;
};

struct DuplicateView {
  ContactView contact;
  std::string reason;  //!< "the same customer id C-1", "the same verified e-mail", …
  bool strong = false; //!< the same verified e-mail or customer id: surely them
};

struct EraseResult {
  bool already = false;  //!< erased before: nothing more to do
  store::ErasedCounts counts;
};

class ContactService {
 public:
  ContactService(store::Store& store, const Clock& clock) : access_(store, clock) {}

  //! `q`: the start of a word of a name, a handle (with or without '@'), an
  //! e-mail or customer id; "" every person, newest first.
  Result<ContactPage> List(const domain::Principal& who, const std::string& q,
                           const std::string& cursor, int limit);
  Result<ContactDetail> Get(const domain::Principal& who, int64_t id);
  //! `version`: when given, FailedPrecondition if the person changed since.
  Result<ContactView> Update(const domain::Principal& who, int64_t id,
                             const domain::PersonChange& change, std::optional<int64_t> version);
  Result<std::vector<DuplicateView>> Duplicates(const domain::Principal& who, int64_t id);
  //! Moves `source_id`'s identities into `target_id`; the source stays, merged.
  Result<domain::PersonMerge> Merge(const domain::Principal& who, int64_t target_id,
                                    int64_t source_id);
  //! Undoes a merge: the identities go back, the target's attributes as before.
  Result<domain::PersonMerge> Unmerge(const domain::Principal& who, int64_t merge_id);
  Result<nlohmann::json> Export(const domain::Principal& who, int64_t id);
  Result<EraseResult> Erase(const domain::Principal& who, int64_t id);

 private:
  Access access_;
};

}  // namespace dandelion::service
