// Business hours: when a unit's team works (a time zone, the open intervals
// of each weekday, the holidays), their stored text forms, and
// BusinessCalendar, the business-time arithmetic SLA clocks run on.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace dandelion::domain {

//! One open stretch of a day, local minutes from midnight: [start, end), 0 <= start < end <= 1440.
struct OpenInterval {
  int start_minute = 0;
  int end_minute = 0;
  bool operator==(const OpenInterval&) const = default;
};

//! When a unit's team works: an IANA time zone, the open intervals of each weekday (Monday first),
//! and holidays (local dates closed all day).
struct BusinessHours {
  std::string time_zone = "UTC";
  std::array<std::vector<OpenInterval>, 7> week;  //!< [0] = Monday … [6] = Sunday
  std::vector<std::string> holidays;              //!< "YYYY-MM-DD", local dates in time_zone
};

//! UTC, 00:00-24:00 every day, no holidays.
BusinessHours AlwaysOpen();

//! "09:00-12:00,13:00-17:30" ("" when closed; "00:00-24:00" the whole day).
std::string FormatDayHours(const std::vector<OpenInterval>& day);
//! Parses what FormatDayHours writes: comma-separated "HH:MM-HH:MM", two digits each, "24:00" only
//! as an end, sorted, not overlapping (touching is allowed); "" is a closed day. Returns the
//! intervals, or InvalidArgument naming `field` when malformed, out of range, unsorted or
//! overlapping.
Result<std::vector<OpenInterval>> ParseDayHours(std::string_view text, std::string_view field);
//! The week as stored: seven FormatDayHours joined by '|', Monday first.
std::string FormatWeek(const std::array<std::vector<OpenInterval>, 7>& week);
//! Parses what FormatWeek writes. Returns the week, or InvalidArgument with field "week" (the
//! message names the weekday at fault) when there are not seven parts or one is malformed.
Result<std::array<std::vector<OpenInterval>, 7>> ParseWeek(std::string_view text);
//! The weekday names used in fields and on the wire: "monday" … "sunday" for 0 … 6; "" otherwise.
std::string_view WeekdayName(int index);

//! Business-time arithmetic over one BusinessHours. Immutable; thread-safe; cheap to copy (the
//! compiled state is shared). Times are milliseconds since the Unix epoch (UTC).
//!
//! The calendar walks the zone's local days. Each local day D covers the instants from D's local
//! midnight to D+1's; its open intervals are its weekday's, none on a holiday. Every local time of
//! day (an interval's start or end alike, 24:00 being the next day's 00:00) maps to one instant:
//! - a local time that does not exist (skipped by a spring-forward change) maps to the instant of
//!   the change, so on 2026-03-08 in America/New_York 01:00-04:00 lasts 2 h and 02:00-02:30 is
//!   empty;
//! - an ambiguous local time (repeated by a fall-back change) maps to its earliest instant, its
//!   first occurrence, so an interval that contains the whole repeated hour gets it twice (on
//!   2026-11-01 in New York 00:00-24:00 lasts 25 h, 01:00-02:00 2 h) and one that ends inside it
//!   stops at the first pass (00:00-01:30 lasts 1.5 h).
//! Mapping starts and ends alike keeps touching intervals touching and the mapping monotonic, so
//! no instant is ever counted twice. 09:00-17:00 stays 8 h on either change day.
//!
//! Walks are bounded: Add and NextOpen look at most kWalkCapDays local days ahead (about 10 years)
//! and, finding no (or not enough) open time there, return the cap instant, the local midnight
//! ending the last day walked (holidays could close everything for that long; Make guarantees an
//! open minute in the week). Between costs O(days) for spans under two weeks and otherwise counts
//! whole weeks arithmetically, visiting only holidays and the zone's offset changes, so any span is
//! cheap. Instants before year 1 or from year 10000 on are clamped into that range.
//!
//! The zone rules come from the OS database (/usr/share/zoneinfo) through Howard Hinnant's date
//! library, which reads the transitions listed there (up to 2037 in Debian's files); past the last
//! one the zone's last offset holds.
class BusinessCalendar {
 public:
  //! How many local days Add and NextOpen walk at most: ten years.
  static constexpr int kWalkCapDays = 3653;

  //! Compiles `hours`. Returns the calendar, or InvalidArgument naming the field at fault:
  //! "time_zone" (unknown zone), "week.monday" … "week.sunday" (bad intervals), "holidays[i]" (not
  //! a valid YYYY-MM-DD date, or duplicated), "week" (no open minute in the whole week: an SLA
  //! clock would never run).
  static Result<BusinessCalendar> Make(const BusinessHours& hours);

  //! The instant at which `business_ms` of open time has passed from `start_ms`. business_ms <= 0
  //! returns start_ms. Starting outside hours, the clock starts at the next opening; running out
  //! exactly at a closing returns the closing instant (not the next opening). Capped: see above.
  int64_t Add(int64_t start_ms, int64_t business_ms) const;
  //! Open milliseconds in [from_ms, to_ms); 0 when to_ms <= from_ms.
  int64_t Between(int64_t from_ms, int64_t to_ms) const;
  //! True when `at_ms` lies in an open interval (starts are open, ends are not).
  bool IsOpen(int64_t at_ms) const;
  //! The next instant >= at_ms that is open (at_ms itself when open); the cap instant, never
  //! earlier than at_ms, when none is found within kWalkCapDays.
  int64_t NextOpen(int64_t at_ms) const;
  //! The hours this calendar was made from.
  const BusinessHours& hours() const;

 private:
  struct State;
  explicit BusinessCalendar(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

}  // namespace dandelion::domain
