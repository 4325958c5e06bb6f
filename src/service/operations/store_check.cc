#include "service/operations/store_check.h"

#include <fmt/format.h>

#include "service/audit/audit_service.h"
#include "store/listening/listening_repos.h"

namespace dandelion::service {

Result<StoreCheck> CheckStore(store::Store& store, const Clock& clock) {
  StoreCheck check;
  DND_ASSIGN_OR_RETURN(check.problems, store.IntegrityProblems());
  DND_RETURN_IF_ERROR(store.Read([&](store::Tx& tx) -> Status {
    auto& listening = store::Listening(tx);
    DND_ASSIGN_OR_RETURN(check.mentions, listening.mentions().Count());
    DND_ASSIGN_OR_RETURN(auto topics, listening.topics().List());
    for (const auto& t : topics) {
      DND_ASSIGN_OR_RETURN(int64_t n, listening.mentions().CountForTopic(t.id));
      check.topics.push_back({t.id, t.name, n});
    }
    DND_ASSIGN_OR_RETURN(auto differences,
                         listening.rollups().DifferencesFromRecount(kMaxListedDifferences));
    for (const auto& d : differences) {
      const auto& k = d.key;
      check.problems.push_back(fmt::format(
          "rollup of topic {} (unit {}) at hour {} [{}, {}, {}, {}] says {}, the matches count {}",
          k.topic_id, k.unit_id, k.hour_ms, k.network, k.sentiment, k.intent, k.language, d.stored,
          d.recounted));
    }
    return Status::Ok();
  }));
  AuditService audit(store, clock);
  DND_ASSIGN_OR_RETURN(auto chain, audit.VerifyAsSystem());
  check.audit_entries = chain.checked;
  if (!chain.ok) check.problems.push_back("audit log: " + chain.message);
  return check;
}

}  // namespace dandelion::service
