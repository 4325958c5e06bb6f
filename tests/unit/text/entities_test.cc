// Entity extraction: twitter-text's conformance suite, read at test time
// (every case of every section of extract.yml and tlds.yml is one test), and
// hostile input (invalid UTF-8, huge texts, emoji, right-to-left text, ZWJ).
#include "text/entities.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "text/tlds.h"
#include "text/utf8.h"

namespace dandelion::text {
namespace {

// ------------------------------------------------------------ conformance

std::string ConformanceDir() {
  if (const char* env = std::getenv("DANDELION_CONFORMANCE_DIR"); env != nullptr && *env != 0) {
    return env;
  }
  return DANDELION_CONFORMANCE_DIR;
}

// One case of the suite: where it is, and its YAML text. The case is parsed
// when its test runs: ctest runs every case in a process of its own, and a
// full parse of tlds.yml (6,300 lines) takes yaml-cpp some 70 ms.
struct ConformanceCase {
  std::string file;     //!< "extract" or "tlds"
  std::string section;  //!< e.g. "mentions_with_indices"
  int index = 0;        //!< position within the section
  std::string yaml;     //!< the case's lines: "- description: ...", "text: ...", ...
  std::string skip;     //!< set on the placeholder when the suite is absent
  std::string error;    //!< set on the placeholder when the file cannot be read
};

void PrintTo(const ConformanceCase& c, std::ostream* os) {
  *os << c.file << ".yml " << c.section << "[" << c.index << "]";
}

size_t Indent(const std::string& line) {
  const size_t i = line.find_first_not_of(' ');
  return i == std::string::npos ? line.size() : i;
}

// Splits the suite's layout (tests: -> section: -> sequence of "- " cases)
// into cases by indentation, keeping each case's lines as they are.
// SuiteIndexAgreesWithYamlParser checks the split against yaml-cpp.
std::vector<ConformanceCase> IndexCases(const std::string& file, std::istream& in) {
  std::vector<ConformanceCase> cases;
  std::string line, section;
  size_t section_indent = std::string::npos, item_indent = std::string::npos;
  bool in_tests = false;
  int index = 0;
  while (std::getline(in, line)) {
    const size_t indent = Indent(line);
    if (indent == line.size() || line[indent] == '#') {  // blank or comment
      if (!cases.empty()) cases.back().yaml += line + "\n";
      continue;
    }
    if (indent == 0) {
      in_tests = line.rfind("tests:", 0) == 0;
      continue;
    }
    if (!in_tests) continue;
    if (section_indent == std::string::npos) section_indent = indent;
    if (indent == section_indent && line.back() == ':' && line[indent] != '-') {
      section = line.substr(indent, line.size() - indent - 1);
      item_indent = std::string::npos;
      index = 0;
      continue;
    }
    if (section.empty()) continue;
    if (line.compare(indent, 2, "- ") == 0 &&
        (item_indent == std::string::npos || indent == item_indent)) {
      item_indent = indent;
      ConformanceCase c;
      c.file = file;
      c.section = section;
      c.index = index++;
      cases.push_back(std::move(c));
    }
    if (!cases.empty()) cases.back().yaml += line + "\n";
  }
  return cases;
}

// All cases of `<dir>/<file>.yml`, or one placeholder case that skips (suite
// absent) or fails (suite unreadable), so that the test list never hides it.
std::vector<ConformanceCase> LoadCases(const std::string& file) {
  const std::string path = ConformanceDir() + "/" + file + ".yml";
  ConformanceCase placeholder;
  placeholder.file = file;
  placeholder.section = "suite";
  if (!std::filesystem::exists(path)) {
    placeholder.skip = "twitter-text conformance suite not found at " + path +
                       " (set DANDELION_CONFORMANCE_DIR); conformance cases skipped";
    return {placeholder};
  }
  std::ifstream in(path);
  std::vector<ConformanceCase> cases = IndexCases(file, in);
  if (cases.empty()) {
    placeholder.error = path + ": no test cases found";
    return {placeholder};
  }
  return cases;
}

std::string CaseName(const testing::TestParamInfo<ConformanceCase>& info) {
  char index[16];
  std::snprintf(index, sizeof index, "%03d", info.param.index);
  return info.param.section + "_" + index;
}

std::vector<std::string> Values(const std::vector<Entity>& entities) {
  std::vector<std::string> v;
  for (const Entity& e : entities) v.push_back(e.value);
  return v;
}

std::vector<std::string> ExpectedValues(const YAML::Node& expected) {
  std::vector<std::string> v;
  for (const YAML::Node& n : expected) v.push_back(n.as<std::string>());
  return v;
}

// "value/slug [start, end)" for the *_with_indices sections.
std::string Describe(const std::string& value, const std::string& slug, int start, int end) {
  return value + slug + " [" + std::to_string(start) + ", " + std::to_string(end) + ")";
}

std::vector<std::string> Described(const std::vector<Entity>& entities, bool with_slug) {
  std::vector<std::string> v;
  for (const Entity& e : entities) {
    v.push_back(Describe(e.value, with_slug ? e.list_slug : "", e.start, e.end));
  }
  return v;
}

std::vector<std::string> ExpectedDescribed(const YAML::Node& expected, const std::string& key,
                                           bool with_slug) {
  std::vector<std::string> v;
  for (const YAML::Node& n : expected) {
    v.push_back(Describe(n[key].as<std::string>(),
                         with_slug ? n["list_slug"].as<std::string>("") : "",
                         n["indices"][0].as<int>(), n["indices"][1].as<int>()));
  }
  return v;
}

class ConformanceTest : public testing::TestWithParam<ConformanceCase> {};

TEST_P(ConformanceTest, Passes) {
  const ConformanceCase& param = GetParam();
  if (!param.skip.empty()) GTEST_SKIP() << param.skip;
  ASSERT_TRUE(param.error.empty()) << param.error;
  YAML::Node node;
  try {
    node = YAML::Load(param.yaml)[0];
  } catch (const YAML::Exception& e) {
    FAIL() << "cannot parse the case: " << e.what() << "\n" << param.yaml;
  }
  const std::string description = node["description"].as<std::string>("");
  const std::string utf8 = node["text"].as<std::string>("");
  const YAML::Node expected = node["expected"];
  SCOPED_TRACE(description);
  SCOPED_TRACE("text: " + utf8);
  const std::string& s = param.section;
  const std::string_view text = utf8;
  if (s == "mentions") {
    EXPECT_EQ(Values(ExtractMentions(text)), ExpectedValues(expected));
  } else if (s == "mentions_with_indices") {
    EXPECT_EQ(Described(ExtractMentions(text), false),
              ExpectedDescribed(expected, "screen_name", false));
  } else if (s == "mentions_or_lists_with_indices") {
    EXPECT_EQ(Described(ExtractMentionsOrLists(text), true),
              ExpectedDescribed(expected, "screen_name", true));
  } else if (s == "replies") {
    const std::optional<std::string> reply =
        expected.IsNull() ? std::nullopt : std::optional(expected.as<std::string>());
    EXPECT_EQ(ExtractReplyScreenname(text), reply);
  } else if (s == "urls" || s == "tco_urls_with_params" || s == "country" || s == "generic") {
    EXPECT_EQ(Values(ExtractUrls(text)), ExpectedValues(expected));
  } else if (s == "urls_with_indices" || s == "urls_with_directional_markers") {
    EXPECT_EQ(Described(ExtractUrls(text), false), ExpectedDescribed(expected, "url", false));
  } else if (s == "hashtags" || s == "hashtags_from_astral") {
    EXPECT_EQ(Values(ExtractHashtags(text)), ExpectedValues(expected));
  } else if (s == "hashtags_with_indices") {
    EXPECT_EQ(Described(ExtractHashtags(text), false),
              ExpectedDescribed(expected, "hashtag", false));
  } else if (s == "cashtags") {
    EXPECT_EQ(Values(ExtractCashtags(text)), ExpectedValues(expected));
  } else if (s == "cashtags_with_indices") {
    EXPECT_EQ(Described(ExtractCashtags(text), false),
              ExpectedDescribed(expected, "cashtag", false));
  } else {
    FAIL() << "no runner for section '" << s << "' of " << param.file << ".yml";
  }
}

INSTANTIATE_TEST_SUITE_P(Extract, ConformanceTest, testing::ValuesIn(LoadCases("extract")),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Tlds, ConformanceTest, testing::ValuesIn(LoadCases("tlds")), CaseName);

// The line-based split of the suite into cases gives what a YAML parser
// gives: the same sections, cases, texts and expectations, in order.
TEST(EntitiesTest, SuiteIndexAgreesWithYamlParser) {
  for (const std::string file : {"extract", "tlds"}) {
    const std::string path = ConformanceDir() + "/" + file + ".yml";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not found";
    std::ifstream in(path);
    const std::vector<ConformanceCase> cases = IndexCases(file, in);
    size_t i = 0;
    for (const auto& section : YAML::LoadFile(path)["tests"]) {
      for (const YAML::Node& full : section.second) {
        ASSERT_LT(i, cases.size()) << file;
        const ConformanceCase& c = cases[i++];
        EXPECT_EQ(c.section, section.first.as<std::string>()) << file << " case " << i;
        const YAML::Node mine = YAML::Load(c.yaml)[0];
        EXPECT_EQ(YAML::Dump(mine), YAML::Dump(full)) << file << " case " << i;
      }
    }
    EXPECT_EQ(i, cases.size()) << file;
  }
}

// The compiled TLD table is tlds.yml's list, in its order (tlds.txt has not
// drifted from the suite).
TEST(EntitiesTest, TldTableMatchesConformanceSuite) {
  const std::string path = ConformanceDir() + "/tlds.yml";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not found";
  const YAML::Node root = YAML::LoadFile(path);
  auto read = [&](const char* section) {
    std::vector<std::string> v;
    for (const YAML::Node& n : root["tests"][section]) {
      std::string t = n["text"].as<std::string>();
      v.push_back(t.substr(t.find("twitter.") + 8));
    }
    return v;
  };
  auto table = [](std::span<const std::string_view> s) {
    return std::vector<std::string>(s.begin(), s.end());
  };
  EXPECT_EQ(table(internal::GenericTlds()), read("generic"));
  EXPECT_EQ(table(internal::CountryTlds()), read("country"));
}

// ------------------------------------------------------------- behaviour

TEST(EntitiesTest, AllKindsSortedWithCodePointIndices) {
  const std::u32string text = U"RT @ana: $ACME up 5% 🚀 #earnings https://ex.com/a?b=1 cc @bo/team";
  const std::vector<Entity> got = ExtractEntities(std::u32string_view(text));
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0], (Entity{EntityType::kMention, "ana", "", 3, 7}));
  EXPECT_EQ(got[1], (Entity{EntityType::kCashtag, "ACME", "", 9, 14}));
  EXPECT_EQ(got[2], (Entity{EntityType::kHashtag, "earnings", "", 23, 32}));
  EXPECT_EQ(got[3], (Entity{EntityType::kUrl, "https://ex.com/a?b=1", "", 33, 53}));
  EXPECT_EQ(got[4], (Entity{EntityType::kList, "bo", "/team", 57, 65}));
  // The UTF-8 entry point agrees.
  EXPECT_EQ(ExtractEntities(EncodeUtf8(text)), got);
}

