// The listening query parser, driven by tests/data/listening/valid.tsv
// (query → canonical form) and errors.tsv (query → column → message), plus
// hostile input and a parse/print round-trip property.
#include "listening/query.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace dandelion::listening {
namespace {

struct Row {
  int line = 0;
  std::vector<std::string> cols;
};

// Tab-separated rows; blank lines and lines starting with "# " are skipped
// (a query may itself start with #tag).
std::vector<Row> ReadTsv(const std::string& name) {
  std::ifstream in(std::string(DANDELION_LISTENING_DATA) + "/" + name);
  EXPECT_TRUE(in.good()) << "cannot open " << name;
  std::vector<Row> rows;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line == "#" || line.rfind("# ", 0) == 0) continue;
    Row r;
    r.line = n;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, '\t')) r.cols.push_back(cell);
    rows.push_back(std::move(r));
  }
  return rows;
}

TEST(QueryTest, ValidCasesGiveTheirCanonicalForm) {
  auto rows = ReadTsv("valid.tsv");
  EXPECT_GE(rows.size(), 60u);
  for (const Row& r : rows) {
    ASSERT_EQ(r.cols.size(), 2u) << "valid.tsv:" << r.line;
    auto q = ParseQuery(r.cols[0]);
    ASSERT_TRUE(q.ok()) << "valid.tsv:" << r.line << ": " << r.cols[0] << " → "
                        << q.status().message();
    EXPECT_EQ(ToString(q->root), r.cols[1]) << "valid.tsv:" << r.line << ": " << r.cols[0];
    EXPECT_TRUE(ValidateQuery(r.cols[0]).empty()) << "valid.tsv:" << r.line;
  }
}

TEST(QueryTest, CanonicalFormParsesBackToItself) {
  for (const Row& r : ReadTsv("valid.tsv")) {
    auto q = ParseQuery(r.cols[0]);
    ASSERT_TRUE(q.ok()) << r.cols[0];
    std::string canonical = ToString(q->root);
    auto again = ParseQuery(canonical);
    ASSERT_TRUE(again.ok()) << canonical << " → " << again.status().message();
    EXPECT_EQ(ToString(again->root), canonical) << "valid.tsv:" << r.line;
  }
}

TEST(QueryTest, ErrorCasesGiveColumnAndMessage) {
  auto rows = ReadTsv("errors.tsv");
  EXPECT_GE(rows.size(), 30u);
  for (const Row& r : rows) {
    ASSERT_EQ(r.cols.size(), 4u) << "errors.tsv:" << r.line;
    const std::string& query = r.cols[0];
    int column = std::stoi(r.cols[1]);
    auto q = ParseQuery(query);
    ASSERT_FALSE(q.ok()) << "errors.tsv:" << r.line << ": " << query;
    EXPECT_EQ(q.status().code(), Code::kInvalidArgument);
    std::string want = "column " + r.cols[1] + ": " + r.cols[2] + " (expected " + r.cols[3] + ")";
    EXPECT_EQ(q.status().message(), want) << "errors.tsv:" << r.line;
    auto errors = ValidateQuery(query);
    ASSERT_FALSE(errors.empty()) << "errors.tsv:" << r.line;
    bool found = false;
    for (const QueryError& e : errors) {
      if (e.column == column && e.message == r.cols[2] && e.expected == r.cols[3]) found = true;
    }
    EXPECT_TRUE(found) << "errors.tsv:" << r.line;
  }
}

TEST(QueryTest, ValidateListsEveryKindOfError) {
  auto errors = ValidateQuery("a* b AND c OR d language:english");
  ASSERT_GE(errors.size(), 4u);
  EXPECT_EQ(errors[0].column, 1);
  EXPECT_EQ(errors[0].message, "wildcard after a one-character stem");
  EXPECT_EQ(errors[1].column, 4);
  EXPECT_EQ(errors[1].message, "missing operator between two terms");
  EXPECT_EQ(errors[2].column, 12);
  EXPECT_EQ(errors[2].message, "AND and OR mixed without parentheses");
  bool language = false;
  for (const auto& e : errors) language |= e.message == "bad language code 'english'";
  EXPECT_TRUE(language);
}

TEST(QueryTest, AstCarriesTermDetails) {
  auto q = ParseQuery("{Apple} NEAR/3f \"Café Crème\"~2");
  ASSERT_TRUE(q.ok()) << q.status().message();
  const Node& near = q->root;
  ASSERT_EQ(near.kind, NodeKind::kNear);
  EXPECT_EQ(near.distance, 3);
  EXPECT_TRUE(near.ordered);
  ASSERT_EQ(near.children.size(), 2u);
  EXPECT_TRUE(near.children[0].case_sensitive);
  EXPECT_EQ(near.children[0].match, "Apple");
  EXPECT_EQ(near.children[1].kind, NodeKind::kPhrase);
  EXPECT_EQ(near.children[1].tokens, (std::vector<std::string>{"cafe", "creme"}));
  EXPECT_EQ(near.children[1].proximity, 2);
  EXPECT_EQ(q->terms, 2);
}

