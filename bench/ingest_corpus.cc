// ingest_corpus: the data of the end-to-end ingest benchmark (bench/
// ingest_bench.sh). Writes, into a folder:
//   posts.ndjson  — N posts as X/Twitter API v2 stream lines (data +
//                   includes.users), texts from the listening benchmark's
//                   brand-monitoring corpus (15% about a tracked brand), times
//                   over the last week, a few thousand distinct authors;
//   topics.ndjson — T topics for `dandelion topic import`, 200 to a unit (the
//                   most a unit may hold) in units bench-1, bench-2, …, which
//                   bench_units.mjs creates first.
// It also reads posts.ndjson back with simdjson alone (every value visited,
// the normalisers' floor) and prints that time: the baseline the ingest run
// is compared with.
//
// usage: ingest_corpus DIR POSTS TOPICS
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "bench/listening_topics.h"
#include "engine/normalize_internal.h"

int main(int argc, char** argv) {
  using namespace dandelion;
  if (argc != 4) {
    std::fprintf(stderr, "usage: ingest_corpus DIR POSTS TOPICS\n");
    return 2;
  }
  const std::string dir = argv[1];
  const size_t posts = std::stoul(argv[2]);
  const size_t topics = std::stoul(argv[3]);
  auto world = bench::GenerateBrandWorld(bench::BrandsForTopics(topics));
  {
    std::ofstream out(dir + "/topics.ndjson");
    size_t i = 0;
    for (const auto& t : bench::GenerateTopics(world, topics)) {
      const std::string unit = "bench-" + std::to_string(1 + i++ / 200);
      out << nlohmann::json({{"unit", unit}, {"name", "topic " + std::to_string(t.id)},
                             {"query", t.query}})
                 .dump()
          << '\n';
    }
  }
  // The posts: generated in slices (the generator enriches each post, which
  // the corpus does not need to keep).
  std::mt19937_64 rng(99);
  const int64_t now = 1'795'000'000'000;  // a fixed "now" keeps the file stable
  std::uniform_int_distribution<int64_t> when(now - 7 * 24 * 3600 * 1000LL, now);
  std::uniform_int_distribution<int> author(1, 20000);
  std::ofstream out(dir + "/posts.ndjson");
  size_t written = 0;
  for (uint64_t slice = 0; written < posts; ++slice) {
    size_t n = std::min<size_t>(50000, posts - written);
    auto batch = bench::GenerateListeningPosts(world, n, 0.15, 1000 + slice);
    for (const auto& p : batch) {
      int a = author(rng);
      int64_t at = when(rng);
      time_t secs = static_cast<time_t>(at / 1000);
      char iso[32];
      std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%S", std::gmtime(&secs));
      nlohmann::json line = {
          {"data",
           {{{"id", std::to_string(1'900'000'000'000'000'000ULL + written)},
             {"text", p.text},
             {"author_id", std::to_string(a)},
             {"created_at", std::string(iso) + ".000Z"},
             {"lang", p.language},
             {"conversation_id", std::to_string(1'900'000'000'000'000'000ULL + written)},
             {"public_metrics",
              {{"retweet_count", 0}, {"reply_count", 0}, {"like_count", a % 7}}}}}},
          {"includes",
           {{"users",
             {{{"id", std::to_string(a)},
               {"username", "user" + std::to_string(a)},
               {"name", "User " + std::to_string(a)},
               {"public_metrics", {{"followers_count", (a * 37) % 90000}}}}}}}}};
      out << line.dump() << '\n';
      ++written;
    }
  }
  out.close();

  // The floor: simdjson alone over the same file.
  std::ifstream in(dir + "/posts.ndjson");
  std::string line;
  int64_t values = 0, lines = 0;
  auto t0 = std::chrono::steady_clock::now();
  while (std::getline(in, line)) {
    values += engine::internal::WalkJson(line);
    ++lines;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("wrote %zu posts and %zu topics to %s\n", written, topics, dir.c_str());
  std::printf("floor: simdjson read %lld lines (%lld values) in %.2f s = %.0f lines/s\n",
              static_cast<long long>(lines), static_cast<long long>(values), secs, lines / secs);
  return 0;
}
