// The routing rules: the cases of tests/data/routing/rules.txt (the chain's
// order, each condition, keywords), the dry run's reasons, and the checks
// a rule must pass before it is saved.
#include "routing/rules.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

namespace dandelion::routing {
namespace {

using domain::RoutingRule;

std::vector<std::string> Split(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  size_t at = 0;
  while (true) {
    size_t next = s.find(sep, at);
    out.emplace_back(s.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at));
    if (next == std::string_view::npos) break;
    at = next + sep.size();
  }
  return out;
}

std::vector<int64_t> Ids(const std::string& s) {
  std::vector<int64_t> out;
  for (const auto& x : Split(s, ",")) out.push_back(std::stoll(x));
  return out;
}

// One directive's fields.
std::map<std::string, std::string> Fields(const std::string& rest) {
  std::map<std::string, std::string> f;
  for (const auto& part : Split(rest, " | ")) {
    auto eq = part.find('=');
    if (eq == std::string::npos) throw std::runtime_error("no '=' in " + part);
    f[part.substr(0, eq)] = part.substr(eq + 1);
  }
  return f;
}

struct RouteCase {
  int line = 0;
  int64_t unit = 0;
  std::map<std::string, std::string> fields;
  std::string expect;
};

struct Data {
  std::unordered_map<int64_t, int64_t> parent_of;
  std::vector<RoutingRule> rules;
  std::vector<RouteCase> cases;
};

Data Load() {
  std::ifstream in(std::string(DANDELION_ROUTING_DATA) + "/rules.txt");
  EXPECT_TRUE(in.good());
  Data d;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    auto space = line.find(' ');
    std::string kind = line.substr(0, space);
    auto f = Fields(line.substr(space + 1));
    if (kind == "unit") {
      d.parent_of[std::stoll(f.at("id"))] = std::stoll(f.at("parent"));
    } else if (kind == "rule") {
      RoutingRule r;
      r.id = std::stoll(f.at("id"));
      r.unit_id = std::stoll(f.at("unit"));
      r.position = std::stoll(f.at("pos"));
      r.name = "rule " + f.at("id");
      auto& w = r.when;
      if (f.count("topics")) w.topics = Ids(f["topics"]);
      if (f.count("channels")) w.channels = Ids(f["channels"]);
      if (f.count("intents")) w.intents = Split(f["intents"], ",");
      if (f.count("languages")) w.languages = Split(f["languages"], ",");
      if (f.count("networks")) w.networks = Split(f["networks"], ",");
      if (f.count("tiers")) w.contact_tiers = Split(f["tiers"], ",");
      if (f.count("tags")) w.contact_tags = Split(f["tags"], ",");
      if (f.count("sentiment_min")) w.sentiment_min = std::stod(f["sentiment_min"]);
      if (f.count("sentiment_max")) w.sentiment_max = std::stod(f["sentiment_max"]);
      if (f.count("followers_min")) w.followers_min = std::stoll(f["followers_min"]);
      if (f.count("followers_max")) w.followers_max = std::stoll(f["followers_max"]);
      if (f.count("keywords")) w.keywords = f["keywords"];
      if (f.count("enabled")) r.enabled = f["enabled"] == "true";
      EXPECT_TRUE(ValidateRule(r).ok()) << "line " << n << ": " << ValidateRule(r).message();
      d.rules.push_back(r);
    } else if (kind == "route") {
      RouteCase c{.line = n, .unit = std::stoll(f.at("unit")), .fields = f, .expect = f.at("expect")};
      d.cases.push_back(std::move(c));
    } else {
      ADD_FAILURE() << "line " << n << ": unknown directive " << kind;
    }
  }
  return d;
}

// The facts of a case; `keep` holds the strings the views point into.
MentionFacts FactsOf(std::map<std::string, std::string>& f, std::vector<std::string>& keep) {
  MentionFacts m;
  keep.reserve(64);
  auto view = [&](const std::string& s) -> std::string_view { return keep.emplace_back(s); };
  m.post.text = f.count("text") ? std::string_view(f["text"]) : "";
  m.post.network = f.count("network") ? std::string_view(f["network"]) : "x";
  m.post.language = f.count("language") ? std::string_view(f["language"]) : "en";
  if (f.count("sentiment")) m.sentiment = std::stod(f["sentiment"]);
  if (f.count("followers")) m.post.author_followers = std::stoll(f["followers"]);
  if (f.count("intents")) {
    for (const auto& i : Split(f["intents"], ",")) m.post.intents.push_back(view(i));
  }
  if (f.count("topics")) m.topic_ids = Ids(f["topics"]);
  if (f.count("channels")) m.channel_ids = Ids(f["channels"]);
  if (f.count("tier")) m.contact_tier = f["tier"];
  if (f.count("tags")) {
    for (const auto& t : Split(f["tags"], ",")) m.contact_tags.push_back(view(t));
  }
  return m;
}

