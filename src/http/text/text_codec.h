// JSON encoding of an Enrichment, shared by POST /api/v1/text/analyze and
// `dandelion text analyze` so that both speak exactly the same fields.
#pragma once

#include "enrich/enrich.h"
#include "http/json_io.h"

namespace dandelion::http {

Json Encode(const enrich::Enrichment& e);

}  // namespace dandelion::http
