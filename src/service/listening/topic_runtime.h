// TopicRuntime: the compiled topics in force. It brings the TopicRegistry
// (what ingest matches posts against) in line with the stored topics, and
// back-fills a new or changed topic over the stored mentions (the server
// runs that part in the background: backfill_jobs.h). It takes no
// caller: the services that change topics (TopicsService) check who may,
// then ask it. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include "engine/pipeline.h"
#include "listening/query.h"
#include "store/store.h"

namespace dandelion::service {

class TopicRuntime {
 public:
  TopicRuntime(store::Store& store, engine::TopicRegistry& registry)
      : store_(store), registry_(registry) {}

  //! Brings the compiled topics in line with the stored ones and swaps
  //! them in. A few changes since the last full compile (at most
  //! kMaxTopicChanges topics) are compiled on their own, in milliseconds;
  //! more, the first load, or `full`, compile every topic again.
  //! Returns the topics left out of what it compiled (a query that no
  //! longer parses) — none in normal operation.
  Result<std::vector<listening::CompileError>> ReloadTopics(bool full = false);
  //! When topics changed since the last full compile, compiles them all
  //! again so that posts are scanned once rather than once per layer; for
  //! a background thread, a while after the last change. True when it did.
  Result<bool> CompactTopics();
  static constexpr size_t kMaxTopicChanges = 64;

  //! Begins rebuilding topic `id`'s matches and rollups: clears them and
  //! marks the topic as back-filling up to the newest stored mention
  //! (Topic::backfill_after and backfill_until). Quick: the work is
  //! RunBackfill's.
  Status StartBackfill(int64_t topic_id);
  //! Runs, or goes on with, the back-fill marked on the topic: the stored
  //! mentions up to `backfill_until` (candidates from the full-text index),
  //! a page per transaction that also records how far it got, so that it
  //! shows its progress and a restart resumes it. Before each page it asks
  //! `go_on` (when given) and stops if told not to; it stops too when the
  //! topic is changed (a new back-fill began) or deleted. Returns the
  //! matches it added.
  Result<int64_t> RunBackfill(int64_t topic_id, const std::function<bool()>& go_on = {});
  //! Both on the calling thread (the command line, tests).
  Result<int64_t> Backfill(int64_t topic_id);

  //! The store's topic version (TopicRepo::Version: moved by every topic
  //! change on any node), and the one the topics in force were loaded at.
  Result<int64_t> StoredVersion();
  int64_t loaded_version() const { return loaded_version_.load(); }

  //! The compiled topics in force (what a Processor matches against).
  const engine::TopicRegistry& registry() const { return registry_; }

 private:
  store::Store& store_;
  engine::TopicRegistry& registry_;
  std::atomic<int64_t> loaded_version_{-1};
};

}  // namespace dandelion::service
