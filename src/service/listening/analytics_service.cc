#include "service/listening/analytics_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "service/listening/stored_mention.h"
#include "store/listening/listening_repos.h"

namespace dandelion::service {
namespace {

using domain::Action;
using domain::Principal;

// What a topic that does not exist answers, and so also one outside the
// caller's view (the same words as the store's).
Status NoTopic(int64_t id) { return NotFound(fmt::format("no topic with id {}", id)); }

std::vector<Count> Top(const std::map<std::string, int64_t>& counts, size_t n) {
  std::vector<Count> out;
  for (const auto& [k, v] : counts) out.push_back({k, v});
  std::stable_sort(out.begin(), out.end(),
                   [](const Count& a, const Count& b) { return a.count > b.count; });
  if (out.size() > n) out.resize(n);
  return out;
}

}  // namespace

Result<MentionPage> AnalyticsService::Mentions(const Principal& who, int64_t topic_id,
                                               const std::string& cursor, int limit) {
  int64_t before_ms = 0, before_id = 0;
  if (!cursor.empty()) {
    size_t colon = cursor.find(':');
    char* end = nullptr;
    before_ms = std::strtoll(cursor.c_str(), &end, 10);
    if (colon == std::string::npos || end != cursor.c_str() + colon) {
      return InvalidArgument("bad cursor", "cursor");
    }
    before_id = std::strtoll(cursor.c_str() + colon + 1, &end, 10);
    if (*end != '\0') return InvalidArgument("bad cursor", "cursor");
  }
  limit = std::clamp(limit, 1, 200);
  domain::Topic topic;
  std::vector<domain::StoredMention> rows;
  DND_RETURN_IF_ERROR(access_.Read(who, fmt::format("topic:{}", topic_id), [&](Scope& s) -> Status {
    auto& listening = store::Listening(s.tx);
    DND_ASSIGN_OR_RETURN(topic, listening.topics().Get(topic_id));
    DND_RETURN_IF_ERROR(s.AllowOrHide(Action::kViewListening, Action::kViewListening, topic.unit_id,
                                      NoTopic(topic_id)));
    DND_ASSIGN_OR_RETURN(rows,
                         listening.mentions().ForTopic(topic_id, before_ms, before_id, limit + 1));
    return Status::Ok();
  }));
  MentionPage page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(limit);
    page.next = fmt::format("{}:{}", rows.back().created_at_ms, rows.back().id);
  }
  page.mentions = WithHighlights(topic, std::move(rows));
  return page;
}

Result<TopicStats> AnalyticsService::Stats(const Principal& who, int64_t topic_id, int64_t from_ms,
                                           int64_t to_ms) {
  if (to_ms <= from_ms) return InvalidArgument("'to' must be after 'from'", "to");
  if (to_ms - from_ms > 93 * 24 * kHourMs) {
    return InvalidArgument("the range is longer than 93 days", "from");
  }
  from_ms = HourOf(from_ms);
  TopicStats out;
  std::vector<domain::RollupRow> rows;
  std::vector<domain::StoredMention> sample;
  DND_RETURN_IF_ERROR(access_.Read(who, fmt::format("topic:{}", topic_id), [&](Scope& s) -> Status {
    auto& listening = store::Listening(s.tx);
    DND_ASSIGN_OR_RETURN(auto topic, listening.topics().Get(topic_id));
    DND_RETURN_IF_ERROR(s.AllowOrHide(Action::kViewListening, Action::kViewListening, topic.unit_id,
                                      NoTopic(topic_id)));
    DND_ASSIGN_OR_RETURN(rows, listening.rollups().ForTopics({topic_id}, from_ms, to_ms));
    DND_ASSIGN_OR_RETURN(sample, listening.mentions().ForTopic(topic_id, to_ms, 0, 1000));
    return Status::Ok();
  }));
  std::map<int64_t, HourPoint> hours;
  for (int64_t h = from_ms; h < to_ms; h += kHourMs) hours[h] = HourPoint{h};
  std::map<std::string, int64_t> networks, languages, intents, hashtags, authors;
  for (const auto& r : rows) {
    HourPoint& p = hours[r.hour_ms];
    p.hour_ms = r.hour_ms;
    p.total += r.count;
    if (r.sentiment == "positive") p.positive += r.count;
    if (r.sentiment == "negative") p.negative += r.count;
    if (r.sentiment == "neutral") p.neutral += r.count;
    networks[r.network] += r.count;
    languages[r.language] += r.count;
    if (r.intent != "none") intents[r.intent] += r.count;
    out.total += r.count;
  }
  for (auto& [h, p] : hours) out.hours.push_back(p);
  for (const auto& m : sample) {
    if (m.created_at_ms < from_ms) break;  // newest first
    ++out.sample;
    authors[m.author_handle] += 1;
    for (const auto& tag : SplitList(m.hashtags, ' ')) {
      std::string lower = tag;
      for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      }
      hashtags[lower] += 1;
    }
  }
  out.networks = Top(networks, 10);
  out.languages = Top(languages, 10);
  out.intents = Top(intents, 10);
  out.hashtags = Top(hashtags, 10);
  out.authors = Top(authors, 10);
  return out;
}

