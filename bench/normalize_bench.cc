// Google Benchmark of the normalisers: lines/s for each format on generated
// realistic lines (texts from bench/post_corpus.cc wrapped in each network's
// full payload shape), and in the same run the floor: simdjson On Demand
// alone copying each line into the padded buffer and visiting every value
// (internal::WalkJson). items/s = lines/s on one core; the ratio
// Normalize/Floor says what building Mentions costs over parsing.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/post_corpus.h"
#include "engine/normalize.h"
#include "engine/normalize_internal.h"

namespace dandelion::bench {
namespace {

using engine::Format;

std::string Json(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string Html(std::string_view s) {
  std::string out = "<p>";
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '\'')
      out += "&#39;";
    else if (c == '\n')
      out += "<br />";
    else
      out += c;
  }
  return out + "</p>";
}

std::string Line(Format f, const Post& p, size_t i) {
  std::string n = std::to_string(i);
  std::string id = std::to_string(1859000000000000000ull + i * 7919);
  std::string t = Json(p.text);
  switch (f) {
    case Format::kTwitterV2:
      return R"({"data":{"edit_history_tweet_ids":[")" + id + R"("],"author_id":")" +
             std::to_string(783214 + i % 50) + R"(","conversation_id":")" + id +
             R"(","created_at":"2024-11-20T14:03:27.000Z","lang":"en","possibly_sensitive":false,"reply_settings":"everyone","public_metrics":{"retweet_count":2,"reply_count":1,"like_count":14,"quote_count":0,"bookmark_count":0,"impression_count":812},"entities":{"hashtags":[{"start":3,"end":9,"tag":"acme"}],"mentions":[{"start":0,"end":12,"username":"AcmeSupport","id":"1352849417374433281"}]},"id":")" +
             id + R"(","text":)" + t + R"(},"includes":{"users":[{"id":")" +
             std::to_string(783214 + i % 50) + R"(","name":"User )" + n + R"(","username":"user_)" +
             n +
             R"(","created_at":"2012-02-20T14:35:54.000Z","profile_image_url":"https://pbs.twimg.com/profile_images/1352849612338204672/Xk3lbVq__normal.jpg","public_metrics":{"followers_count":1834,"following_count":601,"tweet_count":22013,"listed_count":40,"like_count":5120}}]}})";
    case Format::kMastodon:
      return R"({"id":"1135198234170)" + n +
             R"(","created_at":"2024-11-20T14:03:27.512Z","in_reply_to_id":null,"in_reply_to_account_id":null,"sensitive":false,"spoiler_text":"","visibility":"public","language":"en","uri":"https://mastodon.social/users/u)" +
             n + R"(/statuses/1135198234170)" + n + R"(","url":"https://mastodon.social/@u)" + n +
             R"(/1135198234170)" + n +
             R"(","replies_count":0,"reblogs_count":1,"favourites_count":3,"edited_at":null,"favourited":false,"reblogged":false,"muted":false,"bookmarked":false,"content":)" +
             Json(Html(p.text)) +
             R"(,"filtered":[],"reblog":null,"application":{"name":"Web","website":null},"account":{"id":"10935281737462)" +
             n + R"(","username":"u)" + n + R"(","acct":"u)" + n + R"(","display_name":"User )" +
             n +
             R"(","locked":false,"bot":false,"discoverable":true,"group":false,"created_at":"2022-11-14T00:00:00.000Z","note":"<p>Hi</p>","url":"https://mastodon.social/@u)" +
             n +
             R"(","avatar":"https://files.mastodon.social/accounts/avatars/000/000/001/original/dc4286ceb8fab734.jpg","followers_count":120,"following_count":80,"statuses_count":940,"last_status_at":"2024-11-20","emojis":[],"fields":[]},"media_attachments":[],"mentions":[{"id":"1","username":"acme","url":"https://fosstodon.org/@acme","acct":"acme@fosstodon.org"}],"tags":[{"name":"acme","url":"https://mastodon.social/tags/acme"}],"emojis":[],"card":null,"poll":null})";
    case Format::kBlueskyJetstream:
      return R"({"did":"did:plc:ewvi7nxzyoun6zhxrhs64o)" + std::to_string(i % 100) +
             R"(","time_us":1732111407123456,"kind":"commit","commit":{"rev":"3lbgumfyokl2s","operation":"create","collection":"app.bsky.feed.post","rkey":"3lbgumfx)" +
             n +
             R"(","record":{"$type":"app.bsky.feed.post","createdAt":"2024-11-20T14:03:26.912Z","facets":[{"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"acme"}],"index":{"byteStart":0,"byteEnd":5}}],"langs":["en"],"text":)" +
             t + R"(},"cid":"bafyreihf5bjy5z4ahqxf2bzuxktbzdmb6gfjqu2ptkdwu3qfrb6g5obkxm"}})";
    case Format::kNative:
      return R"({"network":"mastodon","id":")" + id + R"(","text":)" + t +
             R"(,"created_at":"2024-11-20T15:03:27.512+01:00","author":{"id":")" + n +
             R"(","handle":"u)" + n + R"(@mastodon.social","name":"User )" + n +
             R"(","followers":120},"url":"https://mastodon.social/@u/)" + id +
             R"(","lang":"en","reply_to":null})";
  }
  return {};
}

