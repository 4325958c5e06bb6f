#include "common/clock.h"

#include <chrono>
#include <ctime>
#include <fmt/format.h>

namespace dandelion {

int64_t SystemClock::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string FormatTimestamp(int64_t ms) {
  // Floor division, so that times before 1970 keep a positive fraction.
  int64_t secs = ms / 1000, frac = ms % 1000;
  if (frac < 0) {
    frac += 1000;
    secs -= 1;
  }
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(frac));
}

Result<int64_t> ParseTimestamp(std::string_view s) {
  auto bad = [&] {
    return InvalidArgument(fmt::format("'{}' is not a UTC time like 2026-01-01T00:00:00.000Z",
                                       s.substr(0, 40)));
  };
  auto digits = [&](size_t at, size_t n, int* out) {
    if (at + n > s.size()) return false;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
  };
  int year, month, day, hour, minute, second;
  if (!digits(0, 4, &year) || s.size() < 20 || s[4] != '-' || !digits(5, 2, &month) ||
      s[7] != '-' || !digits(8, 2, &day) || s[10] != 'T' || !digits(11, 2, &hour) ||
      s[13] != ':' || !digits(14, 2, &minute) || s[16] != ':' || !digits(17, 2, &second)) {
    return bad();
  }
  size_t at = 19;
  int ms = 0;
  if (s[at] == '.') {
    size_t n = 0;
    while (at + 1 + n < s.size() && n < 4 && s[at + 1 + n] >= '0' && s[at + 1 + n] <= '9') ++n;
    // Exactly milliseconds, as FormatTimestamp writes them: ".5" is not
    // guessed at.
    if (n != 3) return bad();
    if (!digits(at + 1, n, &ms)) return bad();
    at += 1 + n;
  }
  if (at + 1 != s.size() || s[at] != 'Z') return bad();
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return bad();
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  std::time_t t = timegm(&tm);
  // timegm normalises 31 February into March: such a day does not exist.
  std::tm back{};
  gmtime_r(&t, &back);
  if (back.tm_mday != day && second != 60) return bad();
  return static_cast<int64_t>(t) * 1000 + ms;
}

}  // namespace dandelion
