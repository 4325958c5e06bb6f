// Entity extraction throughput (posts/s on one core) over a generated set of
// realistic posts: English, Spanish, German, Japanese, Korean, Arabic,
// Russian, Hindi; emoji (with ZWJ sequences and skin tones); URLs with and
// without protocol, t.co links, @mentions, lists, #hashtags, $cashtags, and
// posts with no entity at all.
//
//   entities_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "text/entities.h"
#include "text/utf8.h"

namespace dandelion::text {
namespace {

std::vector<std::string> GeneratePosts(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& {
    return v[rng() % v.size()];
  };
  const std::vector<std::string> users = {"AcmeAir",  "jane_doe",  "support",   "mariana_g",
                                          "tanaka01", "news_desk", "lee_minho", "a_b_c"};
  const std::vector<std::string> tags = {
      "fail", "CustomerService", "travel",      "MondayMotivation",
      "café", "Fußball",         "旅行",        "日本語",
      "여행", "السفر",           "путешествие", "यात्रा"};
  const std::vector<std::string> urls = {"https://t.co/x7Yb2KqP9z",
                                         "https://www.example.com/orders/12345?ref=tw",
                                         "http://bit.ly/3abcDEF",
                                         "example.co.uk/help",
                                         "shop.example.jp/セール",
                                         "https://en.wikipedia.org/wiki/Primer_(film)",
                                         "acme.com",
                                         "https://news.example.org/2024/05/story.html#comments"};
  const std::vector<std::string> cashtags = {"$AAPL", "$TSLA", "$BTC", "$GOOG", "$SPY"};
  const std::vector<std::string> emoji = {
      "😡", "🙏", "😂😂", "🔥", "👍🏽", "👨‍👩‍👧", "✈️", "❤️", "🇯🇵", ""};
  std::vector<std::string> posts;
  posts.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::string p;
    switch (rng() % 12) {
      case 0:
        p = "@" + pick(users) +
            " my flight was cancelled this morning and nobody answers the phone " + pick(emoji) +
            " I have been waiting for two hours. Booking ref here: " + pick(urls) + " #" +
            pick(tags);
        break;
      case 1:
        p = "Just had the best coffee of my life " + pick(emoji) +
            " can't wait to go back tomorrow morning, the staff were lovely and the music was "
            "great";
        break;
      case 2:
        p = "今日は新しいサービスを試してみました！とても使いやすくて、サポートの対応も早かったです"
            "。"
            "詳しくは " +
            pick(urls) + " を見てね #" + pick(tags) + " @" + pick(users);
        break;
      case 3:
        p = "شكرا جزيلا @" + pick(users) + " على الدعم السريع والخدمة الممتازة اليوم " +
            pick(emoji) + " #" + pick(tags) + " " + pick(urls);
        break;
      case 4:
        p = pick(cashtags) + " and " + pick(cashtags) +
            " up again today 📈 after the earnings "
            "call, analysts expect more next quarter. via @" +
            pick(users) + " " + pick(urls);
        break;
      case 5:
        p = "RT @" + pick(users) +
            ": ¡Qué día! Mañana vuelvo a la tienda, la atención fue "
            "excelente y los precios también. Más en " +
            pick(urls) + " #" + pick(tags) + " #" + pick(tags);
        break;
      case 6:
        p = "Der Kundenservice war großartig, danke @" + pick(users) + "/team " + pick(emoji) +
            " Die Lieferung kam pünktlich und alles war gut verpackt. Mehr unter " + pick(urls);
        break;
      case 7:
        p = pick(emoji) + pick(emoji) + " this is too much honestly, who approved this update? " +
            pick(emoji) + " bring back the old app please #" + pick(tags) + " @" + pick(users);
        break;
      case 8:
        p = "오늘 날씨가 정말 좋네요 " + pick(emoji) +
            " 친구들과 공원에서 산책했어요. 다음에 또 가고 "
            "싶어요 #" +
            pick(tags) + " @" + pick(users) + " " + pick(urls);
        break;
      case 9:
        p = "Спасибо за быструю доставку! Всё пришло вовремя и в отличном состоянии, буду "
            "заказывать ещё. " +
            pick(urls) + " #" + pick(tags);
        break;
      case 10:
        p = "Where can I find the return policy? The page at " + pick(urls) +
            " says 404 and the chat bot keeps sending me in circles. Please help asap @" +
            pick(users);
        break;
      default:
        p = "@" + pick(users) + " @" + pick(users) +
            " यह सेवा बहुत अच्छी है, धन्यवाद! मैं फिर से "
            "खरीदूंगा #" +
            pick(tags) + " " + pick(cashtags) + " " + pick(urls);
        break;
    }
    posts.push_back(std::move(p));
  }
  return posts;
}

const std::vector<std::string>& Posts() {
  static const std::vector<std::string> posts = GeneratePosts(2000, 42);
  return posts;
}

const std::vector<std::u32string>& DecodedPosts() {
  static const std::vector<std::u32string> decoded = [] {
    std::vector<std::u32string> v;
    for (const std::string& p : Posts()) v.push_back(DecodeUtf8(p).code_points);
    return v;
  }();
  return decoded;
}

template <typename Fn>
void Run(benchmark::State& state, size_t count, Fn fn) {
  size_t i = 0, entities = 0;
  for (auto _ : state) {
    entities += fn(i);
    if (++i == count) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["entities/post"] =
      benchmark::Counter(static_cast<double>(entities) / static_cast<double>(state.iterations()));
}

// The firehose path: UTF-8 in, all entity kinds out.
void BM_ExtractEntitiesUtf8(benchmark::State& state) {
  const auto& posts = Posts();
  Run(state, posts.size(), [&](size_t i) { return ExtractEntities(posts[i]).size(); });
  size_t cps = 0;
  for (const auto& p : DecodedPosts()) cps += p.size();
  state.counters["code_points/post"] =
      benchmark::Counter(static_cast<double>(cps) / static_cast<double>(posts.size()));
}
BENCHMARK(BM_ExtractEntitiesUtf8);

// Already decoded (as Enrich calls it).
void BM_ExtractEntitiesUtf32(benchmark::State& state) {
  const auto& posts = DecodedPosts();
  Run(state, posts.size(),
      [&](size_t i) { return ExtractEntities(std::u32string_view(posts[i])).size(); });
}
BENCHMARK(BM_ExtractEntitiesUtf32);

// One typical post: a URL, a mention and a hashtag in 150 characters.
void BM_TypicalPost(benchmark::State& state) {
  const std::string post =
      "@AcmeAir my flight AC123 was cancelled this morning and nobody answers the phone 😡 "
      "I have been waiting for two hours. https://t.co/x7Yb2KqP9z #fail";
  Run(state, 1, [&](size_t) { return ExtractEntities(post).size(); });
}
BENCHMARK(BM_TypicalPost);

// The quick rejection: no '#', '@', '$' or '.'.
void BM_NoSigils(benchmark::State& state) {
  const std::string post =
      "Just had the best coffee of my life ☕️ can't wait to go back tomorrow morning, the "
      "staff were lovely and the music was great";
  Run(state, 1, [&](size_t) { return ExtractEntities(post).size(); });
}
BENCHMARK(BM_NoSigils);

}  // namespace
}  // namespace dandelion::text
