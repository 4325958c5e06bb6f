// Differential test against SQLite FTS5, the oracle named by the design:
// for the part of the language FTS5 also has (terms, phrases, prefixes,
// AND/OR/NOT, NEAR), 10,000 random fully-parenthesised queries are run both
// through Dandelion's compiled matcher (all of them in one TopicSet) and as
// their FTS5 form over an FTS5 table (unicode61 remove_diacritics 2) of the
// same generated posts. Every query must match exactly the same posts.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "listening/matcher.h"
#include "listening/query.h"
#include "listening/unicode61.h"

namespace dandelion::listening {
namespace {

// Words of several scripts, with case and diacritic variants of the same
// token (so folding is exercised both ways), near-prefixes of each other,
// and words with inner punctuation (a bare word that is a phrase).
const std::vector<std::string> kWords = {
    "apple",  "Apple",   "APPLE",    "apples",  "applesauce", "app",     "café",   "cafe",
    "CAFÉ",   "Cafè",    "naïve",    "naive",   "über",       "Uber",    "uber",   "straße",
    "Ärger",  "arger",   "phone",    "phones",  "iPhone",     "PHONE",   "smartphone",
    "run",    "running", "runner",   "RUNS",    "battery",    "Battery", "broken", "refund",
    "refunds", "delay",  "delayed",  "service", "Service",    "support", "great",  "love",
    "hate",   "slow",    "fast",     "2024",    "x1",         "wi-fi",   "e-mail", "Σοφία",
    "σοφια",  "Москва",  "москва",   "東京",     "東京タワー", "mañana",  "manana", "Zoë",
    "zoe",    "ﬁne",     "fine",     "Ørsted",  "orsted",     "İstanbul", "istanbul", "ǅemal"};
const std::vector<std::string> kSeparators = {" ", " ", " ", ", ", "-", "... ", "! ", "\n",
                                              " 🙂 ", "'", " (", ") ", " #", " @", "/"};

std::string Post(std::mt19937& rng) {
  std::uniform_int_distribution<int> len(1, 18);
  std::uniform_int_distribution<size_t> word(0, kWords.size() - 1);
  std::uniform_int_distribution<size_t> sep(0, kSeparators.size() - 1);
  std::string out;
  int n = len(rng);
  for (int i = 0; i < n; ++i) {
    if (i > 0) out += kSeparators[sep(rng)];
    out += kWords[word(rng)];
  }
  return out;
}

// A random query in our language and its FTS5 form, built side by side.
struct Generated {
  std::string ours;
  std::string fts5;
};

class QueryGen {
 public:
  explicit QueryGen(std::mt19937& rng) : rng_(rng) {}

  Generated Expr(int depth) {
    int pick = Pick(depth <= 0 ? 4 : 8);
    if (pick < 4) return Leaf();
    Generated a = Expr(depth - 1);
    Generated b = Expr(depth - 1);
    switch (pick) {
      case 4:
        return {"(" + a.ours + " AND " + b.ours + ")", "(" + a.fts5 + " AND " + b.fts5 + ")"};
      case 5:
        return {"(" + a.ours + " OR " + b.ours + ")", "(" + a.fts5 + " OR " + b.fts5 + ")"};
      case 6:
        return {"(" + a.ours + " AND NOT " + b.ours + ")", "(" + a.fts5 + " NOT " + b.fts5 + ")"};
      default:
        return Near();
    }
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  const std::string& Word() { return kWords[static_cast<size_t>(Pick(static_cast<int>(kWords.size())))]; }

  static std::string Quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + "\"";
  }

  // A term, a prefix, a phrase or a proximity phrase, plus its FTS5 phrase.
  Generated Leaf() {
    switch (Pick(6)) {
      case 0:
      case 1: {
        const std::string& w = Word();  // "wi-fi" is a phrase in both languages
        return {w, Quote(w)};
      }
      case 2: {
        // A prefix: the first 2..n code points of a one-token word.
        for (;;) {
          const std::string& w = Word();
          auto toks = Unicode61Tokens(w, false);
          if (toks.size() != 1) continue;
          std::u32string cps;
          for (size_t i = 0; i < w.size();) {
            unsigned char c = static_cast<unsigned char>(w[i]);
            size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            cps.push_back(static_cast<char32_t>(i));  // byte offsets of code points
            i += len;
          }
          if (cps.size() < 2) continue;
          size_t keep = 2 + static_cast<size_t>(Pick(static_cast<int>(cps.size()) - 1));
          std::string stem = keep >= cps.size() ? w : w.substr(0, cps[keep]);
          return {stem + "*", Quote(stem) + " *"};
        }
      }
      case 3:
      case 4: {
        std::string p = Word() + " " + Word();
        if (Pick(2) == 0) p += " " + Word();
        return {Quote(p), Quote(p)};
      }
      default: {
        // In "…"~n every token is an operand ("e-mail" is two), under
        // FTS5's rule for a NEAR group of several phrases.
        std::string words = Word() + " " + Word();
        int n = Pick(4);
        std::string near = "NEAR(";
        for (const auto& tok : Unicode61Tokens(words, false)) near += Quote(tok) + " ";
        return {Quote(words) + "~" + std::to_string(n), near + ", " + std::to_string(n) + ")"};
      }
    }
  }

