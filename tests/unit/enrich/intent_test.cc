#include "enrich/intent.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "text/utf8.h"

namespace dandelion::enrich {
namespace {

// ---------------------------------------------------------------------------
// The labelled cases (tests/data/intent/cases.tsv)

struct Case {
  int line = 0;
  std::set<std::string> want;
  double sentiment = 0;
  std::string text;
};

std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 'n' || s[i + 1] == 't')) {
      out += s[i + 1] == 'n' ? '\n' : '\t';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<Case> LoadCases() {
  std::ifstream in(DANDELION_TEST_DATA "/intent/cases.tsv");
  EXPECT_TRUE(in) << "cannot open tests/data/intent/cases.tsv";
  std::vector<Case> cases;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string labels, sentiment, text;
    std::getline(fields, labels, '\t');
    std::getline(fields, sentiment, '\t');
    std::getline(fields, text);
    EXPECT_FALSE(text.empty()) << "cases.tsv line " << n
                               << ": expected labels<TAB>sentiment<TAB>text";
    Case c;
    c.line = n;
    c.sentiment = std::stod(sentiment);
    c.text = Unescape(text);
    if (labels != "-") {
      std::istringstream l(labels);
      for (std::string label; std::getline(l, label, ',');) c.want.insert(label);
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

//! Entity counts read off the text, standing in for text::ExtractEntities so
//! that the table depends on nothing but the classifier.
struct Entities {
  int urls = 0, mentions = 0, hashtags = 0, cashtags = 0;
  bool email = false, phone = false;
};

Entities CountEntities(const std::string& text) {
  Entities e;
  std::istringstream words(text);
  for (std::string w; words >> w;) {
    const size_t at = w.find('@');
    const size_t slash = w.find('/');
    const size_t dot = w.find('.');
    if (w.find("://") != std::string::npos || w.rfind("www.", 0) == 0 ||
        (slash != std::string::npos && dot != std::string::npos && dot < slash)) {
      ++e.urls;
    } else if (at == 0 && w.size() > 1) {
      ++e.mentions;
    } else if (at != std::string::npos && w.find('.', at) != std::string::npos) {
      e.email = true;
    }
    for (size_t i = 0; i + 1 < w.size(); ++i) {
      const unsigned char next = static_cast<unsigned char>(w[i + 1]);
      if (w[i] == '#' && (std::isalnum(next) || next >= 0x80)) ++e.hashtags;
      if (w[i] == '$' && std::isalpha(next) && (i == 0)) ++e.cashtags;
    }
  }
  // A phone number: a run of digits, spaces, dashes and brackets (after an
  // optional +) holding ten digits or more.
  for (size_t i = 0; i < text.size();) {
    if (!std::isdigit(static_cast<unsigned char>(text[i])) && text[i] != '+') {
      ++i;
      continue;
    }
    int digits = 0;
    size_t j = i + (text[i] == '+');
    for (; j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) ||
                               std::strchr(" ()-", text[j]) != nullptr);
         ++j) {
      digits += std::isdigit(static_cast<unsigned char>(text[j])) ? 1 : 0;
    }
    if (digits >= 10) e.phone = true;
    i = j + 1;
  }
  return e;
}

std::vector<IntentLabel> ClassifyText(const IntentClassifier& c, const std::string& text,
                                      double sentiment = 0) {
  const std::u32string cps = text::DecodeUtf8(text).code_points;
  const Entities e = CountEntities(text);
  IntentSignals s;
  s.text = cps;
  s.sentiment_compound = sentiment;
  s.urls = e.urls;
  s.mentions = e.mentions;
  s.hashtags = e.hashtags;
  s.cashtags = e.cashtags;
  s.has_email = e.email;
  s.has_phone = e.phone;
  return c.Classify(s);
}

std::string Describe(const std::vector<IntentLabel>& labels) {
  std::string out;
  for (const IntentLabel& l : labels) {
    char score[32];
    std::snprintf(score, sizeof score, "%.2f", l.score);
    out += "  " + l.intent + " " + score + " [";
    for (size_t i = 0; i < l.cues.size(); ++i) out += (i ? ", " : "") + l.cues[i];
    out += "]\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

std::string Join(const std::set<std::string>& s) {
  std::string out;
  for (const std::string& x : s) out += (out.empty() ? "" : ",") + x;
  return out.empty() ? "-" : out;
}

TEST(IntentTest, LabelsEveryCaseExactly) {
  const std::vector<Case> cases = LoadCases();
  ASSERT_GE(cases.size(), 150u);
  const IntentClassifier& c = IntentClassifier::Default();
  std::string report;
  int passed = 0;
  for (const Case& k : cases) {
    const std::vector<IntentLabel> got = ClassifyText(c, k.text, k.sentiment);
    std::set<std::string> labels;
    for (const IntentLabel& l : got) labels.insert(l.intent);
    if (labels == k.want) {
      ++passed;
      continue;
    }
    report += "cases.tsv:" + std::to_string(k.line) + " want " + Join(k.want) + " got " +
              Join(labels) + "  (sentiment " + std::to_string(k.sentiment) + ")\n  " + k.text +
              "\n" + Describe(got);
  }
  std::printf("intent cases: %d/%zu pass (%.1f%%)\n", passed, cases.size(),
              100.0 * passed / static_cast<double>(cases.size()));
  EXPECT_EQ(passed, static_cast<int>(cases.size())) << report;
}

TEST(IntentTest, EveryIntentHasCasesOfItsOwn) {
  std::map<std::string, int> count;
  for (const Case& k : LoadCases()) {
    for (const std::string& l : k.want) ++count[l];
  }
  for (const std::string& intent : IntentClassifier::Default().Intents()) {
    EXPECT_GE(count[intent], 8) << intent;
  }
  const std::vector<std::string> want = {"support", "complaint", "purchase", "praise", "question",
                                         "press",   "crisis",    "job",      "spam"};
  std::vector<std::string> got = IntentClassifier::Default().Intents();
  std::sort(got.begin(), got.end());
  std::vector<std::string> sorted = want;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(got, sorted);
}

// ---------------------------------------------------------------------------
// Cue reporting, scores and order

constexpr std::string_view kSmallRules = R"(
# a small rule set for the tests
[complaint]
threshold 1.0
 1.0  word      terrible refund*   # a trailing * matches any ending
 0.8  phrase    not working
 0.5  sentiment below -0.5
-2.0  phrase    not terrible
 0.4  has       hashtag

[support]
threshold 1.0
 1.0  word     help
 0.6  start    how
 0.5  question
-0.5  has url
)";

TEST(IntentTest, ReportsTheCuesAsWrittenInFileOrder) {
  auto c = IntentClassifier::Parse(kSmallRules);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  std::vector<IntentLabel> got = ClassifyText(
      *c, "Refunds?? The app is NOT working, terrible terrible. #fail Help! How?", -0.7);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].intent, "complaint");
  EXPECT_DOUBLE_EQ(got[0].score, 1.0 + 1.0 + 0.8 + 0.5 + 0.4);  // each cue once
  EXPECT_EQ(got[0].cues, (std::vector<std::string>{"terrible", "refund*", "not working",
                                                   "sentiment below -0.5", "has hashtag"}));
  EXPECT_EQ(got[1].intent, "support");
  EXPECT_DOUBLE_EQ(got[1].score, 1.0 + 0.6 + 0.5);
  EXPECT_EQ(got[1].cues, (std::vector<std::string>{"help", "how", "question"}));
}

