#include "cli/text_command.h"

#include <string>

#include "enrich/enrich.h"
#include "http/text/text_codec.h"

namespace dandelion::cli {
namespace {

using http::Json;

Json ErrorLine(const Json& id, long line, const std::string& message, const std::string& field) {
  Json err = {{"code", "invalid_argument"}, {"message", message}};
  err["field"] = field.empty() ? Json(nullptr) : Json(field);
  return {{"id", id}, {"line", line}, {"error", err}};
}

}  // namespace

TextAnalyzeSummary RunTextAnalyze(std::istream& in, std::ostream& out) {
  TextAnalyzeSummary s;
  std::string line;
  long number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json j = Json::parse(line, nullptr, false);
    Json result;
    if (j.is_discarded() || !j.is_object()) {
      result = ErrorLine(nullptr, number, "the line is not a JSON object", "");
    } else {
      Json id = j.contains("id") ? j["id"] : Json(nullptr);
      std::string unknown;
      for (const auto& [k, v] : j.items()) {
        if (k != "id" && k != "text" && k != "network") unknown = k;
      }
      auto net_it = j.find("network");
      std::optional<text::Network> network = text::Network::kOther;
      if (net_it != j.end() && !net_it->is_null()) {
        network = net_it->is_string() ? text::ParseNetwork(net_it->get<std::string>()) : std::nullopt;
      }
      if (!unknown.empty()) {
        result = ErrorLine(id, number, "unknown field '" + unknown + "'", unknown);
      } else if (!j.contains("text") || !j["text"].is_string()) {
        result = ErrorLine(id, number, "text is required and must be a string", "text");
      } else if (!network) {
        result = ErrorLine(id, number,
                           "unknown network; expected x, mastodon, bluesky, linkedin, facebook, "
                           "instagram or other",
                           "network");
      } else {
        result = http::Encode(enrich::Enrich(j["text"].get<std::string>(), *network));
        result["id"] = id;
      }
    }
    if (result.contains("error")) ++s.rejected; else ++s.analyzed;
    out << result.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  }
  out.flush();
  return s;
}

}  // namespace dandelion::cli
