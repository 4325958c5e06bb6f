#include "service/listening/backfill_jobs.h"

#include <algorithm>

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>

#include "common/log.h"
#include "store/listening/listening_repos.h"

namespace dandelion::service {

BackfillJobs::BackfillJobs(store::Store& store, TopicRuntime& runtime, BackfillOptions options)
    : store_(store), runtime_(runtime), options_(std::move(options)) {
  thread_ = std::thread([this] {
    if (options_.nice != 0) {
      // Linux: the nice value is per thread. Best effort.
      pid_t tid = static_cast<pid_t>(syscall(SYS_gettid));
      (void)setpriority(PRIO_PROCESS, tid, getpriority(PRIO_PROCESS, tid) + options_.nice);
    }
    Work();
  });
}

BackfillJobs::~BackfillJobs() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void BackfillJobs::Enqueue(int64_t topic_id) {
  {
    std::lock_guard lock(mu_);
    if (!queued_.insert(topic_id).second) return;
    queue_.push_back(topic_id);
  }
  changed_.notify_all();
}

Status BackfillJobs::ResumePending() {
  std::vector<domain::Topic> topics;
  DND_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    DND_ASSIGN_OR_RETURN(topics, store::Listening(tx).topics().Backfilling());
    return Status::Ok();
  }));
  for (const auto& t : topics) Enqueue(t.id);
  return Status::Ok();
}

void BackfillJobs::Adopt() {
  std::vector<domain::Topic> topics;
  Status read = store_.Read([&](store::Tx& tx) -> Status {
    DND_ASSIGN_OR_RETURN(topics, store::Listening(tx).topics().Backfilling());
    return Status::Ok();
  });
  if (!read.ok()) {
    LogWarn("cannot look for back-fills standing still: " + read.ToString());
    return;
  }
  std::vector<int64_t> adopt;
  {
    std::lock_guard lock(mu_);
    std::map<int64_t, int64_t> now;
    for (const auto& t : topics) {
      const int64_t mark = *t.backfill_after;
      auto before = seen_.find(t.id);
      if (!Busy(t.id) && before != seen_.end() && before->second == mark) adopt.push_back(t.id);
      now[t.id] = mark;
    }
    seen_ = std::move(now);  // topics finished or deleted meanwhile drop out
  }
  for (int64_t id : adopt) {
    LogInfo(fmt::format("taking over the back-fill of topic {}: no node moved it since the last look",
                        id));
    Enqueue(id);
  }
}

Result<std::vector<BackfillJobs::Progress>> BackfillJobs::Pending() const {
  std::vector<Progress> out;
  DND_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    DND_ASSIGN_OR_RETURN(auto topics, store::Listening(tx).topics().Backfilling());
    for (const auto& t : topics) {
      // backfill_after walks the mention ids up to backfill_until.
      double done = t.backfill_until > 0 ? static_cast<double>(*t.backfill_after) /
                                               static_cast<double>(t.backfill_until)
                                         : 0;
      out.push_back({t.id, std::clamp(done, 0.0, 0.99)});
    }
    return Status::Ok();
  }));
  return out;
}

bool BackfillJobs::Busy(int64_t topic_id) const {
  return queued_.count(topic_id) > 0 || running_ == topic_id;
}

bool BackfillJobs::Wait(int64_t topic_id, int64_t ms) {
  std::unique_lock lock(mu_);
  auto idle = [&] { return !Busy(topic_id) || stop_; };
  if (ms < 0) {
    changed_.wait(lock, idle);
  } else {
    changed_.wait_for(lock, std::chrono::milliseconds(ms), idle);
  }
  return !Busy(topic_id);
}

void BackfillJobs::Work() {
  for (;;) {
    int64_t topic = 0;
    {
      std::unique_lock lock(mu_);
      auto ready = [&] { return stop_ || !queue_.empty(); };
      if (options_.adopt_every_ms > 0) {
        if (!changed_.wait_for(lock, std::chrono::milliseconds(options_.adopt_every_ms), ready)) {
          lock.unlock();
          Adopt();
          continue;
        }
      } else {
        changed_.wait(lock, ready);
      }
      if (stop_) return;
      topic = queue_.front();
      queue_.pop_front();
      queued_.erase(topic);
      running_ = topic;
    }
    if (options_.before_run) options_.before_run(topic);
    auto done = runtime_.RunBackfill(topic, [this] { return !stop_.load(); });
    if (!done.ok()) {
      // The topic keeps its mark: the next start tries again.
      ++failures_;
      LogError(fmt::format("back-fill of topic {} failed: {}", topic, done.status().ToString()));
    }
    {
      std::lock_guard lock(mu_);
      running_.reset();
    }
    changed_.notify_all();
  }
}

}  // namespace dandelion::service
