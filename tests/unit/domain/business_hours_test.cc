#include "domain/business_hours.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"

namespace dandelion::domain {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

//! The instant of "YYYY-MM-DDTHH:MM:SS.sssZ".
int64_t At(std::string_view iso) {
  Result<int64_t> ms = ParseTimestamp(iso);
  EXPECT_TRUE(ms.ok()) << iso;
  return ms.ok() ? *ms : 0;
}

std::vector<OpenInterval> Day(std::string_view text) {
  Result<std::vector<OpenInterval>> day = ParseDayHours(text, "day");
  EXPECT_TRUE(day.ok()) << text << ": " << day.status().ToString();
  return day.ok() ? *day : std::vector<OpenInterval>{};
}

//! `day_hours` Monday to Friday, closed at the weekend.
BusinessHours Weekdays(std::string zone, std::string_view day_hours = "09:00-17:00") {
  BusinessHours hours;
  hours.time_zone = std::move(zone);
  for (int i = 0; i < 5; ++i) hours.week[i] = Day(day_hours);
  return hours;
}

BusinessCalendar Calendar(const BusinessHours& hours) {
  Result<BusinessCalendar> calendar = BusinessCalendar::Make(hours);
  EXPECT_TRUE(calendar.ok()) << calendar.status().ToString();
  if (!calendar.ok()) return *BusinessCalendar::Make(AlwaysOpen());
  return *calendar;
}

// --- BusinessHours: the text forms ---------------------------------------------------------

TEST(BusinessHoursTest, DayHoursRoundTripThroughText) {
  struct Case {
    std::string text;
    std::vector<OpenInterval> day;
  };
  const std::vector<Case> cases = {
      {.text = "", .day = {}},
      {.text = "00:00-24:00", .day = {{.start_minute = 0, .end_minute = 1440}}},
      {.text = "09:00-12:00,13:00-17:30",
       .day = {{.start_minute = 540, .end_minute = 720},
               {.start_minute = 780, .end_minute = 1050}}},
      {.text = "00:00-00:01,23:59-24:00",
       .day = {{.start_minute = 0, .end_minute = 1}, {.start_minute = 1439, .end_minute = 1440}}},
      {.text = "09:00-12:00,12:00-13:00",  // touching is not overlapping
       .day = {{.start_minute = 540, .end_minute = 720}, {.start_minute = 720, .end_minute = 780}}},
  };
  for (const Case& c : cases) {
    Result<std::vector<OpenInterval>> parsed = ParseDayHours(c.text, "week.monday");
    ASSERT_TRUE(parsed.ok()) << c.text << ": " << parsed.status().ToString();
    EXPECT_EQ(*parsed, c.day) << c.text;
    EXPECT_EQ(FormatDayHours(c.day), c.text);
  }
}

TEST(BusinessHoursTest, MalformedDayHoursAreRefusedNamingTheField) {
  const std::vector<std::string> bad = {
      "9:00-12:00",     // one-digit hour
      "09:00-12:00,",   // trailing comma
      ",09:00-12:00",   // leading comma
      " 09:00-12:00",   // space
      "09:00 - 12:00",  // spaces around the dash
      "09.00-12.00",    // wrong separator
      "09:00-12:00;13:00-14:00",
      "09:60-10:00",              // minute out of range
      "25:00-26:00",              // hour out of range
      "23:00-24:01",              // past midnight
      "24:00-24:00",              // empty, and 24:00 as a start
      "12:00-09:00",              // backwards
      "09:00-09:00",              // empty
      "13:00-17:00,09:00-12:00",  // unsorted
      "09:00-12:00,11:00-13:00",  // overlapping
      "ab:cd-ef:gh",
      "09:00",
  };
  for (const std::string& text : bad) {
    Result<std::vector<OpenInterval>> parsed = ParseDayHours(text, "week.friday");
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().code(), Code::kInvalidArgument) << text;
    EXPECT_EQ(parsed.status().field(), "week.friday") << text;
  }
}

TEST(BusinessHoursTest, WeekRoundTripsMondayFirst) {
  EXPECT_EQ(FormatWeek(AlwaysOpen().week),
            "00:00-24:00|00:00-24:00|00:00-24:00|00:00-24:00|00:00-24:00|00:00-24:00|00:00-24:00");
  const std::string text = "09:00-17:00|09:00-12:00,13:00-17:00|||08:00-16:00|10:00-14:00|";
  Result<std::array<std::vector<OpenInterval>, 7>> week = ParseWeek(text);
  ASSERT_TRUE(week.ok()) << week.status().ToString();
  EXPECT_EQ((*week)[0], Day("09:00-17:00"));
  EXPECT_EQ((*week)[1], Day("09:00-12:00,13:00-17:00"));
  EXPECT_TRUE((*week)[2].empty());
  EXPECT_EQ((*week)[5], Day("10:00-14:00"));
  EXPECT_TRUE((*week)[6].empty());
  EXPECT_EQ(FormatWeek(*week), text);
  EXPECT_TRUE(ParseWeek("||||||").ok());
}

