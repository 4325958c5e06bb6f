#include <gtest/gtest.h>

#include "text/pii.h"
#include "text/utf8.h"

namespace dandelion::text {
namespace {

struct Found {
  std::string kind, text;
  bool operator==(const Found&) const = default;
};

std::vector<Found> Find(const std::string& s) {
  std::u32string t = DecodeUtf8(s).code_points;
  std::vector<Found> out;
  for (const PiiMatch& m : FindPii(t)) {
    out.push_back({std::string(PiiKindName(m.kind)),
                   EncodeUtf8(t.substr(m.span.start, m.span.end - m.span.start))});
  }
  return out;
}

void PrintTo(const Found& f, std::ostream* os) { *os << f.kind << ":" << f.text; }

TEST(PiiTest, TableOfRealisticPosts) {
  struct Case {
    std::string text;
    std::vector<Found> want;
  } cases[] = {
      {"email me at jane.doe+orders@example.co.uk please", {{"email", "jane.doe+orders@example.co.uk"}}},
      {"@acme_support my order never came", {}},
      {"thanks @alice@mastodon.social for the tip", {}},
      {"call me on +44 20 7946 0958 tomorrow", {{"phone", "+44 20 7946 0958"}}},
      {"my number is (555) 123-4567", {{"phone", "(555) 123-4567"}}},
      {"ring 555-123-4567 after 5", {{"phone", "555-123-4567"}}},
      {"appelez le 06 12 34 56 78 svp", {{"phone", "06 12 34 56 78"}}},
      {"Tel. 030 1234567 oder 0049 30 1234567", {{"phone", "030 1234567"}, {"phone", "0049 30 1234567"}}},
      {"order 123456789012 is late", {}},
      {"on 2024-05-01 the app crashed", {}},
      {"my card 4242 4242 4242 4242 was charged twice", {{"card", "4242 4242 4242 4242"}}},
      {"card 4111-1111-1111-1111 declined", {{"card", "4111-1111-1111-1111"}}},
      {"amex 378282246310005 ok", {{"card", "378282246310005"}}},
      {"not a card 4242 4242 4242 4241", {}},
      {"refund to DE89 3704 0044 0532 0130 00 thanks", {{"iban", "DE89 3704 0044 0532 0130 00"}}},
      {"IBAN GB82WEST12345698765432.", {{"iban", "GB82WEST12345698765432"}}},
      {"bad IBAN DE89 3704 0044 0532 0130 01 here", {}},
      {"version 1.2.3.4 released", {}},
      {"", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(Find(c.text), c.want) << c.text;
}

TEST(PiiTest, MaskHidesEveryMatch) {
  std::u32string t = DecodeUtf8("Hi, I'm bob@example.com, card 4242424242424242, tel +1 415 555 2671.").code_points;
  std::string masked = MaskPii(t, FindPii(t));
  EXPECT_EQ(masked, "Hi, I'm [email], card [card ending 4242], tel [phone].");
}

TEST(PiiTest, ChecksumsAndBadInput) {
  EXPECT_TRUE(LuhnValid(U"79927398713"));
  EXPECT_FALSE(LuhnValid(U"79927398710"));
  EXPECT_TRUE(IbanValid(U"FR14 2004 1010 0505 0001 3M02 606"));
  EXPECT_FALSE(IbanValid(U"XX14 2004 1010 0505 0001 3M02 606"));
  EXPECT_TRUE(Find("\xff\xfe@\xff.com +").empty());
  std::string big(1 << 20, '5');
  EXPECT_TRUE(Find(big).empty());  // one long digit run: no phone, no card, bounded time
  EXPECT_TRUE(Find("😀😀 @ . + ( )").empty());
  EXPECT_EQ(Find("راسلني على ali@example.com").size(), 1u);
}

}  // namespace
}  // namespace dandelion::text
