// The listening API end to end through Api::Handle: topics and their
// back-fill, query validation and preview, mentions with highlights, charts,
// share of voice, the NDJSON ingest and spike alerts, on SQLite and (when
// DANDELION_TEST_PG is set) PostgreSQL. Post times are set from the
// TestApp's FakeClock, so every hour is known.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "store/listening/listening_repos.h"
#include "store/org/org_repos.h"
#include "tests/support/test_app.h"

namespace dandelion::testing {
namespace {

using http::Json;

constexpr int64_t kMinute = 60 * 1000LL;
constexpr int64_t kHour = 60 * kMinute;

//! One post in the native ingest shape.
std::string Post(const std::string& id, const std::string& text, int64_t created_at_ms,
                 const std::string& network = "mastodon", const std::string& handle = "fan") {
  return Json({{"network", network},
               {"id", id},
               {"text", text},
               {"created_at", created_at_ms},
               {"author", {{"id", "u-" + handle}, {"handle", handle}, {"name", "Fan " + handle}}}})
      .dump();
}

//! Lines joined as an NDJSON body (each line ends with a newline).
std::string Ndjson(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string Str(int64_t v) { return std::to_string(v); }
// A time as the API writes it and takes it in ?from=/?to=.
std::string Iso(int64_t ms) { return FormatTimestamp(ms); }

class ListeningApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto store = GetParam() == "sqlite" ? MemoryStore() : PostgresStore();
    if (!store) GTEST_SKIP() << "DANDELION_TEST_PG is not set; scripts/test sets it";
    app_ = std::make_unique<TestApp>(std::move(store));
    app_->AddUser("root@x.example", "hub", "admin");
    admin_ = app_->Login("root@x.example");
    for (const char* slug : {"retail", "wholesale"}) {
      ASSERT_EQ(
          app_->Call("POST", "/api/v1/units",
                     Json({{"slug", slug}, {"name", slug}, {"parent", "hub"}}).dump(), &admin_)
              .status,
          201);
    }
    t0_ = app_->clock.NowMs();
    ASSERT_EQ(t0_ % kHour, 0) << "the fake clock starts on the hour";
  }

  //! POSTs `body` to the ingest endpoint with `content_type`.
  http::Response Ingest(const std::string& body, const Session* s,
                        const std::string& content_type = "application/x-ndjson") {
    http::Request req;
    req.method = "POST";
    req.path = "/api/v1/ingest";
    req.body = body;
    req.remote_ip = "127.0.0.1";
    req.headers["content-type"] = content_type;
    if (s != nullptr) {
      req.headers["cookie"] = s->cookie;
      req.headers["x-csrf-token"] = s->csrf;
    }
    return app_->api.Handle(req);
  }

  //! Ingests `lines` as the hub admin; the report, or null when refused.
  Json IngestOk(const std::vector<std::string>& lines) {
    http::Response r = Ingest(Ndjson(lines), &admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? TestApp::Body(r) : Json(nullptr);
  }

  //! Creates a topic as the hub admin; its id, or 0 when that failed.
  int64_t CreateTopic(const std::string& unit, const std::string& name, const std::string& query) {
    http::Response r =
        app_->Call("POST", "/api/v1/topics",
                   Json({{"unit", unit}, {"name", name}, {"query", query}}).dump(), &admin_);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? TestApp::Body(r)["id"].get<int64_t>() : 0;
  }

  Json GetTopic(int64_t id) {
    return TestApp::Body(app_->Call("GET", "/api/v1/topics/" + Str(id), "", &admin_));
  }

  //! The external ids of every mention of `topic`, newest first, read page
  //! by page.
  std::vector<std::string> AllMentionIds(int64_t topic) {
    std::vector<std::string> ids;
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
      std::string target = "/api/v1/topics/" + Str(topic) + "/mentions?limit=200";
      if (!cursor.empty()) target += "&cursor=" + cursor;
      Json j = TestApp::Body(app_->Call("GET", target, "", &admin_));
      for (const auto& m : j["items"]) ids.push_back(m["external_id"]);
      if (j["next"].is_null()) break;
      cursor = j["next"];
    }
    return ids;
  }

  Json Stats(int64_t topic, int64_t from, int64_t to) {
    http::Response r = app_->Call(
        "GET", "/api/v1/topics/" + Str(topic) + "/stats?from=" + Iso(from) + "&to=" + Iso(to), "",
        &admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    return TestApp::Body(r);
  }

  Session NewUser(const std::string& email, const std::string& unit, const std::string& role) {
    app_->AddUser(email, unit, role);
    return app_->Login(email);
  }

  std::unique_ptr<TestApp> app_;  //!< on the store of the test's parameter
  Session admin_;
  int64_t t0_ = 0;  //!< the fake clock's start, on the hour
};

// ------------------------------------------------------------------ topics

TEST_P(ListeningApiTest, CreateTopicBackfillsTheMentionsAlreadyStored) {
  IngestOk({Post("1", "Apple launches a new phone", t0_),
            Post("2", "APPLE shares are up", t0_ + kMinute),
            Post("3", "I ate an apple today", t0_ + 2 * kMinute),
            Post("4", "apples and pears", t0_ + 3 * kMinute),  // another word
            Post("5", "nothing about fruit", t0_ + 4 * kMinute)});
  auto r = app_->Call("POST", "/api/v1/topics",
                      Json({{"unit", "retail"}, {"name", " Apple "}, {"query", "apple"}}).dump(),
                      &admin_);
  ASSERT_EQ(r.status, 201) << r.body;
  Json topic = TestApp::Body(r);
  EXPECT_EQ(topic["mentions"], 3);
  EXPECT_EQ(topic["name"], "Apple") << "the name is trimmed";
  EXPECT_EQ(topic["unit"], "retail");
  EXPECT_EQ(topic["query"], "apple");
  EXPECT_EQ(topic["created_at"], Iso(t0_));

  int64_t id = topic["id"];
  EXPECT_EQ(GetTopic(id)["mentions"], 3);
  std::vector<std::string> ids = AllMentionIds(id);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), (std::set<std::string>{"1", "2", "3"}));

