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

#include "common/clock.h"
#include "domain/listening.h"
#include "engine/pipeline.h"
#include "ingest/source.h"
#include "service/listening/ingest_service.h"

namespace dandelion::ingest {

//! One line set aside: where it came from, its number there, the line, why.
struct DeadLetter {
  std::string_view origin;
  int64_t line = 0;
  std::string_view raw;
  std::string_view reason;
  std::string_view message;
};

//! A batch's dead letters: those the engine rejected and those the source
//! refused, each with its raw line and its number in its input.
std::vector<DeadLetter> DeadLettersOf(const SourceBatch& in,
                                      const std::vector<engine::RejectedLine>& rejected);

class DeadLetterSink {
 public:
  virtual ~DeadLetterSink() = default;
  //! Takes a batch's dead letters before the batch is stored: rows to be
  //! written in the batch's transaction go to `rows` (the table); a file
  //! writes them at once.
  virtual Status Take(const std::vector<DeadLetter>& letters,
                      std::vector<domain::RejectedLine>& rows) = 0;
  //! Lines kept so far.
  virtual int64_t kept() const = 0;
};

//! NDJSON, one rejected line per line: file, line, reason, error, the raw
//! line (its first 64 KiB) and whether it was cut. Created on the first.
class FileDeadLetters : public DeadLetterSink {
 public:
  explicit FileDeadLetters(std::string path) : path_(std::move(path)) {}
  Status Take(const std::vector<DeadLetter>& letters,
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
//! start, made valid UTF-8), at most `max_kept` a run (a request's: the
//! limits' per_request; a stream never ends, and age and count purge its).
class TableDeadLetters : public DeadLetterSink {
 public:
  TableDeadLetters(service::IngestSource source, const Clock& clock,
                   service::DeadLetterLimits limits, size_t max_kept)
      : source_(std::move(source)), clock_(clock), limits_(limits), max_kept_(max_kept) {}
  Status Take(const std::vector<DeadLetter>& letters,
              std::vector<domain::RejectedLine>& rows) override;
  int64_t kept() const override { return kept_; }

 private:
  service::IngestSource source_;
  const Clock& clock_;
  service::DeadLetterLimits limits_;
  size_t max_kept_;
  int64_t kept_ = 0;
};

//! Discards them (the demo's own data, tests).
class NoDeadLetters : public DeadLetterSink {
 public:
  Status Take(const std::vector<DeadLetter>&, std::vector<domain::RejectedLine>&) override {
    return Status::Ok();
  }
  int64_t kept() const override { return 0; }
};

}  // namespace dandelion::ingest
