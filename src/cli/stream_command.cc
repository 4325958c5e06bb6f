#include "cli/stream_command.h"

#include <fmt/format.h>

#include "ingest/file_source.h"
#include "ingest/metrics.h"

namespace dandelion::cli {

Result<int64_t> RunPublishStream(const std::vector<std::string>& files,
                                 const ingest::JetStreamOptions& options, std::ostream& out) {
  DND_ASSIGN_OR_RETURN(auto source, ingest::FileSource::Open(files));
  DND_ASSIGN_OR_RETURN(auto stream, ingest::JetStream::Connect(options));
  int64_t lines = 0, fresh = 0;
  for (;;) {
    DND_ASSIGN_OR_RETURN(auto batch, source->Next(1000, 16u << 20));
    if (!batch) break;
    lines += static_cast<int64_t>(batch->lines.size());
    DND_ASSIGN_OR_RETURN(int64_t n, stream->Publish(batch->lines));
    fresh += n;
  }
  out << fmt::format("Published {}: {} lines, {} new to the stream {} ({} already in it).\n",
                     source->name(), lines, fresh, options.stream, lines - fresh);
  return fresh;
}

std::unique_ptr<ingest::StreamConsumer> StartConsumer(ingest::JetStream& stream,
                                                      ingest::IngestRuntime& runtime,
                                                      service::IngestService& ingest,
                                                      int workers) {
  ingest::StreamConsumerOptions co;
  co.workers = workers;
  ingest::JetStream* js = &stream;
  return std::make_unique<ingest::StreamConsumer>(
      runtime, ingest, [js](const std::atomic<bool>& stop) { return js->Consume(stop); }, co);
}

std::string RenderStreamMetrics(ingest::JetStream& stream, const ingest::StreamConsumer* consumer) {
  using ingest::MetricText;
  std::string out = MetricText("dandelion_stream_connected", "gauge",
                               "Whether the message stream is connected (1) or not (0).",
                               stream.connected() ? 1 : 0);
  if (auto lag = stream.ConsumerLag(); lag.ok()) {
    out += MetricText("dandelion_stream_pending_messages", "gauge",
                      "Messages in the stream not yet delivered to the consumers (the lag).",
                      static_cast<double>(lag->first));
    out += MetricText("dandelion_stream_unacknowledged_messages", "gauge",
                      "Messages delivered to a consumer and not yet acknowledged.",
                      static_cast<double>(lag->second));
  }
  if (consumer != nullptr) {
    out += MetricText("dandelion_stream_consumer_healthy", "gauge",
                      "Whether this node's consumer reaches the stream and the store.",
                      consumer->healthy() ? 1 : 0);
  }
  return out;
}

}  // namespace dandelion::cli