  auto listed =
      TestApp::Body(app_->Call("GET", "/api/v1/topics?unit=retail", "", &admin_))["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], id);
  EXPECT_EQ(listed[0]["mentions"], 3);
  EXPECT_EQ(TestApp::Body(app_->Call("GET", "/api/v1/topics?unit=wholesale", "", &admin_))["items"]
                .size(),
            0u);

  // From now on the topic matches at ingest.
  Json report = IngestOk({Post("6", "apple pie", t0_ + 5 * kMinute)});
  EXPECT_EQ(report["accepted"], 1);
  EXPECT_EQ(report["matches"], 1);
  EXPECT_EQ(GetTopic(id)["mentions"], 4);
}

// A topic created after the posts arrived finds what one created before
// them matched as they arrived.
TEST_P(ListeningApiTest, BackfillAgreesWithMatchingAtIngest) {
  const std::vector<std::string> queries = {
      "apple",
      "recycl* AND packaging",
      "\"customer service\" NEAR/3 (awful OR terrible)",
      "cafe",
      "{Apple} AND pie",
      "#blackfriday",
      "@acmebank AND outage",
      "network:x",
      "sentiment:negative AND airline",
      "apple AND NOT pie",
      "customi?e",
  };
  std::vector<int64_t> live;
  for (size_t i = 0; i < queries.size(); ++i) {
    live.push_back(CreateTopic("retail", "live " + Str(static_cast<int64_t>(i)), queries[i]));
  }
  IngestOk({
      Post("1", "Apple pie for everyone", t0_),
      Post("2", "an apple a day", t0_ + kMinute, "x"),
      Post("3", "We recycle our packaging now", t0_ + 2 * kMinute),
      Post("4", "recycling is good; packaging is not", t0_ + 3 * kMinute, "x"),
      Post("5", "Customer service was awful today", t0_ + 4 * kMinute),
      Post("6", "customer service, frankly, remains utterly awful", t0_ + 5 * kMinute),
      Post("7", "Le Café du coin est fermé", t0_ + 6 * kMinute),
      Post("8", "CAFE society", t0_ + 7 * kMinute, "x"),
      Post("9", "#BlackFriday deals everywhere", t0_ + 8 * kMinute),
      Post("10", "@AcmeBank is there an outage?", t0_ + 9 * kMinute),
      Post("11", "This airline is the worst, I hate it", t0_ + 10 * kMinute),
      Post("12", "What a lovely airline, great crew", t0_ + 11 * kMinute),
      Post("13", "please customise my order", t0_ + 12 * kMinute),
      Post("14", "customize it", t0_ + 13 * kMinute, "x"),
      Post("15", "apple crumble, not pie", t0_ + 14 * kMinute),
  });
  for (size_t i = 0; i < queries.size(); ++i) {
    int64_t later = CreateTopic("retail", "later " + Str(static_cast<int64_t>(i)), queries[i]);
    std::vector<std::string> at_ingest = AllMentionIds(live[i]);
    std::vector<std::string> backfilled = AllMentionIds(later);
    EXPECT_FALSE(at_ingest.empty()) << queries[i] << " should match some post";
    EXPECT_EQ(backfilled, at_ingest) << queries[i];
    EXPECT_EQ(GetTopic(later)["mentions"], GetTopic(live[i])["mentions"]) << queries[i];
  }
}

// The native shape carries hashtags and mentions the network reported
// outside the text (a Bluesky facet); they match at ingest, and a back-fill
// or an edit must not lose them. Disabled while it fails: on SQLite the
// back-fill only considers posts whose text holds an anchor term, and the
// reported mentions are not stored at all.
TEST_P(ListeningApiTest, BackfillKeepsWhatTheNetworkReported) {
  int64_t tag = CreateTopic("retail", "Launch", "#launchday");
  int64_t handle = CreateTopic("retail", "Acme", "@acme");
  Json line = Json::parse(Post("1", "We are live, come and see", t0_));
  line["hashtags"] = {"launchday"};
  line["mentioned"] = {"acme"};
  EXPECT_EQ(IngestOk({line.dump()})["matches"], 2);
  EXPECT_EQ(GetTopic(tag)["mentions"], 1);
  EXPECT_EQ(GetTopic(handle)["mentions"], 1);

  EXPECT_EQ(GetTopic(CreateTopic("retail", "Launch again", "#launchday"))["mentions"], 1);
  EXPECT_EQ(GetTopic(CreateTopic("retail", "Acme again", "@acme"))["mentions"], 1);
  auto edited =
      app_->Call("PUT", "/api/v1/topics/" + Str(tag),
                 Json({{"name", "Launch (renamed)"}, {"query", "#launchday"}}).dump(), &admin_);
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(TestApp::Body(edited)["mentions"], 1);
}

TEST_P(ListeningApiTest, TopicsAreListedWhereTheCallerMaySeeThem) {
  int64_t hub = CreateTopic("hub", "Hub brand", "acme");
  int64_t retail = CreateTopic("retail", "Retail brand", "acme");
  int64_t wholesale = CreateTopic("wholesale", "Wholesale brand", "acme");
  auto ids = [&](const Session& s, const std::string& target) {
    std::set<int64_t> out;
    auto r = app_->Call("GET", target, "", &s);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    Json body = TestApp::Body(r);
    for (const auto& t : body["items"]) out.insert(t["id"].get<int64_t>());
    return out;
  };
  Session hub_advocate = NewUser("advocate@x.example", "hub", "advocate");
  Session retail_agent = NewUser("agent@x.example", "retail", "agent");
  EXPECT_EQ(ids(hub_advocate, "/api/v1/topics"), (std::set<int64_t>{hub, retail, wholesale}));
  EXPECT_EQ(ids(retail_agent, "/api/v1/topics"), (std::set<int64_t>{retail}));
  EXPECT_EQ(ids(retail_agent, "/api/v1/topics?unit=retail"), (std::set<int64_t>{retail}));
  // A sibling unit and its topics answer as if they did not exist; the hub,
  // on the way to the agent's own unit, is known but closed to them.
  EXPECT_EQ(app_->Call("GET", "/api/v1/topics?unit=wholesale", "", &retail_agent).status, 404);
  EXPECT_EQ(app_->Call("GET", "/api/v1/topics?unit=hub", "", &retail_agent).status, 403);
  EXPECT_EQ(app_->Call("GET", "/api/v1/topics/" + Str(wholesale), "", &retail_agent).status, 404);
  EXPECT_EQ(app_->Call("GET", "/api/v1/topics?unit=nowhere", "", &retail_agent).status, 404);
  EXPECT_EQ(app_->Call("GET", "/api/v1/topics").status, 401);
}

TEST_P(ListeningApiTest, BadQueryIs400WithEveryErrorAndItsColumn) {
  auto r = app_->Call(
      "POST", "/api/v1/topics",
      Json({{"unit", "retail"}, {"name", "Broken"}, {"query", "apple juice AND *phone"}}).dump(),
      &admin_);
  ASSERT_EQ(r.status, 400) << r.body;
  Json j = TestApp::Body(r);
  EXPECT_EQ(j["error"]["code"], "invalid_argument");
  EXPECT_EQ(j["error"]["field"], "query");
  EXPECT_NE(j["error"]["message"].get<std::string>().find("column 7"), std::string::npos)
      << j["error"]["message"];
  ASSERT_TRUE(j["errors"].is_array()) << r.body;
  ASSERT_EQ(j["errors"].size(), 2u) << r.body;
  EXPECT_EQ(j["errors"][0]["column"], 7);
  EXPECT_EQ(j["errors"][0]["message"], "missing operator between two terms");
  EXPECT_EQ(j["errors"][0]["expected"], "AND, OR, NOT or NEAR/n");
  EXPECT_EQ(j["errors"][1]["column"], 17);
  EXPECT_EQ(j["errors"][1]["message"], "wildcard at the start of a word");

  // Nothing was created.
  EXPECT_EQ(TestApp::Body(app_->Call("GET", "/api/v1/topics", "", &admin_))["items"].size(), 0u);

  // Errors that are not about the query carry no list.
  auto no_name =
      app_->Call("POST", "/api/v1/topics",
                 Json({{"unit", "retail"}, {"name", "  "}, {"query", "apple"}}).dump(), &admin_);
  EXPECT_EQ(no_name.status, 400);
  EXPECT_EQ(TestApp::Body(no_name)["error"]["field"], "name");
  EXPECT_FALSE(TestApp::Body(no_name).contains("errors"));
  auto no_unit =
      app_->Call("POST", "/api/v1/topics",
                 Json({{"unit", "nowhere"}, {"name", "N"}, {"query", "apple"}}).dump(), &admin_);
  EXPECT_EQ(no_unit.status, 404);
  EXPECT_EQ(TestApp::Body(no_unit)["error"]["field"], "unit");
}

TEST_P(ListeningApiTest, NameTakenInTheUnitIs409) {
  CreateTopic("retail", "Brand", "acme");
  auto again = app_->Call("POST", "/api/v1/topics",
                          Json({{"unit", "retail"}, {"name", "Brand "}, {"query", "other"}}).dump(),
                          &admin_);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(TestApp::Body(again)["error"]["code"], "already_exists");
  EXPECT_EQ(TestApp::Body(again)["error"]["field"], "name");
  // Names are unique per unit only.
  CreateTopic("wholesale", "Brand", "acme");
  EXPECT_EQ(TestApp::Body(app_->Call("GET", "/api/v1/topics", "", &admin_))["items"].size(), 2u);
}

TEST_P(ListeningApiTest, ValidateReportsErrorsAndTheCanonicalForm) {
  auto ok = app_->Call("POST", "/api/v1/topics/validate",
                       Json({{"query", "Apple AND (pie OR tart)"}}).dump(), &admin_);
  ASSERT_EQ(ok.status, 200) << ok.body;
  Json v = TestApp::Body(ok);
  EXPECT_EQ(v["valid"], true);
  EXPECT_EQ(v["errors"], Json::array());
  EXPECT_EQ(v["canonical"], "(apple AND (pie OR tart))");

  auto bad = app_->Call("POST", "/api/v1/topics/validate",
                        Json({{"query", "apple OR pear)"}}).dump(), &admin_);
  ASSERT_EQ(bad.status, 200) << bad.body;
  Json b = TestApp::Body(bad);
  EXPECT_EQ(b["valid"], false);
  ASSERT_EQ(b["errors"].size(), 1u) << bad.body;
  EXPECT_EQ(b["errors"][0]["column"], 14);
  EXPECT_EQ(b["errors"][0]["message"], "unbalanced parenthesis");
  EXPECT_EQ(b["errors"][0]["expected"], "a matching '(' before it");
  EXPECT_TRUE(b["canonical"].is_null());

  // Columns count code points, not bytes.
  auto accented = app_->Call("POST", "/api/v1/topics/validate",
                             Json({{"query", "crème brûlée"}}).dump(), &admin_);
  EXPECT_EQ(TestApp::Body(accented)["errors"][0]["column"], 7);

  EXPECT_EQ(
      app_->Call("POST", "/api/v1/topics/validate", Json({{"q", "apple"}}).dump(), &admin_).status,
      400);
  EXPECT_EQ(app_->Call("POST", "/api/v1/topics/validate", Json({{"query", "apple"}}).dump()).status,
            401);
}

TEST_P(ListeningApiTest, PreviewCountsMatchesAndGivesUtf16Highlights) {
  IngestOk({
      Post("plain", "nothing to see here", t0_),
      Post("emoji", "Café 😀 loves apple pie", t0_ + kMinute),
      Post("accents", "Ça y est, j'adore Apple", t0_ + 2 * kMinute),
      Post("two", "🍎🍎 apple", t0_ + 3 * kMinute),
  });
  auto r = app_->Call("POST", "/api/v1/topics/preview", Json({{"query", "apple"}}).dump(), &admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  Json p = TestApp::Body(r);
  EXPECT_EQ(p["scanned"], 4);
  EXPECT_EQ(p["matched"], 3);
  ASSERT_EQ(p["items"].size(), 3u);
  // Newest first.
  EXPECT_EQ(p["items"][0]["external_id"], "two");
  EXPECT_EQ(p["items"][1]["external_id"], "accents");
  EXPECT_EQ(p["items"][2]["external_id"], "emoji");
  // Offsets as JavaScript counts them: "🍎" is two UTF-16 units (four
  // bytes), "Ç" and "é" one (two bytes).
  EXPECT_EQ(p["items"][0]["highlights"], Json::parse("[[5,10]]"));
  EXPECT_EQ(p["items"][1]["highlights"], Json::parse("[[18,23]]"));
  EXPECT_EQ(p["items"][2]["highlights"], Json::parse("[[14,19]]"));

  // A folded match of an accented word.
  auto cafe = TestApp::Body(
      app_->Call("POST", "/api/v1/topics/preview", Json({{"query", "cafe"}}).dump(), &admin_));
  EXPECT_EQ(cafe["matched"], 1);
  ASSERT_EQ(cafe["items"].size(), 1u);
  EXPECT_EQ(cafe["items"][0]["highlights"], Json::parse("[[0,4]]"));

  // A phrase is one range, each time it occurs; terms under NOT are not marked.
  IngestOk({Post("phrase", "😀 Customer service rocks, customer service!", t0_ + 4 * kMinute)});
  auto phrase = TestApp::Body(
      app_->Call("POST", "/api/v1/topics/preview",
                 Json({{"query", "\"customer service\" AND NOT refund"}}).dump(), &admin_));
  ASSERT_EQ(phrase["items"].size(), 1u) << phrase.dump();
  EXPECT_EQ(phrase["items"][0]["highlights"], Json::parse("[[3,19],[27,43]]"));

  // scan reads only the newest posts; limit cuts the list, not the count.
  auto scan3 = TestApp::Body(app_->Call("POST", "/api/v1/topics/preview",
                                        Json({{"query", "apple"}, {"scan", 3}}).dump(), &admin_));
  EXPECT_EQ(scan3["scanned"], 3);
  EXPECT_EQ(scan3["matched"], 2);
  auto limit1 = TestApp::Body(app_->Call("POST", "/api/v1/topics/preview",
                                         Json({{"query", "apple"}, {"limit", 1}}).dump(), &admin_));
  EXPECT_EQ(limit1["matched"], 3);
  EXPECT_EQ(limit1["items"].size(), 1u);

  auto bad =
      app_->Call("POST", "/api/v1/topics/preview", Json({{"query", "apple AND"}}).dump(), &admin_);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(TestApp::Body(bad)["error"]["field"], "query");
  EXPECT_FALSE(TestApp::Body(bad)["errors"].empty()) << bad.body;

  // A preview creates no topic.
  EXPECT_EQ(TestApp::Body(app_->Call("GET", "/api/v1/topics", "", &admin_))["items"].size(), 0u);
}

// ---------------------------------------------------------------- reading

TEST_P(ListeningApiTest, MentionsArePagedNewestFirstWithACursor) {
  int64_t topic = CreateTopic("retail", "Apple", "apple");
  // "c" and "d" share a timestamp: the cursor must not skip or repeat one.
  IngestOk({Post("a", "apple one", t0_ + 1 * kMinute), Post("b", "apple two", t0_ + 2 * kMinute),
            Post("c", "apple three", t0_ + 3 * kMinute), Post("d", "apple four", t0_ + 3 * kMinute),
            Post("e", "apple five", t0_ + 5 * kMinute), Post("x", "pears", t0_ + 6 * kMinute)});
  std::vector<std::string> seen;
  std::vector<size_t> sizes;
  std::string target = "/api/v1/topics/" + Str(topic) + "/mentions?limit=2";
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    auto r = app_->Call("GET", target + (cursor.empty() ? "" : "&cursor=" + cursor), "", &admin_);
    ASSERT_EQ(r.status, 200) << r.body;
    Json j = TestApp::Body(r);
    sizes.push_back(j["items"].size());
    std::string last_time = "9999";  // ISO times of one form sort as text
    for (const auto& m : j["items"]) {
      seen.push_back(m["external_id"]);
      EXPECT_LE(m["created_at"].get<std::string>(), last_time);
      last_time = m["created_at"];
      EXPECT_EQ(m["highlights"], Json::parse("[[0,5]]"));
    }
    ASSERT_TRUE(j.contains("next"));
    if (j["next"].is_null()) break;
    cursor = j["next"];
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{2, 2, 1}));
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[0], "e");
  EXPECT_EQ(std::set<std::string>(seen.begin() + 1, seen.begin() + 3),
            (std::set<std::string>{"c", "d"}));
  EXPECT_EQ(seen[3], "b");
  EXPECT_EQ(seen[4], "a");

  // A page that holds exactly what is left has no next.
  Json all = TestApp::Body(
      app_->Call("GET", "/api/v1/topics/" + Str(topic) + "/mentions?limit=5", "", &admin_));
  EXPECT_EQ(all["items"].size(), 5u);
  EXPECT_TRUE(all["next"].is_null());

  for (const char* bad : {"nonsense", "12", "12:x", "x:12"}) {
    auto r = app_->Call("GET", target + "&cursor=" + bad, "", &admin_);
    EXPECT_EQ(r.status, 400) << bad << ": " << r.body;
    EXPECT_EQ(TestApp::Body(r)["error"]["field"], "cursor") << bad;
  }
  auto zero = app_->Call("GET", "/api/v1/topics/" + Str(topic) + "/mentions?limit=0", "", &admin_);
  EXPECT_EQ(zero.status, 400);
  EXPECT_EQ(TestApp::Body(zero)["error"]["field"], "limit");
  EXPECT_EQ(app_->Call("GET", "/api/v1/topics/999999/mentions", "", &admin_).status, 404);
}

