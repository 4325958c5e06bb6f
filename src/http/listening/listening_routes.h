// The listening API: topics, their validation and preview, mentions,
// charts, share of voice, alerts, and the NDJSON ingest endpoint.
#pragma once

#include <cstddef>

#include "http/route_table.h"
#include "service/listening/listening.h"

namespace dandelion::http {

//! Ingest's NDJSON batches may be larger than other bodies.
inline constexpr size_t kDefaultMaxIngestBytes = 16u << 20;

RouteModule ListeningRoutes(service::ListeningServices& listening,
                            size_t max_ingest_bytes = kDefaultMaxIngestBytes);

}  // namespace dandelion::http
