#include "engine/pipeline.h"

#include <algorithm>

#include "enrich/enrich.h"

namespace dandelion::engine {
std::string LinkHost(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  size_t end = url.find_first_of("/:?#");
  if (end != std::string_view::npos) url = url.substr(0, end);
  size_t at = url.rfind('@');
  if (at != std::string_view::npos) url.remove_prefix(at + 1);
  std::string host(url);
  for (char& c : host) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return host;
}

TopicSnapshot TopicSnapshot::Of(std::shared_ptr<const listening::TopicSet> set) {
  TopicSnapshot s;
  s.set = std::move(set);
  return s;
}

void TopicSnapshot::Match(listening::Matcher& base, listening::Matcher& changed,
                          const listening::PostFacts& facts, std::vector<int64_t>& out) const {
  base.Match(*set, facts, out);
  if (!stale.empty()) {
    std::erase_if(out, [&](int64_t id) { return std::binary_search(stale.begin(), stale.end(), id); });
  }
  if (changes == nullptr) return;
  thread_local std::vector<int64_t> more;  // no allocation per post
  changed.Match(*changes, facts, more);
  if (more.empty()) return;
  // A topic is in one layer or the other (its base copy is stale).
  out.insert(out.end(), more.begin(), more.end());
  std::sort(out.begin(), out.end());
}

TopicRegistry::TopicRegistry() {
  TopicSnapshot empty = TopicSnapshot::Of(listening::TopicSet::Compile({}, nullptr));
  current_ = std::make_shared<const TopicSnapshot>(std::move(empty));
}

std::shared_ptr<const TopicSnapshot> TopicRegistry::Current() const {
  std::lock_guard lock(mu_);
  return current_;
}

int64_t TopicRegistry::Swap(TopicSnapshot next) {
  std::lock_guard lock(mu_);
  next.version = current_->version + 1;
  current_ = std::make_shared<const TopicSnapshot>(std::move(next));
  return current_->version;
}

listening::PostFacts FactsOf(const ProcessedMention& m) {
  listening::PostFacts f;
  f.text = m.mention.text;
  f.network = text::NetworkName(m.mention.network);
  f.language = m.language;
  f.author = m.mention.author.handle;
  f.author_followers = m.mention.author.followers;
  f.sentiment = m.sentiment_label;
  for (const auto& s : m.intents) f.intents.push_back(s);
  for (const auto& s : m.hashtags) f.hashtags.push_back(s);
  for (const auto& s : m.mentioned) f.mentions.push_back(s);
  for (const auto& s : m.cashtags) f.cashtags.push_back(s);
  for (const auto& s : m.sites) f.sites.push_back(s);
  return f;
}

ProcessedMention Processor::ProcessMention(Mention mention, const TopicSnapshot& topics) {
  ProcessedMention p = Enriched(std::move(mention));
  topics.Match(matcher_, changes_matcher_, FactsOf(p), p.topics);
  return p;
}

ProcessedMention Processor::Enriched(Mention mention) {
  ProcessedMention p;
  // A published post's length against its network's limit is of no use here.
  enrich::Enrichment e =
      enrich::Enrich(mention.text, mention.network, {.measure_length = false});
  p.language = e.language.code;
  p.sentiment = e.sentiment.compound;
  p.sentiment_label = std::string(sentiment::LabelName(e.sentiment_label));
  for (auto& i : e.intents) p.intents.push_back(std::move(i.intent));
  for (auto& ent : e.entities) {
    switch (ent.type) {
      case text::EntityType::kHashtag:
        p.hashtags.push_back(std::move(ent.value));
        break;
      case text::EntityType::kMention:
      case text::EntityType::kList:
        p.mentioned.push_back(std::move(ent.value));
        break;
      case text::EntityType::kCashtag:
        p.cashtags.push_back(std::move(ent.value));
        break;
      case text::EntityType::kUrl:
        p.sites.push_back(LinkHost(ent.value));
        break;
    }
  }
  // The network's own hashtags and mentions count too (a Bluesky facet's tag
  // need not be spelled with '#' in the text).
  for (const auto& h : mention.hashtags) {
    if (std::find(p.hashtags.begin(), p.hashtags.end(), h) == p.hashtags.end()) {
      p.hashtags.push_back(h);
    }
  }
  for (const auto& h : mention.mentioned) {
    if (std::find(p.mentioned.begin(), p.mentioned.end(), h) == p.mentioned.end()) {
      p.mentioned.push_back(h);
    }
  }
  p.pii = static_cast<int>(e.pii.size());
  if (e.invalid_utf8 > 0) mention.text = std::move(e.text);
  p.mention = std::move(mention);
  return p;
}

ProcessedBatch Processor::Process(std::span<const std::string_view> lines, int64_t first_line,
                                  const TopicSnapshot& topics, std::optional<Format> format) {
  ProcessedBatch out;
  out.lines = static_cast<int64_t>(lines.size());
  out.topics_version = topics.store_version;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto mentions = format ? Normalize(*format, line) : NormalizeAny(line);
    if (!mentions.ok()) {
      out.rejected.push_back({first_line + static_cast<int64_t>(i),
                              std::string(ErrorReason(mentions.status())),
                              mentions.status().message()});
      continue;
    }
    for (auto& m : *mentions) out.mentions.push_back(ProcessMention(std::move(m), topics));
  }
  return out;
}

}  // namespace dandelion::engine