Result<ShareOfVoice> AnalyticsService::Share(const Principal& who,
                                             const std::vector<int64_t>& topic_ids, int64_t from_ms,
                                             int64_t to_ms) {
  if (topic_ids.empty()) return InvalidArgument("choose at least one topic", "topics");
  if (to_ms <= from_ms) return InvalidArgument("'to' must be after 'from'", "to");
  if (topic_ids.size() > 20) return InvalidArgument("at most 20 topics", "topics");
  // A topic named twice counts once: shares must add up to the whole.
  std::vector<int64_t> ids;
  for (int64_t id : topic_ids) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  ShareOfVoice out;
  DND_RETURN_IF_ERROR(access_.Read(who, "topics", [&](Scope& s) -> Status {
    auto& listening = store::Listening(s.tx);
    for (int64_t id : ids) {
      DND_ASSIGN_OR_RETURN(auto topic, listening.topics().Get(id));
      DND_RETURN_IF_ERROR(s.AllowOrHide(Action::kViewListening, Action::kViewListening,
                                        topic.unit_id, NoTopic(id)));
      out.topics.push_back({id, topic.name, 0});
    }
    DND_ASSIGN_OR_RETURN(auto rows, listening.rollups().ForTopics(ids, HourOf(from_ms), to_ms));
    for (const auto& r : rows) {
      for (auto& e : out.topics) {
        if (e.topic_id == r.topic_id) e.count += r.count;
      }
      out.total += r.count;
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<domain::Alert>> AnalyticsService::Alerts(const Principal& who, int limit) {
  std::vector<domain::Alert> out;
  DND_RETURN_IF_ERROR(access_.Read(who, "alerts", [&](Scope& s) -> Status {
    std::vector<int64_t> visible;
    for (const domain::Unit* u : s.tree.DepthFirst()) {
      if (s.Allow(Action::kViewListening, u->id).ok()) visible.push_back(u->id);
    }
    DND_ASSIGN_OR_RETURN(
        out, store::Listening(s.tx).alerts().ForUnits(visible, std::clamp(limit, 1, 200)));
    return Status::Ok();
  }));
  return out;
}

Status AnalyticsService::AcknowledgeAlert(const Principal& who, int64_t alert_id) {
  const std::string target = fmt::format("alert:{}", alert_id);
  return access_.Write(who, target, [&](Scope& s) -> Status {
    auto& alerts = store::Listening(s.tx).alerts();
    DND_ASSIGN_OR_RETURN(auto alert, alerts.Get(alert_id));
    DND_RETURN_IF_ERROR(s.AllowOrHide(Action::kManageTopics, Action::kViewListening, alert.unit_id,
                                      NotFound(fmt::format("no alert with id {}", alert_id))));
    DND_RETURN_IF_ERROR(alerts.Acknowledge(alert_id, who.user.id));
    return s.Audit("alert.acknowledge", target, "null", "null");
  });
}

}  // namespace dandelion::service
