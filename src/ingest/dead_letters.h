// Where the lines that yield no mention go, with their reason: a file for
// the command line (dandelion ingest), the rejected_lines table for the
// server (written in the same transaction as the batch's mentions, so both
// land or neither does; listed in the UI by dead_letter_service.h).
#pragma once

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "domain/listening.h"
#include "engine/pipeline.h"
#include "ingest/source.h"
#include "service/listening/ingest_service.h"

namespace dandelion::ingest {

class DeadLetterSink {
 public:
  virtual ~DeadLetterSink() = default;
  //! Takes a batch's rejected lines before the batch is stored: rows to be
  //! written in the batch's transaction go to `rows` (the table); a file
  //! writes them at once.
  virtual Status Take(const SourceBatch& in, const std::vector<engine::RejectedLine>& rejected,
                      std::vector<domain::RejectedLine>& rows) = 0;
  //! Lines kept so far.
  virtual int64_t kept() const = 0;
};

//! NDJSON, one rejected line per line: file, line, reason, error, the raw
//! line (its first 64 KiB) and whether it was cut. Created on the first.
class FileDeadLetters : public DeadLetterSink {
 public:
  explicit FileDeadLetters(std::string path) : path_(std::move(path)) {}
  Status Take(const SourceBatch& in, const std::vector<engine::RejectedLine>& rejected,
              std::vector<domain::RejectedLine>& rows) override;
  int64_t kept() const override { return kept_; }
  const std::string& path() const { return path_; }
  //! Flushes what was written (Unavailable when the disk refused).
  Status Flush();

 private:
  std::string path_;
  std::unique_ptr<std::ofstream> out_;
  int64_t kept_ = 0;
};

//! Rows of the rejected_lines table, within DeadLetterLimits (the line's
//! start, made valid UTF-8; at most `per_request` lines a run).
class TableDeadLetters : public DeadLetterSink {
 public:
  TableDeadLetters(service::IngestSource source, int64_t now_ms, service::DeadLetterLimits limits)
      : source_(std::move(source)), now_ms_(now_ms), limits_(limits) {}
  Status Take(const SourceBatch& in, const std::vector<engine::RejectedLine>& rejected,
              std::vector<domain::RejectedLine>& rows) override;
  int64_t kept() const override { return kept_; }

 private:
  service::IngestSource source_;
  int64_t now_ms_;
  service::DeadLetterLimits limits_;
  int64_t kept_ = 0;
};

//! Discards them (the demo's own data, tests).
class NoDeadLetters : public DeadLetterSink {
 public:
  Status Take(const SourceBatch&, const std::vector<engine::RejectedLine>&,
              std::vector<domain::RejectedLine>&) override {
    return Status::Ok();
  }
  int64_t kept() const override { return 0; }
};

}  // namespace dandelion::ingest