TEST(EntitiesTest, EntityInsideUrlIsDropped) {
  const std::vector<Entity> got = ExtractEntities("see http://x.com/@bob/#tag and @bob");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].type, EntityType::kUrl);
  EXPECT_EQ(got[0].value, "http://x.com/@bob/#tag");
  EXPECT_EQ(got[1], (Entity{EntityType::kMention, "bob", "", 31, 35}));
}

TEST(EntitiesTest, EmptyText) {
  EXPECT_TRUE(ExtractEntities(std::string_view()).empty());
  EXPECT_TRUE(ExtractEntities(std::u32string_view()).empty());
  EXPECT_TRUE(ExtractHashtags(std::string_view()).empty());
  EXPECT_TRUE(ExtractUrls(std::string_view()).empty());
  EXPECT_EQ(ExtractReplyScreenname(std::string_view()), std::nullopt);
}

TEST(EntitiesTest, InvalidUtf8BecomesReplacementCharacters) {
  // \xff: one U+FFFD; \xe2\x82 (truncated): one; \xed\xa0\x80 (surrogate):
  // three, as DecodeUtf8 counts them.
  const std::string text = "\xff#tag \xe2\x82 @user http://example.com/\xed\xa0\x80x";
  const std::vector<Entity> got = ExtractEntities(text);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], (Entity{EntityType::kHashtag, "tag", "", 1, 5}));
  EXPECT_EQ(got[1], (Entity{EntityType::kMention, "user", "", 8, 13}));
  EXPECT_EQ(got[2], (Entity{EntityType::kUrl, "http://example.com/", "", 14, 33}));
  const Decoded d = DecodeUtf8(text);
  EXPECT_EQ(ExtractEntities(std::u32string_view(d.code_points)), got);
}

