// Normalisers: the table of realistic lines per format (tests/data/engine/
// <format>.cases, read at test time) and hostile input for every format.
#include "engine/normalize.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/normalize_internal.h"
#include "text/utf8.h"

namespace dandelion::engine {
namespace {

constexpr Format kAllFormats[] = {Format::kTwitterV2, Format::kMastodon, Format::kBlueskyJetstream,
                                  Format::kNative};

struct Expectation {
  int index = 0;
  std::string field, value;
};

struct Case {
  std::string file, name, line, error;
  int count = -1;
  std::vector<Expectation> expect;
};

std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      ++i;
      out.push_back(s[i] == 'n' ? '\n' : s[i]);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<Case> LoadCases(Format format) {
  std::string path =
      std::string(DANDELION_TEST_DATA) + "/engine/" + std::string(FormatName(format)) + ".cases";
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<Case> cases;
  std::string l;
  while (std::getline(in, l)) {
    if (l.starts_with("# ")) {
      if (!cases.empty() && cases.back().line.empty()) {
        cases.back().name = l.substr(2);  // the previous "# " was the file's header
      } else {
        cases.push_back({path, l.substr(2), "", "", -1, {}});
      }
    } else if (l.starts_with("> ") && !cases.empty()) {
      cases.back().line = l.substr(2);
    } else if (l.starts_with("! ") && !cases.empty()) {
      cases.back().error = l.substr(2);
    } else if (l.starts_with("= count ") && !cases.empty()) {
      cases.back().count = std::stoi(l.substr(8));
    } else if (l.starts_with("= ") && !cases.empty()) {
      std::string rest = l.substr(2);
      size_t dot = rest.find('.'), sp = rest.find(' ');
      Expectation e;
      e.index = std::stoi(rest.substr(0, dot));
      e.field = rest.substr(dot + 1, sp == std::string::npos ? std::string::npos : sp - dot - 1);
      e.value = sp == std::string::npos ? "" : Unescape(rest.substr(sp + 1));
      cases.back().expect.push_back(e);
    }
  }
  std::erase_if(cases, [](const Case& c) { return c.line.empty(); });
  return cases;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "|" : "") + v[i];
  return out;
}

//! The field of `m` named as in the case files.
std::string Field(const Mention& m, const std::string& f) {
  if (f == "network") return std::string(text::NetworkName(m.network));
  if (f == "external_id") return m.external_id;
  if (f == "text") return m.text;
  if (f == "created_at_ms") return std::to_string(m.created_at_ms);
  if (f == "author.external_id") return m.author.external_id;
  if (f == "author.handle") return m.author.handle;
  if (f == "author.display_name") return m.author.display_name;
  if (f == "author.followers")
    return m.author.followers ? std::to_string(*m.author.followers) : "none";
  if (f == "url") return m.url;
  if (f == "language_hint") return m.language_hint;
  if (f == "reply_to") return m.reply_to;
  if (f == "conversation_id") return m.conversation_id;
  if (f == "hashtags") return Join(m.hashtags);
  if (f == "mentioned") return Join(m.mentioned);
  ADD_FAILURE() << "unknown field in case file: " << f;
  return {};
}

class NormalizeCasesTest : public ::testing::TestWithParam<Format> {};

TEST_P(NormalizeCasesTest, MatchesTable) {
  std::vector<Case> cases = LoadCases(GetParam());
  ASSERT_GE(cases.size(), 5u);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file + ": " + c.name);
    Result<std::vector<Mention>> r = Normalize(GetParam(), c.line);
    if (!c.error.empty()) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
      EXPECT_EQ(ErrorReason(r.status()), c.error) << r.status().message();
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(static_cast<int>(r->size()), c.count);
    for (const Expectation& e : c.expect) {
      ASSERT_LT(e.index, static_cast<int>(r->size()));
      EXPECT_EQ(Field((*r)[e.index], e.field), e.value) << e.field;
    }
    for (const Mention& m : *r) EXPECT_FALSE(m.external_id.empty());
    EXPECT_EQ(DetectFormat(c.line), GetParam());
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, NormalizeCasesTest, ::testing::ValuesIn(kAllFormats),
                         [](const auto& info) { return std::string(FormatName(info.param)); });

// --- hostile input, every format ----------------------------------------------

