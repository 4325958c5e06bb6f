// IngestService: storing what the engine's Processor produced — idempotent
// on network and external id, contacts resolved, matches and hourly
// rollups written in the same transaction — and spike detection on the
// hours a batch touched (alerts.h). Only a hub admin or manager may ingest
// (AuthorizeIngest, through Access); the batch methods take no caller: the
// command line and the HTTP handler check first. Thread-safe.
#pragma once

#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "domain/permissions.h"
#include "engine/pipeline.h"
#include "service/common/access.h"
#include "service/listening/alerts.h"
#include "service/listening/listening_views.h"
#include "store/store.h"

namespace dandelion::service {

class IngestService {
 public:
  IngestService(store::Store& store, const Clock& clock, const engine::TopicRegistry& registry,
                AlertNotifier* notifier = nullptr)
      : access_(store, clock), store_(store), clock_(clock), registry_(registry),
        notifier_(notifier) {}

  //! Checks that the caller may ingest (a hub admin or manager).
  Status AuthorizeIngest(const domain::Principal& who);
  //! (topic id, hour) pairs that received mentions.
  using TouchedHours = std::set<std::pair<int64_t, int64_t>>;
  //! Stores a processed batch in one transaction and runs spike detection
  //! on the hours it touched — or, given `defer`, adds those hours to it for
  //! a later CheckSpikes: a long ingest checks every few seconds rather
  //! than after every batch. Rejected lines are only counted here.
  Result<IngestReport> StoreBatch(const engine::ProcessedBatch& batch,
                                  TouchedHours* defer = nullptr);
  //! Spike detection on `touched` (see alerts.h); the alerts raised, each
  //! also sent to the notifier.
  Result<std::vector<domain::Alert>> CheckSpikes(const TouchedHours& touched);
  //! Processes and stores `lines` (NDJSON, format guessed per line) on the
  //! calling thread: the HTTP ingest path.
  Result<IngestReport> IngestLines(const std::vector<std::string_view>& lines);

 private:
  Access access_;
  store::Store& store_;
  const Clock& clock_;
  const engine::TopicRegistry& registry_;
  AlertNotifier* notifier_;
};

}  // namespace dandelion::service