TEST(RoutingRulesTest, CasesFromTheDataFile) {
  Data d = Load();
  ASSERT_GE(d.cases.size(), 20u);
  std::vector<std::string> errors;
  auto set = RuleSet::Compile(d.rules, d.parent_of, &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(set->rule_count(), d.rules.size() - 1);  // the disabled one left out
  Scratch s;
  for (auto& c : d.cases) {
    std::vector<std::string> keep;
    MentionFacts facts = FactsOf(c.fields, keep);
    const RoutingRule* r = set->Route(c.unit, facts, s);
    std::string got = r ? std::to_string(r->id) : "none";
    EXPECT_EQ(got, c.expect) << "rules.txt line " << c.line;
    // The dry run agrees: its last verdict is the rule that took it.
    auto verdicts = set->Explain(c.unit, facts, s);
    std::string explained =
        !verdicts.empty() && verdicts.back().took ? std::to_string(verdicts.back().rule_id) : "none";
    EXPECT_EQ(explained, c.expect) << "rules.txt line " << c.line << " (explain)";
  }
}

TEST(RoutingRulesTest, ExplainSaysWhyEachEarlierRuleDidNotHold) {
  Data d = Load();
  auto set = RuleSet::Compile(d.rules, d.parent_of, nullptr);
  Scratch s;
  std::map<std::string, std::string> f = {{"text", "wo ist mein paket"},
                                          {"intents", "question"},
                                          {"language", "de"},
                                          {"sentiment", "0.3"}};
  std::vector<std::string> keep;
  auto v = set->Explain(4, FactsOf(f, keep), s);
  ASSERT_EQ(v.size(), 5u);  // 400, 401, then support's 200, 201, 202
  EXPECT_EQ(v[0].rule_id, 400);
  EXPECT_EQ(v[0].reason, "the contact's tier is not set, not gold");
  EXPECT_EQ(v[1].reason, "the contact has none of the tags vip or press");
  EXPECT_EQ(v[2].rule_id, 200);
  EXPECT_EQ(v[2].unit_id, 2);
  EXPECT_EQ(v[2].reason, "its intents (question) include none of complaint");
  EXPECT_EQ(v[3].reason, "its text does not match the keywords refund* OR \"money back\"");
  EXPECT_TRUE(v[4].took);
  EXPECT_EQ(v[4].rule_id, 202);
  EXPECT_EQ(v[4].reason, "");
}

TEST(RoutingRulesTest, ExplainGivesTheSentimentAndFollowersItSaw) {
  std::vector<RoutingRule> rules(2);
  rules[0].id = 1, rules[0].unit_id = 1, rules[0].position = 1, rules[0].name = "neg";
  rules[0].when.sentiment_max = -0.5;
  rules[1].id = 2, rules[1].unit_id = 1, rules[1].position = 2, rules[1].name = "big";
  rules[1].when.followers_min = 1000;
  auto set = RuleSet::Compile(rules, {{1, 0}}, nullptr);
  Scratch s;
  MentionFacts f;
  f.sentiment = 0.25;
  f.post.author_followers = 12;
  auto v = set->Explain(1, f, s);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].reason, "its sentiment 0.25 is above -0.5");
  EXPECT_EQ(v[1].reason, "its author has 12 followers, fewer than 1000");
}

RoutingRule Valid() {
  RoutingRule r;
  r.id = 1;
  r.unit_id = 1;
  r.position = 1;
  r.name = "Complaints";
  return r;
}

struct Refusal {
  std::function<void(RoutingRule&)> change;
  std::string field;
};

TEST(RoutingRulesTest, ImpossibleOrUnknownConditionsAreRefusedWithTheField) {
  const std::vector<Refusal> cases = {
      {[](RoutingRule& r) { r.name = ""; }, "name"},
      {[](RoutingRule& r) { r.when.sentiment_min = 1.5; }, "when.sentiment_min"},
      {[](RoutingRule& r) { r.when.sentiment_max = -2; }, "when.sentiment_max"},
      {[](RoutingRule& r) { r.when.sentiment_min = 0.5, r.when.sentiment_max = 0.1; }, "when.sentiment_max"},
      {[](RoutingRule& r) { r.when.followers_min = -1; }, "when.followers_min"},
      {[](RoutingRule& r) { r.when.followers_min = 10, r.when.followers_max = 5; }, "when.followers_max"},
      {[](RoutingRule& r) { r.when.intents = {"complaint", "grumble"}; }, "when.intents[1]"},
      {[](RoutingRule& r) { r.when.networks = {"myspace"}; }, "when.networks[0]"},
      {[](RoutingRule& r) { r.when.networks = {"twitter"}; }, "when.networks[0]"},
      {[](RoutingRule& r) { r.when.languages = {"en", "English"}; }, "when.languages[1]"},
      {[](RoutingRule& r) { r.when.contact_tags = {"Has Space"}; }, "when.contact_tags[0]"},
      {[](RoutingRule& r) { r.when.keywords = "refund AND"; }, "when.keywords"},
      {[](RoutingRule& r) { r.then.tags = {""}; }, "then.tags[0]"},
      {[](RoutingRule& r) { r.then.ignore = true, r.then.auto_reply = "Thanks!"; }, "then.auto_reply"},
  };
  EXPECT_TRUE(ValidateRule(Valid()).ok());
  for (const auto& c : cases) {
    RoutingRule r = Valid();
    c.change(r);
    Status s = ValidateRule(r);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << c.field;
    EXPECT_EQ(s.field(), c.field) << s.message();
  }
}

TEST(RoutingRulesTest, TheRegistrySwapsWholeSets) {
  RuleRegistry reg;
  EXPECT_EQ(reg.Current()->rule_count(), 0u);
  auto set = RuleSet::Compile({Valid()}, {{1, 0}}, nullptr);
  reg.Replace(set);
  EXPECT_EQ(reg.Current().get(), set.get());
}

}  // namespace
}  // namespace dandelion::routing