TEST(IntentTest, SortsByScoreAndAppliesThresholdsAndNegativeCues) {
  auto c = IntentClassifier::Parse(kSmallRules);
  ASSERT_TRUE(c.ok());
  // support scores more than complaint here, so it comes first.
  std::vector<IntentLabel> got = ClassifyText(*c, "help, how do I get a refund?");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].intent, "support");
  EXPECT_EQ(got[1].intent, "complaint");
  // Below the threshold: nothing.
  EXPECT_TRUE(ClassifyText(*c, "not working today").empty());
  // A negative cue argues against: "not terrible" cancels "terrible".
  EXPECT_TRUE(ClassifyText(*c, "honestly not terrible").empty());
  // A link argues against support.
  EXPECT_TRUE(ClassifyText(*c, "help https://example.com/help").empty());
  // "start" needs the word to open a sentence or clause.
  EXPECT_TRUE(ClassifyText(*c, "this is how?").empty());
  EXPECT_EQ(ClassifyText(*c, "Ok. How?").size(), 1u);
}

TEST(IntentTest, PrefixesMatchLongerWordsOnlyWhenStarred) {
  auto c = IntentClassifier::Parse("[a]\nthreshold 1\n1 word refund* fix\n1 phrase get* back\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(ClassifyText(*c, "REFUNDED").size(), 1u);
  EXPECT_EQ(ClassifyText(*c, "refund").size(), 1u);
  EXPECT_TRUE(ClassifyText(*c, "refun").empty());
  EXPECT_TRUE(ClassifyText(*c, "fixed").empty());
  EXPECT_EQ(ClassifyText(*c, "getting it back").size(), 0u);  // not adjacent
  EXPECT_EQ(ClassifyText(*c, "getting back").size(), 1u);

  // Prefixes of any length, sharing their first letters or not.
  const std::string long_word(70, 'x');
  auto d = IntentClassifier::Parse("[a]\nthreshold 1\n1 word a* " + long_word +
                                   "*\n[b]\nthreshold 1\n1 word ab* abc\n");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  auto names = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const IntentLabel& l : ClassifyText(*d, text)) out.push_back(l.intent);
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(names("a"), std::vector<std::string>{"a"});
  EXPECT_EQ(names("abc"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(names("xyz"), std::vector<std::string>{});
  EXPECT_EQ(names(long_word + "yz"), std::vector<std::string>{"a"});
  EXPECT_EQ(names(long_word.substr(1)), std::vector<std::string>{});
}

TEST(IntentTest, ElidedArticlesAreSeenThrough) {
  auto c = IntentClassifier::Parse("[a]\nthreshold 1\n1 word abonnement\n1 word il\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(ClassifyText(*c, "le prix de l'abonnement").size(), 1u);
  EXPECT_EQ(ClassifyText(*c, "L’ABONNEMENT").size(), 1u);
  EXPECT_EQ(ClassifyText(*c, "qu'il").size(), 1u);
  EXPECT_TRUE(ClassifyText(*c, "reabonnement").empty());
  EXPECT_TRUE(ClassifyText(*c, "sans'abonnement").empty());  // not an elision
}

TEST(IntentTest, IntentCuesSeeTheIntentsAboveThem) {
  auto c = IntentClassifier::Parse(R"(
[spam]
threshold 1
1 phrase link in bio
[praise]
threshold 1
1 word love
-2 intent spam
[lead]
threshold 1.5
1 word buy
1 intent praise
)");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  std::vector<IntentLabel> got = ClassifyText(*c, "love it, want to buy one");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].intent, "lead");
  EXPECT_EQ(got[0].cues, (std::vector<std::string>{"buy", "intent praise"}));
  got = ClassifyText(*c, "love this, link in bio");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].intent, "spam");
}

TEST(IntentTest, EveryReportedCueIsWrittenInTheRules) {
  // Cues are reported with runs of spaces collapsed.
  std::string rules;
  for (char ch : IntentClassifier::DefaultRulesText()) {
    if (ch != ' ' || rules.empty() || rules.back() != ' ') rules += ch;
  }
  for (const Case& k : LoadCases()) {
    for (const IntentLabel& l : ClassifyText(IntentClassifier::Default(), k.text, k.sentiment)) {
      EXPECT_FALSE(l.cues.empty()) << k.text;
      EXPECT_GT(l.score, 0) << k.text;
      for (const std::string& cue : l.cues) {
        EXPECT_NE(rules.find(cue), std::string::npos) << cue;
      }
    }
  }
}

TEST(IntentTest, MatchesAccentsCaseAndApostrophesAlike) {
  auto c = IntentClassifier::Parse(
      "[a]\nthreshold 1\n1 word devolución straße can't\n1 phrase n'arrive pas\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  for (const char* text : {"DEVOLUCION ya", "quiero la devolución", "Strasse", "STRASSE", "I can’t",
                           "je n’arrive pas", "cafe\xCC\x81 devolucio\xCC\x81n"}) {
    EXPECT_EQ(ClassifyText(*c, text).size(), 1u) << text;
  }
  EXPECT_TRUE(ClassifyText(*c, "cant").empty());
}

