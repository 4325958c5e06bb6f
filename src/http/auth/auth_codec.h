// JSON encoding of an API token (never its secret, which is shown once).
#pragma once

#include "domain/model.h"
#include "http/json_io.h"

namespace dandelion::http {

Json Encode(const domain::ApiToken& t);

}  // namespace dandelion::http
