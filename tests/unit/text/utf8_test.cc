#include <gtest/gtest.h>

#include "text/utf8.h"

namespace dandelion::text {
namespace {

TEST(Utf8Test, DecodesWithByteOffsets) {
  Decoded d = DecodeUtf8("a\xC3\xA9\xF0\x9F\x98\x80z");  // a é 😀 z
  EXPECT_EQ(d.code_points, (std::u32string{U'a', U'é', U'😀', U'z'}));
  EXPECT_EQ(d.byte_offsets, (std::vector<uint32_t>{0, 1, 3, 7, 8}));
  EXPECT_EQ(d.replaced, 0);
}

TEST(Utf8Test, ReplacesEachInvalidSequenceOnce) {
  struct Case {
    std::string in;
    std::u32string want;
    int replaced;
  } cases[] = {
      {"a\x80z", U"a\uFFFDz", 1},                 // stray continuation byte
      {"a\xC3", U"a\uFFFD", 1},                   // truncated at the end
      {"\xE2\x82z", U"\uFFFDz", 1},               // truncated in the middle
      {"\xC0\xAF", U"\uFFFD\uFFFD", 2},           // overlong '/'
      {"\xED\xA0\x80", U"\uFFFD\uFFFD\uFFFD", 3},  // a surrogate (ED is valid, A0 is not after it)
      {"\xF4\x90\x80\x80", U"\uFFFD\uFFFD\uFFFD\uFFFD", 4},  // above U+10FFFF
      {"\xFF\xFE", U"\uFFFD\uFFFD", 2},
  };
  for (const Case& c : cases) {
    Decoded d = DecodeUtf8(c.in);
    EXPECT_EQ(d.code_points.size(), c.want.size()) << c.in.size();
    EXPECT_EQ(d.replaced, c.replaced);
    EXPECT_EQ(d.byte_offsets.size(), d.code_points.size() + 1);
  }
  int n = 0;
  EXPECT_EQ(SanitizeUtf8("ok\x80", &n), "ok\xEF\xBF\xBD");
  EXPECT_EQ(n, 1);
}

TEST(Utf8Test, EncodeRoundTrips) {
  std::string s = "Grüße 👋🏽 مرحبا 日本";
  EXPECT_EQ(EncodeUtf8(DecodeUtf8(s).code_points), s);
}

}  // namespace
}  // namespace dandelion::text
