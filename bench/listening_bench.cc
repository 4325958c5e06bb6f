// Listening matcher throughput (Google Benchmark), one core: posts/s of the
// compiled matcher (listening::Matcher over one TopicSet) for 1,000, 10,000
// and 100,000 topics (over the whole corpus, and over a window of posts that
// stays in cache, as on the ingest path), and in the same process, on the same posts, the naive
// baseline (bench/listening_naive.cc: every topic evaluated on its own over
// the post's token list), which at the larger sizes runs over a slice of the
// posts only. Also the wall time of TopicSet::Compile at each size, and of a
// topic change at 10,000 topics (the whole set recompiled with one topic
// edited, then the first post matched against it: how the system applies a
// change), and the first stage of one Match (tokenizing and folding the
// text) for a breakdown.
//
// Topics and posts come from bench/listening_topics.cc. Before the
// benchmarks run, the naive and the compiled matcher are compared on a
// sample of posts at each size and the disagreements printed (there should
// be none); --skip_check leaves that out, --check_posts=N changes the sample.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench/listening_naive.h"
#include "bench/listening_topics.h"
#include "listening/matcher.h"
#include "listening/unicode61.h"

namespace dandelion::bench {
namespace {

using listening::Matcher;
using listening::PostFacts;
using listening::TopicQuery;
using listening::TopicSet;

constexpr size_t kCorpusPosts = 20'000;
constexpr size_t kMaxTopics = 100'000;

const BrandWorld& World() {
  static const BrandWorld world = GenerateBrandWorld(BrandsForTopics(kMaxTopics));
  return world;
}

const std::vector<ListeningPost>& Posts() {
  static const std::vector<ListeningPost> posts = GenerateListeningPosts(World(), kCorpusPosts);
  return posts;
}

const std::vector<PostFacts>& Facts() {
  static const std::vector<PostFacts> facts = [] {
    std::vector<PostFacts> out;
    for (const ListeningPost& p : Posts()) out.push_back(p.Facts());
    return out;
  }();
  return facts;
}

// The first `n` topics of the largest set.
std::vector<TopicQuery> Topics(size_t n) {
  static const std::vector<TopicQuery> all = GenerateTopics(World(), kMaxTopics);
  return std::vector<TopicQuery>(all.begin(), all.begin() + static_cast<ptrdiff_t>(n));
}

std::shared_ptr<const TopicSet> Compiled(size_t n) {
  static std::map<size_t, std::shared_ptr<const TopicSet>> sets;
  auto& s = sets[n];
  if (!s) s = TopicSet::Compile(Topics(n), nullptr);
  return s;
}

const NaiveMatcher& Naive(size_t n) {
  static std::map<size_t, std::unique_ptr<NaiveMatcher>> naive;
  auto& m = naive[n];
  if (!m) m = std::make_unique<NaiveMatcher>(Topics(n));
  return *m;
}

// The naive baseline's slice of the corpus at `topics` topics: each post of
// it is matched once (a few seconds of work at each size).
size_t NaiveSlice(size_t topics) { return topics <= 1000 ? 4000 : topics <= 10'000 ? 500 : 60; }

void SetCounters(benchmark::State& state, size_t topics, size_t patterns, size_t matched,
                 size_t hits) {
  using benchmark::Counter;
  auto n = static_cast<double>(state.iterations());
  state.counters["posts/s"] = Counter(n, Counter::kIsRate);
  state.counters["topics"] = static_cast<double>(topics);
  if (patterns > 0) state.counters["patterns"] = static_cast<double>(patterns);
  state.counters["matched%"] = 100.0 * static_cast<double>(matched) / n;
  state.counters["hits/post"] = static_cast<double>(hits) / n;
}

// The compiled matcher over the first `window` posts of the corpus, post
// after post.
void RunCompiled(benchmark::State& state, size_t window) {
  auto topics = static_cast<size_t>(state.range(0));
  std::shared_ptr<const TopicSet> set = Compiled(topics);
  const auto& facts = Facts();
  window = std::min(window, facts.size());
  Matcher matcher;
  std::vector<int64_t> out;
  size_t i = 0, matched = 0, hits = 0;
  for (auto _ : state) {
    matcher.Match(*set, facts[i], out);
    matched += !out.empty();
    hits += out.size();
    if (++i == window) i = 0;
  }
  SetCounters(state, set->topic_count(), set->pattern_count(), matched, hits);
}

// The whole corpus.
void BM_Compiled(benchmark::State& state) { RunCompiled(state, Facts().size()); }
BENCHMARK(BM_Compiled)->Arg(1000)->Arg(10'000)->Arg(100'000);

// The same over a window of 256 posts, whose facts then stay in cache, as
// on the ingest path, where a post is matched right after it was parsed and
// enriched. BM_Compiled cycles through 20,000 posts (about 15 MB of facts),
// so each post's facts come from memory there: a cost that belongs to the
// benchmark's corpus, not to matching. This one shows the matcher's own.
void BM_CompiledHot(benchmark::State& state) { RunCompiled(state, 256); }
BENCHMARK(BM_CompiledHot)->Arg(1000)->Arg(10'000)->Arg(100'000);

// The naive baseline, each post of its slice once.
void BM_Naive(benchmark::State& state) {
  auto topics = static_cast<size_t>(state.range(0));
  const NaiveMatcher& naive = Naive(topics);
  const auto& facts = Facts();
  const size_t slice = NaiveSlice(topics);
  std::vector<int64_t> out;
  size_t i = 0, matched = 0, hits = 0;
  for (auto _ : state) {
    naive.Match(facts[i], out);
    matched += !out.empty();
    hits += out.size();
    if (++i == slice) i = 0;
  }
  SetCounters(state, naive.topic_count(), 0, matched, hits);
}
BENCHMARK(BM_Naive)->Arg(1000)->Iterations(static_cast<int64_t>(NaiveSlice(1000)));
BENCHMARK(BM_Naive)->Arg(10'000)->Iterations(static_cast<int64_t>(NaiveSlice(10'000)));
BENCHMARK(BM_Naive)->Arg(100'000)->Iterations(static_cast<int64_t>(NaiveSlice(100'000)));

