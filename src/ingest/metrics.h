// IngestMetrics: the engine's figures for /metrics, in the Prometheus text
// exposition format: lines read, posts stored new and already stored,
// lines rejected by reason, matches, and how long a batch takes from being
// read to being committed. Counted by IngestRuntime after each commit,
// whichever way the posts came in. Thread-safe.
#pragma once

#include <cstdint>
#include <iterator>
#include <map>
#include <mutex>
#include <string>

#include "service/listening/backfill_jobs.h"
#include "service/listening/listening_views.h"

namespace dandelion::ingest {

class IngestMetrics {
 public:
  //! One committed batch: what it stored, `seconds` after it was read.
  void Observe(const service::IngestReport& batch, double seconds);
  std::string Render() const;

 private:
  mutable std::mutex mu_;
  int64_t lines_ = 0, accepted_ = 0, duplicates_ = 0, rejected_ = 0, matches_ = 0;
  std::map<std::string, int64_t> reasons_;
  // A batch is 1,000 (a stream) to 8,000 lines (a file): tens of
  // milliseconds to seconds.
  static constexpr double kBuckets[] = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  uint64_t bucket_counts_[std::size(kBuckets)] = {};
  uint64_t batches_ = 0;
  double seconds_sum_ = 0;
};

//! The back-fills not finished across the nodes, each one's progress, and
//! this node's failed ones.
std::string RenderBackfillMetrics(const service::BackfillJobs& backfills);

//! A gauge or counter in the exposition format: the HELP and TYPE lines,
//! then one sample (`labels` like `topic="3"`, or empty).
std::string MetricText(const std::string& name, const std::string& type, const std::string& help,
                       double value, const std::string& labels = {});

}  // namespace dandelion::ingest
