#include "service/listening/alerts.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "common/log.h"

namespace dandelion::service {
namespace {

struct Ewma {
  double mean = 0, var = 0;
  bool started = false;
  void Add(double x, double alpha) {
    if (!started) {
      mean = x;
      started = true;
      return;
    }
    double diff = x - mean;
    double incr = alpha * diff;
    mean += incr;
    var = (1 - alpha) * (var + diff * incr);
  }
};

}  // namespace

std::vector<Spike> DetectSpikes(const std::vector<HourCount>& history, HourCount current,
                                const SpikeRule& rule) {
  std::vector<Spike> out;
  auto first =
      std::find_if(history.begin(), history.end(), [](const HourCount& h) { return h.total > 0; });
  if (history.end() - first < rule.min_history_hours) return out;
  Ewma volume, share;
  for (auto it = first; it != history.end(); ++it) {
    volume.Add(static_cast<double>(it->total), rule.alpha);
    if (it->total > 0) {
      share.Add(static_cast<double>(it->negative) / static_cast<double>(it->total), rule.alpha);
    }
  }
  // Floors on the deviation: a perfectly flat baseline would make any
  // change infinitely surprising, and counts of independent posts vary at
  // least like a Poisson variable (sd = sqrt(mean)) however calm the past.
  if (current.total >= rule.min_volume) {
    double sd = std::max({std::sqrt(volume.var), std::sqrt(volume.mean), 1.0});
    double z = (static_cast<double>(current.total) - volume.mean) / sd;
    if (z >= rule.z_threshold)
      out.push_back({"volume", static_cast<double>(current.total), volume.mean, z});
  }
  if (current.negative >= rule.min_negative && current.total > 0 && share.started) {
    double observed = static_cast<double>(current.negative) / static_cast<double>(current.total);
    double sd = std::max(std::sqrt(share.var), 0.05);
    double z = (observed - share.mean) / sd;
    if (z >= rule.z_threshold) out.push_back({"negative", observed, share.mean, z});
  }
  return out;
}

std::string AlertPayload(const domain::Alert& a, const std::string& topic_name,
                         const std::string& unit_slug) {
  nlohmann::json j = {{"event", "alert.raised"},
                      {"alert",
                       {{"id", a.id},
                        {"kind", a.kind},
                        {"topic_id", a.topic_id},
                        {"topic", topic_name},
                        {"unit", unit_slug},
                        {"hour", a.hour_ms},
                        {"observed", a.observed},
                        {"expected", a.expected},
                        {"z", a.z}}}};
  return j.dump();
}

Result<std::unique_ptr<WebhookNotifier>> WebhookNotifier::Create(std::string url,
                                                                 std::string secret,
                                                                 size_t max_queued) {
  if (!url.starts_with("http://") && !url.starts_with("https://")) {
    return InvalidArgument("the alert webhook URL must start with http:// or https://", "url");
  }
  if (secret.empty()) {
    return InvalidArgument(
        "the alert webhook has no secret: without a signature its receiver cannot tell our "
        "alerts from forged ones; set one",
        "secret");
  }
  return std::make_unique<WebhookNotifier>(std::move(url), std::move(secret), max_queued);
}

WebhookNotifier::WebhookNotifier(std::string url, std::string secret, size_t max_queued)
    : url_(std::move(url)), secret_(std::move(secret)), max_queued_(max_queued) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  worker_ = std::thread([this] { Run(); });
}

WebhookNotifier::~WebhookNotifier() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

void WebhookNotifier::Notify(const domain::Alert& alert, const std::string& topic_name,
                             const std::string& unit_slug) {
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= max_queued_) {
      // Logged now and then, not per alert: a flood must not flood the log.
      if (dropped_++ % 100 == 0) {
        LogWarn(
            fmt::format("alert webhook: the delivery queue is full ({} waiting); {} alert{} "
                        "dropped so far",
                        queue_.size(), dropped_, dropped_ == 1 ? "" : "s"));
      }
      return;
    }
    queue_.push_back(AlertPayload(alert, topic_name, unit_slug));
  }
  cv_.notify_one();
}

int64_t WebhookNotifier::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

void WebhookNotifier::Run() {
  for (;;) {
    std::string body;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      body = std::move(queue_.front());
      queue_.pop_front();
    }
    for (int attempt = 1; attempt <= 3; ++attempt) {
      auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
      std::string ts = std::to_string(now);
      std::string sig = "sha256=" + HmacSha256Hex(secret_, ts + "." + body);
      CURL* curl = curl_easy_init();
      if (curl == nullptr) break;
      curl_slist* headers = nullptr;
      headers = curl_slist_append(headers, "Content-Type: application/json");
      headers = curl_slist_append(headers, ("X-Dandelion-Timestamp: " + ts).c_str());
      headers = curl_slist_append(headers, ("X-Dandelion-Signature: " + sig).c_str());
      curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
      curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
      curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 5000L);
      curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
      CURLcode rc = curl_easy_perform(curl);
      long status = 0;
      curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
      curl_slist_free_all(headers);
      curl_easy_cleanup(curl);
      if (rc == CURLE_OK && status >= 200 && status < 300) break;
      LogWarn(
          fmt::format("alert webhook attempt {} failed: {}", attempt,
                      rc != CURLE_OK ? curl_easy_strerror(rc) : "HTTP " + std::to_string(status)));
      if (attempt < 3) std::this_thread::sleep_for(std::chrono::seconds(attempt == 1 ? 1 : 4));
    }
  }
}

}  // namespace dandelion::service
