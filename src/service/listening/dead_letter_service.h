// DeadLetterService: the lines sent to the server's ingest that yielded no
// mention (kept by IngestService::IngestLines, within DeadLetterLimits),
// for the people who may ingest — a hub admin or manager — to see what was
// wrong, fix it at the source and send it again, then clear them (which is
// audited). The lines are raw posts, so personal data: they are kept 30
// days at most. Thread-safe.
#pragma once

#include <string>

#include "common/clock.h"
#include "domain/permissions.h"
#include "service/common/access.h"
#include "service/listening/listening_views.h"
#include "store/store.h"

namespace dandelion::service {

class DeadLetterService {
 public:
  DeadLetterService(store::Store& store, const Clock& clock) : access_(store, clock) {}

  //! Newest first: `limit` lines below the cursor (the page's `next`; empty:
  //! from the newest), only of `reason` when given; and the counts per
  //! reason of all of them.
  Result<RejectedPage> List(const domain::Principal& who, const std::string& cursor, int limit,
                            const std::string& reason);
  //! Deletes one (NotFound when there is none).
  Status Delete(const domain::Principal& who, int64_t id);
  //! Deletes all of them (only of `reason` when given); how many.
  Result<int64_t> Clear(const domain::Principal& who, const std::string& reason);

 private:
  Access access_;
};

}  // namespace dandelion::service
