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

//! Starts consuming `stream` into `runtime` with `workers` threads (later
//! outages of the stream or the store are waited out).
std::unique_ptr<ingest::StreamConsumer> StartConsumer(ingest::JetStream& stream,
                                                      ingest::IngestRuntime& runtime,
                                                      service::IngestService& ingest, int workers);

//! The stream's figures for /metrics: connected, the consumer's lag
//! (messages not yet delivered, delivered but not acknowledged) and
//! whether this node's consumer stores (`consumer` may be null).
std::string RenderStreamMetrics(ingest::JetStream& stream, const ingest::StreamConsumer* consumer);

}  // namespace dandelion::cli