const std::vector<std::string>& Lines(Format f) {
  static std::vector<std::string> lines[4];
  auto& v = lines[static_cast<int>(f)];
  if (v.empty()) {
    std::vector<Post> posts = GeneratePosts(4000);
    for (size_t i = 0; i < posts.size(); ++i) v.push_back(Line(f, posts[i], i));
    for (const std::string& l : v) {
      if (!engine::Normalize(f, l).ok()) {
        std::fprintf(stderr, "generated line rejected: %s\n%s\n",
                     engine::Normalize(f, l).status().message().c_str(), l.c_str());
        std::abort();
      }
    }
  }
  return v;
}

template <typename F>
void Run(benchmark::State& state, Format format, F f) {
  const auto& lines = Lines(format);
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    f(lines[i]);
    bytes += lines[i].size();
    i = (i + 1) % lines.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_Normalize(benchmark::State& s) {
  auto f = static_cast<Format>(s.range(0));
  s.SetLabel(std::string(engine::FormatName(f)));
  Run(s, f, [f](const std::string& l) { benchmark::DoNotOptimize(engine::Normalize(f, l)); });
}

void BM_SimdjsonFloor(benchmark::State& s) {
  auto f = static_cast<Format>(s.range(0));
  s.SetLabel(std::string(engine::FormatName(f)));
  Run(s, f, [](const std::string& l) { benchmark::DoNotOptimize(engine::internal::WalkJson(l)); });
}

//! Both in alternating batches of 64 lines, so that load from other
//! processes hits both alike; reports each one's lines/s and their ratio.
void BM_RatioToFloor(benchmark::State& s) {
  using Clock = std::chrono::steady_clock;
  auto f = static_cast<Format>(s.range(0));
  s.SetLabel(std::string(engine::FormatName(f)));
  const auto& lines = Lines(f);
  Clock::duration normalize{}, floor{};
  size_t i = 0, n = 0;
  for (auto _ : s) {
    auto t0 = Clock::now();
    for (size_t k = 0; k < 64; ++k)
      benchmark::DoNotOptimize(engine::Normalize(f, lines[(i + k) % lines.size()]));
    auto t1 = Clock::now();
    for (size_t k = 0; k < 64; ++k)
      benchmark::DoNotOptimize(engine::internal::WalkJson(lines[(i + k) % lines.size()]));
    auto t2 = Clock::now();
    normalize += t1 - t0;
    floor += t2 - t1;
    i = (i + 64) % lines.size();
    n += 64;
  }
  double ns = std::chrono::duration<double>(normalize).count(),
         fs = std::chrono::duration<double>(floor).count();
  s.counters["normalize_lines_per_s"] = n / ns;
  s.counters["floor_lines_per_s"] = n / fs;
  s.counters["ratio"] = fs / ns;
}

BENCHMARK(BM_Normalize)->DenseRange(0, 3);
BENCHMARK(BM_SimdjsonFloor)->DenseRange(0, 3);
BENCHMARK(BM_RatioToFloor)->DenseRange(0, 3);

}  // namespace
}  // namespace dandelion::bench

BENCHMARK_MAIN();