TEST(BusinessHoursTest, MalformedWeekIsRefusedWithFieldWeek) {
  const std::vector<std::string> bad = {
      "",                               // one part
      "|||||",                          // six parts
      "|||||||",                        // eight parts
      "09:00-17:00",                    // one part
      "||09:00-17:00,10:00-11:00||||",  // overlapping Wednesday
  };
  for (const std::string& text : bad) {
    Result<std::array<std::vector<OpenInterval>, 7>> week = ParseWeek(text);
    ASSERT_FALSE(week.ok()) << text;
    EXPECT_EQ(week.status().code(), Code::kInvalidArgument) << text;
    EXPECT_EQ(week.status().field(), "week") << text;
  }
  EXPECT_NE(ParseWeek("||09:00-17:00,10:00-11:00||||").status().message().find("wednesday"),
            std::string::npos);
}

TEST(BusinessHoursTest, WeekdayNamesAreLowerCaseMondayFirst) {
  EXPECT_EQ(WeekdayName(0), "monday");
  EXPECT_EQ(WeekdayName(2), "wednesday");
  EXPECT_EQ(WeekdayName(6), "sunday");
  EXPECT_EQ(WeekdayName(7), "");
  EXPECT_EQ(WeekdayName(-1), "");
}

TEST(BusinessHoursTest, AlwaysOpenIsUtcAllDayEveryDay) {
  BusinessHours hours = AlwaysOpen();
  EXPECT_EQ(hours.time_zone, "UTC");
  EXPECT_TRUE(hours.holidays.empty());
  for (const auto& day : hours.week) EXPECT_EQ(FormatDayHours(day), "00:00-24:00");
}

// --- BusinessCalendar::Make -----------------------------------------------------------------

TEST(BusinessCalendarTest, MakeRefusesWhatWouldBreakTheClockNamingTheField) {
  struct Case {
    std::string what;
    BusinessHours hours;
    std::string field;
  };
  std::vector<Case> cases;
  {
    BusinessHours h = Weekdays("Mars/Olympus_Mons");
    cases.push_back({.what = "unknown zone", .hours = h, .field = "time_zone"});
    h.time_zone = "";
    cases.push_back({.what = "empty zone", .hours = h, .field = "time_zone"});
    h.time_zone = "../../etc/passwd";
    cases.push_back({.what = "a path", .hours = h, .field = "time_zone"});
  }
  {
    BusinessHours h = Weekdays("Europe/Berlin");
    h.week[2] = {{.start_minute = 600, .end_minute = 540}};
    cases.push_back({.what = "backwards interval", .hours = h, .field = "week.wednesday"});
    h.week[2] = {};
    h.week[6] = {{.start_minute = 0, .end_minute = 1441}};
    cases.push_back({.what = "past midnight", .hours = h, .field = "week.sunday"});
    h.week[6] = {{.start_minute = 600, .end_minute = 700},
                 {.start_minute = 650, .end_minute = 800}};
    cases.push_back({.what = "overlap", .hours = h, .field = "week.sunday"});
  }
  {
    BusinessHours h = Weekdays("UTC");
    h.holidays = {"2026-12-25", "2026-02-30"};
    cases.push_back({.what = "no such date", .hours = h, .field = "holidays[1]"});
    h.holidays = {"2026-1-01"};
    cases.push_back({.what = "short month", .hours = h, .field = "holidays[0]"});
    h.holidays = {"2026-12-25T00:00:00Z"};
    cases.push_back({.what = "a timestamp", .hours = h, .field = "holidays[0]"});
    h.holidays = {"0000-01-01"};
    cases.push_back({.what = "year zero", .hours = h, .field = "holidays[0]"});
    h.holidays = {"2026-12-25", "2026-12-26", "2026-12-25"};
    cases.push_back({.what = "duplicate", .hours = h, .field = "holidays[2]"});
  }
  {
    BusinessHours h;
    h.time_zone = "Asia/Tokyo";
    cases.push_back({.what = "closed all week", .hours = h, .field = "week"});
  }
  for (const Case& c : cases) {
    Result<BusinessCalendar> calendar = BusinessCalendar::Make(c.hours);
    ASSERT_FALSE(calendar.ok()) << c.what;
    EXPECT_EQ(calendar.status().code(), Code::kInvalidArgument) << c.what;
    EXPECT_EQ(calendar.status().field(), c.field) << c.what << ": " << calendar.status().message();
  }
}

TEST(BusinessCalendarTest, MakeAcceptsIanaZonesAndKeepsTheHours) {
  for (const char* zone :
       {"UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney"}) {
    BusinessHours hours = Weekdays(zone);
    hours.holidays = {"2026-12-25", "2026-01-01"};
    Result<BusinessCalendar> calendar = BusinessCalendar::Make(hours);
    ASSERT_TRUE(calendar.ok()) << zone << ": " << calendar.status().ToString();
    EXPECT_EQ(calendar->hours().time_zone, zone);
    EXPECT_EQ(calendar->hours().holidays, hours.holidays);
    EXPECT_EQ(FormatWeek(calendar->hours().week), FormatWeek(hours.week));
  }
}

