#include "domain/business_hours.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <limits>
#include <unordered_set>

namespace dandelion::domain {
namespace {

constexpr int kMinutesPerDay = 1440;
constexpr int64_t kMsPerMinute = 60'000;
constexpr int64_t kMsPerDay = 86'400'000;

//! The supported instants: [0001-01-01, 10000-01-01) UTC; others are clamped into it.
constexpr int64_t kMinMs =
    int64_t{date::sys_days{date::year{1} / 1 / 1}.time_since_epoch().count()} * kMsPerDay;
constexpr int64_t kMaxMs =
    int64_t{date::sys_days{date::year{10000} / 1 / 1}.time_since_epoch().count()} * kMsPerDay - 1;

constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

int64_t Clamp(int64_t ms) { return std::clamp(ms, kMinMs, kMaxMs); }

//! Floor division, for days before the epoch.
int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

//! 0 = Monday … 6 = Sunday for a day number (days since 1970-01-01, a Thursday).
int WeekdayOf(int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

std::string TwoDigits(int v) {
  std::string s = std::to_string(v);
  return s.size() < 2 ? "0" + s : s;
}

std::string FormatClock(int minute) {
  return TwoDigits(minute / 60) + ":" + TwoDigits(minute % 60);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

//! "HH:MM" (00:00-24:00) as minutes, or -1.
int ParseClock(std::string_view s) {
  if (s.size() != 5 || !IsDigit(s[0]) || !IsDigit(s[1]) || s[2] != ':' || !IsDigit(s[3]) ||
      !IsDigit(s[4])) {
    return -1;
  }
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

Status ValidateDay(const std::vector<OpenInterval>& day, const std::string& field) {
  for (size_t i = 0; i < day.size(); ++i) {
    const OpenInterval& iv = day[i];
    if (iv.start_minute < 0 || iv.start_minute >= iv.end_minute || iv.end_minute > kMinutesPerDay) {
      return InvalidArgument(field + ": an interval must satisfy 0 <= start < end <= 24:00", field);
    }
    if (i > 0 && iv.start_minute < day[i - 1].end_minute) {
      return InvalidArgument(field + ": intervals must be sorted and must not overlap", field);
    }
  }
  return Status::Ok();
}

//! The day number of a "YYYY-MM-DD" date, or false.
bool ParseDate(std::string_view s, int64_t* day) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(s[i])) return false;
  }
  auto num = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  date::year_month_day ymd{date::year{num(0, 4)}, date::month{static_cast<unsigned>(num(5, 2))},
                           date::day{static_cast<unsigned>(num(8, 2))}};
  if (!ymd.ok() || num(0, 4) == 0) return false;
  *day = date::sys_days{ymd}.time_since_epoch().count();
  return true;
}

int64_t DayOpenMinutes(const std::vector<OpenInterval>& day) {
  int64_t total = 0;
  for (const OpenInterval& iv : day) total += iv.end_minute - iv.start_minute;
  return total;
}

}  // namespace

struct BusinessCalendar::State {
  BusinessHours hours;
  const date::time_zone* zone = nullptr;
  std::array<int64_t, 7> nominal_ms{};  //!< open ms of each weekday on a day without changes
  int64_t weekly_ms = 0;
  std::vector<int64_t> holidays;  //!< sorted day numbers

  //! The instant of local `minute` (0-1440) on local day `day`; see the header for the rule.
  int64_t Map(int64_t day, int minute) const {
    date::local_time<std::chrono::milliseconds> local{
        std::chrono::milliseconds{day * kMsPerDay + minute * kMsPerMinute}};
    return zone->to_sys(local, date::choose::earliest).time_since_epoch().count();
  }
  int64_t DayStart(int64_t day) const { return Map(day, 0); }

  //! The local day whose span [DayStart(day), DayStart(day + 1)) holds `t` (clamped).
  int64_t DayOf(int64_t t) const {
    date::sys_time<std::chrono::milliseconds> sys{std::chrono::milliseconds{t}};
    int64_t day = FloorDiv(zone->to_local(sys).time_since_epoch().count(), kMsPerDay);
    // A fall-back change across midnight can show the previous date after this day began.
    while (DayStart(day) > t) --day;
    while (DayStart(day + 1) <= t) ++day;
    return day;
  }

  bool IsHoliday(int64_t day) const {
    return std::binary_search(holidays.begin(), holidays.end(), day);
  }

