// The server's dead letters end to end through Api::Handle, on SQLite and
// (when DANDELION_TEST_PG is set) PostgreSQL: a line POST /api/v1/ingest
// cannot read is reported with its line number and reason and kept, raw,
// for whoever may ingest to list, filter, delete and clear; what is kept is
// bounded (the line's start, lines per request, age, rows in all) and
// stored whatever bytes it held, in the same transaction as the mentions.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "ingest/body_source.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

using http::Json;

std::string Post(const std::string& id, const std::string& text, int64_t created_at_ms) {
  return Json({{"network", "mastodon"},
               {"id", id},
               {"text", text},
               {"created_at", created_at_ms},
               {"author", {{"id", "u-fan"}, {"handle", "fan"}, {"name", "Fan"}}}})
      .dump();
}

std::string Ndjson(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

class DeadLettersApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto store = GetParam() == "sqlite" ? MemoryStore() : PostgresStore();
    if (!store) GTEST_SKIP() << "DANDELION_TEST_PG is not set; scripts/test sets it";
    app_ = std::make_unique<TestApp>(std::move(store));
    app_->AddUser("root@x.example", "hub", "admin");
    admin_ = app_->Login("root@x.example");
    t0_ = app_->clock.NowMs();
  }

  Json Ingest(const std::string& body, const Session& who = Session()) {
    auto r = app_->Call("POST", "/api/v1/ingest", body, who.cookie.empty() ? &admin_ : &who);
    EXPECT_EQ(r.status, 200) << r.body;
    return TestApp::Body(r);
  }
  http::Response Get(const std::string& target, const Session* who = nullptr) {
    return app_->Call("GET", target, "", who ? who : &admin_);
  }
  Json List(const std::string& query = "") {
    auto r = Get("/api/v1/ingest/rejected" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return TestApp::Body(r);
  }
  int64_t Mentions() {
    auto r = app_->Call("POST", "/api/v1/topics/preview", Json({{"query", "apple"}}).dump(),
                        &admin_);
    return TestApp::Body(r)["scanned"].get<int64_t>();
  }

  std::unique_ptr<TestApp> app_;
  Session admin_;
  int64_t t0_ = 0;
};

TEST_P(DeadLettersApiTest, RejectedLinesAreReportedByLineNumberAndKeptForTheHub) {
  Json report = Ingest(Ndjson({
      Post("1", "apple one", t0_),
      R"({"network":"mastodon","id":"3","text":"apple","created_at":)",  // line 2: cut short
      "",                                                                  // line 3: blank
      "apple, but not JSON",                                               // line 4
      Post("2", "apple two", t0_),
  }));
  EXPECT_EQ(report["accepted"], 2);
  EXPECT_EQ(report["rejected"], 2);
  ASSERT_EQ(report["rejected_lines"].size(), 2u) << report;
  EXPECT_EQ(report["rejected_lines"][0]["line"], 2);
  EXPECT_EQ(report["rejected_lines"][0]["reason"], "truncated_json");
  EXPECT_FALSE(report["rejected_lines"][0]["message"].get<std::string>().empty());
  EXPECT_EQ(report["rejected_lines"][1]["line"], 4);
  EXPECT_EQ(report["rejected_lines"][1]["reason"], "not_json");
  EXPECT_EQ(report["rejected_lines_cut"], false);

  Json page = List();
  ASSERT_EQ(page["items"].size(), 2u) << page;
  EXPECT_EQ(page["total"], 2);
  EXPECT_TRUE(page["next"].is_null());
  const Json& newest = page["items"][0];  // the later line of the request
  EXPECT_EQ(newest["line"], 4);
  EXPECT_EQ(newest["reason"], "not_json");
  EXPECT_EQ(newest["raw"], "apple, but not JSON");
  EXPECT_EQ(newest["raw_bytes"], 19);
  EXPECT_EQ(newest["raw_cut"], false);
  EXPECT_EQ(newest["source"], "api");
  EXPECT_EQ(newest["submitted_by"], "root@x.example");
  EXPECT_EQ(newest["received_at"], FormatTimestamp(t0_));
  EXPECT_EQ(page["items"][1]["raw"],
            R"({"network":"mastodon","id":"3","text":"apple","created_at":)");
  EXPECT_EQ(page["reasons"].size(), 2u);
}