// --- Add ------------------------------------------------------------------------------------

TEST(BusinessCalendarTest, AddCountsOnlyOpenTime) {
  // New York, 09:00-17:00 Monday to Friday. 2026-03-02 is a Monday (EST, UTC-5); the clocks
  // spring forward on Sunday 2026-03-08, so the following Monday is EDT (UTC-4).
  BusinessCalendar ny = Calendar(Weekdays("America/New_York"));
  struct Case {
    std::string what;
    std::string start;
    int64_t business_ms;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {.what = "starting exactly at opening",
       .start = "2026-03-02T14:00:00.000Z",
       .business_ms = 8 * kHour,
       .expected = "2026-03-02T22:00:00.000Z"},
      {.what = "running out exactly at closing stays at closing",
       .start = "2026-03-02T21:00:00.000Z",
       .business_ms = kHour,
       .expected = "2026-03-02T22:00:00.000Z"},
      {.what = "starting exactly at closing waits for the next opening",
       .start = "2026-03-02T22:00:00.000Z",
       .business_ms = kHour,
       .expected = "2026-03-03T15:00:00.000Z"},
      {.what = "starting inside an interval",
       .start = "2026-03-02T17:30:00.000Z",
       .business_ms = 30 * kMinute,
       .expected = "2026-03-02T18:00:00.000Z"},
      {.what = "starting before opening",
       .start = "2026-03-02T11:00:00.000Z",
       .business_ms = kHour,
       .expected = "2026-03-02T15:00:00.000Z"},
      {.what = "a whole working week",
       .start = "2026-03-02T14:00:00.000Z",
       .business_ms = 40 * kHour,
       .expected = "2026-03-06T22:00:00.000Z"},
      {.what = "Friday 16:00 + 2 h is Monday 10:00 (after spring-forward)",
       .start = "2026-03-06T21:00:00.000Z",
       .business_ms = 2 * kHour,
       .expected = "2026-03-09T14:00:00.000Z"},
      {.what = "starting on Saturday",
       .start = "2026-03-07T17:00:00.000Z",
       .business_ms = kHour,
       .expected = "2026-03-09T14:00:00.000Z"},
      {.what = "milliseconds count",
       .start = "2026-03-02T14:00:00.000Z",
       .business_ms = 1,
       .expected = "2026-03-02T14:00:00.001Z"},
      {.what = "zero is the start itself",
       .start = "2026-03-07T17:00:00.000Z",
       .business_ms = 0,
       .expected = "2026-03-07T17:00:00.000Z"},
      {.what = "negative is the start itself",
       .start = "2026-03-02T14:30:00.000Z",
       .business_ms = -kHour,
       .expected = "2026-03-02T14:30:00.000Z"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatTimestamp(ny.Add(At(c.start), c.business_ms)), c.expected) << c.what;
  }
}

TEST(BusinessCalendarTest, FridayAfternoonRollsOverTheWeekend) {
  // Berlin in June (CEST, UTC+2): Friday 2026-06-12 16:00 + 2 h = Monday 2026-06-15 10:00.
  BusinessCalendar berlin = Calendar(Weekdays("Europe/Berlin"));
  EXPECT_EQ(FormatTimestamp(berlin.Add(At("2026-06-12T14:00:00.000Z"), 2 * kHour)),
            "2026-06-15T08:00:00.000Z");
  EXPECT_EQ(berlin.Between(At("2026-06-12T14:00:00.000Z"), At("2026-06-15T08:00:00.000Z")),
            2 * kHour);
}

TEST(BusinessCalendarTest, LunchBreakIsNotCounted) {
  // Tokyo (UTC+9, no DST): 09:00-12:00 and 13:00-17:30 on weekdays; 2026-04-01 is a Wednesday.
  BusinessCalendar tokyo = Calendar(Weekdays("Asia/Tokyo", "09:00-12:00,13:00-17:30"));
  const int64_t morning = At("2026-03-31T23:00:00.000Z");  // 08:00 local
  EXPECT_EQ(tokyo.Between(morning, morning + 10 * kHour), 7 * kHour + 30 * kMinute);
  EXPECT_EQ(FormatTimestamp(tokyo.Add(At("2026-04-01T02:30:00.000Z"), kHour)),  // 11:30 + 1 h
            "2026-04-01T04:30:00.000Z");                                        // 13:30
  const int64_t noon = At("2026-04-01T03:00:00.000Z");
  EXPECT_FALSE(tokyo.IsOpen(noon));  // an interval's end is closed
  EXPECT_FALSE(tokyo.IsOpen(noon + 30 * kMinute));
  EXPECT_EQ(tokyo.NextOpen(noon + 30 * kMinute), noon + kHour);
  EXPECT_TRUE(tokyo.IsOpen(noon + kHour));  // its start is open
  EXPECT_TRUE(tokyo.IsOpen(noon - 1));
}

