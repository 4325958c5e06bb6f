// Enrich end to end on realistic posts, and on the inputs that break
// text code: invalid UTF-8, empty, 1 MB, only emoji, right-to-left, ZWJ.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "enrich/enrich.h"

namespace dandelion::enrich {
namespace {

bool HasIntent(const Enrichment& e, const std::string& intent) {
  return std::any_of(e.intents.begin(), e.intents.end(),
                     [&](const IntentLabel& l) { return l.intent == intent; });
}

TEST(EnrichTest, AComplaintWithEverything) {
  Enrichment e = Enrich(
      "@AcmeAir my flight was cancelled and nobody at the gate will help. Worst airline ever! "
      "#neveragain https://acme.com/complaints call me +44 20 7946 0958",
      text::Network::kX);
  EXPECT_EQ(e.invalid_utf8, 0);
  auto count = [&](text::EntityType t) {
    return std::count_if(e.entities.begin(), e.entities.end(),
                         [&](const text::Entity& en) { return en.type == t; });
  };
  EXPECT_EQ(count(text::EntityType::kMention), 1);
  EXPECT_EQ(count(text::EntityType::kHashtag), 1);
  EXPECT_EQ(count(text::EntityType::kUrl), 1);
  EXPECT_EQ(e.language.code, "en");
  EXPECT_EQ(e.sentiment_label, sentiment::Label::kNegative);
  EXPECT_LT(e.sentiment.compound, -0.3);
  EXPECT_TRUE(HasIntent(e, "complaint"));
  for (const IntentLabel& l : e.intents) EXPECT_FALSE(l.cues.empty()) << l.intent;
  ASSERT_EQ(e.pii.size(), 1u);
  EXPECT_EQ(e.pii[0].kind, text::PiiKind::kPhone);
  EXPECT_NE(e.masked.find("[phone]"), std::string::npos);
  EXPECT_EQ(e.masked.find("7946"), std::string::npos);
  EXPECT_EQ(e.length.network, text::Network::kX);
  EXPECT_TRUE(e.length.valid);
  EXPECT_LT(e.length.length, e.code_points);  // the URL counts 23, not its length
}

TEST(EnrichTest, PraiseAndAPurchaseQuestion) {
  Enrichment praise = Enrich("Thank you so much @ShopRight, the staff in Leeds were amazing! 😍",
                             text::Network::kInstagram);
  EXPECT_EQ(praise.sentiment_label, sentiment::Label::kPositive);
  EXPECT_TRUE(HasIntent(praise, "praise"));
  Enrichment buy = Enrich("How much is the unlimited plan per month? Thinking of switching to you",
                          text::Network::kMastodon);
  EXPECT_TRUE(HasIntent(buy, "purchase"));
}

TEST(EnrichTest, BadInputIsHandled) {
  Enrichment bad = Enrich("broken \xff\xfe bytes \xc3", text::Network::kX);
  EXPECT_EQ(bad.invalid_utf8, 3);
  EXPECT_NE(bad.text.find("\xEF\xBF\xBD"), std::string::npos);

  Enrichment empty = Enrich("", text::Network::kBluesky);
  EXPECT_EQ(empty.code_points, 0);
  EXPECT_EQ(empty.language.code, "unknown");
  EXPECT_EQ(empty.sentiment_label, sentiment::Label::kNeutral);
  EXPECT_TRUE(empty.intents.empty());
  EXPECT_TRUE(empty.length.valid);

  Enrichment emoji = Enrich("😡😡😡👨‍👩‍👧‍👦🇯🇵", text::Network::kX);
  EXPECT_EQ(emoji.length.length, 10);
  EXPECT_EQ(emoji.language.code, "unknown");

  Enrichment rtl = Enrich("הטיסה שלי בוטלה ואף אחד לא עוזר לי בשדה התעופה @elal", text::Network::kX);
  EXPECT_EQ(rtl.language.code, "he");
  EXPECT_EQ(rtl.entities.size(), 1u);

  Enrichment zwj = Enrich("a\u200Db\u200C c\u200B d", text::Network::kX);
  EXPECT_EQ(zwj.code_points, 9);

  std::string big;
  while (big.size() < 1'000'000) big += "the delivery was late again and nobody answers ";
  auto t0 = std::chrono::steady_clock::now();
  Enrichment huge = Enrich(big, text::Network::kFacebook);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_FALSE(huge.length.valid);
  EXPECT_EQ(huge.length.over_at, 63206);
  EXPECT_LT(secs, 10.0) << "a 1 MB post must take linear time";
}

}  // namespace
}  // namespace dandelion::enrich
