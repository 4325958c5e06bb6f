// The listening API: topics, their validation and preview, mentions,
// charts, share of voice, alerts, and the NDJSON ingest endpoint.
#pragma once

#include <cstddef>

#include "http/route_table.h"
#include "ingest/publisher.h"
#include "ingest/runtime.h"
#include "service/listening/listening.h"

namespace dandelion::http {

//! Ingest's NDJSON batches may be larger than other bodies.
inline constexpr size_t kDefaultMaxIngestBytes = 16u << 20;

//! POST /api/v1/ingest runs through `ingest` (the engine's runtime), on
//! the request's thread; or, given a `publisher` (the node runs behind a
//! message stream), publishes the lines there and answers 202.
RouteModule ListeningRoutes(service::ListeningServices& listening, ingest::IngestRuntime& ingest,
                            ingest::Publisher* publisher = nullptr,
                            size_t max_ingest_bytes = kDefaultMaxIngestBytes);

}  // namespace dandelion::http