TEST(BusinessCalendarTest, IntervalEndingAtMidnightRunsIntoTheNextDay) {
  BusinessHours hours;  // UTC: Monday 18:00-24:00, Tuesday 00:00-06:00
  hours.week[0] = Day("18:00-24:00");
  hours.week[1] = Day("00:00-06:00");
  BusinessCalendar night = Calendar(hours);
  const int64_t monday = At("2026-03-02T00:00:00.000Z");
  EXPECT_EQ(night.Add(monday + 23 * kHour, 2 * kHour), monday + 25 * kHour);
  EXPECT_EQ(night.Between(monday + 20 * kHour, monday + 28 * kHour), 8 * kHour);
  EXPECT_TRUE(night.IsOpen(monday + 24 * kHour));
  EXPECT_FALSE(night.IsOpen(monday + 30 * kHour));

  hours.week[1] = {};  // Tuesday closed: Monday's 24:00 is a closing
  BusinessCalendar monday_night = Calendar(hours);
  EXPECT_EQ(monday_night.Add(monday + 23 * kHour, kHour), monday + 24 * kHour);
  EXPECT_FALSE(monday_night.IsOpen(monday + 24 * kHour));
  EXPECT_EQ(monday_night.NextOpen(monday + 24 * kHour), monday + 7 * kDay + 18 * kHour);
}

TEST(BusinessCalendarTest, HolidaysCloseTheWholeLocalDay) {
  // New York, Friday 2026-07-03 off (EDT, UTC-4).
  BusinessHours hours = Weekdays("America/New_York");
  hours.holidays = {"2026-07-03"};
  BusinessCalendar ny = Calendar(hours);
  EXPECT_EQ(FormatTimestamp(ny.Add(At("2026-07-02T20:00:00.000Z"), 2 * kHour)),  // Thu 16:00
            "2026-07-06T14:00:00.000Z");                                         // Mon 10:00
  EXPECT_FALSE(ny.IsOpen(At("2026-07-03T16:00:00.000Z")));
  EXPECT_EQ(ny.NextOpen(At("2026-07-03T16:00:00.000Z")), At("2026-07-06T13:00:00.000Z"));
  EXPECT_EQ(ny.Between(At("2026-07-02T04:00:00.000Z"), At("2026-07-07T04:00:00.000Z")),
            16 * kHour);  // Thursday and Monday
}

TEST(BusinessCalendarTest, HolidaysAreLocalDatesOfTheZone) {
  // Tokyo, open around the clock, closed on 2026-01-01 local: 2025-12-31T15:00Z to
  // 2026-01-01T15:00Z.
  BusinessHours hours = AlwaysOpen();
  hours.time_zone = "Asia/Tokyo";
  hours.holidays = {"2026-01-01"};
  BusinessCalendar tokyo = Calendar(hours);
  EXPECT_EQ(tokyo.Between(At("2025-12-31T15:00:00.000Z"), At("2026-01-01T15:00:00.000Z")), 0);
  EXPECT_EQ(tokyo.Between(At("2025-12-31T14:00:00.000Z"), At("2026-01-01T16:00:00.000Z")),
            2 * kHour);
  EXPECT_TRUE(tokyo.IsOpen(At("2025-12-31T14:59:59.999Z")));
  EXPECT_FALSE(tokyo.IsOpen(At("2025-12-31T15:00:00.000Z")));
  EXPECT_EQ(tokyo.NextOpen(At("2026-01-01T00:00:00.000Z")), At("2026-01-01T15:00:00.000Z"));
}

// --- DST ------------------------------------------------------------------------------------

