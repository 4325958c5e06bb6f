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

}  // namespace

std::vector<DeadLetter> DeadLettersOf(const SourceBatch& in,
                                      const std::vector<engine::RejectedLine>& rejected) {
  std::vector<DeadLetter> out;
  out.reserve(rejected.size() + in.refused.size());
  for (const auto& r : rejected) {
    // The engine numbers the batch's lines from first_line.
    const size_t i = static_cast<size_t>(r.line - in.first_line);
    out.push_back({in.origin, in.NumberAt(i), in.lines[i], r.reason, r.message});
  }
  for (const auto& r : in.refused) out.push_back({in.origin, r.number, r.raw, r.reason, r.message});
  return out;
}

Status FileDeadLetters::Take(const std::vector<DeadLetter>& letters,
                             std::vector<domain::RejectedLine>&) {
  if (letters.empty()) return Status::Ok();
  if (!out_) {
    out_ = std::make_unique<std::ofstream>(path_, std::ios::trunc);
    if (!*out_) return Unavailable("cannot write the dead-letter file " + path_);
  }
  constexpr size_t kKeep = 64 * 1024;  // enough to see what is wrong
  for (const auto& r : letters) {
    std::string_view raw = r.raw;
    nlohmann::json j = {{"file", r.origin},
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

Status TableDeadLetters::Take(const std::vector<DeadLetter>& letters,
                              std::vector<domain::RejectedLine>& rows) {
  const int64_t now = clock_.NowMs();
  for (const auto& r : letters) {
    if (static_cast<size_t>(kept_) >= max_kept_) break;
    std::string_view raw = r.raw;
    domain::RejectedLine d;
    d.received_at_ms = now;
    d.source = source_.source;
    d.submitted_by = source_.submitted_by;
    d.line = r.line;
    d.reason = std::string(r.reason);
    d.message = StorableText(r.message, 1024);
    d.raw = StorableText(raw, limits_.raw_bytes);
    d.raw_bytes = static_cast<int64_t>(raw.size());
    rows.push_back(std::move(d));
    ++kept_;
  }
  return Status::Ok();
}

}  // namespace dandelion::ingest
