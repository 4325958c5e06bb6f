#include "routing/rules.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "enrich/intent.h"
#include "listening/query.h"
#include "text/network.h"

namespace dandelion::routing {
namespace {

// The intents the classifier knows, each a bit of a mask.
const std::vector<std::string>& IntentNames() {
  static const std::vector<std::string> names = enrich::IntentClassifier::Default().Intents();
  return names;
}

std::optional<int> IntentBit(std::string_view name) {
  const auto& names = IntentNames();
  for (size_t i = 0; i < names.size() && i < 64; ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::string Joined(const std::vector<std::string>& v, std::string_view sep = " or ") {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

template <typename T>
std::string JoinedIds(const std::vector<T>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ", ") + fmt::format("{}", x);
  return out;
}

bool Intersects(const std::vector<int64_t>& sorted_a, const std::vector<int64_t>& sorted_b) {
  auto a = sorted_a.begin();
  auto b = sorted_b.begin();
  while (a != sorted_a.end() && b != sorted_b.end()) {
    if (*a == *b) return true;
    if (*a < *b) ++a;
    else ++b;
  }
  return false;
}

bool AnyOf(const std::vector<std::string>& wanted, std::string_view have) {
  return std::find(wanted.begin(), wanted.end(), have) != wanted.end();
}

bool WellFormedLanguage(std::string_view code) {
  if (code.size() < 2 || code.size() > 3) return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool WellFormedTag(std::string_view tag) {
  if (tag.empty() || tag.size() > 40) return false;
  return std::all_of(tag.begin(), tag.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

Status ValidateList(const std::vector<std::string>& values, std::string_view field,
                    bool (*ok)(std::string_view), std::string_view what) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (!ok(values[i])) {
      return InvalidArgument(fmt::format("'{}' is not {}", values[i], what),
                             fmt::format("{}[{}]", field, i));
    }
  }
  if (values.size() > 50) return InvalidArgument("at most 50 values", std::string(field));
  return Status::Ok();
}

}  // namespace

Status ValidateRule(const domain::RoutingRule& rule) {
  if (rule.name.empty() || rule.name.size() > 100) {
    return InvalidArgument("a rule's name is 1 to 100 bytes", "name");
  }
  const domain::RoutingCondition& w = rule.when;
  for (const auto& [v, field] : {std::pair{w.sentiment_min, "when.sentiment_min"},
                                 std::pair{w.sentiment_max, "when.sentiment_max"}}) {
    if (v && !(std::isfinite(*v) && *v >= -1 && *v <= 1)) {
      return InvalidArgument("sentiment is a VADER compound score, from -1 to 1", field);
    }
  }
  if (w.sentiment_min && w.sentiment_max && *w.sentiment_min > *w.sentiment_max) {
    return InvalidArgument(fmt::format("no sentiment is at least {} and at most {}",
                                       *w.sentiment_min, *w.sentiment_max),
                           "when.sentiment_max");
  }
  if (w.followers_min && *w.followers_min < 0) {
    return InvalidArgument("followers cannot be negative", "when.followers_min");
  }
  if (w.followers_max && *w.followers_max < 0) {
    return InvalidArgument("followers cannot be negative", "when.followers_max");
  }
  if (w.followers_min && w.followers_max && *w.followers_min > *w.followers_max) {
    return InvalidArgument(fmt::format("no author has at least {} and at most {} followers",
                                       *w.followers_min, *w.followers_max),
                           "when.followers_max");
  }
  for (size_t i = 0; i < w.intents.size(); ++i) {
    if (!IntentBit(w.intents[i])) {
      return InvalidArgument(fmt::format("unknown intent '{}' (known: {})", w.intents[i],
                                         Joined(IntentNames(), ", ")),
                             fmt::format("when.intents[{}]", i));
    }
  }
  for (size_t i = 0; i < w.networks.size(); ++i) {
    auto n = text::ParseNetwork(w.networks[i]);
    if (!n || text::NetworkName(*n) != w.networks[i]) {
      return InvalidArgument(fmt::format("unknown network '{}'", w.networks[i]),
                             fmt::format("when.networks[{}]", i));
    }
  }
  DND_RETURN_IF_ERROR(ValidateList(w.languages, "when.languages", WellFormedLanguage,
                                   "an ISO 639 language code (two or three lower-case letters)"));
  DND_RETURN_IF_ERROR(ValidateList(w.contact_tiers, "when.contact_tiers", WellFormedTag,
                                   "a tier (lower-case letters, digits, - and _)"));
  DND_RETURN_IF_ERROR(ValidateList(w.contact_tags, "when.contact_tags", WellFormedTag,
                                   "a tag (lower-case letters, digits, - and _)"));
  DND_RETURN_IF_ERROR(
      ValidateList(rule.then.tags, "then.tags", WellFormedTag, "a tag (lower-case letters, digits, - and _)"));
  if (w.topics.size() > 50) return InvalidArgument("at most 50 topics", "when.topics");
  if (w.channels.size() > 50) return InvalidArgument("at most 50 channels", "when.channels");
  if (!w.keywords.empty()) {
    auto q = listening::ParseQuery(w.keywords);
    if (!q.ok()) return InvalidArgument(q.status().message(), "when.keywords");
  }
  if (rule.then.auto_reply.size() > 2000) {
    return InvalidArgument("an acknowledgement is at most 2,000 bytes", "then.auto_reply");
  }
  if (rule.then.ignore && (!rule.then.auto_reply.empty() || rule.then.sla_policy_id)) {
    return InvalidArgument("a rule that ignores mentions makes no case to acknowledge or time",
                           rule.then.auto_reply.empty() ? "then.sla_policy_id" : "then.auto_reply");
  }
  return Status::Ok();
}

// One rule, laid out for evaluation.
struct CompiledRule {
  domain::RoutingRule rule;
  std::vector<int64_t> topics;    // sorted
  std::vector<int64_t> channels;  // sorted
  uint64_t intents = 0;           // bits of IntentNames()
  bool has_keywords = false;
};

struct RuleSet::Impl {
  std::vector<CompiledRule> rules;
  std::unordered_map<int64_t, std::vector<const CompiledRule*>> chains;  // unit → its chain
  std::shared_ptr<const listening::TopicSet> keywords;  // topic id = rule id
};

RuleSet::RuleSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RuleSet::~RuleSet() = default;
size_t RuleSet::rule_count() const { return impl_->rules.size(); }

std::shared_ptr<const RuleSet> RuleSet::Compile(
    std::vector<domain::RoutingRule> rules, const std::unordered_map<int64_t, int64_t>& parent_of,
    std::vector<std::string>* errors) {
  auto impl = std::make_unique<Impl>();
  std::vector<listening::TopicQuery> queries;
  for (auto& r : rules) {
    if (!r.enabled) continue;
    if (!r.when.keywords.empty()) queries.push_back({.id = r.id, .query = r.when.keywords});
  }
  std::vector<listening::CompileError> bad;
  impl->keywords = listening::TopicSet::Compile(queries, &bad);
  auto failed = [&bad](int64_t id) {
    return std::any_of(bad.begin(), bad.end(), [id](const auto& e) { return e.topic_id == id; });
  };
  for (const auto& e : bad) {
    if (errors) errors->push_back(fmt::format("rule {}: {}", e.topic_id, e.message));
  }
  for (auto& r : rules) {
    if (!r.enabled || failed(r.id)) continue;
    CompiledRule c;
    c.topics = r.when.topics;
    std::sort(c.topics.begin(), c.topics.end());
    c.channels = r.when.channels;
    std::sort(c.channels.begin(), c.channels.end());
    for (const auto& i : r.when.intents) {
      if (auto bit = IntentBit(i)) c.intents |= uint64_t{1} << *bit;
    }
    c.has_keywords = !r.when.keywords.empty();
    c.rule = std::move(r);
    impl->rules.push_back(std::move(c));
  }
  // A unit's own rules by position (then id), then its parent's, … .
  std::stable_sort(impl->rules.begin(), impl->rules.end(), [](const auto& a, const auto& b) {
    if (a.rule.unit_id != b.rule.unit_id) return a.rule.unit_id < b.rule.unit_id;
    if (a.rule.position != b.rule.position) return a.rule.position < b.rule.position;
    return a.rule.id < b.rule.id;
  });
  std::unordered_map<int64_t, std::vector<const CompiledRule*>> own;
  for (const auto& c : impl->rules) own[c.rule.unit_id].push_back(&c);
  std::vector<int64_t> units;
  for (const auto& [u, p] : parent_of) units.push_back(u);
  for (const auto& [u, list] : own) units.push_back(u);
  for (int64_t u : units) {
    if (impl->chains.count(u)) continue;
    std::vector<const CompiledRule*> chain;
    int64_t at = u;
    for (size_t hops = 0; at != 0 && hops <= parent_of.size() + 1; ++hops) {
      if (auto it = own.find(at); it != own.end()) chain.insert(chain.end(), it->second.begin(), it->second.end());
      auto p = parent_of.find(at);
      at = p == parent_of.end() ? 0 : p->second;
    }
    impl->chains.emplace(u, std::move(chain));
  }
  return std::shared_ptr<const RuleSet>(new RuleSet(std::move(impl)));
}

namespace {

uint64_t IntentMask(const MentionFacts& f) {
  uint64_t m = 0;
  for (std::string_view i : f.post.intents) {
    if (auto bit = IntentBit(i)) m |= uint64_t{1} << *bit;
  }
  return m;
}

// Why `c` does not take the mention ("" when it does). `keyword_hit` is
// asked only when every cheaper condition held.
template <typename KeywordHit>
std::string WhyNot(const CompiledRule& c, const MentionFacts& f, uint64_t intents,
                   KeywordHit&& keyword_hit, bool explain) {
  const domain::RoutingCondition& w = c.rule.when;
  auto no = [explain](auto&& make) { return explain ? make() : std::string("x"); };
  if (!c.topics.empty() && !Intersects(c.topics, f.topic_ids)) {
    return no([&] { return fmt::format("it matched none of the topics {}", JoinedIds(c.topics)); });
  }
  if (!c.channels.empty() && !Intersects(c.channels, f.channel_ids)) {
    return no([&] { return fmt::format("it is addressed to none of the channels {}", JoinedIds(c.channels)); });
  }
  if (c.intents != 0 && (c.intents & intents) == 0) {
    return no([&] {
      std::string have;
      for (auto i : f.post.intents) have += (have.empty() ? "" : ", ") + std::string(i);
      return fmt::format("its intents ({}) include none of {}", have.empty() ? "none" : have,
                         Joined(w.intents));
    });
  }
  if (w.sentiment_min && f.sentiment < *w.sentiment_min) {
    return no([&] { return fmt::format("its sentiment {:.2f} is below {}", f.sentiment, *w.sentiment_min); });
  }
  if (w.sentiment_max && f.sentiment > *w.sentiment_max) {
    return no([&] { return fmt::format("its sentiment {:.2f} is above {}", f.sentiment, *w.sentiment_max); });
  }
  if (!w.languages.empty() && !AnyOf(w.languages, f.post.language)) {
    return no([&] { return fmt::format("its language is {}, not {}", f.post.language, Joined(w.languages)); });
  }
  if (!w.networks.empty() && !AnyOf(w.networks, f.post.network)) {
    return no([&] { return fmt::format("it is from {}, not {}", f.post.network, Joined(w.networks)); });
  }
  if (w.followers_min && f.post.author_followers.value_or(0) < *w.followers_min) {
    return no([&] {
      return f.post.author_followers
                 ? fmt::format("its author has {} followers, fewer than {}", *f.post.author_followers, *w.followers_min)
                 : fmt::format("its author's followers are not known (at least {} asked)", *w.followers_min);
    });
  }
  if (w.followers_max && f.post.author_followers && *f.post.author_followers > *w.followers_max) {
    return no([&] {
      return fmt::format("its author has {} followers, more than {}", *f.post.author_followers, *w.followers_max);
    });
  }
  if (!w.contact_tiers.empty() && !AnyOf(w.contact_tiers, f.contact_tier)) {
    return no([&] {
      return fmt::format("the contact's tier is {}, not {}",
                         f.contact_tier.empty() ? "not set" : std::string(f.contact_tier), Joined(w.contact_tiers));
    });
  }
  if (!w.contact_tags.empty() &&
      std::none_of(f.contact_tags.begin(), f.contact_tags.end(),
                   [&](std::string_view t) { return AnyOf(w.contact_tags, t); })) {
    return no([&] { return fmt::format("the contact has none of the tags {}", Joined(w.contact_tags)); });
  }
  if (c.has_keywords && !keyword_hit(c.rule.id)) {
    return no([&] { return fmt::format("its text does not match the keywords {}", w.keywords); });
  }
  return {};
}

}  // namespace

std::vector<Verdict> RuleSet::Explain(int64_t unit_id, const MentionFacts& facts,
                                      Scratch& s) const {
  std::vector<Verdict> out;
  auto chain = impl_->chains.find(unit_id);
  if (chain == impl_->chains.end()) return out;
  s.matched_valid_ = false;
  const uint64_t intents = IntentMask(facts);
  auto keyword_hit = [&](int64_t rule_id) {
    if (!s.matched_valid_) {
      s.matcher_.Match(*impl_->keywords, facts.post, s.matched_);
      s.matched_valid_ = true;
    }
    return std::binary_search(s.matched_.begin(), s.matched_.end(), rule_id);
  };
  for (const CompiledRule* c : chain->second) {
    std::string why = WhyNot(*c, facts, intents, keyword_hit, true);
    out.push_back({.rule_id = c->rule.id, .unit_id = c->rule.unit_id, .took = why.empty(), .reason = why});
    if (why.empty()) break;
  }
  return out;
}

const domain::RoutingRule* RuleSet::Route(int64_t unit_id, const MentionFacts& facts,
                                          Scratch& s) const {
  auto chain = impl_->chains.find(unit_id);
  if (chain == impl_->chains.end()) return nullptr;
  s.matched_valid_ = false;
  const uint64_t intents = IntentMask(facts);
  auto keyword_hit = [&](int64_t rule_id) {
    if (!s.matched_valid_) {
      s.matcher_.Match(*impl_->keywords, facts.post, s.matched_);
      s.matched_valid_ = true;
    }
    return std::binary_search(s.matched_.begin(), s.matched_.end(), rule_id);
  };
  for (const CompiledRule* c : chain->second) {
    if (WhyNot(*c, facts, intents, keyword_hit, false).empty()) return &c->rule;
  }
  return nullptr;
}

Scratch::Scratch() = default;
Scratch::~Scratch() = default;

RuleRegistry::RuleRegistry() : set_(RuleSet::Compile({}, {}, nullptr)) {}

std::shared_ptr<const RuleSet> RuleRegistry::Current() const {
  std::lock_guard lock(mu_);
  return set_;
}

void RuleRegistry::Replace(std::shared_ptr<const RuleSet> set) {
  std::lock_guard lock(mu_);
  set_ = std::move(set);
}

}  // namespace dandelion::routing
