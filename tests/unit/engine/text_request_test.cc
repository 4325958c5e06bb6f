// text analyze's fast path: well-formed lines are read whole, with the id
// kept as JSON text; every other line is left to the slow path (nullopt),
// which names what is wrong.
#include "engine/text_request.h"

#include <gtest/gtest.h>

namespace dandelion::engine {
namespace {

TEST(TextRequestTest, AWellFormedLineIsReadWithItsIdAsJson) {
  auto r = ReadTextRequest(R"({"id":"a\"1","text":"I love it","network":"mastodon"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->id_json, R"("a\"1")");
  EXPECT_EQ(r->text, "I love it");
  EXPECT_EQ(r->network, text::Network::kMastodon);

  auto n = ReadTextRequest(R"({"text":"plain","id":12,"network":null})");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->id_json, "12");
  EXPECT_EQ(n->network, text::Network::kOther);

  auto bare = ReadTextRequest(R"({"text":"no id"})");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->id_json, "null");
}

TEST(TextRequestTest, AnythingElseGoesTheSlowWay) {
  for (const char* line : {
           "not json",
           R"({"id":1,"text":"x"} trailing)",
           R"(["text"])",
           R"({"id":1})",                                  // no text
           R"({"id":1,"text":5})",                         // text not a string
           R"({"id":1,"text":"x","network":"mars"})",      // unknown network
           R"({"id":1,"text":"x","network":3})",           // network not a string
           R"({"id":1,"text":"x","extra":true})",          // unknown field
           R"({"id":{"nested":1},"text":"x"})",            // id kept as sent by the slow path
           R"({"id":1,"text":"x")",                        // cut short
       }) {
    EXPECT_FALSE(ReadTextRequest(line)) << line;
  }
}

}  // namespace
}  // namespace dandelion::engine
