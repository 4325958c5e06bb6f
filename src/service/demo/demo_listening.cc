#include "service/demo/demo_listening.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

#include "store/listening/listening_repos.h"

namespace dandelion::service {
namespace {

constexpr int64_t kHourMs = 3600 * 1000LL;

struct Template {
  const char* lang;
  const char* text;  // {p} product, {c} city, {h} hashtag
};

// Kinds of post with their share of the stream.
const std::vector<Template> kComplaints = {
    {"en", "My Acme router is down again, third time this week. Not working at all. @AcmeHelp"},
    {"en", "Acme billing charged me twice this month. I want a refund! #fail"},
    {"en", "Still waiting for Acme support to call back, 3 days now. Terrible service."},
    {"en", "The Lumo phone battery dies by noon. Really disappointed with @Acme"},
    {"en", "Acme app keeps crashing after the update, can't log in #acme"},
    {"de", "Mein Acme Router ist schon wieder kaputt und der Kundendienst antwortet nicht."},
    {"fr", "Le service client Acme ne répond pas, très déçu de ma box."},
    {"es", "El router de Acme no funciona desde ayer, pésimo servicio."},
};
const std::vector<Template> kQuestions = {
    {"en", "Does anyone know if the Lumo phone supports eSIM? @Acme"},
    {"en", "How do I reset my Acme router password? The manual is no help"},
    {"en", "Is the Acme store in {c} open on Sunday?"},
    {"de", "Weiß jemand, wie man beim Acme Router das WLAN Passwort ändert?"},
};
const std::vector<Template> kPraise = {
    {"en", "Love my new Lumo phone from @Acme, the camera is amazing! #lumophone"},
    {"en", "Shout out to the Acme store staff in {c}, super helpful and fast checkout"},
    {"en", "Acme support fixed my issue in five minutes. Great service, thank you!"},
    {"en", "The Lumo phone camera is brilliant, best photos I have ever taken #lumophone"},
    {"de", "Das neue Lumo Handy von Acme ist wirklich super, toller Akku!"},
    {"fr", "J'adore mon nouveau téléphone Lumo, merci Acme !"},
};
const std::vector<Template> kPurchase = {
    {"en", "Thinking about buying the Lumo phone, is it worth it? Any discount codes? @Acme"},
    {"en", "Where can I buy the Lumo phone in {c}? Want to order one today"},
    {"en", "Ready to switch to Acme, how much is the family plan? #acme"},
    {"es", "¿Dónde puedo comprar el teléfono Lumo de Acme? Quiero uno"},
};
const std::vector<Template> kCompetitor = {
    {"en", "Switched from Acme to Globex, their phones are cheaper #globex"},
    {"en", "Globex router vs Acme router, which one is better?"},
    {"en", "Globex customer service was great today, impressed #globex"},
    {"en", "Globex just launched a new phone, looks like a copy of the Lumo"},
};
const std::vector<Template> kJobs = {
    {"en", "Acme is hiring! Join our team in {c} as a retail associate #jobs #acmecareers"},
    {"en", "Just had my interview at Acme, fingers crossed for the job!"},
    {"de", "Acme sucht Verstärkung im Kundendienst in Berlin #jobs"},
};
const std::vector<Template> kPress = {
    {"en", "Acme announces record quarter, Lumo phone sales up 40% (press release)"},
    {"en", "Journalist here: looking for a comment from Acme about the outage, please DM"},
};
const std::vector<Template> kOutage = {
    {"en", "Acme internet outage in {c}? Everything is down! @AcmeHelp"},
    {"en", "Is Acme down for everyone? No internet since this morning #acmedown"},
    {"en", "Acme outage again. Working from home is impossible. Terrible. #acmedown"},
    {"en", "Third hour without internet, @Acme what is going on? #acmedown"},
    {"de", "Acme Störung in Berlin, Internet seit Stunden weg #acmedown"},
};

const char* kCities[] = {"London", "Manchester", "Dublin",  "Berlin", "Munich", "Vienna",
                         "Zurich", "New York",   "Chicago", "Madrid", "Paris"};
const char* kNetworks[] = {"x", "x", "mastodon", "bluesky", "bluesky"};
const char* kFirst[] = {"kim",  "alex",  "sam", "maria", "jonas", "lea", "tom", "nina",
                        "omar", "sofia", "li",  "ana",   "ben",   "eva", "raj", "mia"};

std::string Fill(std::string text, std::mt19937& rng) {
  size_t at = text.find("{c}");
  if (at != std::string::npos) {
    text.replace(at, 3, kCities[std::uniform_int_distribution<size_t>(0, 10)(rng)]);
  }
  return text;
}

}  // namespace

std::vector<DemoTopic> DemoTopics() {
  return {
      {"hub", "Acme brand", "acme OR #acme OR @acme OR @acmehelp"},
      {"hub", "Competitor: Globex", "globex OR #globex"},
      {"consumer", "Lumo phone", "lumo OR #lumophone"},
      {"consumer", "Purchase intent", "(acme OR lumo) AND intent:purchase"},
      {"support", "Outages and complaints",
       "(acme OR @acmehelp) AND (outage OR down OR broken OR \"not working\" OR refund* OR "
       "kaputt OR #acmedown)"},
      {"support", "Support questions", "(acme OR lumo) AND intent:question"},
      {"retail", "Store experience", "acme NEAR/6 (store OR staff OR checkout OR shop)"},
      {"hr", "Employer brand", "acme AND (hiring OR job* OR interview OR #acmecareers)"},
      {"emea-dach", "Acme in German", "acme AND language:de"},
      {"emea-uki", "UK & Ireland", "acme AND (london OR manchester OR dublin)"},
  };
}

std::vector<std::string> DemoStream(int64_t now_ms, int count, uint32_t seed) {
  std::mt19937 rng(seed);
  const int64_t start = (now_ms / kHourMs - 24 * 7) * kHourMs;
  const int64_t spike_hour = (now_ms / kHourMs - 5) * kHourMs;
  struct Kind {
    const std::vector<Template>* templates;
    int weight;
  };
  const Kind kinds[] = {{&kComplaints, 18}, {&kQuestions, 12}, {&kPraise, 22}, {&kPurchase, 10},
                        {&kCompetitor, 14}, {&kJobs, 8},       {&kPress, 3}};
  std::vector<int> weights;
  for (const auto& k : kinds) weights.push_back(k.weight);
  std::discrete_distribution<int> pick_kind(weights.begin(), weights.end());
  const int spike_posts = std::max(40, count / 20);
  const int steady = count - spike_posts;
  struct Item {
    int64_t at;
    const Template* t;
  };
  std::vector<Item> items;
  std::uniform_int_distribution<int64_t> when(start, now_ms - 1);
  for (int i = 0; i < steady; ++i) {
    const auto& list = *kinds[pick_kind(rng)].templates;
    items.push_back(
        {when(rng), &list[std::uniform_int_distribution<size_t>(0, list.size() - 1)(rng)]});
  }
  std::uniform_int_distribution<int64_t> in_spike(spike_hour, spike_hour + kHourMs - 1);
  for (int i = 0; i < spike_posts; ++i) {
    items.push_back({in_spike(rng),
                     &kOutage[std::uniform_int_distribution<size_t>(0, kOutage.size() - 1)(rng)]});
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.at < b.at; });
  std::vector<std::string> out;
  int n = 0;
  for (const auto& item : items) {
    ++n;
    std::string who = fmt::format("{}{}", kFirst[std::uniform_int_distribution<size_t>(0, 15)(rng)],
                                  std::uniform_int_distribution<int>(1, 400)(rng));
    const char* network = kNetworks[std::uniform_int_distribution<size_t>(0, 4)(rng)];
    std::string handle = std::string(network) == "mastodon"  ? who + "@social.example"
                         : std::string(network) == "bluesky" ? who + ".bsky.social"
                                                             : who;
    nlohmann::json j = {{"network", network},
                        {"id", fmt::format("demo-{}", n)},
                        {"text", Fill(item.t->text, rng)},
                        {"created_at", item.at},
                        {"lang", item.t->lang},
                        {"author",
                         {{"id", "u-" + who},
                          {"handle", handle},
                          {"name", who},
                          {"followers", std::uniform_int_distribution<int>(3, 60000)(rng)}}}};
    out.push_back(j.dump());
  }
  return out;
}

