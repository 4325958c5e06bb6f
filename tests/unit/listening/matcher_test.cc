// The compiled matcher beyond FTS5's part of the language: case-sensitive
// terms, mid-word wildcards, entities, field filters, ordered NEAR,
// OR-groups as NEAR operands, topics of filters only, highlights, and
// topics the compiler must leave out.
#include "listening/matcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dandelion::listening {
namespace {

class MatcherTest : public ::testing::Test {
 protected:
  // The ids (1-based positions in `queries`) of the queries `post` matches.
  std::vector<int64_t> Run(const std::vector<std::string>& queries, const PostFacts& post) {
    std::vector<TopicQuery> topics;
    for (size_t i = 0; i < queries.size(); ++i) {
      topics.push_back({static_cast<int64_t>(i + 1), queries[i]});
    }
    std::vector<CompileError> errors;
    set_ = TopicSet::Compile(topics, &errors);
    for (const auto& e : errors) ADD_FAILURE() << queries[e.topic_id - 1] << ": " << e.message;
    std::vector<int64_t> out;
    matcher_.Match(*set_, post, out);
    return out;
  }
  bool Matches(const std::string& query, std::string_view text) {
    PostFacts post;
    post.text = text;
    return !Run({query}, post).empty();
  }

  std::shared_ptr<const TopicSet> set_;
  Matcher matcher_;
};

TEST_F(MatcherTest, CaseSensitiveTermsMatchOnlyThatCase) {
  EXPECT_TRUE(Matches("{Apple}", "I love Apple products"));
  EXPECT_FALSE(Matches("{Apple}", "an apple a day"));
  EXPECT_FALSE(Matches("{Apple}", "APPLE shouting"));
  EXPECT_TRUE(Matches("apple", "APPLE shouting"));
  EXPECT_TRUE(Matches("{Apple Pay}", "paid with Apple Pay today"));
  EXPECT_FALSE(Matches("{Apple Pay}", "paid with Apple pay today"));
  // A folded and a case-sensitive topic on the same post.
  PostFacts post;
  post.text = "apple juice";
  EXPECT_EQ(Run({"{Apple}", "apple"}, post), (std::vector<int64_t>{2}));
}

TEST_F(MatcherTest, WildcardsMatchWithinOneToken) {
  EXPECT_TRUE(Matches("customi?e", "we customise everything"));
  EXPECT_TRUE(Matches("customi?e", "we CUSTOMIZE everything"));
  EXPECT_FALSE(Matches("customi?e", "we customie everything"));
  EXPECT_TRUE(Matches("run*", "running late"));
  EXPECT_TRUE(Matches("run*", "run"));
  EXPECT_FALSE(Matches("run*", "rerun it"));
  EXPECT_TRUE(Matches("co*ee", "coffee time"));
  EXPECT_FALSE(Matches("co*ee", "cover free"));  // never across tokens
  EXPECT_TRUE(Matches("caf?", "Café"));          // one character after folding
}

TEST_F(MatcherTest, CaseSensitiveWildcardsAndPhrasesCheckTheTokensAsWritten) {
  // Found through their folded form, then compared as written.
  EXPECT_TRUE(Matches("{Korv*}", "the new Korvana phone"));
  EXPECT_FALSE(Matches("{Korv*}", "the new korvana phone"));
  EXPECT_FALSE(Matches("{Korv*}", "the new KORVANA phone"));
  EXPECT_TRUE(Matches("{Ca?é}", "au Café ce matin"));
  EXPECT_FALSE(Matches("{Ca?é}", "au Cafe ce matin"));
  EXPECT_TRUE(Matches("{Café Noir}", "un Café Noir svp"));
  EXPECT_FALSE(Matches("{Café Noir}", "un café Noir svp"));
  EXPECT_FALSE(Matches("{Café Noir}", "un Cafe Noir svp"));
  // Phrases of three and more tokens compare every token.
  EXPECT_TRUE(Matches("\"new phone battery life\"", "the new phone battery life is great"));
  EXPECT_FALSE(Matches("\"new phone battery life\"", "the new phone battery dies"));
  EXPECT_FALSE(Matches("\"new phone battery life\"", "new phone battery"));
}

TEST_F(MatcherTest, WildcardsSharingAStemAreEachChecked) {
  // Globs with one stem ("co") told apart by length, tail and middle.
  PostFacts post;
  post.text = "what a colour";
  EXPECT_EQ(Run({"co?or", "co*our", "co*", "co?our", "co??ur", "co*x", "colou?r"}, post),
            (std::vector<int64_t>{2, 3, 4, 5}));
  EXPECT_TRUE(Matches("caf?s", "deux cafés"));  // '?' takes a two-byte character
  EXPECT_TRUE(Matches("caf??", "deux cafés"));
  EXPECT_FALSE(Matches("caf???", "deux cafés"));
}

TEST_F(MatcherTest, WildcardsMatchWholeTokensOnly) {
  // A glob matches one whole token: never spans two tokens nor matches
  // inside one.
  EXPECT_FALSE(Matches("co?or", "co lor"));
  EXPECT_FALSE(Matches("co*or", "cold floor"));
  EXPECT_FALSE(Matches("lo?r", "colour"));
  EXPECT_TRUE(Matches("co?or", "color"));
  EXPECT_TRUE(Matches("co*", "co"));
  EXPECT_TRUE(Matches("co*r", "colour"));
  EXPECT_FALSE(Matches("co*r", "colours"));
}

TEST_F(MatcherTest, WildcardsReportEveryOccurrenceForNear) {
  // Only the second `run*` is near `fast`: every occurrence must be found.
  EXPECT_TRUE(Matches("run* NEAR/1 fast", "runs a b c d e running fast"));
  EXPECT_TRUE(Matches("fast NEAR/0 run*", "runs a b c d e running fast"));
  EXPECT_FALSE(Matches("run* NEAR/1 fast", "runs a b c d e fast"));
}

TEST_F(MatcherTest, CaseSensitiveWildcardsAreCheckedAsWritten) {
  EXPECT_TRUE(Matches("{Ko?ak}", "a Kodak camera"));
  EXPECT_FALSE(Matches("{Ko?ak}", "a kodak camera"));
  // '?' as written may be a character folding drops (a combining accent):
  // the folded token is one character shorter.
  EXPECT_TRUE(Matches("{Caf?}", "Caf\u0301"));
  EXPECT_FALSE(Matches("{Caf?}", "caf\u0301"));
  // The same folded glob, once case-sensitive and once not, in one set.
  PostFacts post;
  post.text = "Korvana and korvex";
  EXPECT_EQ(Run({"{Korv*}", "korv*", "{korv*}", "{Korvex}"}, post),
            (std::vector<int64_t>{1, 2, 3}));
}

TEST_F(MatcherTest, LongValuesAndWordsAreLookedUpWhole) {
  // Keys and words longer than eight bytes, and a field value longer than
  // the matcher's key buffer.
  PostFacts post;
  const std::string handle(80, 'k');
  post.text = "internationalization internationalisation";
  post.author = handle;
  post.sites = {"shop.example.co.uk"};
  EXPECT_EQ(Run({"internationalization", "internationalizations", "author:" + handle,
                 "author:" + handle + "x", "site:example.co.uk", "site:example.co.u"},
                post),
            (std::vector<int64_t>{1, 3, 5}));
}

TEST_F(MatcherTest, EntitiesMatchTheExtractedTagsHandlesAndCashtags) {
  PostFacts post;
  post.text = "Loving the new #GreenPhone from @Acme, $ACME up";
  post.hashtags = {"GreenPhone"};
  post.mentions = {"Acme"};
  post.cashtags = {"ACME"};
  // A bare word matches the tag's text too; #bluephone is not there.
  EXPECT_EQ(Run({"#greenphone", "@acme", "$acme", "#bluephone", "greenphone"}, post),
            (std::vector<int64_t>{1, 2, 3, 5}));
  // An entity term needs the extracted entity, not just the word.
  post.hashtags = {};
  EXPECT_EQ(Run({"#greenphone", "greenphone"}, post), (std::vector<int64_t>{2}));
}

TEST_F(MatcherTest, FieldFiltersNarrowTopics) {
  PostFacts post;
  post.text = "my router is broken again";
  post.network = "mastodon";
  post.language = "en";
  post.author = "kim@social.example";
  post.author_followers = 2500;
  post.sentiment = "negative";
  post.intents = {"complaint", "support"};
  post.sites = {"shop.acme.com"};
  post.country = "gb";
  EXPECT_EQ(Run({"router AND network:mastodon", "router AND network:x",
                 "router AND language:en", "router AND language:de", "router AND author:kim",
                 "router AND authorFollowers:[1000 TO 5000]",
                 "router AND authorFollowers:[5001 TO 9000]", "router AND sentiment:negative",
                 "router AND intent:support", "router AND intent:praise", "router AND site:acme.com",
                 "router AND site:cme.com", "router AND country:gb"},
                post),
            (std::vector<int64_t>{1, 3, 5, 6, 8, 9, 11, 13}));
}

TEST_F(MatcherTest, TopicsOfFiltersOnlyAreEvaluatedForEveryPost) {
  PostFacts post;
  post.text = "nothing in common with any term";
  post.network = "bluesky";
  post.sentiment = "negative";
  EXPECT_EQ(Run({"network:bluesky AND sentiment:negative", "network:bluesky AND refund",
                 "(network:x OR sentiment:negative)"},
                post),
            (std::vector<int64_t>{1, 3}));
}

TEST_F(MatcherTest, NearCountsTokensBetweenAndOrderWhenAsked) {
  EXPECT_TRUE(Matches("battery NEAR/2 phone", "the battery of my phone"));
  EXPECT_TRUE(Matches("battery NEAR/2 phone", "phone with a battery"));
  EXPECT_FALSE(Matches("battery NEAR/1 phone", "the battery of my phone"));
  EXPECT_TRUE(Matches("battery NEAR/2f phone", "the battery of my phone"));
  EXPECT_FALSE(Matches("battery NEAR/2f phone", "phone with a battery"));
  EXPECT_TRUE(Matches("battery NEAR/0f phone", "battery phone"));
  EXPECT_FALSE(Matches("battery NEAR/0f phone", "battery x phone"));
  EXPECT_TRUE(Matches("(battery OR screen) NEAR/1 (broken OR cracked)", "screen is cracked"));
  EXPECT_FALSE(Matches("(battery OR screen) NEAR/1 (broken OR cracked)", "screen and the case cracked"));
  EXPECT_TRUE(Matches("\"apple juice\"~2", "juice made from apple"));
  EXPECT_FALSE(Matches("\"apple juice\"~2", "juice is not made of apple"));
}

TEST_F(MatcherTest, BooleanOperatorsCombine) {
  EXPECT_TRUE(Matches("acme AND NOT (job OR hiring)", "acme support is slow"));
  EXPECT_FALSE(Matches("acme AND NOT (job OR hiring)", "acme is hiring"));
  EXPECT_TRUE(Matches("(acme OR globex) AND (refund OR \"money back\")", "globex: money back please"));
}

TEST_F(MatcherTest, HighlightsAreTheByteRangesOfPositiveTerms) {
  PostFacts post;
  post.text = "Mon Café est fermé, pas de café aujourd'hui";
  ASSERT_EQ(Run({"cafe AND NOT thé"}, post), (std::vector<int64_t>{1}));
  auto hl = matcher_.Highlights(*set_, post, 1);
  ASSERT_EQ(hl.size(), 2u);
  EXPECT_EQ(post.text.substr(hl[0].begin, hl[0].end - hl[0].begin), "Café");
  EXPECT_EQ(post.text.substr(hl[1].begin, hl[1].end - hl[1].begin), "café");
  ASSERT_EQ(Run({"\"est fermé\""}, post), (std::vector<int64_t>{1}));
  hl = matcher_.Highlights(*set_, post, 1);
  ASSERT_EQ(hl.size(), 1u);
  EXPECT_EQ(post.text.substr(hl[0].begin, hl[0].end - hl[0].begin), "est fermé");
}

TEST_F(MatcherTest, InvalidQueriesAreLeftOutAndNamed) {
  std::vector<CompileError> errors;
  auto set = TopicSet::Compile({{7, "apple"}, {8, "apple orange"}, {9, "NOT x"}}, &errors);
  EXPECT_EQ(set->topic_ids(), (std::vector<int64_t>{7}));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].topic_id, 8);
  EXPECT_NE(errors[0].message.find("column"), std::string::npos);
  EXPECT_EQ(errors[1].topic_id, 9);
}

