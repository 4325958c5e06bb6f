// VADER throughput (Google Benchmark): items/s is sentences/s on one core.
//
// The corpus is the agreement test's (tests/unit/sentiment/sentence_corpus.cc).
// To compare with the reference JavaScript on the same sentences:
//   build/bench/sentiment_bench --print_sentences | node bench/vader_js_bench.mjs
//   build/bench/sentiment_bench --benchmark_filter=Corpus
// and divide the two sentences/s figures.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sentence_corpus.h"
#include "sentiment/vader.h"

namespace dandelion::sentiment {
namespace {

constexpr size_t kCorpusSize = 3000;

const std::vector<std::string>& Corpus() {
  static const std::vector<std::string> corpus = SentenceCorpus(kCorpusSize);
  return corpus;
}

// Every corpus sentence in turn, one Score call per iteration.
void BM_ScoreCorpus(benchmark::State& state) {
  const Analyzer& analyzer = Analyzer::Default();
  const std::vector<std::string>& corpus = Corpus();
  size_t i = 0;
  size_t bytes = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(analyzer.Score(corpus[i]));
    bytes += corpus[i].size();
    if (++i == corpus.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ScoreCorpus);

// One tweet that fires most rules (caps, boosters, "!!!", emoticon, "but").
void BM_ScoreTweet(benchmark::State& state) {
  const Analyzer& analyzer = Analyzer::Default();
  const std::string tweet =
      "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!! but not kind of boring :) 😀";
  for (auto _ : state) benchmark::DoNotOptimize(analyzer.Score(tweet));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * tweet.size()));
}
BENCHMARK(BM_ScoreTweet);

// A megabyte of the corpus as one text: the cost per byte of long input.
void BM_ScoreMegabyte(benchmark::State& state) {
  const Analyzer& analyzer = Analyzer::Default();
  std::string text;
  for (const std::string& s : Corpus()) text += s + " ";
  while (text.size() < (1 << 20)) text += text;
  text.resize(1 << 20);
  for (auto _ : state) benchmark::DoNotOptimize(analyzer.Score(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ScoreMegabyte)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dandelion::sentiment

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--print_sentences") == 0) {
      for (const std::string& s : dandelion::sentiment::Corpus()) {
        std::printf("%s\n", nlohmann::json(s).dump().c_str());
      }
      return 0;
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
