#include "ingest/body_source.h"

namespace dandelion::ingest {

Result<std::optional<SourceBatch>> BodySource::Next(size_t max_lines, size_t max_bytes) {
  if (done_ || rest_.empty()) return std::optional<SourceBatch>();
  SourceBatch b;
  b.origin = "request";
  b.first_line = next_line_;
  size_t bytes = 0;
  while (!rest_.empty() && b.lines.size() < max_lines && bytes < max_bytes) {
    size_t nl = rest_.find('\n');
    std::string_view line = rest_.substr(0, nl);
    b.lines.push_back(line);
    bytes += line.size();
    if (nl == std::string_view::npos) {
      rest_ = {};
      done_ = true;
    } else {
      rest_.remove_prefix(nl + 1);
    }
  }
  next_line_ += static_cast<int64_t>(b.lines.size());
  return std::optional<SourceBatch>(std::move(b));
}

}  // namespace dandelion::ingest