TEST_F(MatcherTest, AnEmptySetMatchesNothing) {
  auto set = TopicSet::Compile({}, nullptr);
  PostFacts post;
  post.text = "anything";
  std::vector<int64_t> out{42};
  matcher_.Match(*set, post, out);
  EXPECT_TRUE(out.empty());
}

TEST_F(MatcherTest, OneMatcherFollowsASwappedSet) {
  PostFacts post;
  post.text = "new phone";
  auto first = TopicSet::Compile({{1, "phone"}}, nullptr);
  auto second = TopicSet::Compile({{2, "tablet"}, {3, "new"}}, nullptr);
  std::vector<int64_t> out;
  matcher_.Match(*first, post, out);
  EXPECT_EQ(out, (std::vector<int64_t>{1}));
  matcher_.Match(*second, post, out);
  EXPECT_EQ(out, (std::vector<int64_t>{3}));
  matcher_.Match(*first, post, out);
  EXPECT_EQ(out, (std::vector<int64_t>{1}));
}

TEST_F(MatcherTest, PathologicalWildcardsCompileAndRunBounded) {
  std::string text(20000, 'a');
  PostFacts post;
  post.text = text;
  auto out = Run({"aa?????????????????????????*", "aa*a*a*a*a*a*a*a*a*a*z"}, post);
  EXPECT_EQ(out, (std::vector<int64_t>{1}));
}

}  // namespace
}  // namespace dandelion::listening
