// TopicWatcher: keeps one node's compiled topics in line with the store's,
// whoever changed them. A topic changed through this node is compiled at
// once by the service that changed it; one changed through another node
// (several API nodes and workers share one PostgreSQL) is noticed here:
// every `poll` the watcher reads the store's topic version (one row, bumped
// in the same transaction as every topic change: no clock involved) and
// reloads when it moved. It also folds changes back into one compiled set
// once the topics have been quiet for `quiet` (people tend to edit several
// in a row; until then every post is scanned once per layer).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/listening/topic_runtime.h"

namespace dandelion::ingest {

struct TopicWatcherOptions {
  std::chrono::milliseconds poll{1000};
  std::chrono::milliseconds quiet{30000};
};

class TopicWatcher {
 public:
  //! Starts the thread.
  explicit TopicWatcher(service::TopicRuntime& runtime, TopicWatcherOptions options = {});
  //! Stops and joins the thread (waits for a compile under way).
  ~TopicWatcher();
  TopicWatcher(const TopicWatcher&) = delete;
  TopicWatcher& operator=(const TopicWatcher&) = delete;

  //! Reloads done because the store's version moved (for tests, metrics).
  int64_t reloads() const;

 private:
  void Run();

  service::TopicRuntime& runtime_;
  TopicWatcherOptions options_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  int64_t reloads_ = 0;
  std::thread thread_;
};

}  // namespace dandelion::ingest
