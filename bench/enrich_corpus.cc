// Whole-corpus run: generates N realistic posts (default 1,000,000), then
// times each enrichment stage and the whole Enrich over all of them on one
// thread, and prints posts/s per stage and the peak memory of the process.
//
// usage: enrich_corpus [N]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "bench/post_corpus.h"
#include "enrich/enrich.h"
#include "text/utf8.h"

using namespace dandelion;

namespace {

template <typename F>
void Time(const char* name, size_t n, F f) {
  auto t0 = std::chrono::steady_clock::now();
  size_t sink = 0;
  for (size_t i = 0; i < n; ++i) sink += f(i);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%-12s %10.0f posts/s  (%.2f s, %.2f us/post, check %zu)\n", name, n / s, s,
              s * 1e6 / n, sink % 10);
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  auto posts = bench::GeneratePosts(n);
  std::vector<std::u32string> decoded;
  decoded.reserve(n);
  size_t bytes = 0;
  for (const auto& p : posts) {
    decoded.push_back(text::DecodeUtf8(p.text).code_points);
    bytes += p.text.size();
  }
  std::printf("corpus: %zu generated posts, %.1f MB, %.0f bytes/post on average\n", n, bytes / 1e6,
              static_cast<double>(bytes) / n);
  Time("utf8", n, [&](size_t i) { return text::DecodeUtf8(posts[i].text).code_points.size(); });
  Time("entities", n, [&](size_t i) { return text::ExtractEntities(std::u32string_view(decoded[i])).size(); });
  Time("length", n, [&](size_t i) {
    return static_cast<size_t>(text::MeasurePost(decoded[i], {}, 0, posts[i].network).length);
  });
  Time("language", n, [&](size_t i) { return text::DetectLanguage(posts[i].text).code.size(); });
  const auto& vader = sentiment::Analyzer::Default();
  Time("sentiment", n, [&](size_t i) { return static_cast<size_t>(vader.Score(posts[i].text).compound * 100 + 100); });
  Time("pii", n, [&](size_t i) { return text::FindPii(decoded[i]).size(); });
  const auto& intents = enrich::IntentClassifier::Default();
  Time("intent", n, [&](size_t i) {
    enrich::IntentSignals sig{decoded[i], -0.5, 0, 1, 0, 0, false, false};
    return intents.Classify(sig).size();
  });
  Time("Enrich", n, [&](size_t i) { return enrich::Enrich(posts[i].text, posts[i].network).intents.size(); });
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak memory: %.1f MB (including the corpus held in memory twice)\n", ru.ru_maxrss / 1024.0);
  return 0;
}
