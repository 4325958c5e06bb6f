// BackfillJobs: the server's topic back-fills, off the request threads. A
// topic created or changed is marked as back-filling (TopicRuntime::
// StartBackfill) and queued here; one low-priority thread runs the queue
// (TopicRuntime::RunBackfill), a page of mentions per transaction, so that
// the request that changed the topic answers at once (after waiting a
// little: on small data the back-fill is over by then) and shows the
// progress recorded on the topic. Back-fills a stop or a crash cut short
// are resumed by ResumePending() at the next start, and by any node whose
// worker finds one standing still (Adopt: its mark did not move between
// two looks, so no node runs it). Two nodes running one back-fill stay
// correct: each page checks the mark it moves, and the one that finds it
// moved by the other stops. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "common/status.h"
#include "service/listening/topic_runtime.h"
#include "store/store.h"

namespace dandelion::service {

struct BackfillOptions {
  //! How long a request that changed a topic waits for its back-fill
  //! before answering with the progress so far (negative: until done).
  int64_t wait_ms = 2000;
  //! Added to the worker's nice value: back-fills yield to requests.
  int nice = 10;
  //! Called on the worker before each back-fill (tests hold it there).
  std::function<void(int64_t topic_id)> before_run;
  //! How often an idle worker looks for back-fills that stand still (the
  //! node that ran one stopped, or it failed there) and takes over those
  //! that did not move since its last look; 0: never.
  int64_t adopt_every_ms = 30'000;
};

class BackfillJobs {
 public:
  BackfillJobs(store::Store& store, TopicRuntime& runtime, BackfillOptions options = {});
  //! Stops after the current page; what is left resumes at the next start.
  ~BackfillJobs();
  BackfillJobs(const BackfillJobs&) = delete;
  BackfillJobs& operator=(const BackfillJobs&) = delete;

  //! Queues the back-fill marked on `topic_id` (once: queuing it again
  //! before it ran changes nothing).
  void Enqueue(int64_t topic_id);
  //! Queues every topic marked as back-filling (after a restart).
  Status ResumePending();
  //! Waits until `topic_id` is neither queued nor running, at most `ms`
  //! (negative: no limit); true when it is neither.
  bool Wait(int64_t topic_id, int64_t ms);
  //! Waits as long as BackfillOptions::wait_ms says.
  bool WaitAsConfigured(int64_t topic_id) { return Wait(topic_id, options_.wait_ms); }
  //! Back-fills that failed since the start (each is logged).
  int64_t failures() const { return failures_.load(); }
  //! The back-fills not finished, whichever node runs them (they are
  //! marked on the topics in the store), each with how far it is (0..1).
  struct Progress {
    int64_t topic_id = 0;
    double done = 0;
  };
  Result<std::vector<Progress>> Pending() const;

 private:
  void Work();
  //! Queues the back-fills whose marks stood still since the last look.
  void Adopt();
  bool Busy(int64_t topic_id) const;  // with mu_ held

  store::Store& store_;
  TopicRuntime& runtime_;
  BackfillOptions options_;
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::deque<int64_t> queue_;
  std::set<int64_t> queued_;
  std::optional<int64_t> running_;
  std::map<int64_t, int64_t> seen_;  //!< topic → its mark at the last look
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> failures_{0};
  std::thread thread_;
};

}  // namespace dandelion::service