Result<IngestReport> SeedDemoListening(store::Store& store, ListeningServices& listening,
                                       const Clock& clock, int posts) {
  auto existing = listening.runtime.ReloadTopics();
  if (!existing.ok()) return existing.status();
  if (!listening.runtime.registry().Current()->queries.empty()) {
    return FailedPrecondition("the store already has topics");
  }
  int64_t stored = 0;
  DND_RETURN_IF_ERROR(store.Read([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(stored, store::Listening(repos).mentions().Count());
    return Status::Ok();
  }));
  if (stored > 0) return FailedPrecondition("the store already has mentions");
  for (const auto& t : DemoTopics()) {
    DND_RETURN_IF_ERROR(listening.topics.CreateTopicAsSystem(t.unit, t.name, t.query).status());
  }
  std::vector<std::string> lines = DemoStream(clock.NowMs(), posts);
  IngestReport total;
  constexpr size_t kBatch = 500;
  for (size_t i = 0; i < lines.size(); i += kBatch) {
    std::vector<std::string_view> batch;
    for (size_t j = i; j < std::min(lines.size(), i + kBatch); ++j) batch.push_back(lines[j]);
    DND_ASSIGN_OR_RETURN(auto report, listening.ingest.IngestLines(batch));
    total.Add(report);
  }
  return total;
}

}  // namespace dandelion::service