TEST(BusinessCalendarTest, ChangeDaysHaveTheirRealLength) {
  // Every change date below is a Sunday: the calendar opens on Sundays only, and Between over a
  // window from Friday to Tuesday (UTC) measures that one Sunday.
  struct Case {
    std::string zone;
    std::string sunday;  // local date
    std::string hours;
    int64_t expected;
  };
  const std::vector<Case> cases = {
      // America/New_York: spring forward 2026-03-08 02:00 -> 03:00, fall back 2026-11-01 02:00 ->
      // 01:00.
      {.zone = "America/New_York",
       .sunday = "2026-03-01",
       .hours = "00:00-24:00",
       .expected = 24 * kHour},
      {.zone = "America/New_York",
       .sunday = "2026-03-08",
       .hours = "00:00-24:00",
       .expected = 23 * kHour},
      {.zone = "America/New_York",
       .sunday = "2026-03-08",
       .hours = "09:00-17:00",
       .expected = 8 * kHour},
      {.zone = "America/New_York",
       .sunday = "2026-03-08",
       .hours = "01:00-04:00",
       .expected = 2 * kHour},
      {.zone = "America/New_York",
       .sunday = "2026-03-08",
       .hours = "02:30-04:00",
       .expected = 1 * kHour},  // 02:30 is the change
      {.zone = "America/New_York", .sunday = "2026-03-08", .hours = "02:00-02:30", .expected = 0},
      {.zone = "America/New_York",
       .sunday = "2026-03-08",
       .hours = "00:00-02:30,02:30-24:00",
       .expected = 23 * kHour},
      {.zone = "America/New_York",
       .sunday = "2026-11-01",
       .hours = "00:00-24:00",
       .expected = 25 * kHour},
      {.zone = "America/New_York",
       .sunday = "2026-11-01",
       .hours = "09:00-17:00",
       .expected = 8 * kHour},
      {.zone = "America/New_York",
       .sunday = "2026-11-01",
       .hours = "01:00-02:00",
       .expected = 2 * kHour},
      {.zone = "America/New_York",
       .sunday = "2026-11-01",
       .hours = "00:00-01:30",
       .expected = 90 * kMinute},  // stops at the first pass
      {.zone = "America/New_York",
       .sunday = "2026-11-01",
       .hours = "01:30-03:00",
       .expected = 150 * kMinute},
      {.zone = "America/New_York",
       .sunday = "2026-11-01",
       .hours = "01:10-01:50",
       .expected = 40 * kMinute},
      {.zone = "America/New_York",
       .sunday = "2026-11-01",
       .hours = "00:00-01:30,01:30-24:00",
       .expected = 25 * kHour},
      // Europe/Berlin: 2026-03-29 02:00 -> 03:00, 2026-10-25 03:00 -> 02:00.
      {.zone = "Europe/Berlin",
       .sunday = "2026-03-22",
       .hours = "00:00-24:00",
       .expected = 24 * kHour},
      {.zone = "Europe/Berlin",
       .sunday = "2026-03-29",
       .hours = "00:00-24:00",
       .expected = 23 * kHour},
      {.zone = "Europe/Berlin",
       .sunday = "2026-03-29",
       .hours = "09:00-17:00",
       .expected = 8 * kHour},
      {.zone = "Europe/Berlin",
       .sunday = "2026-03-29",
       .hours = "01:00-04:00",
       .expected = 2 * kHour},
      {.zone = "Europe/Berlin",
       .sunday = "2026-10-25",
       .hours = "00:00-24:00",
       .expected = 25 * kHour},
      {.zone = "Europe/Berlin",
       .sunday = "2026-10-25",
       .hours = "09:00-17:00",
       .expected = 8 * kHour},
      {.zone = "Europe/Berlin",
       .sunday = "2026-10-25",
       .hours = "02:00-03:00",
       .expected = 2 * kHour},
      // Australia/Sydney: fall back 2026-04-05 03:00 -> 02:00, spring forward 2026-10-04 02:00 ->
      // 03:00.
      {.zone = "Australia/Sydney",
       .sunday = "2026-04-05",
       .hours = "00:00-24:00",
       .expected = 25 * kHour},
      {.zone = "Australia/Sydney",
       .sunday = "2026-04-05",
       .hours = "09:00-17:00",
       .expected = 8 * kHour},
      {.zone = "Australia/Sydney",
       .sunday = "2026-04-05",
       .hours = "02:00-03:00",
       .expected = 2 * kHour},
      {.zone = "Australia/Sydney",
       .sunday = "2026-10-04",
       .hours = "00:00-24:00",
       .expected = 23 * kHour},
      {.zone = "Australia/Sydney",
       .sunday = "2026-10-04",
       .hours = "09:00-17:00",
       .expected = 8 * kHour},
      {.zone = "Australia/Sydney",
       .sunday = "2026-10-04",
       .hours = "01:00-04:00",
       .expected = 2 * kHour},
      // Asia/Tokyo keeps no DST: the American and European change dates are ordinary days.
      {.zone = "Asia/Tokyo",
       .sunday = "2026-03-08",
       .hours = "00:00-24:00",
       .expected = 24 * kHour},
      {.zone = "Asia/Tokyo",
       .sunday = "2026-03-29",
       .hours = "00:00-24:00",
       .expected = 24 * kHour},
      {.zone = "Asia/Tokyo",
       .sunday = "2026-10-25",
       .hours = "00:00-24:00",
       .expected = 24 * kHour},
      {.zone = "Asia/Tokyo", .sunday = "2026-11-01", .hours = "09:00-17:00", .expected = 8 * kHour},
  };
  for (const Case& c : cases) {
    BusinessHours hours;
    hours.time_zone = c.zone;
    hours.week[6] = Day(c.hours);
    BusinessCalendar calendar = Calendar(hours);
    const int64_t sunday = At(c.sunday + "T00:00:00.000Z");
    const std::string what = c.zone + " " + c.sunday + " " + c.hours;
    EXPECT_EQ(calendar.Between(sunday - 2 * kDay, sunday + 2 * kDay), c.expected) << what;
    if (c.expected > 0) {
      // The day's open time, added from before it, ends at its last closing.
      const int64_t end = calendar.Add(sunday - 2 * kDay, c.expected);
      EXPECT_FALSE(calendar.IsOpen(end)) << what;
      EXPECT_GT(calendar.NextOpen(end), sunday + 2 * kDay) << what;
    }
  }
}

