// The dandelion binary as a user runs it: demo seeding, audit verify on a
// tampered log, user add, help, and a PostgreSQL that is down.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/support/shell.h"

namespace {

using dandelion::testing::Outcome;
using dandelion::testing::Sh;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dandelion-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Bin(const std::string& args) { return std::string(DANDELION_BINARY) + " " + args; }
  std::string Data() { return " --data " + dir_.string(); }
  std::filesystem::path dir_;
};

TEST_F(CliTest, HelpListsEverySubcommandAndOption) {
  Outcome top = Sh(Bin("--help"));
  EXPECT_EQ(top.exit_code, 0);
  for (auto word : {"serve", "migrate", "demo", "audit", "user"}) {
    EXPECT_NE(top.output.find(word), std::string::npos) << word;
  }
  Outcome serve = Sh(Bin("serve --help"));
  for (auto word : {"--port", "--data", "--db", "DANDELION_PORT", "DANDELION_DB", "--seed-demo"}) {
    EXPECT_NE(serve.output.find(word), std::string::npos) << word;
  }
  EXPECT_NE(Sh(Bin("bogus")).exit_code, 0);
}

TEST_F(CliTest, DemoSeedsOnceAndAuditVerifyCatchesTampering) {
  Outcome demo = Sh(Bin("demo" + Data()));
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  EXPECT_NE(demo.output.find("admin@demo.example"), std::string::npos);
  Outcome again = Sh(Bin("demo" + Data()));
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.output.find("already has users"), std::string::npos) << again.output;

  Outcome ok = Sh(Bin("audit verify" + Data()));
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("intact"), std::string::npos);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "dandelion.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE audit_log SET target = 'unit:evil' WHERE id = 5", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  Outcome bad = Sh(Bin("audit verify" + Data()));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.output.find("entry 5"), std::string::npos) << bad.output;
}

TEST_F(CliTest, UserAddReadsThePasswordFromStdin) {
  Outcome r = Sh("echo 'a long password' | " +
                 Bin("user add --email Boss@X.example --name Boss --role admin" + Data()));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("boss@x.example"), std::string::npos);
  EXPECT_EQ(r.output.find("a long password"), std::string::npos);
  Outcome dup =
      Sh("echo 'a long password' | " + Bin("user add --email boss@x.example --name Boss" + Data()));
  EXPECT_EQ(dup.exit_code, 1);
  EXPECT_NE(dup.output.find("already exists"), std::string::npos);
  Outcome weak = Sh("echo 'short' | " + Bin("user add --email b2@x.example --name B" + Data()));
  EXPECT_EQ(weak.exit_code, 1);
  EXPECT_NE(weak.output.find("at least 10"), std::string::npos);
}

TEST_F(CliTest, TextAnalyzeScoresNdjsonAndReportsBadLines) {
  std::string in =
      R"({"id":"a1","text":"@AcmeAir my bag is lost, worst service ever","network":"x"})"
      "\n\n"
      R"({"id":2,"text":"Merci beaucoup, le service était excellent aujourd'hui !","network":"mastodon"})"
      "\n{not json\n"
      R"({"id":4,"text":5})"
      "\n";
  std::filesystem::create_directories(dir_);
  std::string file = (dir_ / "in.ndjson").string();
  FILE* f = fopen(file.c_str(), "w");
  fputs(in.c_str(), f);
  fclose(f);
  Outcome r = Sh(Bin("text analyze") + " < " + file);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < r.output.size()) {
    size_t nl = r.output.find('\n', pos);
    lines.push_back(r.output.substr(pos, nl - pos));
    pos = nl + 1;
  }
  ASSERT_EQ(lines.size(), 5u) << r.output;  // 4 results and the summary on stderr
  EXPECT_NE(lines[0].find("\"id\":\"a1\""), std::string::npos);
  EXPECT_NE(lines[0].find("\"label\":\"negative\""), std::string::npos);
  EXPECT_NE(lines[1].find("\"code\":\"fr\""), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("\"line\":4"), std::string::npos) << lines[2];
  EXPECT_NE(lines[3].find("\"field\":\"text\""), std::string::npos) << lines[3];
  EXPECT_NE(r.output.find("analyzed 2 posts, rejected 2"), std::string::npos);
}