// ---------------------------------------------------------------------------
// The parser

TEST(IntentTest, DefaultRulesParse) {
  auto c = IntentClassifier::Parse(IntentClassifier::DefaultRulesText());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->Intents().size(), 9u);
}

TEST(IntentTest, ParseErrorsNameTheLineAndWhatWasExpected) {
  struct Bad {
    std::string rules;
    std::string line;     // field(): "line N", empty when no line applies
    std::string message;  // a substring of the message
  } cases[] = {
      {"", "", "no intents"},
      {"# only a comment\n\n", "", "no intents"},
      {"1.0 word help\n", "line 1", "expected an intent block header like [complaint]"},
      {"[support\nthreshold 1\n1 word help\n", "line 1", "expected ']'"},
      {"[Support]\nthreshold 1\n1 word help\n", "line 1", "lower-case letters"},
      {"[]\n", "line 1", "expected an intent name"},
      {"[a]\n1 word help\n", "line 1", "has no 'threshold N' line"},
      {"[a]\nthreshold 1\n[b]\nthreshold 1\n1 word x\n", "line 1", "intent 'a' has no cues"},
      {"[a]\nthreshold 1\n1 word x\n[a]\n", "line 4", "already defined at line 1"},
      {"[a]\nthreshold\n", "line 2", "expected 'threshold N' with N a positive number"},
      {"[a]\nthreshold -1\n", "line 2", "positive number"},
      {"[a]\nthreshold 1\nthreshold 2\n", "line 3", "threshold already set at line 2"},
      {"[a]\nthreshold 1\nword help\n", "line 3",
       "expected a weight (a number such as 1.0 or -0.5)"},
      {"[a]\nthreshold 1\n1.0x word help\n", "line 3", "expected a weight"},
      {"[a]\nthreshold 1\n0 word help\n", "line 3", "a weight of 0 does nothing"},
      {"[a]\nthreshold 1\n1.0\n", "line 3", "expected a cue kind after the weight"},
      {"[a]\nthreshold 1\n1.0 words help\n", "line 3",
       "unknown cue kind 'words'; expected word, phrase"},
      {"[a]\nthreshold 1\n1.0 word\n", "line 3", "expected one or more words after 'word'"},
      {"[a]\nthreshold 1\n1.0 word e-mail\n", "line 3", "'e-mail' is 2 words as posts are split"},
      {"[a]\nthreshold 1\n1.0 word ...\n", "line 3", "'...' has no letters or digits"},
      {"[a]\nthreshold 1\n1.0 phrase help\n", "line 3",
       "expected two or more words after 'phrase'"},
      {"[a]\nthreshold 1\n1.0 sentiment below\n", "line 3", "expected 'sentiment below N' or"},
      {"[a]\nthreshold 1\n1.0 sentiment under -0.5\n", "line 3", "expected 'sentiment below N'"},
      {"[a]\nthreshold 1\n1.0 sentiment below -2\n", "line 3", "N in -1..1"},
      {"[a]\nthreshold 1\n1.0 question mark\n", "line 3", "expected nothing after 'question'"},
      {"[a]\nthreshold 1\n1.0 has link\n", "line 3", "one of url, mention, hashtag"},
      {"[a]\nthreshold 1\n1.0 has\n", "line 3", "one of url, mention"},
      {"[a]\nthreshold 1\n1 word help\n2 word HELP\n", "line 4",
       "'HELP' is already a cue of 'a' at line 3"},
      {"[a]\nthreshold 1\n1 phrase not working\n1 phrase not  working\n", "line 4",
       "already a cue"},
      {"[a]\nthreshold 1\n1 word caf\xC3\n", "line 3", "invalid UTF-8"},
      {"[a]\nthreshold 1\n1 intent b\n[b]\nthreshold 1\n1 word x\n", "line 3",
       "expected 'intent NAME' naming an intent defined above this block, got 'intent b'"},
      {"[a]\nthreshold 1\n1 intent a\n", "line 3", "defined above this block"},
      {"[a]\nthreshold 1\n1 word x\n[b]\nthreshold 1\n1 intent a\n-1 intent a\n", "line 7",
       "'intent a' is already a cue of 'b' at line 6"},
  };
  for (const Bad& b : cases) {
    auto c = IntentClassifier::Parse(b.rules);
    ASSERT_FALSE(c.ok()) << b.rules;
    EXPECT_EQ(c.status().code(), Code::kInvalidArgument) << b.rules;
    EXPECT_EQ(c.status().field(), b.line) << b.rules << "\n" << c.status().message();
    EXPECT_NE(c.status().message().find(b.message), std::string::npos)
        << b.rules << "\n  got: " << c.status().message() << "\n  want: " << b.message;
    if (!b.line.empty()) {
      EXPECT_EQ(c.status().message().rfind(b.line + ": ", 0), 0u) << c.status().message();
    }
  }
}