TEST(BusinessCalendarTest, ChangesAtMidnightMoveTheDayBoundary) {
  // America/Santiago changes at local midnight: on 2026-04-05 00:00 -03 (03:00Z) the clocks go back
  // to Saturday 23:00 -04; on 2026-09-06 00:00 -04 (04:00Z) they jump to 01:00 -03.
  BusinessHours saturdays;
  saturdays.time_zone = "America/Santiago";
  saturdays.week[5] = Day("00:00-24:00");
  BusinessCalendar saturday = Calendar(saturdays);
  EXPECT_EQ(saturday.Between(At("2026-04-02T00:00:00.000Z"), At("2026-04-07T00:00:00.000Z")),
            25 * kHour);
  EXPECT_TRUE(saturday.IsOpen(At("2026-04-05T03:30:00.000Z")));   // Saturday 23:30, second pass
  EXPECT_FALSE(saturday.IsOpen(At("2026-04-05T04:00:00.000Z")));  // Sunday 00:00 -04

  BusinessHours sundays;
  sundays.time_zone = "America/Santiago";
  sundays.week[6] = Day("00:00-24:00");
  BusinessCalendar sunday = Calendar(sundays);
  EXPECT_EQ(sunday.Between(At("2026-04-02T00:00:00.000Z"), At("2026-04-07T00:00:00.000Z")),
            24 * kHour);
  EXPECT_EQ(sunday.NextOpen(At("2026-04-04T12:00:00.000Z")), At("2026-04-05T04:00:00.000Z"));
  EXPECT_EQ(sunday.Between(At("2026-09-03T00:00:00.000Z"), At("2026-09-08T00:00:00.000Z")),
            23 * kHour);
  // Sunday's 00:00 does not exist: the day starts at the change.
  EXPECT_EQ(sunday.NextOpen(At("2026-09-05T12:00:00.000Z")), At("2026-09-06T04:00:00.000Z"));
}

TEST(BusinessCalendarTest, NonexistentLocalTimeMapsToTheChangeInstant) {
  // New York, 2026-03-08: 02:00 EST (07:00Z) becomes 03:00 EDT.
  BusinessHours hours;
  hours.time_zone = "America/New_York";
  hours.week[6] = Day("02:30-04:00");
  BusinessCalendar ny = Calendar(hours);
  EXPECT_EQ(FormatTimestamp(ny.NextOpen(At("2026-03-07T12:00:00.000Z"))),
            "2026-03-08T07:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(ny.NextOpen(At("2026-03-14T12:00:00.000Z"))),
            "2026-03-15T06:30:00.000Z");  // an ordinary Sunday: 02:30 EDT
  EXPECT_FALSE(ny.IsOpen(At("2026-03-08T06:59:59.999Z")));
  EXPECT_TRUE(ny.IsOpen(At("2026-03-08T07:00:00.000Z")));
  EXPECT_FALSE(ny.IsOpen(At("2026-03-08T08:00:00.000Z")));  // 04:00 EDT
}

TEST(BusinessCalendarTest, SkippedIntervalOnSpringForwardIsEmpty) {
  // Open only 02:00-02:30 on Sundays in New York: that half hour does not exist on 2026-03-08.
  BusinessHours hours;
  hours.time_zone = "America/New_York";
  hours.week[6] = Day("02:00-02:30");
  BusinessCalendar ny = Calendar(hours);
  EXPECT_EQ(FormatTimestamp(ny.Add(At("2026-03-07T12:00:00.000Z"), kMinute)),
            "2026-03-15T06:01:00.000Z");  // the next Sunday, 02:01 EDT
  EXPECT_FALSE(ny.IsOpen(At("2026-03-08T07:00:00.000Z")));
}

TEST(BusinessCalendarTest, AmbiguousLocalTimeTakesItsFirstOccurrence) {
  // New York, 2026-11-01: 02:00 EDT (06:00Z) becomes 01:00 EST, so 01:00-02:00 happens twice.
  BusinessHours hours;
  hours.time_zone = "America/New_York";
  hours.week[6] = Day("01:00-01:30");
  BusinessCalendar ny = Calendar(hours);
  EXPECT_EQ(FormatTimestamp(ny.NextOpen(At("2026-10-31T12:00:00.000Z"))),
            "2026-11-01T05:00:00.000Z");  // 01:00 EDT
  EXPECT_TRUE(ny.IsOpen(At("2026-11-01T05:29:59.999Z")));
  EXPECT_FALSE(ny.IsOpen(At("2026-11-01T05:30:00.000Z")));
  EXPECT_FALSE(ny.IsOpen(At("2026-11-01T06:00:00.000Z")));  // 01:00 EST, the second pass
}