TEST(EntitiesTest, InvalidCodePointsInUtf32) {
  const std::u32string text = {U'#', U'a', 0x110000, U' ', 0xD800, U'@', U'b',
                               U' ', U'a', U'.',     U'c', U'o',   U'm', 0xFFFFFFFF};
  const std::vector<Entity> got = ExtractEntities(std::u32string_view(text));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], (Entity{EntityType::kHashtag, "a", "", 0, 2}));
  EXPECT_EQ(got[1], (Entity{EntityType::kMention, "b", "", 5, 7}));
  EXPECT_EQ(got[2], (Entity{EntityType::kUrl, "a.com", "", 8, 13}));
}

// Random byte soup through the UTF-8 entry point gives what DecodeUtf8 plus
// the UTF-32 entry point gives: same replacements, same indices; spans stay
// inside the text and values are valid UTF-8.
TEST(EntitiesTest, Utf8EntryPointMatchesDecodeUtf8) {
  const std::vector<std::string> pieces = {"#",
                                           "@",
                                           "$",
                                           ".",
                                           "/",
                                           ":",
                                           "http://",
                                           "https://t.co/",
                                           "com",
                                           "jp",
                                           "みんな",
                                           "a",
                                           "Z",
                                           "1",
                                           "_",
                                           "-",
                                           " ",
                                           "\n",
                                           "é",
                                           "\xd8\xa7",
                                           "\xef\xbc\x83",
                                           "\xef\xbc\xa0",
                                           "\xff",
                                           "\xc0",
                                           "\xe2\x82",
                                           "\xed\xa0\x80",
                                           "\xf0\x9f\x98",
                                           "\xf0\x9f\x98\x80",
                                           "(",
                                           ")",
                                           "?",
                                           "=",
                                           "&"};
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const int len = static_cast<int>(rng() % 40);
    for (int i = 0; i < len; ++i) s += pieces[rng() % pieces.size()];
    const Decoded d = DecodeUtf8(s);
    const std::vector<Entity> got = ExtractEntities(s);
    ASSERT_EQ(got, ExtractEntities(std::u32string_view(d.code_points))) << s;
    int32_t previous_end = 0;
    for (const Entity& e : got) {
      EXPECT_GE(e.start, previous_end) << s;
      EXPECT_LT(e.start, e.end) << s;
      EXPECT_LE(e.end, static_cast<int32_t>(d.code_points.size())) << s;
      EXPECT_EQ(DecodeUtf8(e.value).replaced, 0) << s;
      previous_end = e.end;
    }
  }
}

