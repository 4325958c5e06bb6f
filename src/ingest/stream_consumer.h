// StreamConsumer: a node's share of the message stream, consumed for as long
// as the node runs. One thread opens the stream's source and runs it through
// the engine's runtime; when the store or the stream goes away it says so in
// the log (and healthy() turns false, for /readyz), backs off, and tries
// again from what was not acknowledged, so nothing is lost. Independent of
// the stream's client: `open` makes the source (jetstream.h's Consume).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "ingest/runtime.h"
#include "ingest/source.h"

namespace dandelion::ingest {

struct StreamConsumerOptions {
  int workers = 2;
  size_t batch_lines = 1000;
  int64_t first_backoff_ms = 500;
  int64_t max_backoff_ms = 30'000;
};

class StreamConsumer {
 public:
  using Open = std::function<Result<std::unique_ptr<Source>>(const std::atomic<bool>& stop)>;
  //! Starts the thread.
  StreamConsumer(IngestRuntime& runtime, service::IngestService& ingest, Open open,
                 StreamConsumerOptions options = {});
  //! Stops after the batch under way (its messages acknowledged or left
  //! to be delivered again) and joins.
  ~StreamConsumer();
  StreamConsumer(const StreamConsumer&) = delete;
  StreamConsumer& operator=(const StreamConsumer&) = delete;

  //! False while the stream or the store cannot be reached.
  bool healthy() const { return healthy_.load(); }
  //! Posts stored (new and already stored) and lines set aside, so far.
  int64_t posts() const { return posts_.load(); }
  int64_t rejected() const { return rejected_.load(); }
  //! The last failure, "" when none yet.
  std::string last_error() const;

 private:
  void Run();

  IngestRuntime& runtime_;
  service::IngestService& ingest_;
  Open open_;
  StreamConsumerOptions options_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> healthy_{false};
  std::atomic<int64_t> posts_{0}, rejected_{0};
  mutable std::mutex mu_;
  std::string last_error_;
  std::thread thread_;
};

}  // namespace dandelion::ingest
