// IngestService: storing what the engine's Processor produced — idempotent
// on network and external id, contacts resolved, matches and hourly
// rollups written in the same transaction — and spike detection on the
// hours a batch touched (alerts.h). Only a hub admin or manager may ingest
// (AuthorizeIngest, through Access); the batch methods take no caller: the
// command line and the HTTP handler check first. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "domain/permissions.h"
#include "engine/pipeline.h"
#include "service/common/access.h"
#include "service/listening/alerts.h"
#include "service/listening/listening_views.h"
#include "service/listening/topic_runtime.h"
#include "store/store.h"

namespace dandelion::service {

//! Who sent an ingest's lines, so that its rejected lines can be kept as
//! dead letters (the rejected_lines table: ingest/dead_letters.h writes
//! them, dead_letter_service.h lists them).
struct IngestSource {
  std::string source = "api";
  std::optional<int64_t> submitted_by;
};

//! What is kept of dead letters: the first 16 KiB of each line, at most
//! 1,000 lines a request, for 30 days, and the newest 100,000 in all.
struct DeadLetterLimits {
  size_t raw_bytes = 16 * 1024;
  size_t per_request = 1000;
  int64_t keep_ms = 30LL * 24 * 3600 * 1000;
  int64_t keep_rows = 100000;
};

class IngestService {
 public:
  //! `runtime` (optional) reloads the topics when a batch was matched at
  //! an older topic version than the store's (see StoreBatch).
  IngestService(store::Store& store, const Clock& clock, const engine::TopicRegistry& registry,
                AlertNotifier* notifier = nullptr, TopicRuntime* runtime = nullptr)
      : access_(store, clock), store_(store), clock_(clock), registry_(registry),
        notifier_(notifier), runtime_(runtime) {}

  //! Checks that the caller may ingest (a hub admin or manager).
  Status AuthorizeIngest(const domain::Principal& who);
  //! (topic id, hour) pairs that received mentions.
  using TouchedHours = std::set<std::pair<int64_t, int64_t>>;
  //! Stores a processed batch in one transaction and runs spike detection
  //! on the hours it touched — or, given `defer`, adds those hours to it for
  //! a later CheckSpikes: a long ingest checks every few seconds rather
  //! than after every batch. Rejected lines are only counted here.
  //! `dead` (optional): dead letters written in the same transaction.
  //! `ids` (optional): each mention's stored id, nullopt for a duplicate.
  //! The batch is stored only while the store's topic version is the one
  //! it was matched at; else the topics are reloaded, the batch matched
  //! again, and then stored (so no topic change is missed: its back-fill
  //! covers what was stored before it, the new match what comes after).
  Result<IngestReport> StoreBatch(const engine::ProcessedBatch& batch,
                                  TouchedHours* defer = nullptr,
                                  const std::vector<domain::RejectedLine>* dead = nullptr,
                                  std::vector<std::optional<int64_t>>* ids = nullptr);
  //! Spike detection on `touched` (see alerts.h); the alerts raised, each
  //! also sent to the notifier.
  Result<std::vector<domain::Alert>> CheckSpikes(const TouchedHours& touched);
  //! Processes and stores `lines` (NDJSON, format guessed per line) on the
  //! calling thread, rejected lines only counted: the demo's data and
  //! tests. Everything else goes through ingest/runtime.h.
  Result<IngestReport> IngestLines(const std::vector<std::string_view>& lines);
  //! Runs in the transaction that stores a batch, after its mentions,
  //! matches and rollups, with each mention's stored form and id (nullopt:
  //! a duplicate): the inbox files new mentions into cases there, so that
  //! a mention and its case commit together. Its failure rolls the batch
  //! back; like the batch, it may run again (PostgreSQL retries), so it
  //! keeps no effects outside the store. Set before any ingest.
  using BatchHook = std::function<Status(store::Tx&, const engine::ProcessedBatch&,
                                         const std::vector<domain::StoredMention>&,
                                         const std::vector<std::optional<int64_t>>&)>;
  void set_batch_hook(BatchHook hook) { hook_ = std::move(hook); }
  const DeadLetterLimits& dead_letter_limits() const { return limits_; }
  const Clock& clock() const { return clock_; }
  void set_dead_letter_limits(const DeadLetterLimits& l) { limits_ = l; }

 private:
  Access access_;
  store::Store& store_;
  const Clock& clock_;
  const engine::TopicRegistry& registry_;
  Result<IngestReport> StoreOnce(const engine::ProcessedBatch& batch, TouchedHours* defer,
                                 const std::vector<domain::RejectedLine>* dead,
                                 std::vector<std::optional<int64_t>>* ids, bool* stale);

  AlertNotifier* notifier_;
  TopicRuntime* runtime_;
  DeadLetterLimits limits_;
  BatchHook hook_;
};

}  // namespace dandelion::service
