// The fast path of `dandelion text analyze`'s input: one NDJSON line
// {"id": …, "text": "…", "network": "…"} read with simdjson On Demand.
// Only well-formed lines take it; anything else (not JSON, a field of the
// wrong type, an unknown field, an id that is an object) returns nullopt,
// and the caller reads the line the slow way, which names what is wrong.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "text/network.h"

namespace dandelion::engine {

struct TextRequest {
  std::string id_json;  //!< the id as JSON text ("null" when absent)
  std::string text;
  text::Network network = text::Network::kOther;
};

std::optional<TextRequest> ReadTextRequest(std::string_view line);

}  // namespace dandelion::engine
