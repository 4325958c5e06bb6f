// Clock: the one source of "now", injected into services so that sessions,
// throttling and (later) SLAs are testable without sleeping.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace dandelion {

class Clock {
 public:
  virtual ~Clock() = default;
  //! Milliseconds since the Unix epoch.
  virtual int64_t NowMs() const = 0;
};

//! The wall clock. Thread-safe.
class SystemClock : public Clock {
 public:
  int64_t NowMs() const override;
};

//! A clock tests move by hand. Thread-safe.
class FakeClock : public Clock {
 public:
  explicit FakeClock(int64_t start_ms = 1'767'225'600'000) : now_(start_ms) {}
  int64_t NowMs() const override { return now_.load(); }
  void Advance(int64_t ms) { now_ += ms; }

 private:
  std::atomic<int64_t> now_;
};

//! RFC 3339 UTC with milliseconds, e.g. "2026-01-01T00:00:00.000Z": how
//! every time travels on the wire.
std::string FormatTimestamp(int64_t ms);
//! The milliseconds of "YYYY-MM-DDTHH:MM:SS[.sss]Z" (UTC, as FormatTimestamp
//! writes it; the fraction is three digits or left out); InvalidArgument
//! otherwise.
Result<int64_t> ParseTimestamp(std::string_view text);

}  // namespace dandelion
