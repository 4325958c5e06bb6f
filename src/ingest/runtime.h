// IngestRuntime: the engine as one runtime for every entry point. A Source
// (files, a request's body, a stream) is cut into batches; workers
// normalise, enrich and match them against the topics in force
// (engine::Processor); one writer stores them in their order, one
// transaction a batch, with the batch's dead letters (DeadLetterSink);
// spike detection runs every few seconds over the hours touched; and after
// each commit the subscribers hear what was stored (AfterCommit: alerts,
// and the inbox, contacts and advocacy to come). `dandelion ingest`, POST
// /api/v1/ingest and the stream consumer all run through Run().
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/pipeline.h"
#include "ingest/dead_letters.h"
#include "ingest/metrics.h"
#include "ingest/source.h"
#include "service/listening/listening.h"

namespace dandelion::ingest {

//! What one committed batch stored: the processed mentions (with the
//! topics each matched) and, for each, its new id (nullopt: already stored,
//! so nothing new to act on).
struct StoredBatch {
  const engine::ProcessedBatch& processed;
  const std::vector<std::optional<int64_t>>& ids;
};
using AfterCommit = std::function<void(const StoredBatch&)>;

struct RunOptions {
  std::optional<engine::Format> format;  //!< nullopt: guessed per line
  //! Worker threads; 0: everything on the calling thread (a request).
  int workers = 0;
  size_t batch_lines = 8000;
  size_t batch_bytes = 64u << 20;
  //! Spike detection over the hours touched meanwhile, at most this often
  //! (and once at the end).
  std::chrono::milliseconds spike_check_every{5000};
  //! After each stored batch: the report so far and the source's progress.
  std::function<void(const service::IngestReport&, const Source&)> on_batch;
  //! For a run that never ends (a stream): after each on_batch, the report
  //! drops the alerts and rejected lines it listed (its counts go on), so
  //! that it does not grow for as long as the node runs.
  bool forget_details = false;
  //! When set, a batch the store cannot take because it is away
  //! (Unavailable) is kept and stored again each time this returns true
  //! (it waits, and says so); false ends the run. Unset: the run ends.
  std::function<bool(const Status&)> on_store_away;
};

class IngestRuntime {
 public:
  explicit IngestRuntime(service::ListeningServices& listening) : listening_(listening) {}

  //! Adds a subscriber, called on the writer's thread after every commit
  //! (keep it short: the next batch waits). Thread-safe.
  void Subscribe(AfterCommit hook);

  //! Ingests everything `source` has. Fails only on what stops the whole
  //! run (a read error, the store refusing a batch); a rejected line never
  //! does. Batches committed before a failure stay committed.
  Result<service::IngestReport> Run(Source& source, DeadLetterSink& dead,
                                    const RunOptions& options);

  //! What every run stored so far, for /metrics.
  const IngestMetrics& metrics() const { return metrics_; }

 private:
  //! Stores one processed batch with its dead letters, then tells the
  //! source and the subscribers.
  Status StoreOne(const SourceBatch& in, const engine::ProcessedBatch& result, DeadLetterSink& dead,
                  service::IngestService::TouchedHours& touched, service::IngestReport& report,
                  std::chrono::steady_clock::time_point read_at);

  service::ListeningServices& listening_;
  std::mutex hooks_mu_;
  std::vector<AfterCommit> hooks_;
  IngestMetrics metrics_;
};

}  // namespace dandelion::ingest
