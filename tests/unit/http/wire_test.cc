// The wire convention's parts that are code: times as ISO 8601 UTC with
// milliseconds both ways, time and cursor query parameters, and the one
// list shape.
#include <gtest/gtest.h>

#include "common/clock.h"
#include "http/handlers.h"

namespace dandelion::http {
namespace {

TEST(WireTimeTest, FormatsWithMillisecondsAndParsesBack) {
  EXPECT_EQ(FormatTimestamp(1'767'225'600'123), "2026-01-01T00:00:00.123Z");
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59.999Z");
  for (int64_t ms : {int64_t{0}, int64_t{-1}, int64_t{1'767'225'600'123}, int64_t{951'782'400'000}}) {
    auto back = ParseTimestamp(FormatTimestamp(ms));
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, ms);
  }
}

TEST(WireTimeTest, TakesMillisecondsOrNoFraction) {
  EXPECT_EQ(*ParseTimestamp("2026-01-01T00:00:00Z"), 1'767'225'600'000);
  EXPECT_EQ(*ParseTimestamp("2026-01-01T00:00:00.050Z"), 1'767'225'600'050);
}

TEST(WireTimeTest, RefusesWhatIsNotAUtcTimeNamingIt) {
  for (const char* bad : {"", "1767225600000", "2026-01-01", "2026-01-01T00:00:00",
                          "2026-01-01T00:00:00+01:00", "2026-01-01 00:00:00Z",
                          "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z",
                          "2026-01-01T00:00:00.1234Z", "2026-01-01T00:00:00.Z",
                          "2026-01-01T00:00:00.5Z", "2026-01-01T00:00:00.05Z",
                          "2026-01-01T00:00:00Zjunk"}) {
    auto r = ParseTimestamp(bad);
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << bad;
  }
  EXPECT_NE(ParseTimestamp("yesterday").status().message().find("'yesterday'"), std::string::npos);
}

TEST(WireQueryTest, TimeAndCursorParameters) {
  Request req;
  req.query = "from=2026-01-01T00:00:00.000Z&to=soon&cursor=42";
  EXPECT_EQ(*QueryTime(req, "from", 7), 1'767'225'600'000);
  auto to = QueryTime(req, "to", 7);
  EXPECT_EQ(to.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(to.status().field(), "to");
  EXPECT_EQ(*QueryTime(req, "until", 7), 7);
  EXPECT_EQ(QueryCursor(req), "42");
  EXPECT_EQ(QueryCursor(Request{}), "");
}

TEST(WireListTest, EveryListHasItemsAndNext) {
  Json last = ListJson(Json::array({1, 2}));
  EXPECT_EQ(last, Json::parse(R"({"items":[1,2],"next":null})"));
  Json more = ListJson(Json::array({1}), std::string("abc"));
  EXPECT_EQ(more["next"], "abc");
}

}  // namespace
}  // namespace dandelion::http
