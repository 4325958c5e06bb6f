// Google Benchmark of intent classification on the labelled posts of
// tests/data/intent/cases.tsv (tweet-sized customer-service posts in four
// languages). items/s = posts/s on one core; the target is ≤ 1 µs a post.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "enrich/intent.h"
#include "text/utf8.h"

namespace dandelion::enrich {
namespace {

struct Post {
  std::u32string text;
  double sentiment = 0;
};

const std::vector<Post>& Posts() {
  static const std::vector<Post> posts = [] {
    std::vector<Post> out;
    std::ifstream in(DANDELION_TEST_DATA "/intent/cases.tsv");
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream fields(line);
      std::string labels, sentiment, text;
      std::getline(fields, labels, '\t');
      std::getline(fields, sentiment, '\t');
      std::getline(fields, text);
      out.push_back({text::DecodeUtf8(text).code_points, std::stod(sentiment)});
    }
    return out;
  }();
  return posts;
}

void BM_IntentClassify(benchmark::State& state) {
  const IntentClassifier& c = IntentClassifier::Default();
  const std::vector<Post>& posts = Posts();
  if (posts.empty()) {
    state.SkipWithError("cannot read tests/data/intent/cases.tsv");
    return;
  }
  size_t i = 0, chars = 0;
  for (auto _ : state) {
    const Post& p = posts[i];
    IntentSignals s;
    s.text = p.text;
    s.sentiment_compound = p.sentiment;
    s.mentions = 1;
    benchmark::DoNotOptimize(c.Classify(s));
    chars += p.text.size();
    i = i + 1 == posts.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["chars/post"] =
      benchmark::Counter(static_cast<double>(chars) / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_IntentClassify);

void BM_IntentParseDefaultRules(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(IntentClassifier::Parse(IntentClassifier::DefaultRulesText()));
}
BENCHMARK(BM_IntentParseDefaultRules)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace dandelion::enrich

BENCHMARK_MAIN();
