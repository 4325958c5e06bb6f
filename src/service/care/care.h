// CareServices: the inbox's services over one store, wired together — the
// router every stored batch goes through, the setup of each unit's inbox,
// the cases, and the SLA sweep that runs in the background.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "common/clock.h"
#include "common/log.h"
#include "engine/pipeline.h"
#include "service/care/case_router.h"
#include "service/care/case_service.h"
#include "service/care/setup_service.h"
#include "service/listening/ingest_service.h"
#include "store/store.h"

namespace dandelion::service {

struct CareOptions {
  //! How often the SLA sweep looks for clocks due (0: never; the tests
  //! call SweepBreaches themselves).
  std::chrono::milliseconds sweep_every{15000};
};

class CareServices {
 public:
  //! Hooks the router into `ingest`: every batch stored from now on files
  //! its new mentions into cases in its own transaction.
  CareServices(store::Store& store, const Clock& clock, const engine::TopicRegistry& topics,
               IngestService& ingest, CareOptions options = {})
      : router(clock), setup(store, clock, router, topics), cases(store, clock, router) {
    ingest.set_batch_hook([this](store::Tx& tx, const engine::ProcessedBatch& b,
                                 const std::vector<domain::StoredMention>& stored,
                                 const std::vector<std::optional<int64_t>>& ids) {
      return router.FileBatch(tx, b, stored, ids);
    });
    if (options.sweep_every.count() > 0) {
      sweeper_ = std::thread([this, every = options.sweep_every] { Sweep(every); });
    }
  }
  ~CareServices() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (sweeper_.joinable()) sweeper_.join();
  }
  CareServices(const CareServices&) = delete;
  CareServices& operator=(const CareServices&) = delete;

  CaseRouter router;
  SetupService setup;
  CaseService cases;

 private:
  void Sweep(std::chrono::milliseconds every) {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, every, [this] { return stop_; })) {
      lock.unlock();
      auto swept = cases.SweepBreaches();
      if (!swept.ok() && swept.status().code() != Code::kUnavailable) {
        LogWarn("the SLA sweep failed: " + swept.status().message());
      }
      lock.lock();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread sweeper_;
};

}  // namespace dandelion::service
