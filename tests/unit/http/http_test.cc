#include <gtest/gtest.h>

#include "http/json_io.h"
#include "http/message.h"
#include "http/router.h"

namespace dandelion::http {
namespace {

TEST(RouterTest, MatchesCapturesAndReportsWrongMethod) {
  Router r;
  r.Add("GET", "/api/v1/units/{slug}", nullptr);
  r.Add("GET", "/api/v1/units/{slug}/members", nullptr);
  auto m = r.Match("GET", "/api/v1/units/emea%2Ddach/members");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/units/{slug}/members");
  EXPECT_EQ(m.Param("slug"), "emea-dach");
  auto wrong = r.Match("DELETE", "/api/v1/units/x");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_TRUE(wrong.path_matched);
  auto none = r.Match("GET", "/api/v1/units/x/y/z");
  EXPECT_EQ(none.route, nullptr);
  EXPECT_FALSE(none.path_matched);
}

TEST(RequestTest, CookiesAndQueryParameters) {
  Request req;
  req.headers["cookie"] = "a=1; dandelion_session=abc; b=2";
  req.query = "limit=10&q=hello%20world&empty";
  EXPECT_EQ(req.Cookie("dandelion_session"), "abc");
  EXPECT_EQ(req.Cookie("missing"), "");
  std::string v;
  ASSERT_TRUE(req.QueryParam("q", &v));
  EXPECT_EQ(v, "hello world");
  ASSERT_TRUE(req.QueryParam("empty", &v));
  EXPECT_EQ(v, "");
  EXPECT_FALSE(req.QueryParam("nope", &v));
}

TEST(JsonBodyTest, NamesTheFieldAtFault) {
  auto bad = JsonBody::Parse("{\"a\":1,", {"a"});
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("byte"), std::string::npos);
  auto unknown = JsonBody::Parse(R"({"a":"x","b":2})", {"a"});
  EXPECT_EQ(unknown.status().field(), "b");
  auto ok = JsonBody::Parse(R"({"a":"x","n":3.5})", {"a", "n"});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok->String("a"), "x");
  EXPECT_EQ(ok->Int("n").status().field(), "n");
  EXPECT_EQ(ok->String("missing").status().message(), "missing is required");
}

TEST(ErrorResponseTest, UniformBodyAndStatus) {
  Response r = ErrorResponse(NotFound("no unit 'x'", "slug"));
  EXPECT_EQ(r.status, 404);
  Json j = Json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "not_found");
  EXPECT_EQ(j["error"]["field"], "slug");
  Response internal = ErrorResponse(Internal("sqlite: syntax error near SELECT"));
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(internal.body.find("sqlite"), std::string::npos) << "internals stay in the log";
}

}  // namespace
}  // namespace dandelion::http
