#include "bench/post_corpus.h"

#include <random>

namespace dandelion::bench {
namespace {

const char* kOpeners[] = {
    "@AcmeAir", "@TelcoHelp", "Hey @ShopRight", "@CloudDesk", "", "", "", "RT @newsdesk:", ".@AcmeAir",
};
const char* kBodies[] = {
    "my flight was delayed 4 hours and nobody at the gate told us anything",
    "I've been on hold for 45 minutes, this is ridiculous!!!",
    "Just got my new phone and I absolutely LOVE it",
    "does anyone know if the store in Leeds has the blue jacket in stock?",
    "the app keeps crashing when I try to log in since yesterday's update",
    "where is my refund? it's been three weeks",
    "thanks so much to Maria at the help desk, she was amazing :)",
    "thinking about switching to the unlimited plan, how much is it per month?",
    "no signal in the whole city centre again, is there an outage?",
    "my package says delivered but it's not here",
    "journalist here, who can I talk to about the data incident reported today?",
    "we're hiring! looking for a community manager, apply below",
    "not bad, but the checkout could be faster",
    "WIN a free iPhone!!! click now",
    "Mein Flug wurde gestrichen und niemand hilft mir am Schalter",
    "Je n'arrive pas à me connecter à mon compte depuis hier soir",
    "Mi pedido llegó roto y nadie responde a mis correos",
    "O atendimento foi ótimo, muito obrigado pela ajuda",
    "配送が一週間も遅れていて、問い合わせても返事がありません",
    "لم يصل طلبي حتى الآن وخدمة العملاء لا ترد",
    "Моя посылка потерялась, поддержка не отвечает",
    "the battery on this laptop is honestly the best I've ever had",
    "can you DM me? I need to change the name on my booking",
    "lost my bag on the flight from Madrid, who do I contact",
};
const char* kTails[] = {
    "", "", "", " 😡", " 🙏", " 😍😍", " 👍🏽", " ✈️", " 😂", " 👨‍👩‍👧", " 🇩🇪", " ❤️",
    " #fail", " #customerservice #help", " #travel", " $ACME", " https://acme.com/help/123",
    " acme.com/status", " https://t.co/aB3dE9fGh1", " pic.twitter.com/xyz",
    " email me at jo.bloggs@example.com", " call +44 20 7946 0958", " cc @support @ceo",
};
const text::Network kNetworks[] = {text::Network::kX,        text::Network::kX,
                                   text::Network::kMastodon, text::Network::kBluesky,
                                   text::Network::kFacebook, text::Network::kInstagram,
                                   text::Network::kLinkedIn};

}  // namespace

std::vector<Post> GeneratePosts(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](const auto& arr) {
    return arr[rng() % (sizeof(arr) / sizeof(arr[0]))];
  };
  std::vector<Post> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::string t = pick(kOpeners);
    if (!t.empty()) t += ' ';
    t += pick(kBodies);
    int tails = static_cast<int>(rng() % 3);
    for (int k = 0; k < tails; ++k) t += pick(kTails);
    if (rng() % 10 == 0) {  // a longer post: two sentences
      t += ". ";
      t += pick(kBodies);
    }
    out.push_back({std::move(t), pick(kNetworks)});
  }
  return out;
}

}  // namespace dandelion::bench
