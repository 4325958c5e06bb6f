// The server's bounds: requests in flight per client, and the handler pool
// that refuses work beyond its queue instead of piling it up.
#include "http/in_flight.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "common/bounded_pool.h"

namespace dandelion::http {
namespace {

TEST(InFlightTest, OneClientCannotHoldMoreThanItsShare) {
  InFlight f(2);
  InFlight::Ticket a(f, "a:10.0.0.1"), b(f, "a:10.0.0.1");
  EXPECT_TRUE(a.admitted());
  EXPECT_TRUE(b.admitted());
  {
    InFlight::Ticket c(f, "a:10.0.0.1");
    EXPECT_FALSE(c.admitted());
    // Another client is not held back by the first one's requests.
    InFlight::Ticket other(f, "s:42");
    EXPECT_TRUE(other.admitted());
  }
  // A refused ticket released nothing; a finished one frees its place.
  EXPECT_FALSE(InFlight::Ticket(f, "a:10.0.0.1").admitted());
}

TEST(InFlightTest, FinishedRequestsFreeTheirPlace) {
  InFlight f(1);
  {
    InFlight::Ticket a(f, "k");
    EXPECT_TRUE(a.admitted());
  }
  InFlight::Ticket again(f, "k");
  EXPECT_TRUE(again.admitted());
}

TEST(BoundedPoolTest, RefusesWorkBeyondItsQueueInsteadOfPilingItUp) {
  BoundedPool pool(BoundedPoolOptions{.threads = 1, .max_queued = 1});
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::atomic<int> ran{0};
  std::promise<void> started;
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.set_value();
    gate.wait();
    ++ran;
  }));
  started.get_future().wait();                   // the one thread is busy now
  EXPECT_TRUE(pool.TrySubmit([&] { ++ran; }));   // waits in the queue
  EXPECT_FALSE(pool.TrySubmit([&] { ++ran; }));  // the queue is full
  EXPECT_EQ(pool.Load(), 2u);
  release.set_value();
  while (pool.Load() != 0) std::this_thread::yield();
  EXPECT_EQ(ran, 2);
}

}  // namespace
}  // namespace dandelion::http
