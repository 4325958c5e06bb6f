#include "common/bounded_pool.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>

namespace dandelion {

BoundedPool::BoundedPool(BoundedPoolOptions options) : options_(options) {
  for (int i = 0; i < std::max(1, options_.threads); ++i) {
    threads_.emplace_back([this] {
      if (options_.nice != 0) {
        // On Linux the nice value is per thread (setpriority on the TID).
        // Best effort: without the right, the worker runs at normal priority.
        pid_t tid = static_cast<pid_t>(syscall(SYS_gettid));
        int current = getpriority(PRIO_PROCESS, tid);
        (void)setpriority(PRIO_PROCESS, tid, current + options_.nice);
      }
      Work();
    });
  }
}

BoundedPool::~BoundedPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

bool BoundedPool::TrySubmit(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return false;
    // Idle threads take work at once; only the rest waits in the queue.
    size_t idle = threads_.size() > running_ ? threads_.size() - running_ : 0;
    if (queue_.size() >= options_.max_queued + idle) return false;
    queue_.push_back(std::move(task));
  }
  wake_.notify_one();
  return true;
}

size_t BoundedPool::Load() const {
  std::lock_guard lock(mu_);
  return queue_.size() + running_;
}

void BoundedPool::Work() {
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to do
    std::function<void()> task = std::move(queue_.front());
    queue_.pop_front();
    ++running_;
    lock.unlock();
    task();
    lock.lock();
    --running_;
  }
}

}  // namespace dandelion
