#include "bench/listening_topics.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string_view>
#include <unordered_set>

#include "bench/post_corpus.h"
#include "engine/pipeline.h"

namespace dandelion::bench {
namespace {

using Rng = std::mt19937_64;

template <typename T, size_t N>
const T& Pick(Rng& rng, const T (&arr)[N]) {
  return arr[rng() % N];
}

template <typename T>
const T& Pick(Rng& rng, const std::vector<T>& v) {
  return v[rng() % v.size()];
}

bool Chance(Rng& rng, double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return out;
}

std::string Squash(std::string_view s) {  // "Harbor Bank" → "harborbank"
  std::string out;
  for (char c : Lower(s)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

// ------------------------------------------------------------------ brands

const char* kOnsets[] = {"k",  "z",  "t",  "v",  "br", "l", "m",  "n",  "r",  "s",  "d",
                         "f",  "g",  "pr", "tr", "qu", "x", "c",  "b",  "p",  "sk", "st",
                         "pl", "gr", "dr", "h",  "j",  "y", "fl", "cr", "sh", "th", "w"};
const char* kVowels[] = {"a", "e", "i", "o", "u", "a", "e", "o", "ai", "io", "ea", "y"};
const char* kCodas[] = {"x", "n",  "r",  "q",  "s",  "l",  "m",  "ra",  "na",  "ix", "ex", "ia",
                        "o", "on", "us", "is", "ly", "va", "za", "ent", "ora", "ic", "um", "et"};

// Ordinary words that brands also take as names (the hard case for
// listening: "summit" is mostly not about the bank).
const char* kCommonNames[] = {
    "Summit",  "Harbor",   "Beacon",   "Orbit",   "Apex",     "Pulse",   "Nova",     "Echo",
    "Maple",   "Falcon",   "Atlas",    "Zenith",  "Pioneer",  "Horizon", "Spark",    "Anchor",
    "Crest",   "Bloom",    "Vertex",   "Ember",   "Juniper",  "Cobalt",  "Meridian", "Sierra",
    "Compass", "Lantern",  "Willow",   "Granite", "Quartz",   "Signal",  "Harvest",  "Frontier",
    "Prairie", "Canyon",   "Glacier",  "Lotus",   "Raven",    "Sparrow", "Tide",     "Ridge",
    "Cedar",   "Aspen",    "Delta",    "Vista",   "Keystone", "Liberty", "Pinnacle", "Monarch",
    "Voyager", "Ranger",   "Bridge",   "Forge",   "Haven",    "Oasis",   "Paragon",  "Pilot",
    "Rocket",  "Shield",   "Sterling", "Thunder", "Velvet",   "Wave",    "Arrow",    "Blossom",
    "Comet",   "Dawn",     "Magnet",   "Orchard", "Pebble",   "Quest",   "Rapid",    "Season",
    "Square",  "Trail",    "Union",    "Vantage", "Wild",     "Yonder",  "Copper",   "Silver",
    "Golden",  "Northern", "Bright",   "Swift",   "Clear",    "True",    "Green",    "Blue"};
// Sentences where those words are just words.
const char* kCommonUses[] = {
    "we finally reached the %s after six hours of walking",
    "what a view from the %s this morning",
    "the %s in my grandmother's garden is in full bloom",
    "new blog post: why the %s matters more than you think",
    "the %s is closed for repairs until Friday",
    "photo of the old %s near the station, taken last night",
    "found a %s on the beach today, the kids loved it",
    "%s is my favourite word in the whole dictionary",
};

struct Sector {
  const char* name;
  std::vector<const char*> lines;     // product lines: "Air", "Pro"
  std::vector<const char*> aspects;   // what posts talk about
  std::vector<const char*> suffixes;  // for two-word names: "Bank"
  bool model_codes;                   // "KV-300"
};

const std::vector<Sector>& Sectors() {
  static const std::vector<Sector> s = {
      {"electronics",
       {"Pro", "Air", "Max", "Mini", "Ultra", "Lite", "Buds", "Watch", "Tab", "Note"},
       {"battery", "screen", "camera", "charger", "update", "bluetooth", "speaker", "keyboard"},
       {"Mobile", "Devices", "Audio", "Tech"},
       true},
      {"airline",
       {"Miles", "Plus", "Lounge", "Express"},
       {"flight", "delay", "baggage", "boarding", "seat", "lounge", "crew", "check-in"},
       {"Air", "Airways", "Airlines", "Jet"},
       false},
      {"bank",
       {"Pay", "Card", "Save", "Invest", "Go"},
       {"card", "account", "transfer", "app", "fees", "loan", "mortgage", "overdraft"},
       {"Bank", "Finance", "Credit", "Capital"},
       false},
      {"telecom",
       {"Unlimited", "Fibre", "Mobile", "Home", "5G"},
       {"signal", "outage", "bill", "data", "roaming", "contract", "router", "coverage"},
       {"Telecom", "Mobile", "Connect", "Networks"},
       false},
      {"food",
       {"Cola", "Zero", "Crunch", "Bites", "Roast", "Brew"},
       {"taste", "order", "delivery", "menu", "recipe", "price", "packaging", "flavour"},
       {"Foods", "Coffee", "Kitchen", "Burger"},
       false},
      {"cars",
       {"EV", "Sport", "Hybrid", "X", "GT"},
       {"engine", "recall", "dealer", "charging", "range", "service", "brakes", "warranty"},
       {"Motors", "Auto", "Cars"},
       true},
      {"software",
       {"Cloud", "Drive", "Docs", "Studio", "Sync", "Desk"},
       {"login", "crash", "sync", "subscription", "api", "downtime", "password", "pricing"},
       {"Labs", "Software", "Cloud", "Systems"},
       false},
      {"retail",
       {"Outlet", "Kids", "Active", "Basics", "Denim"},
       {"size", "return", "delivery", "stock", "discount", "quality", "refund", "checkout"},
       {"Store", "Shop", "Market", "Outfitters"},
       false},
      {"games",
       {"Arena", "Quest", "Legends", "Online", "Racing"},
       {"lag", "server", "patch", "update", "skins", "ranked", "matchmaking", "crash"},
       {"Games", "Studios", "Play"},
       false},
      {"beauty",
       {"Glow", "Matte", "Pure", "Serum", "Balm"},
       {"skin", "shade", "scent", "packaging", "allergy", "price", "texture", "formula"},
       {"Beauty", "Cosmetics", "Skincare"},
       false},
  };
  return s;
}

std::string InventedName(Rng& rng) {
  std::string s;
  int syllables = 1 + static_cast<int>(rng() % 2);
  for (int i = 0; i < syllables; ++i) {
    s += Pick(rng, kOnsets);
    s += Pick(rng, kVowels);
  }
  s += Pick(rng, kCodas);
  s[0] = static_cast<char>(s[0] - 32);
  return s;
}

}  // namespace

size_t BrandsForTopics(size_t topics) { return topics / 3 + 1; }

BrandWorld GenerateBrandWorld(size_t n, uint64_t seed) {
  Rng rng(seed);
  BrandWorld w;
  std::unordered_set<std::string> taken;
  std::vector<uint32_t> sector_of;
  std::vector<std::vector<uint32_t>> by_sector(Sectors().size());
  size_t next_common = 0;
  while (w.brands.size() < n) {
    Brand b;
    uint32_t sector = static_cast<uint32_t>(rng() % Sectors().size());
    const Sector& sec = Sectors()[sector];
    bool common = Chance(rng, 0.12);
    if (common) {
      std::string word = Pick(rng, kCommonNames);
      // The first few take the bare word; later ones add the sector.
      if (next_common < 40 && !taken.count(Lower(word))) {
        b.name = word;
      } else {
        b.name = word + " " + Pick(rng, sec.suffixes);
      }
      b.common_word = true;
    } else {
      b.name = InventedName(rng);
      if (b.name.size() < 5) continue;
    }
    if (!taken.insert(Lower(b.name)).second) continue;
    if (common) ++next_common;
    b.handle = Squash(b.name);
    if (Chance(rng, 0.3)) b.handle += Chance(rng, 0.5) ? "help" : "_official";
    b.hashtag = Squash(b.name);
    b.site = Squash(b.name) + ".com";
    if (Chance(rng, 0.3)) {
      std::string letters = Upper(Squash(b.name));
      std::string tick;
      tick += letters[0];
      for (size_t i = 1; i < letters.size() && tick.size() < 4; ++i) {
        if (std::string_view("AEIOUY").find(letters[i]) == std::string_view::npos) {
          tick += letters[i];
        }
      }
      if (tick.size() < 3) tick += 'X';
      b.cashtag = tick;
    }
    std::string stem = b.common_word ? b.name.substr(0, b.name.find(' ')) : b.name;
    int products = 2 + static_cast<int>(rng() % 3);
    std::unordered_set<std::string> lines;
    for (int k = 0; k < products; ++k) {
      std::string line = Pick(rng, sec.lines);
      if (!lines.insert(line).second) continue;
      std::string p = stem + " " + line;
      if (Chance(rng, 0.35)) p += " " + std::to_string(2 + rng() % 8);
      b.products.push_back(p);
    }
    if (sec.model_codes) {
      std::string code =
          Upper(Squash(stem).substr(0, 2)) + "-" + std::to_string(100 * (1 + rng() % 9));
      b.products.push_back(code);
    }
    const char* campaigns[] = {"summer", "deals", "launch", "day", "love", "week", "live"};
    b.campaign = Squash(stem) + Pick(rng, campaigns);
    uint32_t index = static_cast<uint32_t>(w.brands.size());
    b.sector = sector;
    sector_of.push_back(sector);
    by_sector[sector].push_back(index);
    w.brands.push_back(std::move(b));
  }
  // Competitors: brands of the same sector close in popularity, so that a
  // deployment tracking a brand usually tracks its competitors too.
  for (uint32_t i = 0; i < w.brands.size(); ++i) {
    const auto& peers = by_sector[sector_of[i]];
    auto at = std::lower_bound(peers.begin(), peers.end(), i) - peers.begin();
    for (int d : {-2, -1, 1, 2}) {
      auto j = at + d;
      if (j >= 0 && j < static_cast<ptrdiff_t>(peers.size())) {
        w.brands[i].competitors.push_back(peers[j]);
      }
    }
  }
  return w;
}

// ------------------------------------------------------------------ topics

namespace {

const char* kComplaints[] = {
    "refund", "broken",      "delay*",  "cancel*",   "\"customer service\"", "scam",
    "worst",  "\"on hold\"", "useless", "complain*", "\"not working\"",      "disappointed"};
const char* kCrisis[] = {"recall",  "outage", "hack*", "breach",  "lawsuit",
                         "boycott", "fraud",  "fire",  "layoff*", "strike"};
const char* kFaults[] = {"crash*", "freez*", "\"not working\"", "overheat*",
                         "dead",   "stuck",  "glitch*",         "bug*"};
const char* kPraise[] = {"love", "loving", "best", "amazing", "great", "recommend*"};
const char* kCompare[] = {"vs",      "versus",         "switch*", "better",
                          "cheaper", "\"instead of\"", "compared"};
const char* kFinance[] = {"shares", "stock", "earnings", "ipo", "dividend", "revenue", "guidance"};
const char* kNetworks[] = {"x", "mastodon", "bluesky", "instagram", "facebook", "linkedin"};
const char* kLanguages[] = {"en", "de", "fr", "es", "pt", "ja", "ar", "ru"};
const char* kSentiments[] = {"negative", "negative", "positive", "neutral"};
const char* kSpellings[] = {"colo?r",       "customi?e", "personali?e",
                            "organi?ation", "cancel?ed", "favo?rite"};

// `k` distinct items of `arr` joined by " OR ", in parentheses when more than one.
template <size_t N>
std::string AnyOf(Rng& rng, const char* const (&arr)[N], size_t k) {
  std::vector<const char*> v(arr, arr + N);
  std::shuffle(v.begin(), v.end(), rng);
  k = std::min(k, N);
  std::string out = k > 1 ? "(" : "";
  for (size_t i = 0; i < k; ++i) out += (i ? " OR " : "") + std::string(v[i]);
  return out + (k > 1 ? ")" : "");
}

std::string AnyOf(Rng& rng, std::vector<std::string> v, size_t k) {
  std::shuffle(v.begin(), v.end(), rng);
  k = std::min(k, v.size());
  std::string out = k > 1 ? "(" : "";
  for (size_t i = 0; i < k; ++i) out += (i ? " OR " : "") + v[i];
  return out + (k > 1 ? ")" : "");
}

bool OneWord(std::string_view s) { return s.find(' ') == std::string_view::npos; }

// How a topic names a brand in text: the word, a phrase, or for a one-word
// ordinary-word name the case-sensitive {Name}.
std::string NameTerm(const Brand& b, Rng& rng) {
  if (!OneWord(b.name)) return "\"" + Lower(b.name) + "\"";
  if (b.common_word) return "{" + b.name + "}";
  return Chance(rng, 0.5) ? b.name : Lower(b.name);
}

std::string ProductTerm(const std::string& p) {
  if (OneWord(p)) return p;  // "KV-300" splits into a phrase by itself
  return "\"" + Lower(p) + "\"";
}

// Brand in text or as an entity, as an OR-group.
std::string BrandAny(const Brand& b, Rng& rng, bool entities) {
  std::vector<std::string> v = {NameTerm(b, rng)};
  if (entities) {
    v.push_back("@" + b.handle);
    if (Chance(rng, 0.7)) v.push_back("#" + b.hashtag);
  }
  if (!b.common_word && Chance(rng, 0.3)) v.push_back(ProductTerm(b.products[0]));
  return AnyOf(rng, v, v.size());
}

// Brand as a NEAR operand: words and phrases only.
std::string BrandNear(const Brand& b, Rng& rng) {
  std::vector<std::string> v = {NameTerm(b, rng)};
  if (Chance(rng, 0.4)) v.push_back(b.handle);  // the handle written without '@'
  if (Chance(rng, 0.3)) v.push_back(ProductTerm(b.products[rng() % b.products.size()]));
  return AnyOf(rng, v, v.size());
}

std::string Aspects(const Brand&, const Sector& sec, Rng& rng, size_t k) {
  std::vector<std::string> v;
  for (const char* a : sec.aspects) {
    std::string s = a;
    v.push_back(s.find('-') != std::string::npos ? "\"" + s + "\"" : s);
  }
  return AnyOf(rng, v, k);
}

// A misspelling with a mid-word or trailing wildcard, keeping most of the
// name so that it does not catch ordinary words: "korv?na", "korv*na",
// "korvan*".
std::string Misspelled(const Brand& b, Rng& rng) {
  std::string s = Squash(b.name);
  switch (s.size() < 6 ? 0 : rng() % 3) {
    case 0: {
      size_t at = 2 + rng() % (s.size() - 2);
      s[at] = '?';
      return s;
    }
    case 1: {
      size_t at = 3 + rng() % (s.size() - 5);
      return s.substr(0, at) + "*" + s.substr(at + 1);
    }
    default:
      return s.substr(0, s.size() - 1) + "*";
  }
}

enum class Kind {
  kMonitor,
  kProduct,
  kComplaint,
  kOrderedNear,
  kCompetitor,
  kProximity,
  kFields,
  kWildcard,
  kFinance,
  kCampaign,
  kCrisis,
  kCaseProduct,
  kSite,
  kAuthor,
  kInfluencers,
};

struct Weighted {
  Kind kind;
  double weight;
};

const Weighted kKinds[] = {
    {Kind::kProduct, 20},    {Kind::kComplaint, 15},  {Kind::kOrderedNear, 6},
    {Kind::kCompetitor, 10}, {Kind::kProximity, 8},   {Kind::kFields, 10},
    {Kind::kWildcard, 8},    {Kind::kFinance, 5},     {Kind::kCampaign, 6},
    {Kind::kCrisis, 8},      {Kind::kCaseProduct, 3}, {Kind::kSite, 0.5},
    {Kind::kAuthor, 2},      {Kind::kInfluencers, 3},
};

Kind PickKind(Rng& rng) {
  double total = 0;
  for (const auto& k : kKinds) total += k.weight;
  double x = std::uniform_real_distribution<double>(0, total)(rng);
  for (const auto& k : kKinds) {
    if ((x -= k.weight) < 0) return k.kind;
  }
  return Kind::kProduct;
}

std::string Exclusions(const Brand& b, Rng& rng) {
  if (b.common_word) {
    const char* nature[] = {"mountain", "hike",  "hiking", "climb*", "sunset",
                            "garden",   "beach", "view",   "walk*",  "photo"};
    return AnyOf(rng, nature, 3 + rng() % 3);
  }
  const char* noise[] = {"job", "jobs", "hiring", "giveaway", "career*", "rt", "win"};
  return AnyOf(rng, noise, 2 + rng() % 3);
}

std::string MakeQuery(Kind kind, const BrandWorld& w, const Brand& b, const Sector& sec, Rng& rng) {
  auto competitor = [&]() -> const Brand& {
    return b.competitors.empty() ? b : w.brands[Pick(rng, b.competitors)];
  };
  switch (kind) {
    case Kind::kMonitor:
      return BrandAny(b, rng, true) + " AND NOT " + Exclusions(b, rng);
    case Kind::kProduct: {
      std::vector<std::string> v;
      for (const auto& p : b.products) v.push_back(ProductTerm(p));
      std::string products = AnyOf(rng, v, 1 + rng() % v.size());
      if (Chance(rng, 0.4)) {  // the compound as people type it: "korvanaair*"
        const std::string& p = b.products[0];
        if (!OneWord(p)) {
          std::string compound = Squash(p.substr(0, p.find(' ', p.find(' ') + 1)));
          products = "(" + products + " OR " + compound + "*)";
        }
      }
      return products + " AND " + Aspects(b, sec, rng, 2 + rng() % 3);
    }
    case Kind::kComplaint:
      return BrandNear(b, rng) + " NEAR/" + std::to_string(3 + rng() % 5) + " " +
             AnyOf(rng, kComplaints, 3 + rng() % 4);
    case Kind::kOrderedNear:
      if (Chance(rng, 0.5)) {
        return ProductTerm(Pick(rng, b.products)) + " NEAR/" + std::to_string(rng() % 4) + "f " +
               AnyOf(rng, kFaults, 2 + rng() % 3);
      }
      return AnyOf(rng, kPraise, 2 + rng() % 3) + " NEAR/" + std::to_string(1 + rng() % 3) + "f " +
             NameTerm(b, rng);
    case Kind::kCompetitor: {
      const Brand& c = competitor();
      std::string others = NameTerm(c, rng);
      if (b.competitors.size() > 1 && Chance(rng, 0.5)) {
        const Brand& d = competitor();
        if (&d != &c) others = "(" + others + " OR " + NameTerm(d, rng) + ")";
      }
      return BrandAny(b, rng, false) + " AND " + others + " AND " + AnyOf(rng, kCompare, 3);
    }
    case Kind::kProximity: {
      std::string name = Lower(OneWord(b.name) ? b.name : b.name.substr(0, b.name.find(' ')));
      const char* what[] = {"refund", "support", "help", "app", "price", "account", "order"};
      std::string q = "\"" + name + " " + Pick(rng, what) + "\"~" + std::to_string(2 + rng() % 5);
      if (Chance(rng, 0.5)) {
        q += " OR \"" + name + " " + sec.aspects[rng() % sec.aspects.size()] + "\"~" +
             std::to_string(2 + rng() % 4);
      }
      return q;
    }
    case Kind::kFields: {
      std::string q = BrandAny(b, rng, true);
      switch (rng() % 4) {
        case 0:
          return q + " AND sentiment:" + Pick(rng, kSentiments);
        case 1:
          return q + " AND language:" + Pick(rng, kLanguages);
        case 2:
          return q + " AND (network:" + Pick(rng, kNetworks) +
                 " OR network:" + Pick(rng, kNetworks) + ")";
        default:
          return q + " AND sentiment:negative AND NOT language:en";
      }
    }
    case Kind::kWildcard: {
      if (Chance(rng, 0.3)) {
        return NameTerm(b, rng) + " AND " + AnyOf(rng, kSpellings, 2 + rng() % 2);
      }
      std::string q = "(" + Misspelled(b, rng) + " OR " + Misspelled(b, rng) + ")";
      return q + " AND NOT " + Exclusions(b, rng);
    }
    case Kind::kFinance:
      if (b.cashtag.empty()) {
        return NameTerm(b, rng) + " AND " + AnyOf(rng, kFinance, 3 + rng() % 3);
      }
      return "$" + b.cashtag + " OR (" + NameTerm(b, rng) + " AND " +
             AnyOf(rng, kFinance, 3 + rng() % 3) + ")";
    case Kind::kCampaign: {
      std::string name = Lower(OneWord(b.name) ? b.name : b.name.substr(0, b.name.find(' ')));
      std::string tail = b.campaign.substr(Squash(name).size());
      return "#" + b.campaign + " OR \"" + name + " " + tail + "\" OR (@" + b.handle +
             " AND (#giveaway OR #contest OR giveaway))";
    }
    case Kind::kCrisis:
      return BrandAny(b, rng, true) + " AND " + AnyOf(rng, kCrisis, 3 + rng() % 4) +
             " AND NOT (rt OR retweet)";
    case Kind::kCaseProduct: {
      const std::string& p = b.products.back();
      return "{" + p + "} OR (" + Squash(p) + " AND " + NameTerm(b, rng) + ")";
    }
    case Kind::kSite:
      return "site:" + b.site + " OR \"" + Lower(b.site) + "\"";
    case Kind::kAuthor:
      return "author:" + b.handle + " AND (launch OR new OR available OR announcing)";
    case Kind::kInfluencers:
      return BrandAny(b, rng, true) + " AND authorFollowers:[10000 TO 100000000]";
  }
  return NameTerm(b, rng);
}

}  // namespace

std::vector<listening::TopicQuery> GenerateTopics(const BrandWorld& world, size_t n,
                                                  uint64_t seed) {
  std::vector<listening::TopicQuery> out;
  out.reserve(n);
  for (size_t i = 0; out.size() < n && i < world.brands.size(); ++i) {
    // Each brand's topics depend only on the seed and the brand, so a smaller
    // set is a prefix of a larger one.
    Rng rng(seed * 1000003 + i);
    const Brand& b = world.brands[i];
    const Sector& sec = Sectors()[b.sector];
    int count = 3 + static_cast<int>(rng() % 5);
    for (int k = 0; k < count && out.size() < n; ++k) {
      Kind kind = k == 0 ? Kind::kMonitor : PickKind(rng);
      out.push_back({static_cast<int64_t>(out.size() + 1), MakeQuery(kind, world, b, sec, rng)});
    }
  }
  return out;
}

// ------------------------------------------------------------------ posts

listening::PostFacts ListeningPost::Facts() const {
  listening::PostFacts f;
  f.text = text;
  f.network = network;
  f.language = language;
  f.author = author;
  f.author_followers = followers;
  f.sentiment = sentiment;
  for (const auto& s : intents) f.intents.push_back(s);
  for (const auto& s : hashtags) f.hashtags.push_back(s);
  for (const auto& s : mentions) f.mentions.push_back(s);
  for (const auto& s : cashtags) f.cashtags.push_back(s);
  for (const auto& s : sites) f.sites.push_back(s);
  return f;
}

namespace {

// {B} brand as written, {P} product, {C} competitor, {H} @handle, {T}
// #hashtag, {$} $cashtag (or the brand), {A} aspect, {K} #campaign.
const char* kBrandPosts[] = {
    "{H} my {P} {A} stopped working after the update, I want a refund",
    "Been on hold with {B} customer service for 40 minutes. Never again #fail",
    "Just switched from {C} to {B} and honestly it's so much better",
    "Is the {P} worth it or should I wait? the {A} looks better on the {C}",
    "Loving my new {P} 😍 the {A} is amazing {T}",
    "{B} is hiring! Community manager job in Leeds, apply below",
    "{$} shares up 4% after earnings beat, {B} raises guidance",
    "{B} outage again?? nothing works since this morning",
    "WIN a {P}! RT and follow {H} to enter {K} #giveaway",
    "{B} vs {C}: which one has the better {A}?",
    "the {A} on my {P} keeps freezing, {H} please help",
    "can't believe {B} cancelled my order without telling me",
    "{B} support was super helpful today, thanks {H}!",
    "new {P} just dropped, anyone tried it yet? {T}",
    "reports of a data breach at {B}, customers told to reset passwords",
    "{B} recall: some {P} units may overheat, check the serial number",
    "my {P} arrived broken, {B} please sort this out",
    "the {P} is overpriced compared to the {C} one",
    "I recommend the {P} to everyone, best {A} I've had",
    "{B} refund still not here after three weeks {H}",
    "Mein {P} ist schon wieder kaputt, {B} hilft überhaupt nicht",
    "Je ne peux plus utiliser mon {P}, merci {B} 😡",
    "El {P} de {B} es increíble, la {A} dura todo el día",
    "Atendimento da {B} péssimo, quero meu dinheiro de volta {H}",
    "{B}の{P}、また壊れました。サポートに連絡しても返事がない",
    "anyone else having {A} problems with {B} today? {T}",
};

const char* kEndings[] = {"🙄", "😡", "😍", "👍", "#help", "!!", "…"};

std::string Misspell(std::string s, Rng& rng) {
  size_t at = 1 + rng() % (s.size() - 1);
  if (Chance(rng, 0.5)) {
    s.insert(at, 1, s[at]);  // a doubled letter
  } else {
    const char* vowels = "aeiou";
    if (std::string_view(vowels).find(s[at]) != std::string_view::npos) {
      s[at] = vowels[rng() % 5];
    }
  }
  return s;
}

std::string WriteBrand(const Brand& b, Rng& rng) {
  double x = std::uniform_real_distribution<double>(0, 1)(rng);
  if (x < 0.70) return b.name;
  if (x < 0.90) return Lower(b.name);
  if (x < 0.95) return Upper(b.name);
  return b.common_word ? b.name : Misspell(b.name, rng);
}

std::string WriteProduct(const Brand& b, Rng& rng) {
  std::string p = Pick(rng, b.products);
  if (Chance(rng, 0.05)) {  // "KorvanaAir"
    p.erase(std::remove(p.begin(), p.end(), ' '), p.end());
  } else if (Chance(rng, 0.15)) {
    p = Lower(p);
  }
  return p;
}

std::string Fill(std::string_view tmpl, const BrandWorld& w, const Brand& b, Rng& rng) {
  std::string out;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{' || i + 2 >= tmpl.size() || tmpl[i + 2] != '}') {
      out += tmpl[i];
      continue;
    }
    char slot = tmpl[i + 1];
    i += 2;
    switch (slot) {
      case 'B':
        out += WriteBrand(b, rng);
        break;
      case 'P':
        out += WriteProduct(b, rng);
        break;
      case 'C':
        out += b.competitors.empty() ? "the old one" : w.brands[Pick(rng, b.competitors)].name;
        break;
      case 'H':
        out += "@" + b.handle;
        break;
      case 'T':
        out += "#" + b.hashtag;
        break;
      case '$':
        out += b.cashtag.empty() ? b.name : "$" + b.cashtag;
        break;
      case 'A': {
        const auto& aspects = Sectors()[b.sector].aspects;
        out += aspects[rng() % aspects.size()];
        break;
      }
      case 'K':
        out += "#" + b.campaign;
        break;
    }
  }
  return out;
}

// Zipf's law (s = 1) over the brands' order.
class Zipf {
 public:
  explicit Zipf(size_t n) : cdf_(n) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) cdf_[i] = sum += 1.0 / static_cast<double>(i + 1);
    for (double& c : cdf_) c /= sum;
  }
  size_t operator()(Rng& rng) const {
    double x = std::uniform_real_distribution<double>(0, 1)(rng);
    return std::min<size_t>(std::lower_bound(cdf_.begin(), cdf_.end(), x) - cdf_.begin(),
                            cdf_.size() - 1);
  }

