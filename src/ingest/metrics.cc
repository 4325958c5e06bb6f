#include "ingest/metrics.h"

#include <fmt/format.h>

namespace dandelion::ingest {

void IngestMetrics::Observe(const service::IngestReport& batch, double seconds) {
  std::lock_guard lock(mu_);
  lines_ += batch.lines;
  accepted_ += batch.accepted;
  duplicates_ += batch.duplicates;
  rejected_ += batch.rejected;
  matches_ += batch.matches;
  for (const auto& [reason, n] : batch.reasons) reasons_[reason] += n;
  ++batches_;
  seconds_sum_ += seconds;
  for (size_t i = 0; i < std::size(kBuckets); ++i) {
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  }
}

std::string MetricText(const std::string& name, const std::string& type, const std::string& help,
                       double value, const std::string& labels) {
  return fmt::format("# HELP {0} {1}\n# TYPE {0} {2}\n{0}{3} {4}\n", name, help, type,
                     labels.empty() ? "" : "{" + labels + "}", value);
}

std::string IngestMetrics::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += MetricText("dandelion_ingest_lines_total", "counter",
                    "Lines read by the engine (files, API bodies, the stream).",
                    static_cast<double>(lines_));
  out += "# HELP dandelion_ingest_posts_total Posts stored: new, or already stored (nothing "
         "written).\n# TYPE dandelion_ingest_posts_total counter\n";
  out += fmt::format("dandelion_ingest_posts_total{{outcome=\"new\"}} {}\n", accepted_);
  out += fmt::format("dandelion_ingest_posts_total{{outcome=\"already_stored\"}} {}\n",
                     duplicates_);
  out += "# HELP dandelion_ingest_rejected_total Lines set aside as dead letters, by reason.\n"
         "# TYPE dandelion_ingest_rejected_total counter\n";
  // Reasons are the engine's few fixed words, never a line's content.
  for (const auto& [reason, n] : reasons_) {
    out += fmt::format("dandelion_ingest_rejected_total{{reason=\"{}\"}} {}\n", reason, n);
  }
  if (reasons_.empty()) out += "dandelion_ingest_rejected_total{reason=\"none\"} 0\n";
  out += MetricText("dandelion_ingest_matches_total", "counter",
                    "Topic matches recorded for stored posts.", static_cast<double>(matches_));
  out += "# HELP dandelion_ingest_batch_seconds Time from reading a batch to committing it.\n"
         "# TYPE dandelion_ingest_batch_seconds histogram\n";
  for (size_t i = 0; i < std::size(kBuckets); ++i) {
    out += fmt::format("dandelion_ingest_batch_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[i],
                       bucket_counts_[i]);
  }
  out += fmt::format("dandelion_ingest_batch_seconds_bucket{{le=\"+Inf\"}} {}\n", batches_);
  out += fmt::format("dandelion_ingest_batch_seconds_sum {:.6f}\n", seconds_sum_);
  out += fmt::format("dandelion_ingest_batch_seconds_count {}\n", batches_);
  return out;
}

std::string RenderBackfillMetrics(const service::BackfillJobs& backfills) {
  std::string out;
  auto pending = backfills.Pending();
  if (pending.ok()) {
    out += MetricText("dandelion_backfill_pending", "gauge",
                      "Topic back-fills not finished (on any node).",
                      static_cast<double>(pending->size()));
    out += "# HELP dandelion_backfill_progress_ratio How far each unfinished back-fill is (0..1).\n"
           "# TYPE dandelion_backfill_progress_ratio gauge\n";
    // A few at a time in practice; bounded so that a mass import cannot
    // blow the scrape up.
    constexpr size_t kMaxListed = 100;
    for (size_t i = 0; i < pending->size() && i < kMaxListed; ++i) {
      out += fmt::format("dandelion_backfill_progress_ratio{{topic=\"{}\"}} {:.4f}\n",
                         (*pending)[i].topic_id, (*pending)[i].done);
    }
  }
  out += MetricText("dandelion_backfill_failures_total", "counter",
                    "Back-fills that failed on this node since it started.",
                    static_cast<double>(backfills.failures()));
  return out;
}

}  // namespace dandelion::ingest