  // NEAR/n between two words or phrases: FTS5's NEAR takes phrases only.
  Generated Near() {
    auto operand = [&]() {
      std::string w = Pick(3) == 0 ? Word() + " " + Word() : Word();
      return w;
    };
    std::string a = operand(), b = operand();
    int n = Pick(5);
    return {"(" + Quote(a) + " NEAR/" + std::to_string(n) + " " + Quote(b) + ")",
            "NEAR(" + Quote(a) + " " + Quote(b) + ", " + std::to_string(n) + ")"};
  }

  std::mt19937& rng_;
};

class Fts5 {
 public:
  Fts5() {
    EXPECT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    Exec("CREATE VIRTUAL TABLE posts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')");
  }
  ~Fts5() { sqlite3_close(db_); }
  void Exec(const std::string& sql) {
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << err;
  }
  void Insert(int64_t id, const std::string& text) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_, "INSERT INTO posts(rowid, text) VALUES (?1, ?2)", -1, &st, nullptr);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
  }
  // The matching rowids, or an error message.
  std::vector<int64_t> Match(const std::string& expr, std::string* error) {
    std::vector<int64_t> out;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT rowid FROM posts WHERE posts MATCH ?1 ORDER BY rowid", -1,
                           &st, nullptr) != SQLITE_OK) {
      *error = sqlite3_errmsg(db_);
      return out;
    }
    sqlite3_bind_text(st, 1, expr.data(), static_cast<int>(expr.size()), SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) out.push_back(sqlite3_column_int64(st, 0));
    if (rc != SQLITE_DONE) *error = sqlite3_errmsg(db_);
    sqlite3_finalize(st);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

TEST(Fts5DifferentialTest, TenThousandRandomQueriesMatchExactlyWhatFts5Matches) {
  constexpr int kPosts = 1500;
  constexpr int kQueries = 10000;
  std::mt19937 rng(20261125);
  std::vector<std::string> posts;
  Fts5 fts;
  fts.Exec("BEGIN");
  for (int i = 0; i < kPosts; ++i) {
    posts.push_back(Post(rng));
    fts.Insert(i + 1, posts.back());
  }
  fts.Exec("COMMIT");

  QueryGen gen(rng);
  std::vector<Generated> queries;
  std::vector<TopicQuery> topics;
  for (int i = 0; i < kQueries; ++i) {
    queries.push_back(gen.Expr(3));
    topics.push_back({i + 1, queries.back().ours});
  }
  std::vector<CompileError> errors;
  auto t0 = std::chrono::steady_clock::now();
  auto set = TopicSet::Compile(topics, &errors);
  auto compile_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - t0)
                        .count();
  for (const auto& e : errors) {
    ADD_FAILURE() << "query " << e.topic_id << " " << queries[e.topic_id - 1].ours << ": "
                  << e.message;
  }
  ASSERT_EQ(set->topic_count(), static_cast<size_t>(kQueries));

  std::map<int64_t, std::vector<int64_t>> ours;  // topic → posts
  Matcher matcher;
  std::vector<int64_t> hits;
  for (int i = 0; i < kPosts; ++i) {
    PostFacts post;
    post.text = posts[i];
    matcher.Match(*set, post, hits);
    for (int64_t t : hits) ours[t].push_back(i + 1);
  }

  int differences = 0, matched_some = 0;
  for (int i = 0; i < kQueries; ++i) {
    std::string error;
    std::vector<int64_t> want = fts.Match(queries[i].fts5, &error);
    ASSERT_TRUE(error.empty()) << queries[i].fts5 << ": " << error;
    const std::vector<int64_t>& got = ours[i + 1];
    if (!want.empty()) ++matched_some;
    if (got != want && ++differences <= 10) {
      std::string detail;
      for (int64_t id : want) {
        if (!std::binary_search(got.begin(), got.end(), id)) {
          detail += "\n  only FTS5: " + posts[id - 1];
          break;
        }
      }
      for (int64_t id : got) {
        if (!std::binary_search(want.begin(), want.end(), id)) {
          detail += "\n  only ours: " + posts[id - 1];
          break;
        }
      }
      ADD_FAILURE() << "query " << queries[i].ours << "\n  FTS5 form " << queries[i].fts5
                    << "\n  FTS5 " << want.size() << " posts, ours " << got.size() << detail;
    }
  }
  EXPECT_EQ(differences, 0);
  // The corpus and queries are meant to overlap: most queries match something.
  EXPECT_GT(matched_some, kQueries / 4);
  std::printf("%d queries (%zu patterns, compiled in %lld ms), %d matched at least one of %d "
              "posts, %d differences\n",
              kQueries, set->pattern_count(), static_cast<long long>(compile_ms), matched_some,
              kPosts, differences);
}

}  // namespace
}  // namespace dandelion::listening
