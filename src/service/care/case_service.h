// CaseService: the inbox's use cases — the queues of every unit the caller
// may see, a case with its thread and history, and working it: claim,
// assign, status, priority and tags, internal notes, replies. Every change
// is one transaction with its history entry, guarded by the case's version
// (two agents claiming one case: one wins, the other hears who did).
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/care.h"
#include "domain/permissions.h"
#include "service/care/care_views.h"
#include "service/care/case_router.h"
#include "service/common/access.h"
#include "store/store.h"

namespace dandelion::service {

//! A queue's filter as the caller sent it.
struct CaseFilter {
  std::string unit;  //!< a unit's slug; "" every unit whose cases the caller may see
  bool subtree = true;  //!< with the unit's descendants' queues
  std::vector<domain::CaseStatus> statuses;  //!< empty: new, open and pending
  std::string assignee;  //!< "" anyone, "me", "none", or a user id
  std::optional<domain::CasePriority> priority;
  std::string tag;
  bool by_due = true;    //!< false: newest first
  std::string cursor;
  int limit = 50;
};

class CaseService {
 public:
  CaseService(store::Store& store, const Clock& clock, CaseRouter& router)
      : access_(store, clock), clock_(clock), router_(router) {}

  Result<CasePage> List(const domain::Principal& who, const CaseFilter& filter);
  //! NotFound for a case outside the caller's view.
  Result<CaseDetail> Get(const domain::Principal& who, int64_t id);
  //! Takes the case for the caller. FailedPrecondition naming who holds it
  //! when someone else does.
  Result<CaseView> Claim(const domain::Principal& who, int64_t id);
  //! Gives the case to `user_id` (nullopt: nobody), who must hold the right
  //! to work the case's unit (InvalidArgument "user_id" otherwise).
  Result<CaseView> Assign(const domain::Principal& who, int64_t id, std::optional<int64_t> user_id);
  //! new → open → pending → resolved; pending stops the clocks.
  Result<CaseView> SetStatus(const domain::Principal& who, int64_t id, domain::CaseStatus status);
  Result<CaseView> Update(const domain::Principal& who, int64_t id,
                          std::optional<domain::CasePriority> priority,
                          std::optional<std::vector<std::string>> tags);
  //! An internal note; @email mentions of colleagues are kept in its text.
  Result<domain::CaseEvent> AddNote(const domain::Principal& who, int64_t id,
                                    const std::string& text);
  //! A reply to the customer, checked for the network's length and for
  //! personal data (refused unless `allow_personal_data`); with no connector
  //! for the network yet it is recorded as sent elsewhere. Stops the
  //! response clocks; a new case becomes open.
  Result<domain::CaseEvent> Reply(const domain::Principal& who, int64_t id,
                                  const std::string& text, bool allow_personal_data);

  //! The SLA sweep: every clock due by now that has not breached is marked
  //! breached and escalated as its policy says (history, priority, a move).
  //! Returns the cases breached. For a timer and the tests.
  Result<std::vector<CaseView>> SweepBreaches();

 private:
  //! Loads the case, checks `action` on its unit (hidden when the caller may
  //! not see it), runs `change` and saves it with a history entry.
  Result<CaseView> Change(const domain::Principal& who, int64_t id, const std::string& audit_action,
                          const std::function<Status(Scope&, domain::Case&, domain::CaseEvent&)>& change);

  Access access_;
  const Clock& clock_;
  CaseRouter& router_;
};

//! The view of a case: names, and its clocks as states.
CaseView ViewOf(const domain::Case& c, const domain::UnitTree& tree, const CareSnapshot& snap,
                std::string assignee_email, int64_t now);

}  // namespace dandelion::service
