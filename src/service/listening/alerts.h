// Spike alerts: a topic's hourly volume, and its share of negative
// mentions, against the topic's own baseline — an exponentially weighted
// moving mean and variance over the hours before (EWMA, alpha 0.1 over up to
// a week; the volume's deviation is at least the Poisson sqrt(mean)); an
// hour whose z-score passes the threshold, with enough mentions to matter,
// raises an alert. Alerts are stored (one per topic, kind and
// hour), shown in the UI to the owning unit and the hub, and sent to a
// webhook signed with HMAC-SHA256.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"
#include "domain/listening.h"

namespace dandelion::service {

struct SpikeRule {
  int baseline_hours = 168;    //!< hours of history read before the hour checked
  int min_history_hours = 24;  //!< hours since the topic's first mention before alerting
  double alpha = 0.1;          //!< EWMA weight of the newest hour
  double z_threshold = 4.0;
  int64_t min_volume = 20;    //!< an hour with fewer mentions never alerts on volume
  int64_t min_negative = 10;  //!< …or fewer negative ones on negative share
};

//! One hour of a topic: how many mentions, how many negative.
struct HourCount {
  int64_t total = 0;
  int64_t negative = 0;
};

struct Spike {
  std::string kind;  //!< "volume" | "negative"
  double observed = 0, expected = 0, z = 0;
};

//! The spikes of `current` against `history` (consecutive hours before it,
//! oldest first, zeros included). Pure.
std::vector<Spike> DetectSpikes(const std::vector<HourCount>& history, HourCount current,
                                const SpikeRule& rule);

//! Where raised alerts go besides the database.
class AlertNotifier {
 public:
  virtual ~AlertNotifier() = default;
  //! Called after the alert is stored; must not block for long.
  virtual void Notify(const domain::Alert& alert, const std::string& topic_name,
                      const std::string& unit_slug) = 0;
};

//! The JSON body of an alert webhook.
std::string AlertPayload(const domain::Alert& alert, const std::string& topic_name,
                         const std::string& unit_slug);

//! POSTs each alert as JSON to a URL, from a background thread, with
//! headers X-Dandelion-Timestamp (ms) and X-Dandelion-Signature:
//! "sha256=" + HMAC-SHA256(secret, timestamp + "." + body). Three attempts
//! (1 s, 4 s apart); failures are logged without the secret. At most
//! `max_queued` alerts wait for delivery: a receiver that is down for long
//! costs a count of dropped alerts (logged, and in dropped()), not memory
//! without end. The alerts themselves are stored whatever happens here.
class WebhookNotifier : public AlertNotifier {
 public:
  //! InvalidArgument when `url` is not http(s) or `secret` is empty: an
  //! unsigned webhook lets anyone who can reach the receiver forge alerts.
  static Result<std::unique_ptr<WebhookNotifier>> Create(std::string url, std::string secret,
                                                         size_t max_queued = 1000);
  WebhookNotifier(std::string url, std::string secret, size_t max_queued = 1000);
  ~WebhookNotifier() override;  //!< delivers what is queued, then stops
  void Notify(const domain::Alert& alert, const std::string& topic_name,
              const std::string& unit_slug) override;
  //! Alerts not sent because the queue was full.
  int64_t dropped() const;

 private:
  void Run();
  std::string url_, secret_;
  size_t max_queued_;
  int64_t dropped_ = 0;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace dandelion::service
