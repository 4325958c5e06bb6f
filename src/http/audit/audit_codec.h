// JSON encoding of an audit log entry.
#pragma once

#include "domain/audit.h"
#include "http/json_io.h"

namespace dandelion::http {

Json Encode(const domain::AuditEntry& e);

}  // namespace dandelion::http
