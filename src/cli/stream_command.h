// The message stream from the command line: `dandelion publish-stream`
// feeds NDJSON files into it (one post per message, for load tests and
// replays), and the consumer that `serve --nats` and `dandelion worker` run
// (ingest/stream_consumer.h over ingest/jetstream.h).
#pragma once

#include <atomic>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "ingest/jetstream.h"
#include "ingest/runtime.h"
#include "ingest/stream_consumer.h"

namespace dandelion::cli {

//! Publishes every line of `files`; prints how many the stream took as new
//! (a line published before, within the stream's duplicate window, is not).
Result<int64_t> RunPublishStream(const std::vector<std::string>& files,
                                 const ingest::JetStreamOptions& options, std::ostream& out);

//! A node's consumer of the stream: the connection and the thread.
struct StreamNode {
  std::unique_ptr<ingest::JetStream> stream;
  std::unique_ptr<ingest::StreamConsumer> consumer;
};

//! Connects and starts consuming into `runtime`. Unavailable when NATS
//! cannot be reached at start (later outages are waited out).
Result<StreamNode> StartStreamNode(const ingest::JetStreamOptions& options,
                                   ingest::IngestRuntime& runtime,
                                   service::IngestService& ingest, int workers);

}  // namespace dandelion::cli