// TopicSet::Compile: parsing every query, building the programs and the
// term dictionaries.
void BM_Compile(benchmark::State& state) {
  auto topics = Topics(static_cast<size_t>(state.range(0)));
  std::shared_ptr<const TopicSet> set;
  std::vector<listening::CompileError> errors;
  for (auto _ : state) {
    errors.clear();
    auto fresh = TopicSet::Compile(topics, &errors);
    state.PauseTiming();
    set = std::move(fresh);  // the previous set is freed outside the timing
    state.ResumeTiming();
  }
  state.counters["topics"] = static_cast<double>(set->topic_count());
  state.counters["patterns"] = static_cast<double>(set->pattern_count());
  state.counters["errors"] = static_cast<double>(errors.size());
}
BENCHMARK(BM_Compile)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Compile)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// A topic change at 10,000 topics: one query edited, the whole set
// recompiled, and the first post matched on the new set (the matcher's
// scratch space follows the new database), as the ingest path would.
void BM_TopicChange(benchmark::State& state) {
  auto topics = Topics(static_cast<size_t>(state.range(0)));
  Matcher matcher;
  std::vector<int64_t> out;
  matcher.Match(*Compiled(topics.size()), Facts()[0], out);  // a warm matcher
  std::shared_ptr<const TopicSet> set;
  int64_t edits = 0;
  for (auto _ : state) {
    state.PauseTiming();
    size_t at = static_cast<size_t>(edits * 7919) % topics.size();
    topics[at].query = "(" + topics[at].query + ") AND NOT spam" + std::to_string(edits++);
    set.reset();
    state.ResumeTiming();
    set = TopicSet::Compile(topics, nullptr);
    matcher.Match(*set, Facts()[0], out);
  }
  state.counters["topics"] = static_cast<double>(set->topic_count());
}
BENCHMARK(BM_TopicChange)->Arg(10'000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// ---- stages of one Match, for the breakdown

// Preparing the text the matcher reads: the folded tokens, back to back,
// with their positions (listening::FoldTokens, as Matcher::Match calls it).
void BM_Stage_FoldTokens(benchmark::State& state) {
  const auto& facts = Facts();
  std::string folded;
  std::vector<listening::FoldedToken> tokens;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    listening::FoldTokens(facts[i].text, folded, tokens);
    benchmark::DoNotOptimize(folded.data());
    benchmark::DoNotOptimize(tokens.data());
    bytes += folded.size();
    if (++i == facts.size()) i = 0;
  }
  using benchmark::Counter;
  state.counters["posts/s"] = Counter(static_cast<double>(state.iterations()), Counter::kIsRate);
  state.counters["bytes/post"] =
      static_cast<double>(bytes) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Stage_FoldTokens);

