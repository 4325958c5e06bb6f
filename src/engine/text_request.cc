#include "engine/text_request.h"

#include <simdjson.h>

namespace dandelion::engine {

std::optional<TextRequest> ReadTextRequest(std::string_view line) {
  // One parser per thread: `text analyze` reads on several. The DOM parser
  // validates the whole line (trailing bytes included) before any field is
  // read.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(line.data(), line.size(), true).get(doc)) return std::nullopt;
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) return std::nullopt;
  TextRequest r;
  r.id_json = "null";
  bool has_text = false;
  for (auto [key, value] : obj) {
    if (key == "id") {
      if (value.is_object() || value.is_array()) return std::nullopt;  // the slow path copies it
      r.id_json = simdjson::minify(value);
    } else if (key == "text") {
      std::string_view s;
      if (value.get_string().get(s)) return std::nullopt;
      r.text.assign(s);
      has_text = true;
    } else if (key == "network") {
      if (value.is_null()) continue;
      std::string_view s;
      if (value.get_string().get(s)) return std::nullopt;
      auto n = text::ParseNetwork(s);
      if (!n) return std::nullopt;
      r.network = *n;
    } else {
      return std::nullopt;  // the slow path names the field
    }
  }
  if (!has_text) return std::nullopt;
  return r;
}

}  // namespace dandelion::engine