TEST_P(ListeningApiTest, StatsGiveHourlyBucketsAndTheSentimentSplit) {
  int64_t topic = CreateTopic("retail", "Apple", "apple");
  IngestOk({
      Post("pos", "I love apple, it is great! #ApplePie", t0_ + 10 * kMinute, "mastodon", "ann"),
      Post("neg", "apple support is awful and terrible", t0_ + 20 * kMinute, "mastodon", "bob"),
      Post("neu1", "the apple store opens at nine", t0_ + 2 * kHour + 5 * kMinute, "x", "ann"),
      Post("neu2", "apple store hours on tuesday", t0_ + 2 * kHour + 59 * kMinute, "mastodon",
           "cy"),
      Post("late", "apple again, later", t0_ + 5 * kHour, "mastodon", "ann"),  // after the range
      Post("other", "I love pears", t0_ + 10 * kMinute),                       // not the topic
  });
  // The labels the charts count, as enrichment gave them.
  std::map<std::string, std::string> label;
  Json page = TestApp::Body(
      app_->Call("GET", "/api/v1/topics/" + Str(topic) + "/mentions?limit=50", "", &admin_));
  for (const auto& m : page["items"]) label[m["external_id"]] = m["sentiment"]["label"];
  ASSERT_EQ(label, (std::map<std::string, std::string>{{"pos", "positive"},
                                                       {"neg", "negative"},
                                                       {"neu1", "neutral"},
                                                       {"neu2", "neutral"},
                                                       {"late", "neutral"}}));

  // `from` in the middle of an hour starts at that hour.
  Json s = Stats(topic, t0_ + 30 * kMinute, t0_ + 4 * kHour);
  EXPECT_EQ(s["from"], Iso(t0_ + 30 * kMinute));
  EXPECT_EQ(s["to"], Iso(t0_ + 4 * kHour));
  EXPECT_EQ(s["total"], 4);
  ASSERT_EQ(s["hours"].size(), 4u) << s.dump();
  auto hour = [](int64_t at, int total, int positive, int neutral, int negative) {
    return Json({{"hour", Iso(at)},
                 {"total", total},
                 {"positive", positive},
                 {"neutral", neutral},
                 {"negative", negative}});
  };
  EXPECT_EQ(s["hours"][0], hour(t0_, 2, 1, 0, 1));
  EXPECT_EQ(s["hours"][1], hour(t0_ + kHour, 0, 0, 0, 0));
  EXPECT_EQ(s["hours"][2], hour(t0_ + 2 * kHour, 2, 0, 2, 0));
  EXPECT_EQ(s["hours"][3], hour(t0_ + 3 * kHour, 0, 0, 0, 0));
  EXPECT_EQ(s["networks"],
            Json::parse(R"([{"value":"mastodon","count":3},{"value":"x","count":1}])"));
  EXPECT_EQ(s["sample"], 4);
  EXPECT_EQ(s["authors"][0], Json({{"value", "ann"}, {"count", 2}}));
  EXPECT_EQ(s["hashtags"], Json::parse(R"([{"value":"applepie","count":1}])"));

  // The later post shows in a range that holds it.
  EXPECT_EQ(Stats(topic, t0_, t0_ + 6 * kHour)["total"], 5);

  auto backwards = app_->Call(
      "GET", "/api/v1/topics/" + Str(topic) + "/stats?from=" + Iso(t0_ + kHour) + "&to=" + Iso(t0_),
      "", &admin_);
  EXPECT_EQ(backwards.status, 400);
  EXPECT_EQ(TestApp::Body(backwards)["error"]["field"], "to");
  auto too_long = app_->Call("GET",
                             "/api/v1/topics/" + Str(topic) + "/stats?from=" + Iso(t0_) +
                                 "&to=" + Iso(t0_ + 94 * 24 * kHour),
                             "", &admin_);
  EXPECT_EQ(too_long.status, 400);
}