TEST(EntitiesTest, OnlyEmoji) {
  const std::string text = "😀🎉👍🏽🇯🇵👨‍👩‍👧❤️#️⃣🏳️‍🌈";
  EXPECT_TRUE(ExtractEntities(text).empty());
}

TEST(EntitiesTest, RightToLeftText) {
  const std::u32string text =
      U"\u202Bمرحبا #السياسة @user_1 زوروا موقعنا example.com/مسار و http://مثال.com\u202C";
  const std::vector<Entity> got = ExtractEntities(std::u32string_view(text));
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0], (Entity{EntityType::kHashtag, "السياسة", "", 7, 15}));
  EXPECT_EQ(got[1], (Entity{EntityType::kMention, "user_1", "", 16, 23}));
  // The Arabic path is not part of the URL (twitter-text's path characters
  // are Latin and Cyrillic); the Arabic host is, after a protocol.
  EXPECT_EQ(got[2], (Entity{EntityType::kUrl, "example.com/", "", 37, 49}));
  EXPECT_EQ(got[3].value, "http://مثال.com");
  EXPECT_EQ(got[3].end, static_cast<int32_t>(text.size()) - 1);
  // Hebrew with bidi marks around the sigils.
  const std::vector<Entity> hebrew = ExtractEntities("שלום \u200F#חדשות\u200F \u200F@dana");
  ASSERT_EQ(hebrew.size(), 2u);
  EXPECT_EQ(hebrew[0], (Entity{EntityType::kHashtag, "חדשות", "", 6, 12}));
  EXPECT_EQ(hebrew[1], (Entity{EntityType::kMention, "dana", "", 15, 20}));
}