TEST(IntentTest, ParserAcceptsCommentsBlankLinesCrlfAndSignedWeights) {
  auto c = IntentClassifier::Parse(
      "\xEF\xBB\xBF# rules\r\n\r\n[a]   # the block\r\nthreshold 0.5\r\n  +1 word  help   # why\r\n"
      "-1 has url\r\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(ClassifyText(*c, "Help!").size(), 1u);
  EXPECT_TRUE(ClassifyText(*c, "help http://x.example/y").empty());
}

// ---------------------------------------------------------------------------
// Words as the classifier sees them

TEST(IntentTest, SplitsPostsIntoFoldedWords) {
  struct W {
    std::string text;
    std::vector<std::string> want;
  } cases[] = {
      {"", {}},
      {"Can't LOG in!!", {"can't", "log", "in"}},
      {"don’t ‘quote’ me", {"don't", "quote", "me"}},
      {"@acme_support where's my order? https://t.co/xyz www.x.com", {"where's", "my", "order"}},
      {"mail me: jane@example.com or see acme.com/help", {"mail", "me", "or", "see"}},
      {"#NeverAgain $TSLA 5G", {"neveragain", "tsla", "5g"}},
      {"Größe Straße ÉTÉ Ça façade œuvre", {"grosse", "strasse", "ete", "ca", "facade", "oeuvre"}},
      {"¿Dónde está mi pedido?", {"donde", "esta", "mi", "pedido"}},
      {"l'équipe n'arrive pas", {"l'equipe", "n'arrive", "pas"}},
      {"e-mail wi-fi", {"e", "mail", "wi", "fi"}},
      {"fr\u200Bee mo\u00ADney", {"free", "money"}},  // zero-width space, soft hyphen
      {"😡😡 bad", {"😡", "😡", "bad"}},
      {"\U0001F468\u200D\U0001F469\u200D\U0001F467 family",
       {"\U0001F468", "\U0001F469", "\U0001F467",
        "family"}},                           // ZWJ sequence: one word per pictograph
      {"\u2764\uFE0F it", {"\u2764", "it"}},  // the variation selector is dropped
      {"'quoted' rock'n'roll", {"quoted", "rock'n'roll"}},
      {"مرحبا بكم", {"مرحبا", "بكم"}},
      {"שלום עולם", {"שלום", "עולם"}},
      {"नमस्ते दुनिया", {"नमस्ते", "दुनिया"}},
  };
  for (const W& w : cases) {
    std::vector<std::string> got;
    for (const std::u32string& word : IntentWords(text::DecodeUtf8(w.text).code_points)) {
      got.push_back(text::EncodeUtf8(word));
    }
    EXPECT_EQ(got, w.want) << w.text;
  }
}

// ---------------------------------------------------------------------------
// Bad input

TEST(IntentTest, SurvivesEmptyInvalidAndOddInput) {
  const IntentClassifier& c = IntentClassifier::Default();
  IntentSignals empty;
  EXPECT_TRUE(c.Classify(empty).empty());
  empty.sentiment_compound = -1;  // even very negative, no text means no intent
  EXPECT_TRUE(c.Classify(empty).empty());

  // Invalid UTF-8 arrives as U+FFFD after decoding; the words around it count.
  std::vector<IntentLabel> got =
      ClassifyText(c, "refund \xC3\x28 \xFF\xFE please, my order never came", -0.3);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got[0].intent, "support");
  // Raw code points that are not valid Unicode scalar values.
  const std::u32string junk = {0xD800, 0x110000, 0xFFFFFFFF, 0, 'h', 'e', 'l', 'p'};
  IntentSignals s;
  s.text = junk;
  got = c.Classify(s);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].intent, "support");

  // Only emoji: nothing, unless the rules name them.
  EXPECT_TRUE(ClassifyText(c, "🔥🔥🔥💯💯").empty());
  got = ClassifyText(c, "😡😡😡", -0.7);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].intent, "complaint");
  EXPECT_EQ(got[0].cues,
            (std::vector<std::string>{"😡", "sentiment below -0.4", "sentiment below -0.55"}));
  EXPECT_TRUE(ClassifyText(c, "\u200D\u200D\u200C\u200B\uFE0F").empty());
  EXPECT_TRUE(ClassifyText(c, "   \n\t  ").empty());
  // A bare question mark is a question by the rules, and nothing else.
  got = ClassifyText(c, "?!?!?!");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].intent, "question");

  // Right-to-left text with bidi controls, around a word we know.
  got = ClassifyText(c, "\u202Bمرحبا\u202C \u200Frefund\u200F please \u2067שלום\u2069", -0.1);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got[0].intent, "support");
  // Arabic question mark.
  got = ClassifyText(c, "متى سيعود الانترنت؟");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].intent, "question");
  // Zero-width joiners inside a word do not hide it.
  got = ClassifyText(c, "I want a re\u200Dfund for my order", -0.2);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got[0].intent, "support");
}

