// Post length per network. X cases follow twitter-text's published
// counting rules (config v3); see post_length.h.
#include <gtest/gtest.h>

#include "text/post_length.h"
#include "text/utf8.h"

namespace dandelion::text {
namespace {

PostLength Measure(const std::string& s, Network n, std::vector<Span> urls = {}, int tags = 0) {
  return MeasurePost(DecodeUtf8(s).code_points, urls, tags, n);
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(PostLengthTest, XCountsLatinAsOneAndCjkAsTwo) {
  EXPECT_EQ(Measure("hello", Network::kX).length, 5);
  PostLength full = Measure(Repeat("a", 280), Network::kX);
  EXPECT_TRUE(full.valid);
  EXPECT_EQ(full.over_at, -1);
  PostLength over = Measure(Repeat("a", 281), Network::kX);
  EXPECT_FALSE(over.valid);
  EXPECT_EQ(over.over_at, 280);
  EXPECT_EQ(over.limit, 280);
  EXPECT_EQ(Measure(Repeat("日", 140), Network::kX).length, 280);
  PostLength cjk = Measure(Repeat("日", 141), Network::kX);
  EXPECT_EQ(cjk.length, 282);
  EXPECT_EQ(cjk.over_at, 140);
  // Punctuation ranges that weigh 1: en dash, curly quotes, prime.
  EXPECT_EQ(Measure("\u2013\u201C\u2032", Network::kX).length, 3);
}

TEST(PostLengthTest, XCountsAnEmojiSequenceAsTwo) {
  EXPECT_EQ(Measure("😀", Network::kX).length, 2);
  EXPECT_EQ(Measure("👨‍👩‍👧‍👦", Network::kX).length, 2);  // family: 7 code points
  EXPECT_EQ(Measure("👋🏽", Network::kX).length, 2);          // with skin tone
  EXPECT_EQ(Measure("🇯🇵", Network::kX).length, 2);          // flag
  EXPECT_EQ(Measure("1️⃣", Network::kX).length, 2);          // keycap
  EXPECT_EQ(Measure("❤️", Network::kX).length, 2);
  EXPECT_EQ(Measure("1", Network::kX).length, 1);
}

TEST(PostLengthTest, XNormalisesToNfcFirst) {
  EXPECT_EQ(Measure("e\u0301", Network::kX).length, 1);  // decomposed é
  EXPECT_EQ(Measure("\u00e9", Network::kX).length, 1);
}

TEST(PostLengthTest, XAndMastodonCountEveryUrlAs23) {
  std::string text = "see https://example.com/a/very/long/path/that/goes/on/and/on?x=1 now";
  auto d = DecodeUtf8(text);
  Span url{4, static_cast<int32_t>(d.code_points.find(U' ', 4))};
  EXPECT_EQ(Measure(text, Network::kX, {url}).length, 4 + 23 + 4);
  EXPECT_EQ(Measure(text, Network::kMastodon, {url}).length, 4 + 23 + 4);
  EXPECT_EQ(Measure(text, Network::kBluesky, {url}).length, static_cast<int>(d.code_points.size()));
}

TEST(PostLengthTest, BlueskyCountsGraphemes) {
  EXPECT_EQ(Measure("👨‍👩‍👧‍👦e\u0301", Network::kBluesky).length, 2);
  EXPECT_EQ(Measure(Repeat("🇯🇵", 300), Network::kBluesky).length, 300);
  PostLength over = Measure(Repeat("ab", 151), Network::kBluesky);
  EXPECT_FALSE(over.valid);
  EXPECT_EQ(over.over_at, 300);
  EXPECT_EQ(over.unit, "graphemes");
}

TEST(PostLengthTest, LimitsOfTheOtherNetworks) {
  EXPECT_EQ(Measure("x", Network::kMastodon).limit, 500);
  EXPECT_EQ(Measure("x", Network::kLinkedIn).limit, 3000);
  EXPECT_EQ(Measure("x", Network::kFacebook).limit, 63206);
  EXPECT_EQ(Measure("x", Network::kInstagram).limit, 2200);
  EXPECT_FALSE(Measure(Repeat("a", 501), Network::kMastodon).valid);
  PostLength tags = Measure("#a", Network::kInstagram, {}, 31);
  EXPECT_FALSE(tags.valid);
  ASSERT_EQ(tags.problems.size(), 1u);
  EXPECT_NE(tags.problems[0].find("30"), std::string::npos);
}

TEST(PostLengthTest, BadInputNeverCrashes) {
  EXPECT_EQ(Measure("", Network::kX).length, 0);
  EXPECT_TRUE(Measure("", Network::kX).valid);
  EXPECT_FALSE(Measure("a\uFEFFb", Network::kX).valid);
  PostLength bad = Measure("a\xff\xfe" "b", Network::kX);  // two U+FFFD, weight 2 each
  EXPECT_EQ(bad.length, 6);
  EXPECT_EQ(Measure("مرحبا بالعالم", Network::kX).length, 13);  // Arabic is below U+10FF
  std::string big = Repeat("word ", 200'000);              // 1 MB
  PostLength huge = Measure(big, Network::kX);
  EXPECT_EQ(huge.length, 1'000'000);
  EXPECT_EQ(huge.over_at, 280);
  EXPECT_EQ(Measure("a\u200Db", Network::kX).length, 3);  // ZWJ weighs 1

  // 1 MB made of 50,000 URLs: each counts 23, in linear time.
  std::string many;
  std::vector<Span> spans;
  for (int i = 0; i < 50'000; ++i) {
    int32_t start = static_cast<int32_t>(many.size());
    many += "a.co/xyzabcdefghijk ";
    spans.push_back({start, start + 19});
  }
  EXPECT_EQ(Measure(many, Network::kMastodon, spans).length, 50'000 * 24);
  EXPECT_EQ(Measure(many, Network::kX, spans).length, 50'000 * 24);
}

}  // namespace
}  // namespace dandelion::text
