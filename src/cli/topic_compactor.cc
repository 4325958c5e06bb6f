#include "cli/topic_compactor.h"

#include "common/log.h"

namespace dandelion::cli {

TopicCompactor::TopicCompactor(service::TopicRuntime& runtime,
                               std::chrono::milliseconds quiet)
    : runtime_(runtime), quiet_(quiet), thread_([this] { Run(); }) {}

TopicCompactor::~TopicCompactor() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void TopicCompactor::Run() {
  int64_t seen = -1;  // the snapshot version at the last look
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, quiet_, [&] { return stopping_; })) {
    auto current = runtime_.registry().Current();
    const bool layered = current->changes != nullptr || !current->stale.empty();
    // Unchanged for a whole period, and still in layers: compile.
    if (layered && current->version == seen) {
      lock.unlock();
      auto done = runtime_.CompactTopics();
      if (!done.ok()) LogWarn("recompiling the topics failed: " + done.status().message());
      lock.lock();
      current = runtime_.registry().Current();
    }
    seen = current->version;
  }
}

}  // namespace dandelion::cli
