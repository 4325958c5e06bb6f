// Where an API node sends posts when the engine runs behind a message
// stream: POST /api/v1/ingest then publishes instead of storing inline, so
// that API nodes stay thin and the workers do the work. JetStream
// (jetstream.h) is the one implementation; http sees only this.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace dandelion::ingest {

struct PublishReceipt {
  int64_t lines = 0;      //!< lines sent, blank ones not counted
  int64_t published = 0;  //!< taken by the stream as new
  int64_t repeated = 0;   //!< already in it (published before, within its window)
};

class Publisher {
 public:
  virtual ~Publisher() = default;
  //! Publishes each non-blank line, waiting for the stream's acks.
  //! Unavailable when the stream cannot take them (those before counted).
  virtual Result<PublishReceipt> PublishLines(const std::vector<std::string_view>& lines) = 0;
};

}  // namespace dandelion::ingest