TEST(EntitiesTest, ZeroWidthJoiners) {
  // After a ZWJ emoji sequence; a ZWJ inside a tag; a tag of joiners only.
  std::vector<Entity> got =
      ExtractEntities("👨‍👩‍👧#family #ශ්‍රී #\u200D\u200C");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], (Entity{EntityType::kHashtag, "family", "", 5, 12}));
  EXPECT_EQ(got[1].value, "ශ්‍රී");
  // A joiner glued to a mention or URL does not belong to it.
  got = ExtractEntities("@ana\u200Dx.com\u200D");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], (Entity{EntityType::kMention, "ana", "", 0, 4}));
  EXPECT_EQ(got[1], (Entity{EntityType::kUrl, "x.com", "", 5, 10}));
}

// 1 MB of adversarial text: each finishes in bounded (linear) time. The
// bound is loose enough for sanitizer builds; quadratic behaviour would take
// hours.
TEST(EntitiesTest, HugeTextsInLinearTime) {
  constexpr size_t kSize = 1 << 20;
  // `unit` repeated to about 1 MB; *times receives the repeat count.
  auto repeat = [&](std::string_view unit, size_t* times = nullptr) {
    const size_t n = kSize / unit.size();
    if (times != nullptr) *times = n;
    std::string s;
    s.reserve(n * unit.size());
    for (size_t i = 0; i < n; ++i) s += unit;
    return s;
  };
  struct Case {
    std::string name;
    std::string text;
    size_t expected;  // entities
  };
  size_t urls = 0, hashtags = 0, cashtags = 0, posts = 0;
  const std::vector<Case> cases = {
      {"label chain without TLD", repeat("a."), 0},
      // A 1 MB domain is longer than the 4096 characters a URL may have.
      {"subdomain chain", repeat("a.") + "com", 0},
      {"hyphenated accents", repeat("é-") + "é.zz", 0},
      {"many short URLs", repeat("x.com ", &urls), urls},
      {"protocols", repeat("http://"), 0},
      {"unbalanced parens", "http://a.com/" + repeat("("), 1},
      {"nested parens", "http://a.com/" + repeat("(a)"), 0},
      {"trailing punctuation", "http://a.com/" + repeat(".,!"), 1},
      {"Japanese sentences", repeat("これは日本語のテキストです."), 0},
      {"hashes", repeat("#"), 0},
      {"hashtags", repeat("#tag ", &hashtags), hashtags},
      {"at signs", repeat("@"), 0},
      // Each "@a" is followed by '@', which disqualifies it.
      {"mention chain", repeat("@a"), 0},
      {"dollars", repeat("$"), 0},
      {"cashtags", repeat(" $AB", &cashtags), cashtags},
      {"emoji", repeat("😀"), 0},
      {"mixed post", repeat("RT @ana: #sale on $ACME → https://t.co/abc ok. ", &posts), 4 * posts},
  };
  for (const Case& c : cases) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<Entity> got = ExtractEntities(c.text);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(seconds, 10.0) << c.name;
    EXPECT_EQ(got.size(), c.expected) << c.name;
  }
}

TEST(EntitiesTest, ConcurrentCallsAgree) {
  const std::vector<std::string> texts = {
      "@a #b $CD http://e.com/f g.jp", "日本語 #テスト @user_1 example.com/パス",
      "#السياسة @user http://foobar.پاکستان/", "RT:@x ＃タグ ＠y t.co/abc?d=e"};
  std::vector<std::vector<Entity>> expected;
  for (const std::string& t : texts) expected.push_back(ExtractEntities(t));
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        const size_t j = static_cast<size_t>(i) % texts.size();
        if (ExtractEntities(texts[j]) != expected[j]) ++mismatches;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace dandelion::text