class NormalizeHostileTest : public ::testing::TestWithParam<Format> {};

std::string_view Reason(Format f, std::string_view line) {
  static thread_local std::string keep;
  Result<std::vector<Mention>> r = Normalize(f, line);
  keep = r.ok() ? "ok" : std::string(ErrorReason(r.status()));
  return keep;
}

TEST_P(NormalizeHostileTest, EmptyLineIsEmptyLine) {
  EXPECT_EQ(Reason(GetParam(), ""), "empty_line");
  EXPECT_EQ(Reason(GetParam(), " \t\r\n"), "empty_line");
}

TEST_P(NormalizeHostileTest, NotJsonIsNotJson) {
  EXPECT_EQ(Reason(GetParam(), "<html><body>502 Bad Gateway</body></html>"), "not_json");
  EXPECT_EQ(Reason(GetParam(), "null"), "not_json");
  EXPECT_EQ(Reason(GetParam(), "\"data\""), "not_json");
  EXPECT_EQ(Reason(GetParam(), "[]"), "not_an_object");
  EXPECT_EQ(Reason(GetParam(), "{\"data\" 1}"), "malformed_json");
  EXPECT_EQ(Reason(GetParam(), "{"), "truncated_json");
}

TEST_P(NormalizeHostileTest, InvalidUtf8IsRejected) {
  EXPECT_EQ(Reason(GetParam(), "{\"text\":\"caf\xC3\"}"), "invalid_utf8");
  EXPECT_EQ(Reason(GetParam(), "{\"data\":{\"id\":\"1\",\"text\":\"\xFF\xFE\"}}"), "invalid_utf8");
  EXPECT_EQ(Reason(GetParam(), "\xED\xA0\x80 not json"), "invalid_utf8");
}

TEST_P(NormalizeHostileTest, TenMegabyteLineIsRejectedQuickly) {
  std::string big = "{\"text\":\"" + std::string(10u << 20, 'a') + "\"}";
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Reason(GetParam(), big), "too_large");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
}

TEST_P(NormalizeHostileTest, DeepNestingFailsCleanly) {
  std::string deep = "{\"data\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
  std::string_view r = Reason(GetParam(), deep);
  EXPECT_NE(r, "ok");
  EXPECT_FALSE(r.empty());
}

TEST_P(NormalizeHostileTest, EveryPrefixOfAGoodLineFailsOrSucceedsCleanly) {
  for (const Case& c : LoadCases(GetParam())) {
    if (!c.error.empty()) continue;
    for (size_t n = 0; n < c.line.size(); n += 7) {
      Result<std::vector<Mention>> r = Normalize(GetParam(), std::string_view(c.line).substr(0, n));
      ASSERT_FALSE(r.ok()) << c.name << " prefix " << n;
      EXPECT_FALSE(ErrorReason(r.status()).empty());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, NormalizeHostileTest, ::testing::ValuesIn(kAllFormats),
                         [](const auto& info) { return std::string(FormatName(info.param)); });

// --- format-specific edges ----------------------------------------------------

TEST(NormalizeTest, MultiMegabyteTextUnderTheLimitParsesInBoundedTime) {
  std::string text(3u << 20, 'x');
  std::string line = R"({"network":"x","id":"1","text":")" + text +
                     R"(","created_at":1732111407123,"author":{"id":"9"}})";
  auto start = std::chrono::steady_clock::now();
  Result<std::vector<Mention>> r = Normalize(Format::kNative, line);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)[0].text.size(), text.size());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(NormalizeTest, EscapedLoneSurrogateNeverYieldsInvalidUtf8) {
  std::string line =
      R"({"network":"x","id":"1","text":"a\ud800b","created_at":0,"author":{"id":"9"}})";
  Result<std::vector<Mention>> r = Normalize(Format::kNative, line);
  if (r.ok()) {
    EXPECT_EQ(text::SanitizeUtf8((*r)[0].text), (*r)[0].text);
  } else {
    EXPECT_FALSE(ErrorReason(r.status()).empty());
  }
}