TEST(QueryTest, TokenizeFollowsUnicode61) {
  EXPECT_EQ(Tokenize("Ça va? Crème-brûlée, NAÏVE café"),
            (std::vector<std::string>{"ca", "va", "creme", "brulee", "naive", "cafe"}));
  EXPECT_EQ(Tokenize("苹果手机 iPhone", true), (std::vector<std::string>{"苹果手机", "iPhone"}));
  EXPECT_EQ(Tokenize("e\xCC\x81t\xC3\xA9"), (std::vector<std::string>{"ete"}));
}

TEST(QueryTest, InvalidUtf8IsRefusedWithItsColumn) {
  auto q = ParseQuery("apple AND \xC3\x28");
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.status().message(), "column 11: invalid UTF-8 (expected UTF-8 text)");
  EXPECT_FALSE(ParseQuery("\xED\xA0\x80").ok());  // a surrogate
  EXPECT_FALSE(ParseQuery("\xF8\x88\x80\x80\x80").ok());
}

TEST(QueryTest, TenThousandTermsAreRefusedQuickly) {
  std::string q;
  for (int i = 0; i < 10000; ++i) q += i == 0 ? "apple" : " OR apple";
  auto start = std::chrono::steady_clock::now();
  auto r = ParseQuery(q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "column 1: query longer than 10240 bytes (expected at most 10240 bytes)");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
}

TEST(QueryTest, MoreThanTwoThousandTermsAreRefused) {
  std::string q;
  for (int i = 0; i < 2001; ++i) q += i == 0 ? "a" : " OR a";
  ASSERT_LE(q.size(), 10240u);
  auto r = ParseQuery(q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "column 10001: more than 2000 terms (expected at most 2000 terms)");
  std::string ok;
  for (int i = 0; i < 2000; ++i) ok += i == 0 ? "a" : " OR a";
  EXPECT_TRUE(ParseQuery(ok).ok());
}

TEST(QueryTest, TenThousandParenthesesAreRefusedWithoutStackOverflow) {
  std::string huge = std::string(10000, '(') + "apple" + std::string(10000, ')');
  EXPECT_FALSE(ParseQuery(huge).ok());  // over the size limit
  EXPECT_FALSE(ValidateQuery(huge).empty());
  // Within the size limit, the recursion guard refuses it.
  std::string deep = std::string(5000, '(') + "apple" + std::string(5000, ')');
  auto r = ParseQuery(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(ValidateQuery(deep).size(), 1u);
  EXPECT_EQ(r.status().message(),
            "column 257: more than 256 nested parentheses or NOTs (expected less nesting)");
  std::string nots;
  for (int i = 0; i < 2000; ++i) nots += "NOT ";
  EXPECT_FALSE(ParseQuery(nots + "apple").ok());
  // Redundant parentheses within the guard are fine.
  EXPECT_TRUE(ParseQuery(std::string(100, '(') + "apple" + std::string(100, ')')).ok());
}

TEST(QueryTest, NestingDeeperThan64LevelsIsRefused) {
  auto nested = [](int levels) {
    std::string q = "x";
    for (int i = 0; i < levels; ++i) q = "a OR (b AND (" + q + "))";
    return q;
  };
  EXPECT_TRUE(ParseQuery(nested(31)).ok());  // 62 levels of operators
  auto r = ParseQuery(nested(33));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("nesting deeper than 64 levels"), std::string::npos)
      << r.status().message();
}

TEST(QueryTest, PathologicalWildcardsStayBounded) {
  std::string stars = "ab" + std::string(5000, '*');
  auto r = ParseQuery(stars);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(ToString(r->root), "ab*");
  std::string mixed = "ab";
  for (int i = 0; i < 2000; ++i) mixed += "?*";
  auto start = std::chrono::steady_clock::now();
  auto m = ParseQuery(mixed);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->root.wildcard);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
  EXPECT_FALSE(ParseQuery(std::string(3000, '*')).ok());
  EXPECT_FALSE(ParseQuery(std::string(3000, '?')).ok());
}

TEST(QueryTest, StatusNamesTheQueryField) {
  auto r = ParseQuery("");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "query");
}

}  // namespace
}  // namespace dandelion::listening
