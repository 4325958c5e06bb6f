// The time for a topic change to take effect at 10,000 topics, through
// TopicRuntime::ReloadTopics as the server and `dandelion ingest` call
// it: one stored topic's query edited, the compiled topics brought in line,
// the first post matched on the result (the back-fill over stored mentions
// comes after and is not counted). Side by side:
//   BM_TopicChange_Layered  only the changed topic compiled, as a second
//                           set over the base (what a change costs now)
//   BM_TopicChange_Full     every topic compiled again (the baseline: how
//                           a change took effect before, and what the
//                           compactor does a while after the last change)
// and the cost of matching while a change is layered (BM_Match_*): the post
// is scanned once per set until the compactor folds them.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>

#include "bench/listening_topics.h"
#include "common/clock.h"
#include "common/crypto.h"
#include "engine/pipeline.h"
#include "service/listening/listening.h"
#include "store/listening/listening_repos.h"
#include "store/org/org_repos.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/sqlite_database.h"

namespace dandelion::bench {
namespace {

constexpr size_t kTopics = 10'000;

struct World {
  std::unique_ptr<store::Store> store;
  SystemClock clock;
  engine::TopicRegistry registry;
  std::unique_ptr<service::TopicRuntime> listening;
  std::vector<int64_t> ids;  // the stored topics
  std::vector<ListeningPost> posts;
  std::vector<listening::PostFacts> facts;
};

// An in-memory store with kTopics generated topics, compiled once.
World& TheWorld() {
  static World* w = [] {
    auto* w = new World;
    (void)CryptoInit();
    auto db = store::sqlite::OpenSqlite(":memory:");
    if (!db.ok()) std::abort();
    w->store =
        std::make_unique<store::sql::SqlStore>(std::move(*db), store::sql::SqliteMigrations());
    if (!w->store->Migrate().ok()) std::abort();
    BrandWorld brands = GenerateBrandWorld(BrandsForTopics(kTopics));
    auto queries = GenerateTopics(brands, kTopics);
    Status st = w->store->Write([&](store::Tx& r) -> Status {
      DND_ASSIGN_OR_RETURN(auto hub,
                           store::Org(r).units().Create({0, "hub", "Hub", std::nullopt, 1}));
      for (size_t i = 0; i < queries.size(); ++i) {
        DND_ASSIGN_OR_RETURN(auto t, store::Listening(r).topics().Create(domain::NewTopic(
                                         hub.id, "t" + std::to_string(i), queries[i].query, 1)));
        w->ids.push_back(t.id);
      }
      return Status::Ok();
    });
    if (!st.ok()) std::abort();
    w->listening = std::make_unique<service::TopicRuntime>(*w->store, w->registry);
    if (!w->listening->ReloadTopics(true).ok()) std::abort();
    w->posts = GenerateListeningPosts(brands, 2'000);
    for (const auto& p : w->posts) w->facts.push_back(p.Facts());
    return w;
  }();
  return *w;
}

// Edits the query of one stored topic (a different one each time).
void EditOneTopic(World& w, int64_t edit) {
  int64_t id = w.ids[static_cast<size_t>(edit * 7919) % w.ids.size()];
  Status st = w.store->Write([&](store::Tx& r) -> Status {
    DND_ASSIGN_OR_RETURN(auto t, store::Listening(r).topics().Get(id));
    t.query = "(" + t.query + ") AND NOT spam" + std::to_string(edit);
    return store::Listening(r).topics().Update(t).status();
  });
  if (!st.ok()) std::abort();
}

void Change(benchmark::State& state, bool full) {
  World& w = TheWorld();
  listening::Matcher matcher, changed;
  std::vector<int64_t> out;
  static int64_t edits = 0;
  for (auto _ : state) {
    state.PauseTiming();
    if (!w.listening->ReloadTopics(true).ok()) std::abort();  // start from one set
    EditOneTopic(w, edits++);
    state.ResumeTiming();
    if (!w.listening->ReloadTopics(full).ok()) std::abort();
    w.listening->registry().Current()->Match(matcher, changed, w.facts[0], out);
  }
  auto now = w.listening->registry().Current();
  state.counters["topics"] = static_cast<double>(now->queries.size());
  state.counters["compiled"] =
      static_cast<double>(now->changes ? now->changes->topic_count() : now->set->topic_count());
}
void BM_TopicChange_Layered(benchmark::State& state) { Change(state, false); }
void BM_TopicChange_Full(benchmark::State& state) { Change(state, true); }
BENCHMARK(BM_TopicChange_Layered)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(10);
BENCHMARK(BM_TopicChange_Full)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void Match(benchmark::State& state, bool layered) {
  World& w = TheWorld();
  if (!w.listening->ReloadTopics(true).ok()) std::abort();
  if (layered) {
    EditOneTopic(w, 1'000'000);
    if (!w.listening->ReloadTopics().ok()) std::abort();
  }
  auto topics = w.listening->registry().Current();
  listening::Matcher matcher, changed;
  std::vector<int64_t> out;
  size_t i = 0;
  for (auto _ : state) {
    topics->Match(matcher, changed, w.facts[i], out);
    benchmark::DoNotOptimize(out.data());
    if (++i == w.facts.size()) i = 0;
  }
  state.counters["posts/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["layers"] = topics->changes ? 2 : 1;
}
void BM_Match_OneSet(benchmark::State& state) { Match(state, false); }
void BM_Match_WithAChangeLayered(benchmark::State& state) { Match(state, true); }
BENCHMARK(BM_Match_OneSet);
BENCHMARK(BM_Match_WithAChangeLayered);

}  // namespace
}  // namespace dandelion::bench

BENCHMARK_MAIN();
