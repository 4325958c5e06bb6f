// An HTTP request's body as a source: its lines, read in place (the body
// outlives the run), numbered from 1 as the client sent them.
#pragma once

#include <string_view>

#include "ingest/source.h"

namespace dandelion::ingest {

class BodySource : public Source {
 public:
  explicit BodySource(std::string_view body) : rest_(body), size_(body.size()) {}
  Result<std::optional<SourceBatch>> Next(size_t max_lines, size_t max_bytes) override;
  int64_t consumed() const override { return static_cast<int64_t>(size_ - rest_.size()); }
  int64_t size() const override { return static_cast<int64_t>(size_); }

 private:
  std::string_view rest_;
  size_t size_;
  int64_t next_line_ = 1;
  bool done_ = false;
};

}  // namespace dandelion::ingest