// Slices of the input go to every thread, and come out in input order:
// the same lines, whatever the number of threads, good and bad mixed.
TEST_F(CliTest, TextAnalyzeKeepsTheInputOrderOnEveryThread) {
  std::filesystem::create_directories(dir_);
  std::string file = (dir_ / "many.ndjson").string();
  FILE* f = fopen(file.c_str(), "w");
  for (int i = 0; i < 5000; ++i) {
    if (i % 997 == 0) {
      fprintf(f, "{\"id\":%d,\"text\":%d}\n", i, i);  // a bad line now and then
    } else {
      fprintf(f, "{\"id\":%d,\"text\":\"post %d, %s\",\"network\":\"x\"}\n", i, i,
              i % 2 ? "great service" : "awful delay");
    }
  }
  fclose(f);
  Outcome one = Sh(Bin("text analyze --threads 1") + " < " + file);
  Outcome two = Sh(Bin("text analyze --threads 2") + " < " + file);
  EXPECT_EQ(one.exit_code, 1);
  EXPECT_EQ(one.output, two.output);
  size_t pos = 0;
  for (int i = 0; i < 5000; ++i) {
    size_t nl = one.output.find('\n', pos);
    ASSERT_NE(nl, std::string::npos) << "line " << i;
    std::string line = one.output.substr(pos, nl - pos);
    EXPECT_NE(line.find("\"id\":" + std::to_string(i) + ","), std::string::npos) << line;
    EXPECT_EQ(line.find("\"error\"") != std::string::npos, i % 997 == 0) << line;
    pos = nl + 1;
  }
  EXPECT_EQ(one.output.substr(pos), "analyzed 4994 posts, rejected 6\n");
}

TEST_F(CliTest, PostgresDownIsOneClearLine) {
  Outcome r = Sh(Bin("migrate --db postgresql://dandelion@127.0.0.1:1/nothing?connect_timeout=2"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.output.starts_with("dandelion: cannot connect to PostgreSQL")) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  Outcome bad_uri = Sh(Bin("migrate --db mysql://x"));
  EXPECT_EQ(bad_uri.exit_code, 1);
  EXPECT_NE(bad_uri.output.find("postgresql://"), std::string::npos);
}

TEST_F(CliTest, UnsignedAlertWebhookIsRefusedAtStart) {
  Outcome r =
      Sh("DANDELION_ALERT_WEBHOOK_URL=http://127.0.0.1:9/hook " + Bin("serve --port 0") + Data());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("DANDELION_ALERT_WEBHOOK_SECRET"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("serving"), std::string::npos) << r.output;
}

TEST_F(CliTest, ATrustedProxyThatIsNoAddressIsRefusedAtStart) {
  Outcome r = Sh(Bin("serve --port 0 --trusted-proxy proxy.internal") + Data());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("'proxy.internal' is not an IP address or network"), std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find("serving"), std::string::npos) << r.output;
}

TEST_F(CliTest, IngestDeadLetterFileGoesUnderTheDataFolderNotTheWorkingDirectory) {
  std::filesystem::create_directories(dir_);
  std::filesystem::path in = dir_ / "in.ndjson";
  std::ofstream(in) << "{not json\n";
  std::filesystem::path cwd = dir_ / "cwd";
  std::filesystem::create_directories(cwd);
  Outcome r = Sh("cd " + cwd.string() + " && " + Bin("ingest --no-progress ") + in.string() +
                 Data() + "/data");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(std::filesystem::exists(cwd / "rejected.ndjson")) << r.output;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "data" / "rejected.ndjson")) << r.output;
}

}  // namespace
