// Where posts come from: every entry point of the engine (a file or
// standard input, an HTTP request's body, and a message stream) is a
// Source handing out batches of NDJSON lines, one post per line.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace dandelion::ingest {

//! A batch of lines and where they came from.
struct SourceBatch {
  std::string storage;                  //!< what `lines` point into (may be empty: see Source)
  std::vector<std::string_view> lines;  //!< without their line ends
  int64_t first_line = 1;               //!< the number of lines[0] in its input (1-based)
  std::string origin;                   //!< the file's name, "request", a subject
  //! When not empty, the number each line has in its input (a stream's
  //! sequence numbers); else lines count on from `first_line`.
  std::vector<int64_t> numbers;
  //! Lines the source itself sets aside, unprocessed (a message delivered
  //! too often): they go to the dead letters with their reason.
  struct Refused {
    int64_t number = 0;
    std::string_view raw;
    std::string reason, message;
  };
  std::vector<Refused> refused;
  //! The number of lines[i] in its input.
  int64_t NumberAt(size_t i) const {
    return numbers.empty() ? first_line + static_cast<int64_t>(i) : numbers[i];
  }
  //! Called once the batch is committed (a stream acknowledges its
  //! messages then, never before); empty when there is nothing to do.
  std::function<void()> committed;
  //! Called while the batch waits for a store that is away: the source
  //! keeps it (a stream extends its acknowledgement wait instead of
  //! delivering it again, which would count as a failed delivery).
  std::function<void()> in_progress;
};

class Source {
 public:
  virtual ~Source() = default;
  //! The next batch: at most `max_lines` lines and, once `max_bytes` are
  //! held, no more; nullopt at the end. Lines may point into the source's
  //! own memory, which outlives the run, rather than into `storage`.
  virtual Result<std::optional<SourceBatch>> Next(size_t max_lines, size_t max_bytes) = 0;
  //! How far it got, for a progress bar: bytes read and in all (0: unknown).
  virtual int64_t consumed() const { return 0; }
  virtual int64_t size() const { return 0; }
};

}  // namespace dandelion::ingest