TEST(BusinessCalendarTest, SpringForwardDayIsAnHourShorter) {
  BusinessHours hours = AlwaysOpen();
  hours.time_zone = "Europe/Berlin";
  BusinessCalendar berlin = Calendar(hours);
  // 2026-03-29 00:00 CET is 03-28T23:00Z; 03-30 00:00 CEST is 03-29T22:00Z.
  EXPECT_EQ(berlin.Between(At("2026-03-28T23:00:00.000Z"), At("2026-03-29T22:00:00.000Z")),
            23 * kHour);
}

TEST(BusinessCalendarTest, FallBackDayIsAnHourLonger) {
  BusinessHours hours = AlwaysOpen();
  hours.time_zone = "America/New_York";
  hours.holidays = {"2026-10-31", "2026-11-02"};  // only 2026-11-01 open around that weekend
  BusinessCalendar ny = Calendar(hours);
  // From 2026-10-30 20:00 EDT to 2026-11-03 19:00 EST: 4 h on Oct 30, 25 h on Nov 1, 19 h on Nov 3.
  EXPECT_EQ(ny.Between(At("2026-10-31T00:00:00.000Z"), At("2026-11-04T00:00:00.000Z")),
            4 * kHour + 25 * kHour + 19 * kHour);
}

// --- Between, and long spans ----------------------------------------------------------------

TEST(BusinessCalendarTest, BetweenIsZeroForEmptyOrBackwardSpans) {
  BusinessCalendar utc = Calendar(AlwaysOpen());
  const int64_t t = At("2026-05-05T10:00:00.000Z");
  EXPECT_EQ(utc.Between(t, t), 0);
  EXPECT_EQ(utc.Between(t, t - kHour), 0);
  EXPECT_EQ(utc.Between(t, t + 1), 1);
}

TEST(BusinessCalendarTest, AYearOfWeekdaysIsItsWorkingDaysTimesTheHours) {
  // 2026 has 261 weekdays; 09:00-17:00 is 8 h whatever the zone does with its clocks, and a zone's
  // two changes in a year cancel out.
  const int64_t from = At("2026-01-01T00:00:00.000Z");
  const int64_t to = At("2027-01-01T00:00:00.000Z");
  EXPECT_EQ(Calendar(Weekdays("UTC")).Between(from, to), 261 * 8 * kHour);
  BusinessHours ny_always = AlwaysOpen();
  ny_always.time_zone = "America/New_York";
  EXPECT_EQ(Calendar(ny_always).Between(from, to), 365 * kDay);
  // In New York local time: 2026-01-01 00:00 EST to 2027-01-01 00:00 EST.
  EXPECT_EQ(Calendar(Weekdays("America/New_York"))
                .Between(At("2026-01-01T05:00:00.000Z"), At("2027-01-01T05:00:00.000Z")),
            261 * 8 * kHour);
}

TEST(BusinessCalendarTest, LongSpansAgreeWithTheDayByDaySum) {
  // Between counts spans of two weeks and more by whole weeks plus the days that differ (holidays,
  // clock changes); summing short spans walks every day. Both must agree.
  for (const char* zone : {"America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Tokyo"}) {
    BusinessHours hours = Weekdays(zone, "08:30-12:00,13:00-18:00");
    hours.week[5] = Day("10:00-14:00");
    hours.week[6] = Day("00:00-03:00,22:00-24:00");  // the changes happen on Sunday nights
    hours.holidays = {"2026-03-08", "2026-04-05", "2026-10-25",
                      "2026-12-25", "2027-01-01", "2027-11-07"};
    BusinessCalendar calendar = Calendar(hours);
    const int64_t from = At("2025-06-01T07:13:00.000Z");
    const int64_t to = At("2028-07-01T19:47:00.000Z");
    int64_t summed = 0;
    for (int64_t t = from; t < to; t += 3 * kDay + 5 * kHour) {
      summed += calendar.Between(t, std::min(t + 3 * kDay + 5 * kHour, to));
    }
    EXPECT_EQ(calendar.Between(from, to), summed) << zone;
  }
}

TEST(BusinessCalendarTest, ExtremeInstantsAreClampedNotLoopedOver) {
  BusinessCalendar utc = Calendar(AlwaysOpen());
  // Clamped to [0001-01-01, 10000-01-01): 3,652,059 days less the last millisecond.
  EXPECT_EQ(utc.Between(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()),
            3'652'059 * kDay - 1);
  BusinessCalendar ny = Calendar(Weekdays("America/New_York"));
  EXPECT_GT(ny.Between(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()),
            0);
  const int64_t huge = std::numeric_limits<int64_t>::max();
  EXPECT_GE(ny.NextOpen(huge), huge);
  EXPECT_GE(ny.Add(huge, kHour), huge);
}

// --- Bounded walks --------------------------------------------------------------------------

