#include "service/listening/stored_mention.h"

#include <algorithm>

#include "listening/matcher.h"
#include "text/entities.h"
#include "text/network.h"

namespace dandelion::service {
namespace {

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

}  // namespace

std::vector<std::string> SplitList(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size() && !s.empty()) {
    size_t j = s.find(sep, i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

engine::ProcessedMention FromStored(const domain::StoredMention& m) {
  engine::ProcessedMention p;
  p.mention.network = text::ParseNetwork(m.network).value_or(text::Network::kOther);
  p.mention.external_id = m.external_id;
  p.mention.text = m.text;
  p.mention.created_at_ms = m.created_at_ms;
  p.mention.author.handle = m.author_handle;
  p.mention.author.display_name = m.author_name;
  p.mention.author.followers = m.author_followers;
  p.language = m.language;
  p.sentiment = m.sentiment;
  p.sentiment_label = m.sentiment_label;
  p.intents = SplitList(m.intents, ',');
  p.hashtags = SplitList(m.hashtags, ' ');
  p.mentioned = SplitList(m.mentioned, ' ');
  for (auto& e : text::ExtractEntities(std::string_view(m.text))) {
    if (e.type == text::EntityType::kMention || e.type == text::EntityType::kList) {
      if (std::find(p.mentioned.begin(), p.mentioned.end(), e.value) == p.mentioned.end()) {
        p.mentioned.push_back(std::move(e.value));
      }
    } else if (e.type == text::EntityType::kCashtag) {
      p.cashtags.push_back(std::move(e.value));
    } else if (e.type == text::EntityType::kUrl) {
      p.sites.push_back(engine::LinkHost(e.value));
    }
  }
  return p;
}

domain::RollupRow RollupOf(const domain::StoredMention& m, int64_t topic_id, int64_t unit_id) {
  std::string intent = m.intents.substr(0, m.intents.find(','));
  return domain::RollupRow{topic_id,
                           unit_id,
                           HourOf(m.created_at_ms),
                           m.network,
                           m.sentiment_label,
                           intent.empty() ? "none" : intent,
                           m.language,
                           1};
}

domain::StoredMention ToStored(const engine::ProcessedMention& p, int64_t ingested_at_ms) {
  domain::StoredMention m;
  m.network = std::string(text::NetworkName(p.mention.network));
  m.external_id = p.mention.external_id;
  m.author_handle = p.mention.author.handle;
  m.author_name = p.mention.author.display_name;
  m.author_followers = p.mention.author.followers;
  m.text = p.mention.text;
  m.url = p.mention.url;
  m.created_at_ms = p.mention.created_at_ms;
  m.ingested_at_ms = ingested_at_ms;
  m.language = p.language;
  m.sentiment = p.sentiment;
  m.sentiment_label = p.sentiment_label;
  m.intents = Join(p.intents, ",");
  m.hashtags = Join(p.hashtags, " ");
  m.mentioned = Join(p.mentioned, " ");
  m.pii = p.pii;
  m.reply_to = p.mention.reply_to;
  return m;
}

std::vector<MentionView> WithHighlights(const domain::Topic& topic,
                                        std::vector<domain::StoredMention> mentions) {
  auto set = listening::TopicSet::Compile({{topic.id, topic.query}}, nullptr);
  listening::Matcher matcher;
  std::vector<int64_t> hits;
  std::vector<MentionView> out;
  for (auto& m : mentions) {
    engine::ProcessedMention p = FromStored(m);
    auto facts = engine::FactsOf(p);
    matcher.Match(*set, facts, hits);
    MentionView v{std::move(m), {}};
    if (!hits.empty()) v.highlights = matcher.Highlights(*set, facts, topic.id);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace dandelion::service