// The folded run " tok1 tok2 … " of AppendTokens (the general path, which
// the query side and the naive baseline use), for comparison.
void BM_Stage_FoldedTokens(benchmark::State& state) {
  const auto& facts = Facts();
  std::string buffer;
  size_t i = 0;
  for (auto _ : state) {
    buffer.clear();
    listening::AppendTokens(facts[i].text, true, buffer, nullptr);
    benchmark::DoNotOptimize(buffer.data());
    if (++i == facts.size()) i = 0;
  }
  using benchmark::Counter;
  state.counters["posts/s"] = Counter(static_cast<double>(state.iterations()), Counter::kIsRate);
}
BENCHMARK(BM_Stage_FoldedTokens);

// ---- the agreement check

// Compares both matchers on the first `posts` posts at `topics` topics;
// prints the totals and the first few disagreements. Returns their number.
size_t Check(size_t topics, size_t posts) {
  posts = std::min(posts, Facts().size());
  auto set = Compiled(topics);
  const NaiveMatcher& naive = Naive(topics);
  auto queries = Topics(topics);
  Matcher matcher;
  std::vector<int64_t> a, b;
  size_t disagreements = 0, matches = 0, candidates = 0, matched_posts = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (size_t i = 0; i < posts; ++i) {
    matcher.Match(*set, Facts()[i], a);
    naive.Match(Facts()[i], b);
    candidates += naive.Candidates(Facts()[i]);
    matches += a.size();
    matched_posts += !a.empty();
    std::vector<int64_t> only_a, only_b;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_a));
    std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_b));
    for (int side = 0; side < 2; ++side) {
      for (int64_t id : side == 0 ? only_a : only_b) {
        if (++disagreements <= 5) {
          std::printf(
              "  disagreement: topic %lld %s matches only by the %s matcher\n"
              "    post: %s\n",
              static_cast<long long>(id), queries[static_cast<size_t>(id - 1)].query.c_str(),
              side == 0 ? "compiled" : "naive", std::string(Facts()[i].text).c_str());
        }
      }
    }
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "agreement at %6zu topics: %5zu posts, %zu matches (%.1f%% of posts match a topic), "
      "%.1f topics with one of their terms in the post, %zu disagreements (%.1f s)\n",
      topics, posts, matches,
      100.0 * static_cast<double>(matched_posts) / static_cast<double>(posts),
      static_cast<double>(candidates) / static_cast<double>(posts), disagreements, s);
  return disagreements;
}

void PrintCorpus() {
  size_t bytes = 0, brand = 0;
  for (const ListeningPost& p : Posts()) {
    bytes += p.text.size();
    brand += p.brand >= 0;
  }
  std::printf("corpus: %zu posts, %.0f bytes/post, %.1f%% about a brand of a world of %zu brands\n",
              Posts().size(), static_cast<double>(bytes) / static_cast<double>(Posts().size()),
              100.0 * static_cast<double>(brand) / static_cast<double>(Posts().size()),
              World().brands.size());
  auto topics = Topics(5);
  for (const auto& t : topics)
    std::printf("  topic %lld: %s\n", static_cast<long long>(t.id), t.query.c_str());
  for (size_t i = 0, shown = 0; i < Posts().size() && shown < 4; ++i) {
    if (Posts()[i].brand >= 0) {
      std::printf("  post: %s\n", Posts()[i].text.c_str());
      ++shown;
    }
  }
}

}  // namespace
}  // namespace dandelion::bench

int main(int argc, char** argv) {
  using namespace dandelion::bench;
  bool check = true;
  size_t check_posts = 1000;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--skip_check") == 0) {
      check = false;
    } else if (std::strncmp(argv[i], "--check_posts=", 14) == 0) {
      check_posts = std::strtoull(argv[i] + 14, nullptr, 10);
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  PrintCorpus();
  size_t disagreements = 0;
  if (check) {
    // The naive matcher's cost grows with the topics: fewer posts at 100,000.
    disagreements += Check(1000, check_posts * 10);
    disagreements += Check(10'000, check_posts);
    disagreements += Check(100'000, check_posts / 10);
    std::printf("disagreements: %zu\n", disagreements);
  }
  std::fflush(stdout);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return disagreements == 0 ? 0 : 2;
}