TEST_P(ListeningApiTest, ShareOfVoiceSplitsTheMatchesBetweenTopics) {
  int64_t apple = CreateTopic("retail", "Apple", "apple");
  int64_t banana = CreateTopic("wholesale", "Banana", "banana");
  IngestOk({Post("1", "apple", t0_), Post("2", "apple tart", t0_ + kMinute),
            Post("3", "apple juice", t0_ + 2 * kMinute), Post("4", "banana bread", t0_ + kHour),
            Post("5", "apple banana smoothie", t0_ + kHour),
            Post("6", "banana, much later", t0_ + 30 * kHour)});
  auto r = app_->Call("GET",
                      "/api/v1/listening/share?topics=" + Str(apple) + "," + Str(banana) +
                          "&from=" + Iso(t0_) + "&to=" + Iso(t0_ + 24 * kHour),
                      "", &admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = TestApp::Body(r);
  EXPECT_EQ(j["total"], 6);
  ASSERT_EQ(j["topics"].size(), 2u);
  EXPECT_EQ(j["topics"][0]["id"], apple);
  EXPECT_EQ(j["topics"][0]["name"], "Apple");
  EXPECT_EQ(j["topics"][0]["count"], 4);
  EXPECT_DOUBLE_EQ(j["topics"][0]["share"].get<double>(), 4.0 / 6.0);
  EXPECT_EQ(j["topics"][1]["count"], 2);
  EXPECT_DOUBLE_EQ(j["topics"][1]["share"].get<double>(), 2.0 / 6.0);

  EXPECT_EQ(app_->Call("GET", "/api/v1/listening/share", "", &admin_).status, 400);
  auto bad =
      app_->Call("GET", "/api/v1/listening/share?topics=" + Str(apple) + ",abc", "", &admin_);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(TestApp::Body(bad)["error"]["field"], "topics");
  EXPECT_EQ(app_->Call("GET", "/api/v1/listening/share?topics=999999", "", &admin_).status, 404);

  // A retail analyst may not read wholesale's topic: to them it does not exist.
  Session analyst = NewUser("analyst@x.example", "retail", "analyst");
  EXPECT_EQ(app_->Call("GET", "/api/v1/listening/share?topics=" + Str(apple), "", &analyst).status,
            200);
  EXPECT_EQ(app_->Call("GET", "/api/v1/listening/share?topics=" + Str(apple) + "," + Str(banana),
                       "", &analyst)
                .status,
            404);
}

// ---------------------------------------------------------------- changes

TEST_P(ListeningApiTest, UpdateTopicRebuildsItsMatches) {
  int64_t topic = CreateTopic("retail", "Fruit", "apple");
  int64_t other = CreateTopic("retail", "Other", "cherry");
  IngestOk({Post("1", "apple", t0_), Post("2", "apple tart", t0_ + kMinute),
            Post("3", "banana bread", t0_ + 2 * kMinute),
            Post("4", "apple banana smoothie", t0_ + 3 * kMinute)});
  ASSERT_EQ(GetTopic(topic)["mentions"], 3);
  ASSERT_EQ(Stats(topic, t0_, t0_ + kHour)["total"], 3);

  auto r = app_->Call("PUT", "/api/v1/topics/" + Str(topic),
                      Json({{"name", "Fruit"}, {"query", "banana"}}).dump(), &admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(TestApp::Body(r)["mentions"], 2);
  EXPECT_EQ(TestApp::Body(r)["query"], "banana");
  std::vector<std::string> ids = AllMentionIds(topic);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), (std::set<std::string>{"3", "4"}));
  EXPECT_EQ(Stats(topic, t0_, t0_ + kHour)["total"], 2) << "the rollups are rebuilt too";
  EXPECT_EQ(IngestOk({Post("5", "banana split", t0_ + 4 * kMinute)})["matches"], 1);
  EXPECT_EQ(IngestOk({Post("6", "apple only", t0_ + 5 * kMinute)})["matches"], 0);

  auto bad = app_->Call("PUT", "/api/v1/topics/" + Str(topic),
                        Json({{"name", "Fruit"}, {"query", "banana OR"}}).dump(), &admin_);
  EXPECT_EQ(bad.status, 400);
  EXPECT_FALSE(TestApp::Body(bad)["errors"].empty()) << bad.body;
  auto taken = app_->Call("PUT", "/api/v1/topics/" + Str(topic),
                          Json({{"name", "Other"}, {"query", "banana"}}).dump(), &admin_);
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(TestApp::Body(taken)["error"]["field"], "name");
  EXPECT_EQ(GetTopic(topic)["query"], "banana") << "refused changes leave the topic as it was";
  EXPECT_EQ(GetTopic(topic)["mentions"], 3);
  EXPECT_EQ(GetTopic(other)["mentions"], 0);
  EXPECT_EQ(app_->Call("PUT", "/api/v1/topics/999999",
                       Json({{"name", "X"}, {"query", "banana"}}).dump(), &admin_)
                .status,
            404);
}

