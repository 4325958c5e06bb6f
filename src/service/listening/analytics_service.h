// AnalyticsService: what listening found — a topic's mentions (paged, with
// the ranges that matched), its charts, share of voice across topics, and
// spike alerts. Every method goes through Access: the caller must be
// allowed to view listening at the topic's unit (acknowledging an alert:
// to manage topics there). Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/permissions.h"
#include "service/common/access.h"
#include "service/listening/listening_views.h"
#include "store/store.h"

namespace dandelion::service {

class AnalyticsService {
 public:
  AnalyticsService(store::Store& store, const Clock& clock)
      : access_(store, clock), clock_(clock) {}

  //! Newest first; `cursor` is the page's `next` (empty: from the newest).
  Result<MentionPage> Mentions(const domain::Principal& who, int64_t topic_id,
                               const std::string& cursor, int limit);
  //! Hourly volume and sentiment, and the top networks, languages, intents,
  //! hashtags and authors, over [from_ms, to_ms) (at most 93 days).
  Result<TopicStats> Stats(const domain::Principal& who, int64_t topic_id, int64_t from_ms,
                           int64_t to_ms);
  //! Each topic's share of the mentions of all of them (a repeated id
  //! counts once; at most 20).
  Result<ShareOfVoice> Share(const domain::Principal& who, const std::vector<int64_t>& topic_ids,
                             int64_t from_ms, int64_t to_ms);
  //! Alerts of the units where the caller may view listening, newest first.
  Result<std::vector<domain::Alert>> Alerts(const domain::Principal& who, int limit);
  Status AcknowledgeAlert(const domain::Principal& who, int64_t alert_id);

  //! The service's clock (default chart ranges end now).
  int64_t NowMs() const { return clock_.NowMs(); }

 private:
  Access access_;
  const Clock& clock_;
};

}  // namespace dandelion::service