TEST(NormalizeTest, ErrorNamesTheField) {
  Result<std::vector<Mention>> r = Normalize(
      Format::kTwitterV2,
      R"({"data":{"id":"1","text":5,"author_id":"2","created_at":"2024-11-20T14:03:27.000Z"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "wrong_type: data.text must be a string");
  EXPECT_EQ(r.status().field(), "data.text");
}

TEST(NormalizeTest, KeyOrderDoesNotMatter) {
  Result<std::vector<Mention>> r = Normalize(
      Format::kTwitterV2,
      R"({"includes":{"users":[{"username":"a","id":"2","name":"A"}]},"data":{"created_at":"2024-11-20T14:03:27.000Z","author_id":"2","text":"hi","id":"1"}})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)[0].author.handle, "a");
}

TEST(NormalizeTest, EscapedKeysAreUnescaped) {
  Result<std::vector<Mention>> r = Normalize(
      Format::kNative,
      R"({"network":"x","\u0069d":"7","te\u0078t":"hi","created_at":0,"author":{"id":"9"}})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)[0].external_id, "7");
  EXPECT_EQ((*r)[0].text, "hi");
}

TEST(NormalizeTest, JetstreamCommitBeforeKindStillChecksKind) {
  Result<std::vector<Mention>> r = Normalize(
      Format::kBlueskyJetstream,
      R"({"commit":{"operation":"create","collection":"app.bsky.feed.like","rkey":"3k","record":{"subject":{}}},"kind":"commit","did":"did:plc:x","time_us":1})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "not_a_post: jetstream collection app.bsky.feed.like");
}

TEST(NormalizeTest, NormalizeAnyDetectsAndReportsUnknown) {
  EXPECT_EQ(ErrorReason(NormalizeAny(R"({"hello":"world"})").status()), "unknown_format");
  EXPECT_EQ(ErrorReason(NormalizeAny("{\"a\":").status()), "truncated_json");
  EXPECT_FALSE(DetectFormat("").has_value());
  EXPECT_EQ(ParseFormat("mastodon"), Format::kMastodon);
  EXPECT_FALSE(ParseFormat("myspace").has_value());
}

// --- HTML and timestamps (tables) ---------------------------------------------

TEST(HtmlToTextTest, Table) {
  struct {
    std::string_view html, text;
  } cases[] = {
      {"<p>Hello</p>", "Hello"},
      {"<p>one</p><p>two</p>", "one\n\ntwo"},
      {"a<br>b<br/>c<BR />d", "a\nb\nc\nd"},
      {"&amp;&lt;&gt;&quot;&#39;&apos;&#x27;", "&<>\"'''"},
      {"&#128512; &#x1F600;", "\xF0\x9F\x98\x80 \xF0\x9F\x98\x80"},
      {"&#0; &#xD800; &#99999999;", "\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD"},
      {"AT&T &unknown; & x", "AT&T &unknown; & x"},
      {R"(<a href="https://x/@a" class="u-url mention">@<span>a</span></a>)", "@a"},
      {R"(<a href="x>y">link</a>)", "link"},
      {"1 < 2", "1 < 2"},
      {"<p>  padded  </p>", "padded"},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(internal::HtmlToText(c.html), c.text) << c.html;
}

TEST(ParseRfc3339Test, Table) {
  struct {
    std::string_view s;
    bool ok;
    int64_t ms;
  } cases[] = {
      {"1970-01-01T00:00:00Z", true, 0},
      {"2024-11-20T14:03:27.512Z", true, 1732111407512},
      {"2024-11-20T15:03:27.512+01:00", true, 1732111407512},
      {"2024-11-20t14:03:27.5123456z", true, 1732111407512},
      {"2024-11-20 14:03:27Z", true, 1732111407000},
      {"2024-11-20T09:03:27-0500", true, 1732111407000},
      {"2024-02-29T00:00:00Z", true, 1709164800000},
      {"2023-02-29T00:00:00Z", false, 0},
      {"2024-04-31T00:00:00Z", false, 0},
      {"2024-11-20T24:00:00Z", false, 0},
      {"2024-11-20T14:03:27", false, 0},
      {"2024-11-20T14:03:27.Z", false, 0},
      {"Wed Nov 20 14:03:27 +0000 2024", false, 0},
      {"", false, 0},
  };
  for (const auto& c : cases) {
    int64_t ms = 0;
    EXPECT_EQ(internal::ParseRfc3339(c.s, &ms), c.ok) << c.s;
    if (c.ok) {
      EXPECT_EQ(ms, c.ms) << c.s;
    }
  }
}

}  // namespace
}  // namespace dandelion::engine
