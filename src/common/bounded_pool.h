// BoundedPool: a fixed set of worker threads with a bounded queue. Work that
// does not fit is refused at once (TrySubmit returns false) instead of
// piling up, so that a flood of slow requests turns into quick refusals
// rather than unbounded memory and latency. Used for HTTP request handling
// and for password hashing, each with its own pool, so that one kind of
// work cannot starve the other. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dandelion {

struct BoundedPoolOptions {
  int threads = 2;
  size_t max_queued = 64;  //!< tasks waiting for a thread, beyond those running
  //! Added to the workers' nice value (Linux: per thread): CPU-heavy work
  //! such as argon2id yields to request handling.
  int nice = 0;
};

class BoundedPool {
 public:
  explicit BoundedPool(BoundedPoolOptions options);
  //! Finishes the queued tasks, then joins the threads.
  ~BoundedPool();
  BoundedPool(const BoundedPool&) = delete;
  BoundedPool& operator=(const BoundedPool&) = delete;

  //! Queues `task`; false (and `task` not run) when the queue is full or
  //! the pool is shutting down.
  bool TrySubmit(std::function<void()> task);

  //! Tasks queued or running now.
  size_t Load() const;

 private:
  void Work();

  BoundedPoolOptions options_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace dandelion