TEST_P(DeadLettersApiTest, OnlyThoseWhoMayIngestSeeOrClearThem) {
  Ingest(Ndjson({"not json"}));
  app_->AddUser("analyst@x.example", "hub", "analyst");
  Session analyst = app_->Login("analyst@x.example");
  app_->AddUser("manager@x.example", "hub", "manager");
  Session manager = app_->Login("manager@x.example");
  int64_t id = List()["items"][0]["id"];

  EXPECT_EQ(Get("/api/v1/ingest/rejected", &analyst).status, 403);
  EXPECT_EQ(app_->Call("DELETE", "/api/v1/ingest/rejected", "", &analyst).status, 403);
  EXPECT_EQ(
      app_->Call("DELETE", "/api/v1/ingest/rejected/" + std::to_string(id), "", &analyst).status,
      403);
  EXPECT_EQ(app_->Call("GET", "/api/v1/ingest/rejected").status, 401);
  EXPECT_EQ(List()["total"], 1) << "a refusal deletes nothing";
  EXPECT_EQ(Get("/api/v1/ingest/rejected", &manager).status, 200);
}

TEST_P(DeadLettersApiTest, FilterPageDeleteAndClear) {
  std::vector<std::string> lines;
  for (int i = 0; i < 5; ++i) lines.push_back("not json " + std::to_string(i));
  for (int i = 0; i < 3; ++i) lines.push_back(R"({"network":"mastodon","id":)");
  Ingest(Ndjson(lines));

  Json first = List("?limit=3");
  ASSERT_EQ(first["items"].size(), 3u);
  ASSERT_TRUE(first["next"].is_string());
  Json second = List("?limit=3&cursor=" + first["next"].get<std::string>());
  ASSERT_EQ(second["items"].size(), 3u);
  Json third = List("?limit=3&cursor=" + second["next"].get<std::string>());
  EXPECT_EQ(third["items"].size(), 2u);
  EXPECT_TRUE(third["next"].is_null());
  EXPECT_LT(second["items"][0]["id"], first["items"][2]["id"]) << "newest first, no overlap";
  EXPECT_EQ(first["reasons"][0], Json({{"reason", "not_json"}, {"count", 5}}));
  EXPECT_EQ(first["reasons"][1], Json({{"reason", "truncated_json"}, {"count", 3}}));

  Json truncated = List("?reason=truncated_json");
  EXPECT_EQ(truncated["items"].size(), 3u);
  EXPECT_EQ(truncated["total"], 8) << "the counts are of all of them";
  auto bad = Get("/api/v1/ingest/rejected?reason=DROP%20TABLE");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(TestApp::Body(bad)["error"]["field"], "reason");
  EXPECT_EQ(Get("/api/v1/ingest/rejected?cursor=abc").status, 400);

  const std::string one = "/api/v1/ingest/rejected/" +
                          std::to_string(truncated["items"][0]["id"].get<int64_t>());
  EXPECT_EQ(app_->Call("DELETE", one, "", &admin_).status, 204);
  EXPECT_EQ(app_->Call("DELETE", one, "", &admin_).status, 404);
  auto cleared = app_->Call("DELETE", "/api/v1/ingest/rejected?reason=truncated_json", "", &admin_);
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(TestApp::Body(cleared)["deleted"], 2);
  EXPECT_EQ(List()["total"], 5);
  cleared = app_->Call("DELETE", "/api/v1/ingest/rejected", "", &admin_);
  EXPECT_EQ(TestApp::Body(cleared)["deleted"], 5);
  EXPECT_EQ(List()["items"], Json::array());

  // Each deletion is in the audit log.
  Json audit = TestApp::Body(app_->Call("GET", "/api/v1/audit?limit=10", "", &admin_));
  std::vector<std::string> actions;
  for (const auto& e : audit["items"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions[0], "rejected_lines.clear");
  EXPECT_EQ(actions[1], "rejected_lines.clear");
  EXPECT_EQ(actions[2], "rejected_line.delete");
}

// Whatever the bytes, the line is kept: invalid UTF-8 and NUL (which
// PostgreSQL's text refuses) become U+FFFD; a long line keeps its start.
TEST_P(DeadLettersApiTest, AnyBytesAreKeptAndALongLineKeepsItsStart) {
  std::string odd = std::string("bad \xff\xfe bytes and a NUL ") + '\0' + " here";
  std::string long_line(100 * 1024, 'x');
  Json report = Ingest(Ndjson({odd, long_line}));
  EXPECT_EQ(report["rejected"], 2);
  Json page = List();
  ASSERT_EQ(page["items"].size(), 2u);
  const Json& kept_long = page["items"][0];
  EXPECT_EQ(kept_long["raw_bytes"], 100 * 1024);
  EXPECT_EQ(kept_long["raw"].get<std::string>().size(), 16u * 1024);
  EXPECT_EQ(kept_long["raw_cut"], true);
  EXPECT_EQ(page["items"][1]["raw"],
            "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes and a NUL \xEF\xBF\xBD here");
}

TEST_P(DeadLettersApiTest, WhatIsKeptIsBounded) {
  // At most 1,000 lines of one request are kept and reported; all are counted.
  std::vector<std::string> junk(1500, "junk");
  Json report = Ingest(Ndjson(junk));
  EXPECT_EQ(report["rejected"], 1500);
  EXPECT_EQ(report["rejected_lines"].size(), 1000u);
  EXPECT_EQ(report["rejected_lines_cut"], true);
  EXPECT_EQ(report["rejected_lines"][999]["line"], 1000);
  EXPECT_EQ(List()["total"], 1000);

  // Lines older than 30 days go when new ones come; so do all but the
  // newest 100,000 (here: a smaller cap, to keep the test small).
  app_->clock.Advance(31LL * 24 * 3600 * 1000);
  admin_ = app_->Login("root@x.example");  // the old session has long expired
  auto limits = app_->listening.ingest.dead_letter_limits();
  limits.keep_rows = 3;
  app_->listening.ingest.set_dead_letter_limits(limits);
  Ingest(Ndjson({"a", "b", "c", "d", "e"}));
  Json page = List();
  EXPECT_EQ(page["total"], 3);
  std::vector<std::string> raws;
  for (const auto& l : page["items"]) raws.push_back(l["raw"]);
  EXPECT_EQ(raws, (std::vector<std::string>{"e", "d", "c"}));
}

// The dead letters and the mentions are written in one transaction: when
// the dead letters cannot be stored (here: sent by a user who does not
// exist), neither are the mentions, and the request fails as a whole.
TEST_P(DeadLettersApiTest, NothingIsHalfWritten) {
  const std::string body = Ndjson({Post("1", "apple", t0_), "junk"});
  auto run = [&](std::optional<int64_t> who) {
    ingest::BodySource source(body);
    ingest::TableDeadLetters dead({"api", who}, app_->clock,
                                  app_->listening.ingest.dead_letter_limits(), 1000);
    return app_->ingest.Run(source, dead, ingest::RunOptions{});
  };
  EXPECT_FALSE(run(987654).ok());
  EXPECT_EQ(Mentions(), 0);
  EXPECT_EQ(List()["total"], 0);

  ASSERT_TRUE(run(std::nullopt).ok());
  EXPECT_EQ(Mentions(), 1);
  EXPECT_EQ(List()["total"], 1);
  EXPECT_TRUE(List()["items"][0]["submitted_by"].is_null());
}

// What came in, what was stored and what was set aside, by reason, and how
// long batches take: the engine's figures on /metrics, beside the server's.
TEST_P(DeadLettersApiTest, TheEnginesFiguresAreOnMetrics) {
  Ingest(Ndjson({Post("1", "apple one", t0_), "not JSON", Post("2", "apple two", t0_)}));
  Ingest(Ndjson({Post("1", "apple one", t0_)}));
  auto r = app_->Call("GET", "/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("dandelion_ingest_lines_total 4\n"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("dandelion_ingest_posts_total{outcome=\"new\"} 2\n"), std::string::npos);
  EXPECT_NE(r.body.find("dandelion_ingest_posts_total{outcome=\"already_stored\"} 1\n"),
            std::string::npos);
  EXPECT_NE(r.body.find("dandelion_ingest_rejected_total{reason=\"not_json\"} 1\n"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("dandelion_ingest_batch_seconds_count 2\n"), std::string::npos);
  EXPECT_NE(r.body.find("dandelion_ingest_batch_seconds_bucket{le=\"+Inf\"} 2\n"),
            std::string::npos);
  EXPECT_NE(r.body.find("dandelion_backfill_pending 0\n"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("dandelion_backfill_failures_total 0\n"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, DeadLettersApiTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dandelion::testing
