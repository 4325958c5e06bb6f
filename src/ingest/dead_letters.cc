#include "ingest/dead_letters.h"

#include <nlohmann/json.hpp>

#include "text/utf8.h"

namespace dandelion::ingest {
namespace {

// The start of a rejected line as the database can hold it: valid UTF-8
// (a cut sequence, or bytes that never were UTF-8, become U+FFFD) without
// NUL, which PostgreSQL's text refuses.
std::string StorableText(std::string_view raw, size_t max_bytes) {
  std::string out = text::SanitizeUtf8(raw.substr(0, max_bytes));
  std::string clean;
  clean.reserve(out.size());
  for (char c : out) {
    if (c == '\0') {
      clean += "\xEF\xBF\xBD";
    } else {
      clean += c;
    }
  }
  return clean;
}

std::string_view LineOf(const SourceBatch& in, const engine::RejectedLine& r) {
  return in.lines[static_cast<size_t>(r.line - in.first_line)];
}

}  // namespace

Status FileDeadLetters::Take(const SourceBatch& in,
                             const std::vector<engine::RejectedLine>& rejected,
                             std::vector<domain::RejectedLine>&) {
  if (rejected.empty()) return Status::Ok();
  if (!out_) {
    out_ = std::make_unique<std::ofstream>(path_, std::ios::trunc);
    if (!*out_) return Unavailable("cannot write the dead-letter file " + path_);
  }
  constexpr size_t kKeep = 64 * 1024;  // enough to see what is wrong
  for (const auto& r : rejected) {
    std::string_view raw = LineOf(in, r);
    nlohmann::json j = {{"file", in.origin},
                        {"line", r.line},
                        {"reason", r.reason},
                        {"error", r.message},
                        {"raw", std::string(raw.substr(0, kKeep))},
                        {"truncated", raw.size() > kKeep}};
    *out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    ++kept_;
  }
  return Status::Ok();
}

Status FileDeadLetters::Flush() {
  if (!out_) return Status::Ok();
  out_->flush();
  if (!*out_) return Unavailable("cannot write the dead-letter file " + path_);
  return Status::Ok();
}

Status TableDeadLetters::Take(const SourceBatch& in,
                              const std::vector<engine::RejectedLine>& rejected,
                              std::vector<domain::RejectedLine>& rows) {
  for (const auto& r : rejected) {
    if (static_cast<size_t>(kept_) >= limits_.per_request) break;
    std::string_view raw = LineOf(in, r);
    domain::RejectedLine d;
    d.received_at_ms = now_ms_;
    d.source = source_.source;
    d.submitted_by = source_.submitted_by;
    d.line = r.line;
    d.reason = r.reason;
    d.message = StorableText(r.message, 1024);
    d.raw = StorableText(raw, limits_.raw_bytes);
    d.raw_bytes = static_cast<int64_t>(raw.size());
    rows.push_back(std::move(d));
    ++kept_;
  }
  return Status::Ok();
}

}  // namespace dandelion::ingest
