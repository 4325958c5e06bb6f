// FoldTokens, the matcher's tokenizer with its ASCII fast path, against
// AppendTokens, the general one (itself checked against FTS5 by the
// differential test): the same tokens, byte for byte, at the same places.
#include "listening/unicode61.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace dandelion::listening {
namespace {

// What AppendTokens makes of `text`, in FoldTokens' terms.
void Reference(std::string_view text, std::vector<std::string>& tokens,
               std::vector<TextToken>& spans) {
  std::string joined;
  spans.clear();
  AppendTokens(text, true, joined, &spans);
  tokens.clear();
  // " tok1 tok2 … ": a folded token holds no space.
  for (size_t i = 0; i + 1 < joined.size();) {
    size_t j = joined.find(' ', i + 1);
    tokens.push_back(joined.substr(i + 1, j - i - 1));
    i = j;
  }
}

void ExpectSame(std::string_view text) {
  std::vector<std::string> want;
  std::vector<TextToken> spans;
  Reference(text, want, spans);
  std::string folded = "left over";
  std::vector<FoldedToken> got = {{1, 2, 3, 4}};
  FoldTokens(text, folded, got);
  ASSERT_EQ(got.size(), want.size()) << text;
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(folded.substr(got[i].begin, got[i].end - got[i].begin), want[i]) << text;
    EXPECT_EQ(got[i].text_begin, spans[i].begin) << text;
    EXPECT_EQ(got[i].text_end, spans[i].end) << text;
  }
  if (!got.empty()) {
    EXPECT_EQ(got.back().end, folded.size());
  }
}

TEST(FoldTokensTest, MatchesAppendTokensOnKnownText) {
  ExpectSame("");
  ExpectSame("   ");
  ExpectSame("Hello, World! KV-300 isn't $AAPL #Tag @Someone");
  ExpectSame("Café CAFÉ cafe\xCC\x81 naïve Ærøskøbing Straße İstanbul ǅ");
  ExpectSame("東京 タワー 😍 emoji😍inside ﬁ ligature Ⱥ µ");
  ExpectSame("bad \xFF\xFE bytes \xC3 alone \x80\xBF stray \xE2\x82 cut");
  ExpectSame("\xCC\x81leading mark, word\xCC\x81\xCC\x82 marks");
  ExpectSame(std::string(3000, 'a') + " " + std::string(10, 'Z'));
}

TEST(FoldTokensTest, MatchesAppendTokensOnRandomText) {
  // Pieces mixed at random: ASCII letters, digits and punctuation, Latin
  // letters with diacritics, combining marks, other scripts, emoji, and
  // invalid UTF-8.
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           "q",
                                           "0",
                                           "9",
                                           " ",
                                           ",",
                                           "-",
                                           "_",
                                           "'",
                                           "\t",
                                           "\n",
                                           "#",
                                           "@",
                                           "$",
                                           "\xC3\xA9",
                                           "\xC3\x89",
                                           "\xC3\x9F",
                                           "\xC4\xB0",
                                           "\xC5\xBF",
                                           "\xC8\xBA",
                                           "\xC2\xB5",
                                           "\xCC\x81",
                                           "\xCC\xA7",
                                           "\xE6\x9D\xB1",
                                           "\xE3\x82\xBF",
                                           "\xD0\x96",
                                           "\xCE\xA3",
                                           "\xF0\x9F\x98\x8D",
                                           "\xEF\xAC\x81",
                                           "\xE2\x80\x8B",
                                           "\xC2\xA0",
                                           "\xFF",
                                           "\x80",
                                           "\xC3",
                                           "\xE2\x82",
                                           "\xF0\x9F",
                                           "\xED\xA0\x80",
                                           "\xC0\x80"};
  std::mt19937 rng(61);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    ExpectSame(text);
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace dandelion::listening
