// Google Benchmark of each enrichment stage and of the whole Enrich, on
// generated posts (bench/post_corpus.cc). items/s = posts/s on one core.
#include <benchmark/benchmark.h>

#include "bench/post_corpus.h"
#include "enrich/enrich.h"
#include "text/utf8.h"

namespace dandelion::bench {
namespace {

const std::vector<Post>& Corpus() {
  static const std::vector<Post> posts = GeneratePosts(20'000);
  return posts;
}

const std::vector<std::u32string>& Decoded() {
  static const std::vector<std::u32string> d = [] {
    std::vector<std::u32string> out;
    for (const Post& p : Corpus()) out.push_back(text::DecodeUtf8(p.text).code_points);
    return out;
  }();
  return d;
}

template <typename F>
void Run(benchmark::State& state, F f) {
  size_t i = 0, n = Corpus().size();
  for (auto _ : state) {
    f(i);
    i = (i + 1) % n;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Utf8Decode(benchmark::State& s) {
  Run(s, [](size_t i) { benchmark::DoNotOptimize(text::DecodeUtf8(Corpus()[i].text)); });
}
void BM_Entities(benchmark::State& s) {
  Run(s, [](size_t i) { benchmark::DoNotOptimize(text::ExtractEntities(std::u32string_view(Decoded()[i]))); });
}
void BM_Length(benchmark::State& s) {
  Run(s, [](size_t i) {
    benchmark::DoNotOptimize(text::MeasurePost(Decoded()[i], {}, 0, Corpus()[i].network));
  });
}
void BM_Language(benchmark::State& s) {
  Run(s, [](size_t i) { benchmark::DoNotOptimize(text::DetectLanguage(Corpus()[i].text)); });
}
void BM_Sentiment(benchmark::State& s) {
  const auto& a = sentiment::Analyzer::Default();
  Run(s, [&](size_t i) { benchmark::DoNotOptimize(a.Score(Corpus()[i].text)); });
}
void BM_Pii(benchmark::State& s) {
  Run(s, [](size_t i) { benchmark::DoNotOptimize(text::FindPii(Decoded()[i])); });
}
void BM_Intent(benchmark::State& s) {
  const auto& c = enrich::IntentClassifier::Default();
  Run(s, [&](size_t i) {
    enrich::IntentSignals sig{Decoded()[i], -0.5, 0, 1, 0, 0, false, false};
    benchmark::DoNotOptimize(c.Classify(sig));
  });
}
void BM_Enrich(benchmark::State& s) {
  Run(s, [](size_t i) { benchmark::DoNotOptimize(enrich::Enrich(Corpus()[i].text, Corpus()[i].network)); });
}

BENCHMARK(BM_Utf8Decode);
BENCHMARK(BM_Entities);
BENCHMARK(BM_Length);
BENCHMARK(BM_Language);
BENCHMARK(BM_Sentiment);
BENCHMARK(BM_Pii);
BENCHMARK(BM_Intent);
BENCHMARK(BM_Enrich);

}  // namespace
}  // namespace dandelion::bench

BENCHMARK_MAIN();
