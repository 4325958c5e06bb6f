// VADER's rules, table-driven from tests/data/sentiment/vader_cases.tsv, and
// its behaviour on hostile input. Agreement with the reference implementation
// is in agreement_test.cc.
#include "sentiment/vader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "sentence_corpus.h"

namespace dandelion::sentiment {
namespace {

constexpr char kCasesFile[] = DANDELION_SOURCE_DIR "/tests/data/sentiment/vader_cases.tsv";

// Undoes the case file's escapes: \t, \n, \\ and \xHH.
std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    if (c == 't') {
      out += '\t';
    } else if (c == 'n') {
      out += '\n';
    } else if (c == 'x' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

struct Case {
  int line = 0;
  std::string kind;  // label, less or equal
  std::vector<std::string> args;
};

std::vector<Case> LoadCases() {
  std::vector<Case> cases;
  std::ifstream in(kCasesFile);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    Case c;
    c.line = number;
    size_t start = 0;
    for (size_t tab = line.find('\t');; tab = line.find('\t', start)) {
      const std::string field = Unescape(std::string_view(line).substr(start, tab - start));
      if (c.kind.empty()) {
        c.kind = field;
      } else {
        c.args.push_back(field);
      }
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string Show(const std::string& text, const Scores& s) {
  return "\"" + text + "\" compound " + std::to_string(s.compound);
}

TEST(VaderTest, RuleCasesFromDataFile) {
  const std::vector<Case> cases = LoadCases();
  ASSERT_GE(cases.size(), 50u) << "cannot read " << kCasesFile;
  const Analyzer& analyzer = Analyzer::Default();
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(kCasesFile) + ":" + std::to_string(c.line));
    ASSERT_EQ(c.args.size(), 2u) << "a case has a kind and two fields";
    if (c.kind == "label") {
      const Scores s = analyzer.Score(c.args[1]);
      EXPECT_EQ(LabelName(LabelFor(s.compound)), c.args[0]) << Show(c.args[1], s);
    } else if (c.kind == "less") {
      const Scores a = analyzer.Score(c.args[0]);
      const Scores b = analyzer.Score(c.args[1]);
      EXPECT_LT(a.compound, b.compound) << Show(c.args[0], a) << " vs " << Show(c.args[1], b);
    } else if (c.kind == "equal") {
      const Scores a = analyzer.Score(c.args[0]);
      const Scores b = analyzer.Score(c.args[1]);
      EXPECT_EQ(a.compound, b.compound) << Show(c.args[0], a) << " vs " << Show(c.args[1], b);
    } else {
      ADD_FAILURE() << "unknown case kind " << c.kind;
    }
  }
}

TEST(VaderTest, ReferenceExampleScores) {
  // Four-score values printed by vader-sentiment 1.1.3.
  const Scores s = Analyzer::Default().Score("VADER is smart, handsome, and funny.");
  EXPECT_EQ(s, (Scores{.negative = 0, .neutral = 0.254, .positive = 0.746, .compound = 0.8316}));
  const Scores t = Analyzer::Default().Score("The food is good, but the service is bad.");
  EXPECT_EQ(t.compound, -0.5859);
}

TEST(VaderTest, RoundsExactHalvesUpLikeJavaScriptToFixed) {
  // neu = 1/16 = 0.0625 and pos = 15/16 = 0.9375 exactly: toFixed(3) gives
  // 0.063 and 0.938, where rounding half to even would give 0.062.
  const Scores s = Analyzer::Default().Score(":) :) :) :) :) hey");
  EXPECT_EQ(s.neutral, 0.063);
  EXPECT_EQ(s.positive, 0.938);
  EXPECT_EQ(s.compound, 0.9325);
}

TEST(VaderTest, LabelThresholds) {
  EXPECT_EQ(LabelFor(0.05), Label::kPositive);
  EXPECT_EQ(LabelFor(0.0499), Label::kNeutral);
  EXPECT_EQ(LabelFor(0), Label::kNeutral);
  EXPECT_EQ(LabelFor(-0.0499), Label::kNeutral);
  EXPECT_EQ(LabelFor(-0.05), Label::kNegative);
  EXPECT_EQ(LabelFor(1), Label::kPositive);
  EXPECT_EQ(LabelFor(-1), Label::kNegative);
  EXPECT_EQ(LabelFor(NAN), Label::kNeutral);
  EXPECT_EQ(LabelName(Label::kNegative), "negative");
  EXPECT_EQ(LabelName(Label::kNeutral), "neutral");
  EXPECT_EQ(LabelName(Label::kPositive), "positive");
}

// Every score is finite and in range, and the shares sum to one (or are all
// zero for a text without words).
void ExpectWellFormed(const Scores& s) {
  ASSERT_TRUE(std::isfinite(s.compound) && std::isfinite(s.negative) && std::isfinite(s.neutral) &&
              std::isfinite(s.positive));
  EXPECT_GE(s.compound, -1);
  EXPECT_LE(s.compound, 1);
  for (double share : {s.negative, s.neutral, s.positive}) {
    EXPECT_GE(share, 0);
    EXPECT_LE(share, 1);
  }
  const double sum = s.negative + s.neutral + s.positive;
  if (sum != 0) {
    EXPECT_NEAR(sum, 1, 0.0021);
  }
}

TEST(VaderTest, EmptyAndBlankTextScoreZero) {
  const Analyzer& analyzer = Analyzer::Default();
  for (std::string_view text : {"", " ", "\t\n  ", "a", "a b c", "! ? .", "\xc2\xa0\xe3\x80\x80"}) {
    EXPECT_EQ(analyzer.Score(text), Scores{}) << "\"" << text << "\"";
    EXPECT_EQ(LabelFor(analyzer.Score(text).compound), Label::kNeutral);
  }
}

TEST(VaderTest, InvalidUtf8NeverCrashes) {
  const Analyzer& analyzer = Analyzer::Default();
  const std::string_view samples[] = {
      "\xff",
      "\xc3",
      "\xe2\x82",
      "\xf0\x9f\x98",
      "\xed\xa0\x80 good",     // an encoded surrogate
      "\xc0\xaf\xc0\xaf bad",  // overlong
      "good \xff\xfe bad",
      "\x80\x80\x80 GOOD :)",
      "\xf4\x90\x80\x80 love",  // above U+10FFFF
      std::string_view("good\0bad \0 love", 15),
      "GOOD\xe2",
      "\xe2\x84",  // a truncated KELVIN SIGN
  };
  for (std::string_view text : samples) ExpectWellFormed(analyzer.Score(text));

  // Random bytes, biased towards the ones that start or continue sequences.
  uint64_t state = 7;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const size_t size = 1 + round % 64;
    for (size_t i = 0; i < size; ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      const auto r = static_cast<unsigned>(state >> 33);
      const char pool[] = "\x80\xbf\xc2\xe0\xed\xef\xf0\xf4\xff \t!?:)good BAD not but";
      text += r % 3 == 0 ? static_cast<char>(r >> 8) : pool[(r >> 8) % (sizeof(pool) - 1)];
    }
    ExpectWellFormed(analyzer.Score(text));
  }
}

TEST(VaderTest, InvalidUtf8ReadsAsOneReplacementPerMaximalSubpart) {
  // A lone invalid sequence is one code unit, too short to be a word, as
  // U+FFFD is; two are a word, and a neutral word changes the shares.
  const Analyzer& analyzer = Analyzer::Default();
  const std::string replacement = "\xef\xbf\xbd";
  EXPECT_EQ(analyzer.Score("\xe2\x82 good"), analyzer.Score(replacement + " good"));
  EXPECT_EQ(analyzer.Score("\xff\xff good"), analyzer.Score(replacement + replacement + " good"));
  EXPECT_NE(analyzer.Score("\xe2\x82 good"), analyzer.Score("\xff\xff good"));
}

TEST(VaderTest, OnlyEmojiIsNeutral) {
  const Analyzer& analyzer = Analyzer::Default();
  for (std::string_view text :
       {"😀", "😀😂😍", "🔥 🔥 🔥", "👩‍💻 🇫🇷 ❤️", "👍🏽👍🏽👍🏽👍🏽"}) {
    const Scores s = analyzer.Score(text);
    EXPECT_EQ(s.compound, 0) << text;
    EXPECT_EQ(s.neutral, 1) << text;
  }
}

TEST(VaderTest, RightToLeftText) {
  const Analyzer& analyzer = Analyzer::Default();
  // Arabic and Hebrew words are not in the lexicon; the emoticon, "love" and
  // the direction marks (U+200F, U+202B, U+202C) must not get in the way.
  EXPECT_EQ(analyzer.Score("هذا رائع جدا").compound, 0);
  EXPECT_EQ(analyzer.Score("שלום עולם").compound, 0);
  EXPECT_EQ(LabelFor(analyzer
                         .Score("\xe2\x80\x8f"
                                "هذا رائع :)")
                         .compound),
            Label::kPositive);
  EXPECT_EQ(LabelFor(analyzer
                         .Score("I love שלום \xe2\x80\xab"
                                "טוב\xe2\x80\xac")
                         .compound),
            Label::kPositive);
  EXPECT_EQ(LabelFor(analyzer.Score("זה נורא :( bad").compound), Label::kNegative);
}

TEST(VaderTest, MegabyteTextsScoreInBoundedTime) {
  const Analyzer& analyzer = Analyzer::Default();
  std::string prose;
  for (const std::string& s : SentenceCorpus(3000)) {
    prose += s;
    prose += ' ';
  }
  while (prose.size() < (1 << 20)) prose += prose;
  const std::string texts[] = {
      prose,
      std::string(1 << 20, 'a'),  // one huge word
      std::string(1 << 20, '!'),  // one huge punctuation run
      std::string(1 << 20, ' '),  // no word at all
      [] {
        std::string s;
        while (s.size() < (1 << 20)) s += "GOOD not BAD but :) 😀 ";
        return s;
      }(),
      [] {
        std::string s;
        while (s.size() < (1 << 20)) s += "\xff\xc3 \xe2\x82";
        return s;
      }(),
  };
  for (const std::string& text : texts) {
    const auto start = std::chrono::steady_clock::now();
    const Scores s = analyzer.Score(text);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    ExpectWellFormed(s);
    // Linear time: a megabyte takes milliseconds; the bound leaves room for
    // sanitizer builds on a loaded machine.
    EXPECT_LT(elapsed, std::chrono::seconds(3)) << text.substr(0, 40);
  }
}

TEST(VaderTest, SharedAcrossThreads) {
  const Analyzer& analyzer = Analyzer::Default();
  const std::vector<std::string> corpus = SentenceCorpus(500);
  std::vector<Scores> expected;
  for (const std::string& s : corpus) expected.push_back(analyzer.Score(s));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (size_t i = 0; i < corpus.size(); ++i) {
          mismatches[t] += !(analyzer.Score(corpus[i]) == expected[i]);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace dandelion::sentiment
