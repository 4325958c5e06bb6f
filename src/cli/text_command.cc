#include "cli/text_command.h"

#include <algorithm>
#include <deque>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "engine/text_request.h"
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

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// The slow path: nlohmann reads the line whole, and names what is wrong.
Json AnalyzeSlowly(const std::string& line, long number) {
  Json j = Json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return ErrorLine(nullptr, number, "the line is not a JSON object", "");
  }
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
  if (!unknown.empty()) return ErrorLine(id, number, "unknown field '" + unknown + "'", unknown);
  if (!j.contains("text") || !j["text"].is_string()) {
    return ErrorLine(id, number, "text is required and must be a string", "text");
  }
  if (!network) {
    return ErrorLine(id, number,
                     "unknown network; expected x, mastodon, bluesky, linkedin, facebook, "
                     "instagram or other",
                     "network");
  }
  Json result = http::Encode(enrich::Enrich(j["text"].get<std::string>(), *network));
  result["id"] = id;
  return result;
}

// A slice of the input, analysed on a thread of its own; its output lines
// are written in input order.
struct Chunk {
  long first_number = 0;
  std::vector<std::string> lines;
  std::string out;
  long analyzed = 0, rejected = 0;
};

void AnalyzeChunk(Chunk& c) {
  long number = c.first_number - 1;
  for (const std::string& line : c.lines) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json result;
    if (auto fast = engine::ReadTextRequest(line)) {
      result = http::Encode(enrich::Enrich(fast->text, fast->network));
      result["id"] = Json::parse(fast->id_json);
    } else {
      result = AnalyzeSlowly(line, number);
    }
    if (result.contains("error")) ++c.rejected; else ++c.analyzed;
    c.out += Dump(result);
    c.out += '\n';
  }
  c.lines.clear();
}

}  // namespace

TextAnalyzeSummary RunTextAnalyze(std::istream& in, std::ostream& out, int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  constexpr size_t kChunkLines = 2000;
  TextAnalyzeSummary s;
  // Chunks in flight, oldest first: at most two per thread, so that memory
  // stays bounded however long the input.
  std::deque<std::future<Chunk>> flight;
  auto write_oldest = [&] {
    Chunk c = flight.front().get();
    flight.pop_front();
    out << c.out;
    s.analyzed += c.analyzed;
    s.rejected += c.rejected;
  };
  long number = 0;
  std::string line;
  for (bool more = true; more;) {
    Chunk c;
    c.first_number = number + 1;
    c.lines.reserve(kChunkLines);
    while (c.lines.size() < kChunkLines && (more = static_cast<bool>(std::getline(in, line)))) {
      c.lines.push_back(std::move(line));
      ++number;
    }
    if (c.lines.empty()) break;
    if (threads == 1) {
      AnalyzeChunk(c);
      out << c.out;
      s.analyzed += c.analyzed;
      s.rejected += c.rejected;
      continue;
    }
    flight.push_back(std::async(std::launch::async, [c = std::move(c)]() mutable {
      AnalyzeChunk(c);
      return std::move(c);
    }));
    if (flight.size() >= static_cast<size_t>(threads) * 2) write_oldest();
  }
  while (!flight.empty()) write_oldest();
  out.flush();
  return s;
}

}  // namespace dandelion::cli