 private:
  std::vector<double> cdf_;
};

}  // namespace

std::vector<ListeningPost> GenerateListeningPosts(const BrandWorld& world, size_t n,
                                                  double brand_share, uint64_t seed) {
  Rng rng(seed);
  std::vector<Post> general = GeneratePosts(n, seed + 1);
  Zipf zipf(world.brands.size());
  const char* networks[] = {"x", "x", "mastodon", "bluesky", "facebook", "instagram", "linkedin"};
  std::vector<ListeningPost> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    ListeningPost p;
    text::Network network = general[i].network;
    if (Chance(rng, brand_share)) {
      p.brand = static_cast<int>(zipf(rng));
      const Brand& b = world.brands[p.brand];
      p.text = Fill(Pick(rng, kBrandPosts), world, b, rng);
      if (Chance(rng, 0.2)) p.text += std::string(" ") + Pick(rng, kEndings);
      if (Chance(rng, 0.1)) p.text += " https://" + b.site + "/support";
      network = *text::ParseNetwork(Pick(rng, networks));
    } else {
      p.text = std::move(general[i].text);
      if (Chance(rng, 0.05)) {  // an ordinary word that is also a brand name
        p.text = Pick(rng, kCommonUses);
        p.text.replace(p.text.find("%s"), 2, Lower(Pick(rng, kCommonNames)));
      }
    }
    // Enriched as on the ingest path (engine::Processor::Enriched).
    engine::Mention m;
    m.network = network;
    m.text = p.text;
    engine::ProcessedMention e = engine::Processor::Enriched(std::move(m));
    p.network = std::string(text::NetworkName(network));
    p.language = std::move(e.language);
    p.sentiment = std::move(e.sentiment_label);
    p.intents = std::move(e.intents);
    p.hashtags = std::move(e.hashtags);
    p.mentions = std::move(e.mentioned);
    p.cashtags = std::move(e.cashtags);
    p.sites = std::move(e.sites);
    p.author = "user" + std::to_string(rng() % 500000);
    if (p.brand >= 0 && Chance(rng, 0.03)) p.author = world.brands[p.brand].handle;
    p.followers =
        static_cast<int64_t>(std::exp(std::uniform_real_distribution<double>(2, 14)(rng)));
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace dandelion::bench