  const std::vector<OpenInterval>& Intervals(int64_t day) const {
    static const std::vector<OpenInterval> kClosed;
    return IsHoliday(day) ? kClosed : hours.week[WeekdayOf(day)];
  }

  //! Open ms of local day `day` within [lo, hi).
  int64_t Overlap(int64_t day, int64_t lo, int64_t hi) const {
    int64_t total = 0;
    for (const OpenInterval& iv : Intervals(day)) {
      int64_t s = std::max(Map(day, iv.start_minute), lo);
      int64_t e = std::min(Map(day, iv.end_minute), hi);
      if (e > s) total += e - s;
    }
    return total;
  }

  int64_t DayOpen(int64_t day) const {
    return Overlap(day, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
  }

  //! Open ms of the whole local days [first, last).
  int64_t FullDays(int64_t first, int64_t last) const {
    if (last - first < 14) {
      int64_t total = 0;
      for (int64_t d = first; d < last; ++d) total += DayOpen(d);
      return total;
    }
    // Whole weeks at their nominal length, then the days that differ from it: holidays and the
    // days holding an offset change.
    int64_t weeks = (last - first) / 7;
    int64_t total = weeks * weekly_ms;
    for (int64_t d = first + weeks * 7; d < last; ++d) total += nominal_ms[WeekdayOf(d)];

    std::vector<int64_t> special(std::lower_bound(holidays.begin(), holidays.end(), first),
                                 std::lower_bound(holidays.begin(), holidays.end(), last));
    const int64_t begin_ms = DayStart(first);
    const int64_t end_ms = DayStart(last);
    date::sys_info info = zone->get_info(
        date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{begin_ms}});
    while (true) {
      const int64_t change_ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(info.end.time_since_epoch())
              .count();
      if (change_ms >= end_ms) break;
      int64_t d = DayOf(change_ms);
      if (d >= first && d < last) special.push_back(d);
      date::sys_info next = zone->get_info(info.end);
      if (next.end <= info.end) break;  // cannot happen; never loop on odd data
      info = next;
    }
    std::sort(special.begin(), special.end());
    special.erase(std::unique(special.begin(), special.end()), special.end());
    for (int64_t d : special) total += DayOpen(d) - nominal_ms[WeekdayOf(d)];
    return total;
  }
};

BusinessHours AlwaysOpen() {
  BusinessHours hours;
  hours.time_zone = "UTC";
  for (auto& day : hours.week) {
    day = {OpenInterval{.start_minute = 0, .end_minute = kMinutesPerDay}};
  }
  return hours;
}

std::string FormatDayHours(const std::vector<OpenInterval>& day) {
  std::string out;
  for (const OpenInterval& iv : day) {
    if (!out.empty()) out += ',';
    out += FormatClock(iv.start_minute) + "-" + FormatClock(iv.end_minute);
  }
  return out;
}

Result<std::vector<OpenInterval>> ParseDayHours(std::string_view text, std::string_view field) {
  const std::string f(field);
  std::vector<OpenInterval> out;
  if (text.empty()) return out;
  size_t pos = 0;
  while (true) {
    size_t comma = text.find(',', pos);
    std::string_view part =
        text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    int start = part.size() == 11 && part[5] == '-' ? ParseClock(part.substr(0, 5)) : -1;
    int end = start >= 0 ? ParseClock(part.substr(6, 5)) : -1;
    if (start < 0 || end < 0) {
      return InvalidArgument(
          f + ": \"" + std::string(part) + "\" is not an interval HH:MM-HH:MM (00:00 to 24:00)", f);
    }
    out.push_back(OpenInterval{.start_minute = start, .end_minute = end});
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  DND_RETURN_IF_ERROR(ValidateDay(out, f));
  return out;
}

std::string FormatWeek(const std::array<std::vector<OpenInterval>, 7>& week) {
  std::string out;
  for (size_t i = 0; i < week.size(); ++i) {
    if (i > 0) out += '|';
    out += FormatDayHours(week[i]);
  }
  return out;
}

Result<std::array<std::vector<OpenInterval>, 7>> ParseWeek(std::string_view text) {
  std::array<std::vector<OpenInterval>, 7> week;
  size_t pos = 0;
  for (int i = 0; i < 7; ++i) {
    size_t bar = text.find('|', pos);
    if ((i < 6) != (bar != std::string_view::npos)) {
      return InvalidArgument("week must be seven days' hours joined by '|'", "week");
    }
    std::string_view part = text.substr(pos, i < 6 ? bar - pos : std::string_view::npos);
    auto day = ParseDayHours(part, "week." + std::string(WeekdayName(i)));
    if (!day.ok()) return InvalidArgument(day.status().message(), "week");
    week[i] = std::move(day).value();
    pos = bar + 1;
  }
  return week;
}

std::string_view WeekdayName(int index) {
  return index >= 0 && index < 7 ? kWeekdayNames[index] : std::string_view();
}

Result<BusinessCalendar> BusinessCalendar::Make(const BusinessHours& hours) {
  auto state = std::make_shared<State>();
  state->hours = hours;
  try {
    state->zone = date::locate_zone(hours.time_zone);
  } catch (...) {  // date throws std::runtime_error for an unknown zone, or a missing database
    state->zone = nullptr;
  }
  if (state->zone == nullptr) {
    return InvalidArgument("unknown time zone \"" + hours.time_zone + "\"", "time_zone");
  }
  for (int i = 0; i < 7; ++i) {
    DND_RETURN_IF_ERROR(ValidateDay(hours.week[i], "week." + std::string(WeekdayName(i))));
    state->nominal_ms[i] = DayOpenMinutes(hours.week[i]) * kMsPerMinute;
    state->weekly_ms += state->nominal_ms[i];
  }
  std::unordered_set<int64_t> seen;
  for (size_t i = 0; i < hours.holidays.size(); ++i) {
    const std::string field = "holidays[" + std::to_string(i) + "]";
    int64_t day = 0;
    if (!ParseDate(hours.holidays[i], &day)) {
      return InvalidArgument(field + " must be a date YYYY-MM-DD", field);
    }
    if (!seen.insert(day).second) {
      return InvalidArgument(field + " repeats " + hours.holidays[i], field);
    }
    state->holidays.push_back(day);
  }
  std::sort(state->holidays.begin(), state->holidays.end());
  if (state->weekly_ms == 0) {
    return InvalidArgument("week has no open minute: an SLA clock would never run", "week");
  }
  return BusinessCalendar(std::move(state));
}

int64_t BusinessCalendar::Add(int64_t start_ms, int64_t business_ms) const {
  if (business_ms <= 0) return start_ms;
  const State& s = *state_;
  const int64_t t = Clamp(start_ms);
  int64_t remaining = business_ms;
  int64_t day = s.DayOf(t);
  for (int walked = 0; walked < kWalkCapDays; ++walked, ++day) {
    for (const OpenInterval& iv : s.Intervals(day)) {
      int64_t lo = std::max(s.Map(day, iv.start_minute), t);
      int64_t hi = s.Map(day, iv.end_minute);
      if (hi <= lo) continue;
      if (hi - lo >= remaining) return std::max(lo + remaining, start_ms);
      remaining -= hi - lo;
    }
  }
  return std::max(s.DayStart(day), start_ms);
}

int64_t BusinessCalendar::Between(int64_t from_ms, int64_t to_ms) const {
  const State& s = *state_;
  const int64_t from = Clamp(from_ms);
  const int64_t to = Clamp(to_ms);
  if (to <= from) return 0;
  const int64_t first = s.DayOf(from);
  const int64_t last = s.DayOf(to);
  if (first == last) return s.Overlap(first, from, to);
  return s.Overlap(first, from, std::numeric_limits<int64_t>::max()) + s.FullDays(first + 1, last) +
         s.Overlap(last, std::numeric_limits<int64_t>::min(), to);
}

bool BusinessCalendar::IsOpen(int64_t at_ms) const {
  const State& s = *state_;
  const int64_t t = Clamp(at_ms);
  const int64_t day = s.DayOf(t);
  for (const OpenInterval& iv : s.Intervals(day)) {
    if (s.Map(day, iv.start_minute) <= t && t < s.Map(day, iv.end_minute)) return true;
  }
  return false;
}

int64_t BusinessCalendar::NextOpen(int64_t at_ms) const {
  const State& s = *state_;
  const int64_t t = Clamp(at_ms);
  int64_t day = s.DayOf(t);
  for (int walked = 0; walked < kWalkCapDays; ++walked, ++day) {
    for (const OpenInterval& iv : s.Intervals(day)) {
      int64_t lo = std::max(s.Map(day, iv.start_minute), t);
      if (s.Map(day, iv.end_minute) > lo) return std::max(lo, at_ms);
    }
  }
  return std::max(s.DayStart(day), at_ms);
}

const BusinessHours& BusinessCalendar::hours() const { return state_->hours; }

}  // namespace dandelion::domain