TEST(IntentTest, OneMegabytePostInBoundedTime) {
  std::string big;
  while (big.size() < (1u << 20)) big += "my order never arrived, refund please 😡 ";
  std::string one_word(1u << 20, 'a');
  std::string apostrophes;
  while (apostrophes.size() < (1u << 20)) apostrophes += "a'";
  const IntentClassifier& c = IntentClassifier::Default();
  for (const std::string* text : {&big, &one_word, &apostrophes}) {
    auto start = std::chrono::steady_clock::now();
    std::vector<IntentLabel> got = ClassifyText(c, *text, -0.5);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    EXPECT_LT(ms, 2000) << text->substr(0, 20);
    if (text == &big) {
      ASSERT_FALSE(got.empty());
      EXPECT_EQ(got[0].cues.size(),
                std::set<std::string>(got[0].cues.begin(), got[0].cues.end()).size());
    }
  }
  // Beyond kIntentMaxCodePoints nothing is read.
  std::string huge(kIntentMaxCodePoints, 'a');
  EXPECT_FALSE(ClassifyText(c, "refund " + huge).empty());
  EXPECT_TRUE(ClassifyText(c, huge + " refund").empty());
  // A normal post afterwards still works (the scratch buffers were reset).
  EXPECT_FALSE(ClassifyText(c, "please help, can't log in", -0.2).empty());
}

TEST(IntentTest, ClassifyIsThreadSafe) {
  const std::vector<Case> cases = LoadCases();
  const IntentClassifier& c = IntentClassifier::Default();
  std::vector<std::string> want;
  for (const Case& k : cases) want.push_back(Describe(ClassifyText(c, k.text, k.sentiment)));
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (size_t i = 0; i < cases.size(); ++i) {
          size_t k = (i + static_cast<size_t>(t) * 37) % cases.size();
          if (Describe(ClassifyText(c, cases[k].text, cases[k].sentiment)) != want[k]) ++mismatches;
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace dandelion::enrich
