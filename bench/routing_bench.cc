// Routing cost per mention (Google Benchmark), one core: the first rule of a
// unit's chain that takes each of 5,000 enriched generated posts, at 100
// rules (a hub and 9 spokes, 10 rules each, a third with keywords, the rest
// on intents, sentiment, networks, languages, followers and topics), through
// the compiled RuleSet — and, in the same process on the same posts, the
// baseline: the same rules checked one by one, each rule's keywords matched
// with a TopicSet of its own (what routing costs without compiling the
// rules together). Before timing, both are checked to pick the same rule
// for every post. Run: build/bench/routing_bench.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "bench/post_corpus.h"
#include "engine/pipeline.h"
#include "listening/matcher.h"
#include "routing/rules.h"

namespace dandelion::bench {
namespace {

using domain::RoutingRule;

constexpr size_t kPosts = 5000;
constexpr int kUnits = 10;
constexpr int kRulesPerUnit = 10;

struct World {
  std::vector<RoutingRule> rules;
  std::unordered_map<int64_t, int64_t> parent_of;
  std::vector<engine::ProcessedMention> mentions;
  std::vector<routing::MentionFacts> facts;
  std::vector<int64_t> unit_of;  // the unit each mention is for
};

const World& TheWorld() {
  static const World w = [] {
    World w;
    std::mt19937_64 rng(7);
    const char* intents[] = {"complaint", "question", "support", "purchase", "crisis", "praise"};
    const char* words[] = {"refund*", "\"never arrived\"", "broken", "cancel*", "delay*", "invoice",
                           "password", "battery", "screen", "charger", "warranty", "outage"};
    const char* networks[] = {"x", "mastodon", "bluesky"};
    w.parent_of[1] = 0;
    for (int u = 2; u <= kUnits; ++u) w.parent_of[u] = 1;
    int64_t id = 1;
    for (int u = 1; u <= kUnits; ++u) {
      for (int i = 1; i <= kRulesPerUnit; ++i, ++id) {
        RoutingRule r;
        r.id = id;
        r.unit_id = u;
        r.position = i;
        r.name = "rule " + std::to_string(id);
        switch (id % 6) {
          case 0:
          case 3:
            r.when.keywords = std::string(words[rng() % 12]) + " OR " + words[rng() % 12];
            break;
          case 1:
            r.when.intents = {intents[rng() % 6]};
            r.when.sentiment_max = -0.3;
            break;
          case 2:
            r.when.networks = {networks[rng() % 3]};
            r.when.followers_min = 1000 * static_cast<int64_t>(rng() % 50);
            break;
          case 4:
            r.when.languages = {"de"};
            r.when.intents = {intents[rng() % 6], intents[rng() % 6]};
            break;
          default:
            r.when.topics = {static_cast<int64_t>(rng() % 40)};
            break;
        }
        w.rules.push_back(r);
      }
    }
    for (const auto& p : GeneratePosts(kPosts)) {
      engine::Mention m;
      m.network = p.network;
      m.text = p.text;
      m.author.followers = static_cast<int64_t>(rng() % 100000);
      auto pm = engine::Processor::Enriched(std::move(m));
      pm.topics = {static_cast<int64_t>(rng() % 40), static_cast<int64_t>(40 + rng() % 40)};
      w.mentions.push_back(std::move(pm));
      w.unit_of.push_back(2 + static_cast<int64_t>(rng() % (kUnits - 1)));
    }
    for (const auto& pm : w.mentions) {
      routing::MentionFacts f;
      f.post = engine::FactsOf(pm);
      f.sentiment = pm.sentiment;
      f.topic_ids = pm.topics;
      w.facts.push_back(std::move(f));
    }
    return w;
  }();
  return w;
}

// The baseline: each rule of the chain on its own, keywords in sets of their own.
struct Naive {
  std::vector<const RoutingRule*> chain_of(int64_t unit) const {
    std::vector<const RoutingRule*> out;
    for (int64_t at = unit; at != 0; at = world->parent_of.at(at)) {
      for (const auto& r : world->rules) {
        if (r.unit_id == at) out.push_back(&r);
      }
    }
    return out;
  }
  explicit Naive(const World& w) : world(&w) {
    for (const auto& r : w.rules) {
      if (!r.when.keywords.empty()) {
        sets[r.id] = listening::TopicSet::Compile({{.id = r.id, .query = r.when.keywords}}, nullptr);
      }
      singles[r.id] = routing::RuleSet::Compile({Unkeyworded(r)}, {{r.unit_id, 0}}, nullptr);
    }
    for (int u = 1; u <= kUnits; ++u) chains[u] = chain_of(u);
  }
  static RoutingRule Unkeyworded(RoutingRule r) {
    r.when.keywords.clear();
    return r;
  }
  int64_t Route(int64_t unit, const routing::MentionFacts& f, routing::Scratch& s,
                listening::Matcher& m, std::vector<int64_t>& out) {
    for (const RoutingRule* r : chains[unit]) {
      if (singles[r->id]->Route(r->unit_id, f, s) == nullptr) continue;
      if (!r->when.keywords.empty()) {
        m.Match(*sets[r->id], f.post, out);
        if (out.empty()) continue;
      }
      return r->id;
    }
    return 0;
  }
  const World* world;
  std::unordered_map<int64_t, std::shared_ptr<const listening::TopicSet>> sets;
  std::unordered_map<int64_t, std::shared_ptr<const routing::RuleSet>> singles;
  std::unordered_map<int64_t, std::vector<const RoutingRule*>> chains;
};

void BM_Compiled(benchmark::State& state) {
  const World& w = TheWorld();
  auto set = routing::RuleSet::Compile(w.rules, w.parent_of, nullptr);
  routing::Scratch s;
  size_t i = 0, taken = 0;
  for (auto _ : state) {
    const RoutingRule* r = set->Route(w.unit_of[i], w.facts[i], s);
    taken += r != nullptr;
    benchmark::DoNotOptimize(r);
    if (++i == w.facts.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["taken_share"] = static_cast<double>(taken) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Compiled);

void BM_NaiveBaseline(benchmark::State& state) {
  const World& w = TheWorld();
  Naive naive(w);
  routing::Scratch s;
  listening::Matcher m;
  std::vector<int64_t> out;
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(naive.Route(w.unit_of[i], w.facts[i], s, m, out));
    if (++i == w.facts.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NaiveBaseline);

// Both pick the same rule for every post, or the figures mean nothing.
bool Agree() {
  const World& w = TheWorld();
  auto set = routing::RuleSet::Compile(w.rules, w.parent_of, nullptr);
  Naive naive(w);
  routing::Scratch s1, s2;
  listening::Matcher m;
  std::vector<int64_t> out;
  size_t differ = 0, taken = 0;
  for (size_t i = 0; i < w.facts.size(); ++i) {
    const RoutingRule* a = set->Route(w.unit_of[i], w.facts[i], s1);
    int64_t b = naive.Route(w.unit_of[i], w.facts[i], s2, m, out);
    differ += (a ? a->id : 0) != b;
    taken += a != nullptr;
  }
  std::printf("routing_bench: %zu rules, %zu posts, %zu taken by a rule, %zu disagreements\n",
              w.rules.size(), w.facts.size(), taken, differ);
  return differ == 0;
}

}  // namespace
}  // namespace dandelion::bench

int main(int argc, char** argv) {
  if (!dandelion::bench::Agree()) return 1;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
