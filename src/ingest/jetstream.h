// NATS JetStream, the engine's message stream (libnats, Debian's
// libnats-dev). Posts are published one per message on `dandelion.ingest.>`
// into the stream DANDELION; every node consumes them through one durable
// pull consumer, so the stream's messages are shared out among the nodes.
// A message is acknowledged only once its batch is committed (Source's
// `committed`): a node that dies mid-batch leaves its messages to be
// delivered again, and the store's idempotent writes (one mention per
// network and id) keep each post stored once. A message delivered more
// than `max_deliveries` times is set aside as a dead letter rather than
// tried again forever. Only this file and jetstream.cc see libnats.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ingest/publisher.h"
#include "ingest/source.h"

namespace dandelion::ingest {

struct JetStreamOptions {
  std::string url = "nats://127.0.0.1:4222";
  std::string stream = "DANDELION";
  std::string subjects = "dandelion.ingest.>";
  std::string publish_subject = "dandelion.ingest.posts";
  std::string durable = "dandelion-ingest";
  int64_t fetch_wait_ms = 1000;   //!< how long a fetch waits for messages
  int64_t ack_wait_ms = 60'000;   //!< unacknowledged this long: delivered again
  int max_deliveries = 5;         //!< then a dead letter
  int64_t duplicate_window_ms = 2 * 60'000;  //!< the stream's publish de-duplication
};

class JetStream : public Publisher {
 public:
  //! Connects (and keeps reconnecting when the server goes away), and makes
  //! the stream when it does not exist. Unavailable naming the URL.
  static Result<std::unique_ptr<JetStream>> Connect(const JetStreamOptions& options);
  ~JetStream() override;
  JetStream(const JetStream&) = delete;
  JetStream& operator=(const JetStream&) = delete;

  //! Publishes each line as one message and waits for the stream's acks.
  //! Each carries a message id (a digest of the line), so that publishing
  //! the same line again within the duplicate window stores it once.
  //! Returns how many the stream took as new.
  Result<int64_t> Publish(const std::vector<std::string_view>& lines);
  Result<PublishReceipt> PublishLines(const std::vector<std::string_view>& lines) override;

  //! A source over the durable consumer: each Next() fetches up to
  //! `max_lines` messages, waiting at most fetch_wait_ms (an empty batch
  //! when the stream is quiet); nullopt once `stop` is set.
  Result<std::unique_ptr<Source>> Consume(const std::atomic<bool>& stop);

  //! Connected to the server now.
  bool connected() const;
  //! Messages not yet delivered to the consumer, and delivered but not
  //! yet acknowledged (the consumer's lag); for metrics and tests.
  Result<std::pair<int64_t, int64_t>> ConsumerLag();

  struct Impl;

 private:
  explicit JetStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dandelion::ingest