TEST(BusinessCalendarTest, AddStopsAtTheWalkCap) {
  // Around the clock, an endless duration: the walk stops after kWalkCapDays local days, at the
  // midnight that ends the last (2026-01-01 + 3653 days).
  BusinessCalendar utc = Calendar(AlwaysOpen());
  EXPECT_EQ(
      FormatTimestamp(utc.Add(At("2026-01-01T12:00:00.000Z"), std::numeric_limits<int64_t>::max())),
      "2036-01-02T00:00:00.000Z");
}

TEST(BusinessCalendarTest, HolidaysClosingEverythingEndTheWalkAtTheCap) {
  // Open Mondays 09:00-10:00 UTC only, and every Monday for eleven years is a holiday.
  BusinessHours hours;
  hours.week[0] = Day("09:00-10:00");
  const int64_t first_monday = At("2026-01-05T00:00:00.000Z");
  for (int week = 0; week < 52 * 11; ++week) {
    hours.holidays.push_back(FormatTimestamp(first_monday + week * 7 * kDay).substr(0, 10));
  }
  BusinessCalendar closed = Calendar(hours);
  const int64_t start = At("2026-01-05T08:00:00.000Z");
  const int64_t cap = At("2026-01-05T00:00:00.000Z") + BusinessCalendar::kWalkCapDays * kDay;
  EXPECT_EQ(closed.Add(start, kHour), cap);
  EXPECT_EQ(closed.NextOpen(start), cap);
  EXPECT_FALSE(closed.IsOpen(cap));
  EXPECT_EQ(closed.Between(start, cap), 0);
}

// --- Properties -----------------------------------------------------------------------------

TEST(BusinessCalendarTest, RandomSpansRoundTripBetweenAddAndNextOpen) {
  std::mt19937_64 random(20260308);
  const int64_t lo = At("2025-01-01T00:00:00.000Z");
  const int64_t hi = At("2028-01-01T00:00:00.000Z");
  std::uniform_int_distribution<int64_t> instant(lo, hi);
  std::uniform_int_distribution<int64_t> duration(0, 200 * kHour);
  std::uniform_int_distribution<int64_t> gap(0, 40 * kDay);
  for (const char* zone :
       {"UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Tokyo"}) {
    BusinessHours hours = Weekdays(zone, "09:00-12:00,13:00-17:30");
    hours.week[5] = Day("10:00-14:00");
    hours.week[6] = Day("01:00-03:00,23:00-24:00");
    hours.holidays = {"2025-12-25", "2026-01-01", "2026-03-08", "2026-11-01", "2027-04-04"};
    BusinessCalendar calendar = Calendar(hours);
    for (int i = 0; i < 1000; ++i) {
      const int64_t start = instant(random);
      const int64_t d = duration(random);
      const int64_t end = calendar.Add(start, d);
      ASSERT_EQ(calendar.Between(start, end), d)
          << zone << " " << FormatTimestamp(start) << " + " << d;
      if (d > 0) {
        EXPECT_GT(end, calendar.NextOpen(start)) << zone << " " << FormatTimestamp(start);
        EXPECT_TRUE(calendar.IsOpen(end - 1)) << zone << " " << FormatTimestamp(end);
      }
      EXPECT_TRUE(calendar.IsOpen(calendar.NextOpen(start)))
          << zone << " " << FormatTimestamp(start);

      // Add(x, Between(x, y)) lands on y, or on the last closing before it when y is closed.
      const int64_t y = start + gap(random);
      const int64_t back = calendar.Add(start, calendar.Between(start, y));
      EXPECT_LE(back, y) << zone;
      EXPECT_EQ(calendar.NextOpen(back), calendar.NextOpen(y))
          << zone << " " << FormatTimestamp(start) << " " << FormatTimestamp(y);

      // Between is additive.
      const int64_t mid = start + gap(random) / 2;
      EXPECT_EQ(calendar.Between(start, y),
                calendar.Between(start, std::min(mid, y)) + calendar.Between(std::min(mid, y), y))
          << zone;
    }
  }
}

TEST(BusinessCalendarTest, CopiesAreSharedAndSafeAcrossThreads) {
  // Europe/Lisbon is used by no other test, so the threads race to load the zone's rules.
  BusinessCalendar calendar = Calendar(Weekdays("Europe/Lisbon"));
  const int64_t start = At("2026-03-27T16:00:00.000Z");  // Friday 16:00 WET
  std::vector<std::thread> threads;
  std::vector<int64_t> results(2);
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([calendar, start, &results, i] {
      int64_t last = 0;
      for (int k = 0; k < 200; ++k) last = calendar.Add(start, 10 * kHour);
      results[i] = last;
    });
  }
  for (std::thread& t : threads) t.join();
  // One hour on Friday, 8 h on Monday 2026-03-30 (WEST, UTC+1), one on Tuesday.
  EXPECT_EQ(FormatTimestamp(results[0]), "2026-03-31T09:00:00.000Z");
  EXPECT_EQ(results[1], results[0]);
  EXPECT_EQ(calendar.Add(start, 10 * kHour), results[0]);
}

}  // namespace
}  // namespace dandelion::domain