// A topic change compiles only the changed topics, as a second set; the
// base set's copies of changed or deleted topics are ignored; compacting
// folds everything back into one set, with the same matches.
TEST_P(ListeningApiTest, TopicChangesTakeEffectAsASmallSetUntilCompacted) {
  auto& listening = app_->listening;
  int64_t apple = CreateTopic("retail", "Apple", "apple");
  EXPECT_EQ(listening.runtime.registry().Current()->changes, nullptr) << "the first load is whole";
  int64_t banana = CreateTopic("retail", "Banana", "banana");
  int64_t cherry = CreateTopic("retail", "Cherry", "cherry");
  auto before = listening.runtime.registry().Current();
  EXPECT_NE(before->changes, nullptr) << "new topics are compiled on their own";
  EXPECT_EQ(before->base_queries.size(), 1u);
  ASSERT_TRUE(listening.runtime.CompactTopics().value());
  auto compacted = listening.runtime.registry().Current();
  EXPECT_EQ(compacted->changes, nullptr);
  EXPECT_TRUE(compacted->stale.empty());
  EXPECT_EQ(compacted->base_queries.size(), 3u);
  EXPECT_FALSE(listening.runtime.CompactTopics().value()) << "nothing left to fold";

  ASSERT_EQ(app_->Call("PUT", "/api/v1/topics/" + Str(banana),
                       Json({{"name", "Banana"}, {"query", "kiwi"}}).dump(), &admin_)
                .status,
            200);
  ASSERT_EQ(app_->Call("DELETE", "/api/v1/topics/" + Str(cherry), "", &admin_).status, 204);
  auto layered = listening.runtime.registry().Current();
  EXPECT_EQ(layered->set, compacted->set) << "the base set is kept";
  ASSERT_NE(layered->changes, nullptr);
  EXPECT_EQ(layered->changes->topic_count(), 1u);
  EXPECT_EQ(layered->stale, (std::vector<int64_t>{banana, cherry}));

  // apple (base), banana as "kiwi" (changes); not banana's old query, not cherry.
  EXPECT_EQ(IngestOk({Post("1", "apple banana cherry kiwi", t0_)})["matches"], 2);
  EXPECT_EQ(IngestOk({Post("2", "banana cherry", t0_ + kMinute)})["matches"], 0);
  ASSERT_TRUE(listening.runtime.CompactTopics().value());
  EXPECT_EQ(listening.runtime.registry().Current()->changes, nullptr);
  EXPECT_EQ(IngestOk({Post("3", "apple banana cherry kiwi", t0_ + 2 * kMinute)})["matches"], 2);
  EXPECT_EQ(IngestOk({Post("4", "banana cherry", t0_ + 3 * kMinute)})["matches"], 0);
  std::vector<std::string> ids = AllMentionIds(banana);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), (std::set<std::string>{"1", "3"}));
  EXPECT_EQ(AllMentionIds(apple).size(), 2u);

  // More changes than a small set is for: one full compile.
  ASSERT_TRUE(app_->store
                  ->Write([&](store::Tx& r) -> Status {
                    auto units = store::Org(r).units().List();
                    if (!units.ok()) return units.status();
                    int64_t retail = 0;
                    for (const auto& u : *units) {
                      if (u.slug == "retail") retail = u.id;
                    }
                    for (size_t i = 0; i <= service::TopicRuntime::kMaxTopicChanges; ++i) {
                      auto t = store::Listening(r).topics().Create(
                          domain::NewTopic(retail, "Bulk " + Str(static_cast<int64_t>(i)),
                                           "bulk" + Str(static_cast<int64_t>(i)), t0_));
                      if (!t.ok()) return t.status();
                    }
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(listening.runtime.ReloadTopics().ok());
  auto full = listening.runtime.registry().Current();
  EXPECT_EQ(full->changes, nullptr);
  EXPECT_EQ(full->base_queries.size(), 2u + service::TopicRuntime::kMaxTopicChanges + 1);
  EXPECT_EQ(IngestOk({Post("5", "bulk3 and bulk64", t0_ + 4 * kMinute)})["matches"], 2);
}

TEST_P(ListeningApiTest, DeleteTopicKeepsTheMentions) {
  int64_t topic = CreateTopic("retail", "Apple", "apple");
  IngestOk({Post("1", "apple", t0_), Post("2", "apple tart", t0_ + kMinute)});
  auto del = app_->Call("DELETE", "/api/v1/topics/" + Str(topic), "", &admin_);
  EXPECT_EQ(del.status, 204);
  EXPECT_TRUE(del.body.empty());
  EXPECT_EQ(app_->Call("GET", "/api/v1/topics/" + Str(topic), "", &admin_).status, 404);
  EXPECT_EQ(app_->Call("GET", "/api/v1/topics/" + Str(topic) + "/mentions", "", &admin_).status,
            404);
  EXPECT_EQ(app_->Call("DELETE", "/api/v1/topics/" + Str(topic), "", &admin_).status, 404);
  EXPECT_EQ(TestApp::Body(app_->Call("GET", "/api/v1/topics", "", &admin_))["items"].size(), 0u);
  // The posts stay, and no longer match anything.
  auto preview = TestApp::Body(
      app_->Call("POST", "/api/v1/topics/preview", Json({{"query", "apple"}}).dump(), &admin_));
  EXPECT_EQ(preview["matched"], 2);
  EXPECT_EQ(IngestOk({Post("3", "apple pie", t0_ + 2 * kMinute)})["matches"], 0);
  // The name is free again.
  int64_t again = CreateTopic("retail", "Apple", "apple");
  EXPECT_EQ(GetTopic(again)["mentions"], 3);
}

// ------------------------------------------------------------------ ingest

TEST_P(ListeningApiTest, IngestCountsAcceptedDuplicatesAndRejectedLines) {
  CreateTopic("retail", "Apple", "apple");
  std::string body = Ndjson({
      Post("1", "apple one", t0_),
      Post("2", "pears two", t0_ + kMinute),
      Post("1", "apple one, sent again", t0_),                           // same id: duplicate
      R"({"network":"mastodon","id":"3","text":"apple","created_at":)",  // cut short
      R"({"network":"mastodon","id":"4",,"text":"apple"})",              // malformed
      R"({"network":"mastodon","text":"apple","created_at":1,"author":{"id":"a"}})",  // no id
      "apple, but not JSON",
      "",
  });
  auto r = Ingest(body, &admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = TestApp::Body(r);
  EXPECT_EQ(j["lines"], 8);
  EXPECT_EQ(j["accepted"], 2);
  EXPECT_EQ(j["duplicates"], 1);
  EXPECT_EQ(j["rejected"], 4);
  EXPECT_EQ(j["matches"], 1);
  EXPECT_EQ(j["reasons"]["truncated_json"], 1) << j["reasons"];
  EXPECT_EQ(j["reasons"]["missing_field"], 1) << j["reasons"];
  EXPECT_EQ(j["reasons"]["not_json"], 1) << j["reasons"];
  int64_t reasons = 0;
  for (const auto& [reason, n] : j["reasons"].items()) reasons += n.get<int64_t>();
  EXPECT_EQ(reasons, 4) << j["reasons"];
  EXPECT_EQ(j["alerts"], Json::array());
  auto preview = TestApp::Body(
      app_->Call("POST", "/api/v1/topics/preview", Json({{"query", "apple"}}).dump(), &admin_));
  EXPECT_EQ(preview["scanned"], 2);
  ASSERT_EQ(preview["matched"], 1);
  EXPECT_EQ(preview["items"][0]["text"], "apple one") << "the first copy is the one kept";
}

// Mastodon ids are each instance's own; the uri is the status's identity
// across the Fediverse: the same post read through two instances (and
// boosted on a third) is one mention.
TEST_P(ListeningApiTest, AMastodonStatusSeenThroughTwoInstancesIsOneMention) {
  int64_t topic = CreateTopic("retail", "Acme", "acme");
  auto status = [&](const std::string& id, const std::string& account_id) {
    return Json(
        {{"id", id},
         {"created_at", Iso(t0_)},
         {"uri", "https://chaos.social/users/lena/statuses/1135244"},
         {"url", "https://chaos.social/@lena/1135244"},
         {"content", "<p>Acme is down again</p>"},
         {"account", {{"id", account_id}, {"acct", "lena@chaos.social"}, {"username", "lena"}}}});
  };
  Json boost = status("999", "3");
  boost["uri"] = "https://mastodon.social/users/ann/statuses/999/activity";
  boost["content"] = "";
  boost["reblog"] = status("7", "8");
  Json r = IngestOk({status("1130001", "55").dump(), status("2240002", "66").dump(), boost.dump()});
  EXPECT_EQ(r["accepted"], 1) << r;
  EXPECT_EQ(r["duplicates"], 2) << r;
  EXPECT_EQ(r["matches"], 1);
  EXPECT_EQ(AllMentionIds(topic),
            std::vector<std::string>{"https://chaos.social/users/lena/statuses/1135244"});
}

// A line that opens as an object but breaks later says it is malformed,
// as it does when its format is given. Disabled while it fails: with the
// format guessed, such a line is reported as "unknown_format".
TEST_P(ListeningApiTest, IngestCallsBrokenJsonMalformed) {
  Json j = IngestOk(
      {R"({"network":"mastodon","id":"4",,"text":"apple"})", R"({"network":"mastodon" "id":"5"})"});
  EXPECT_EQ(j["reasons"], Json({{"malformed_json", 2}}));
}

TEST_P(ListeningApiTest, IngestReadsCrlfLineEndsAndAnEmptyBody) {
  auto r = Ingest(Post("1", "apple", t0_) + "\r\n" + Post("2", "pears", t0_) + "\r\n", &admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(TestApp::Body(r)["accepted"], 2) << r.body;
  EXPECT_EQ(TestApp::Body(r)["rejected"], 0) << r.body;
  auto empty = Ingest("", &admin_);
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(TestApp::Body(empty)["lines"], 0);
  EXPECT_EQ(TestApp::Body(empty)["accepted"], 0);
}

TEST_P(ListeningApiTest, IngestingTheSameFileTwiceDoublesNothing) {
  int64_t topic = CreateTopic("retail", "Apple", "apple");
  std::vector<std::string> file;
  for (int i = 0; i < 30; ++i) {
    file.push_back(
        Post("p" + std::to_string(i), i % 3 == 0 ? "pears" : "apple news", t0_ + i * 7 * kMinute));
  }
  Json first = IngestOk(file);
  EXPECT_EQ(first["accepted"], 30);
  EXPECT_EQ(first["matches"], 20);
  Json stats_before = Stats(topic, t0_, t0_ + 4 * kHour);
  ASSERT_EQ(stats_before["total"], 20);

  Json second = IngestOk(file);
  EXPECT_EQ(second["lines"], 30);
  EXPECT_EQ(second["accepted"], 0);
  EXPECT_EQ(second["duplicates"], 30);
  EXPECT_EQ(second["matches"], 0);
  EXPECT_EQ(GetTopic(topic)["mentions"], 20);
  EXPECT_EQ(AllMentionIds(topic).size(), 20u);
  EXPECT_EQ(Stats(topic, t0_, t0_ + 4 * kHour)["hours"], stats_before["hours"]);
  auto preview = TestApp::Body(app_->Call("POST", "/api/v1/topics/preview",
                                          Json({{"query", "apple OR pears"}}).dump(), &admin_));
  EXPECT_EQ(preview["scanned"], 30);
}

TEST_P(ListeningApiTest, NdjsonIsAcceptedOnIngestOnly) {
  std::string body = Ndjson({Post("1", "apple", t0_)});
  EXPECT_EQ(Ingest(body, &admin_, "application/x-ndjson").status, 200);
  EXPECT_EQ(
      Ingest(Ndjson({Post("2", "apple", t0_)}), &admin_, "application/x-ndjson; charset=utf-8")
          .status,
      200);
  EXPECT_EQ(Ingest(Ndjson({Post("3", "apple", t0_)}), &admin_, "application/json").status, 200);
  auto plain = Ingest(Ndjson({Post("4", "apple", t0_)}), &admin_, "text/plain");
  EXPECT_EQ(plain.status, 415);
  EXPECT_EQ(TestApp::Body(plain)["error"]["field"], "Content-Type");
  EXPECT_EQ(TestApp::Body(plain)["error"]["message"],
            "the body must be sent as application/x-ndjson (or application/json)");

  for (const char* path : {"/api/v1/topics", "/api/v1/topics/validate", "/api/v1/topics/preview"}) {
    http::Request req;
    req.method = "POST";
    req.path = path;
    req.body = Json({{"unit", "retail"}, {"name", "N"}, {"query", "apple"}}).dump();
    req.headers["content-type"] = "application/x-ndjson";
    req.headers["cookie"] = admin_.cookie;
    req.headers["x-csrf-token"] = admin_.csrf;
    EXPECT_EQ(app_->api.Handle(req).status, 415) << path;
  }
  EXPECT_EQ(TestApp::Body(app_->Call("GET", "/api/v1/topics", "", &admin_))["items"].size(), 0u);
  auto preview = TestApp::Body(
      app_->Call("POST", "/api/v1/topics/preview", Json({{"query", "apple"}}).dump(), &admin_));
  EXPECT_EQ(preview["scanned"], 3);
}

TEST_P(ListeningApiTest, IngestIsForHubAdminsAndManagersOnly) {
  Session spoke_admin = NewUser("spoke-admin@x.example", "retail", "admin");
  Session analyst = NewUser("analyst@x.example", "hub", "analyst");
  Session manager = NewUser("manager@x.example", "hub", "manager");
  std::string body = Ndjson({Post("1", "apple", t0_)});
  for (const Session* s : {&spoke_admin, &analyst}) {
    auto r = Ingest(body, s);
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(TestApp::Body(r)["error"]["code"], "permission_denied");
  }
  EXPECT_EQ(Ingest(body, nullptr).status, 401);
  auto preview = [&] {
    return TestApp::Body(app_->Call("POST", "/api/v1/topics/preview",
                                    Json({{"query", "apple"}}).dump(), &admin_))["scanned"];
  };
  EXPECT_EQ(preview(), 0) << "a refused ingest stores nothing";
  EXPECT_EQ(Ingest(body, &manager).status, 200);
  EXPECT_EQ(preview(), 1);

  // With an API token (how connectors call it): no CSRF header needed.
  auto created = app_->Call("POST", "/api/v1/auth/tokens",
                            Json({{"name", "feed"}, {"scope", "ingest"}}).dump(), &admin_);
  ASSERT_EQ(created.status, 201) << created.body;
  http::Request req;
  req.method = "POST";
  req.path = "/api/v1/ingest";
  req.headers["authorization"] = "Bearer " + TestApp::Body(created)["token"].get<std::string>();
  req.headers["content-type"] = "application/x-ndjson";
  req.body = Ndjson({Post("2", "apple", t0_)});
  auto via_token = app_->api.Handle(req);
  EXPECT_EQ(via_token.status, 200) << via_token.body;
  EXPECT_EQ(TestApp::Body(via_token)["accepted"], 1);
}

// ------------------------------------------------------------------ alerts

TEST_P(ListeningApiTest, ASpikeAfterASteadyWeekRaisesAVolumeAlert) {
  int64_t topic = CreateTopic("retail", "Apple", "apple");
  CreateTopic("wholesale", "Pears", "pears");
  // A week of two posts an hour.
  std::vector<std::string> week;
  for (int h = 0; h < 168; ++h) {
    for (int k = 0; k < 2; ++k) {
      week.push_back(Post("w" + std::to_string(h) + "-" + std::to_string(k),
                          "apple store update number " + std::to_string(k),
                          t0_ + h * kHour + (10 + 20 * k) * kMinute));
    }
  }
  Json steady = IngestOk(week);
  EXPECT_EQ(steady["accepted"], 336);
  EXPECT_EQ(steady["alerts"], Json::array()) << "a steady week raises nothing";

  // Then forty in one hour.
  const int64_t spike_hour = t0_ + 168 * kHour;
  app_->clock.Advance(168 * kHour + 50 * kMinute);
  admin_ = app_->Login("root@x.example");  // a week later: a new session
  std::vector<std::string> spike;
  for (int i = 0; i < 40; ++i) {
    spike.push_back(Post("s" + std::to_string(i), "apple store update", spike_hour + i * kMinute));
  }
  Json report = IngestOk(spike);
  ASSERT_EQ(report["alerts"].size(), 1u) << report.dump();
  EXPECT_EQ(report["alerts"][0]["kind"], "volume");

  auto list = app_->Call("GET", "/api/v1/alerts", "", &admin_);
  ASSERT_EQ(list.status, 200) << list.body;
  Json items = TestApp::Body(list)["items"];
  ASSERT_EQ(items.size(), 1u) << list.body;
  Json alert = items[0];
  EXPECT_EQ(alert["kind"], "volume");
  EXPECT_EQ(alert["topic_id"], topic);
  EXPECT_EQ(alert["topic"], "Apple");
  EXPECT_EQ(alert["unit"], "retail");
  EXPECT_EQ(alert["hour"], Iso(spike_hour));
  EXPECT_DOUBLE_EQ(alert["observed"].get<double>(), 40.0);
  EXPECT_NEAR(alert["expected"].get<double>(), 2.0, 1e-9);
  EXPECT_GE(alert["z"].get<double>(), 3.0);
  EXPECT_EQ(alert["created_at"], Iso(app_->clock.NowMs()));
  EXPECT_EQ(alert["acknowledged"], false);

  // More of the same hour, or the same file again, raise no second alert.
  EXPECT_EQ(IngestOk(spike)["alerts"], Json::array());
  EXPECT_EQ(IngestOk({Post("s-more", "apple store update", spike_hour + 45 * kMinute)})["alerts"],
            Json::array());
  EXPECT_EQ(TestApp::Body(app_->Call("GET", "/api/v1/alerts", "", &admin_))["items"].size(), 1u);

  // Seen by the owning unit and the hub, not by a sibling spoke.
  Session retail_agent = NewUser("agent@x.example", "retail", "agent");
  Session hub_advocate = NewUser("advocate@x.example", "hub", "advocate");
  Session wholesale_manager = NewUser("wm@x.example", "wholesale", "manager");
  Session retail_manager = NewUser("rm@x.example", "retail", "manager");
  EXPECT_EQ(TestApp::Body(app_->Call("GET", "/api/v1/alerts", "", &retail_agent))["items"].size(),
            1u);
  EXPECT_EQ(TestApp::Body(app_->Call("GET", "/api/v1/alerts", "", &hub_advocate))["items"].size(),
            1u);
  EXPECT_EQ(
      TestApp::Body(app_->Call("GET", "/api/v1/alerts", "", &wholesale_manager))["items"].size(),
      0u);

  // Acknowledging needs a topic editor's role at the unit or above.
  std::string ack = "/api/v1/alerts/" + Str(alert["id"].get<int64_t>()) + "/acknowledge";
  EXPECT_EQ(app_->Call("POST", ack, "", &retail_agent).status, 403);
  EXPECT_EQ(app_->Call("POST", ack, "", &hub_advocate).status, 403);
  EXPECT_EQ(app_->Call("POST", ack, "", &wholesale_manager).status, 404);  // not in their view
  EXPECT_EQ(
      TestApp::Body(app_->Call("GET", "/api/v1/alerts", "", &admin_))["items"][0]["acknowledged"],
      false);
  auto ok = app_->Call("POST", ack, "", &retail_manager);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(TestApp::Body(ok), Json({{"id", alert["id"]}, {"acknowledged", true}}));
  EXPECT_EQ(
      TestApp::Body(app_->Call("GET", "/api/v1/alerts", "", &admin_))["items"][0]["acknowledged"],
      true);
  EXPECT_EQ(app_->Call("POST", "/api/v1/alerts/999999/acknowledge", "", &retail_manager).status,
            404);
  EXPECT_EQ(app_->Call("POST", ack, "").status, 401);
}

TEST_P(ListeningApiTest, ASpikeWithoutHistoryRaisesNothing) {
  CreateTopic("retail", "Apple", "apple");
  std::vector<std::string> burst;
  for (int i = 0; i < 60; ++i) {
    burst.push_back(Post("b" + std::to_string(i), "apple store update", t0_ + i * kMinute / 2));
  }
  EXPECT_EQ(IngestOk(burst)["alerts"], Json::array());
  EXPECT_EQ(TestApp::Body(app_->Call("GET", "/api/v1/alerts", "", &admin_))["items"].size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ListeningApiTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dandelion::testing
