#include "ingest/stream_consumer.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>

#include "common/log.h"
#include "ingest/dead_letters.h"

namespace dandelion::ingest {

StreamConsumer::StreamConsumer(IngestRuntime& runtime, service::IngestService& ingest, Open open,
                               StreamConsumerOptions options)
    : runtime_(runtime), ingest_(ingest), open_(std::move(open)), options_(options) {
  thread_ = std::thread([this] { Run(); });
}

StreamConsumer::~StreamConsumer() {
  stop_ = true;
  thread_.join();
}

std::string StreamConsumer::last_error() const {
  std::lock_guard lock(mu_);
  return last_error_;
}

void StreamConsumer::Run() {
  int64_t backoff = options_.first_backoff_ms;
  auto fail = [&](const Status& st) {
    healthy_ = false;
    {
      std::lock_guard lock(mu_);
      last_error_ = st.ToString();
    }
    LogWarn("stream: " + st.ToString() + "; trying again in " + std::to_string(backoff) + " ms");
    // Sleep in small steps, so that a stop is not held up.
    for (int64_t slept = 0; slept < backoff && !stop_; slept += 50) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    backoff = std::min(backoff * 2, options_.max_backoff_ms);
  };
  while (!stop_) {
    auto source = open_(stop_);
    if (!source.ok()) {
      fail(source.status());
      continue;
    }
    TableDeadLetters dead({"stream", std::nullopt}, ingest_.clock(), ingest_.dead_letter_limits(),
                          SIZE_MAX);
    RunOptions run;
    run.workers = options_.workers;
    run.batch_lines = options_.batch_lines;
    run.forget_details = true;
    // Counted per batch: the run itself only ends when the node stops.
    int64_t seen_posts = 0, seen_rejected = 0;
    run.on_batch = [&](const service::IngestReport& r, const Source&) {
      healthy_ = true;
      backoff = options_.first_backoff_ms;
      posts_ += r.accepted + r.duplicates - seen_posts;
      rejected_ += r.rejected - seen_rejected;
      seen_posts = r.accepted + r.duplicates;
      seen_rejected = r.rejected;
    };
    // The store away: the batch is kept (its messages held, not delivered
    // again) and stored once the store is back.
    run.on_store_away = [&](const Status& st) {
      healthy_ = false;
      {
        std::lock_guard lock(mu_);
        last_error_ = st.ToString();
      }
      LogWarn("stream: the store is away (" + st.ToString() + "); storing the batch again in " +
              std::to_string(backoff) + " ms");
      for (int64_t slept = 0; slept < backoff && !stop_; slept += 50) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      backoff = std::min(backoff * 2, options_.max_backoff_ms);
      return !stop_.load();
    };
    healthy_ = true;
    auto done = runtime_.Run(**source, dead, run);
    if (!done.ok() && !stop_) fail(done.status());
  }
}

}  // namespace dandelion::ingest
