#include "ingest/topic_watcher.h"

#include "common/log.h"

namespace dandelion::ingest {

TopicWatcher::TopicWatcher(service::TopicRuntime& runtime, TopicWatcherOptions options)
    : runtime_(runtime), options_(options), thread_([this] { Run(); }) {}

TopicWatcher::~TopicWatcher() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

int64_t TopicWatcher::reloads() const {
  std::lock_guard lock(mu_);
  return reloads_;
}

void TopicWatcher::Run() {
  using Clock = std::chrono::steady_clock;
  int64_t seen = -1;  // the snapshot version at the last look
  auto unchanged_since = Clock::now();
  bool warned = false;
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, options_.poll, [&] { return stopping_; })) {
    lock.unlock();
    // Changed elsewhere: reload (only what changed is compiled).
    auto stored = runtime_.StoredVersion();
    if (!stored.ok()) {
      if (!warned) LogWarn("topics: cannot read the topic version: " + stored.status().message());
      warned = true;
    } else {
      warned = false;
      if (*stored != runtime_.loaded_version()) {
        auto reloaded = runtime_.ReloadTopics();
        if (!reloaded.ok()) {
          LogWarn("topics: not reloaded: " + reloaded.status().message());
        } else {
          std::lock_guard counted(mu_);
          ++reloads_;
        }
      }
    }
    // Unchanged for a whole quiet period, and still in layers: compile.
    auto current = runtime_.registry().Current();
    if (current->version != seen) {
      seen = current->version;
      unchanged_since = Clock::now();
    } else if (Clock::now() - unchanged_since >= options_.quiet &&
               (current->changes != nullptr || !current->stale.empty())) {
      auto done = runtime_.CompactTopics();
      if (!done.ok()) LogWarn("recompiling the topics failed: " + done.status().message());
      seen = runtime_.registry().Current()->version;
      unchanged_since = Clock::now();
    }
    lock.lock();
  }
}

}  // namespace dandelion::ingest
