#include "ingest/runtime.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <thread>

namespace dandelion::ingest {

namespace {

using Clock = std::chrono::steady_clock;

struct Job {
  int64_t seq = 0;
  Clock::time_point read_at;
  SourceBatch input;
  engine::ProcessedBatch result;
};
using JobPtr = std::unique_ptr<Job>;

void Hold(Job& j) {
  if (j.input.in_progress) j.input.in_progress();
}

// Whether to store a batch again: the store is away and the caller waits
// for it (holding the waiting batches before and after the wait).
bool StoreAway(const Status& st, const RunOptions& opt, const std::function<void()>& hold) {
  if (st.ok() || st.code() != Code::kUnavailable || !opt.on_store_away) return false;
  hold();
  bool again = opt.on_store_away(st);
  if (again) hold();
  return again;
}

}  // namespace

// A small bounded hand-over between the reader, the workers and the writer:
// bounded by batches in flight (queued, processing or waiting to be
// stored), so that fast workers never outrun the writer's memory.
class Handover {
 public:
  explicit Handover(size_t capacity) : capacity_(capacity) {}

  bool PushInput(JobPtr j) {
    std::unique_lock lock(mu_);
    space_.wait(lock, [&] { return in_flight_ < capacity_ || stopped_; });
    if (stopped_) return false;
    ++in_flight_;
    inputs_.push_back(std::move(j));
    work_.notify_one();
    return true;
  }
  void CloseInput(int64_t batches) {
    std::lock_guard lock(mu_);
    batches_ = batches;
    work_.notify_all();
    ready_.notify_all();
  }
  JobPtr PopInput() {
    std::unique_lock lock(mu_);
    work_.wait(lock, [&] { return !inputs_.empty() || batches_ >= 0 || stopped_; });
    if (inputs_.empty() || stopped_) return nullptr;
    auto j = std::move(inputs_.front());
    inputs_.pop_front();
    return j;
  }
  void PushDone(JobPtr j) {
    std::lock_guard lock(mu_);
    int64_t seq = j->seq;
    done_.emplace(seq, std::move(j));
    ready_.notify_all();
  }
  //! Batch `seq` once processed; null when the run ends before it.
  JobPtr PopDone(int64_t seq) {
    std::unique_lock lock(mu_);
    for (;;) {
      auto it = done_.find(seq);
      if (it != done_.end()) {
        JobPtr j = std::move(it->second);
        done_.erase(it);
        --in_flight_;
        space_.notify_one();
        return j;
      }
      if (stopped_ || (batches_ >= 0 && seq >= batches_)) return nullptr;
      ready_.wait(lock);
    }
  }
  //! Calls `fn` on every batch queued or processed, not yet stored.
  void ForEachWaiting(const std::function<void(Job&)>& fn) {
    std::lock_guard lock(mu_);
    for (auto& j : inputs_) fn(*j);
    for (auto& [seq, j] : done_) fn(*j);
  }
  void Stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    work_.notify_all();
    space_.notify_all();
    ready_.notify_all();
  }

 private:
  size_t capacity_;
  std::mutex mu_;
  std::condition_variable work_, space_, ready_;
  std::deque<JobPtr> inputs_;
  std::map<int64_t, JobPtr> done_;
  size_t in_flight_ = 0;
  int64_t batches_ = -1;  // the number of batches, once reading ended
  bool stopped_ = false;
};

void IngestRuntime::Subscribe(AfterCommit hook) {
  std::lock_guard lock(hooks_mu_);
  hooks_.push_back(std::move(hook));
}

Status IngestRuntime::StoreOne(const SourceBatch& in, const engine::ProcessedBatch& result,
                               DeadLetterSink& dead, service::IngestService::TouchedHours& touched,
                               service::IngestReport& report, Clock::time_point read_at) {
  std::vector<domain::RejectedLine> rows;
  DND_RETURN_IF_ERROR(dead.Take(DeadLettersOf(in, result.rejected), rows));
  std::vector<std::optional<int64_t>> ids;
  DND_ASSIGN_OR_RETURN(auto stored, listening_.ingest.StoreBatch(result, &touched, &rows, &ids));
  // The lines the source set aside count as rejected too.
  for (const auto& r : in.refused) {
    ++stored.rejected;
    ++stored.reasons[r.reason];
  }
  report.Add(stored);
  stored.lines += static_cast<int64_t>(in.refused.size());  // read, then set aside
  metrics_.Observe(stored, std::chrono::duration<double>(Clock::now() - read_at).count());
  if (in.committed) in.committed();
  std::vector<AfterCommit> hooks;
  {
    std::lock_guard lock(hooks_mu_);
    hooks = hooks_;
  }
  StoredBatch event{result, ids};
  for (const auto& h : hooks) h(event);
  return Status::Ok();
}

Result<service::IngestReport> IngestRuntime::Run(Source& source, DeadLetterSink& dead,
                                                 const RunOptions& opt) {
  service::IngestReport report;
  service::IngestService::TouchedHours touched;
  auto last_check = Clock::now();
  // Spike detection reads a week of each touched topic's rollups: once
  // every few seconds over all the hours touched meanwhile, not per batch.
  auto check_spikes = [&]() -> Status {
    DND_ASSIGN_OR_RETURN(auto alerts, listening_.ingest.CheckSpikes(touched));
    report.alerts.insert(report.alerts.end(), alerts.begin(), alerts.end());
    touched.clear();
    last_check = Clock::now();
    return Status::Ok();
  };
  auto after_batch = [&]() -> Status {
    if (Clock::now() - last_check >= opt.spike_check_every) DND_RETURN_IF_ERROR(check_spikes());
    if (opt.on_batch) opt.on_batch(report, source);
    if (opt.forget_details) {
      report.alerts.clear();
      report.rejected_lines.clear();
    }
    return Status::Ok();
  };

  if (opt.workers <= 0) {
    // On the calling thread: a request's body, small and already in memory.
    engine::Processor processor;
    for (int64_t seq = 0;; ++seq) {
      DND_ASSIGN_OR_RETURN(auto next, source.Next(opt.batch_lines, opt.batch_bytes));
      if (!next) break;
      if (next->lines.empty() && next->refused.empty()) continue;  // a stream that was quiet
      Job job;
      job.seq = seq;
      job.read_at = Clock::now();
      job.input = std::move(*next);
      auto topics = listening_.runtime.registry().Current();
      job.result = processor.Process(job.input.lines, job.input.first_line, *topics, opt.format);
      Status stored = StoreOne(job.input, job.result, dead, touched, report, job.read_at);
      while (StoreAway(stored, opt, [&] { Hold(job); })) {
        stored = StoreOne(job.input, job.result, dead, touched, report, job.read_at);
      }
      DND_RETURN_IF_ERROR(stored);
      DND_RETURN_IF_ERROR(after_batch());
    }
    DND_RETURN_IF_ERROR(check_spikes());
    return report;
  }

  Handover pipe(static_cast<size_t>(opt.workers) * 2);
  Status read_status;
  std::thread reader([&] {
    int64_t seq = 0;
    for (;;) {
      auto next = source.Next(opt.batch_lines, opt.batch_bytes);
      if (!next.ok()) {
        read_status = next.status();
        break;
      }
      if (!*next) break;
      if ((*next)->lines.empty() && (*next)->refused.empty()) continue;  // a quiet stream
      auto job = std::make_unique<Job>();
      job->seq = seq++;
      job->read_at = Clock::now();
      job->input = std::move(**next);
      if (!pipe.PushInput(std::move(job))) break;
    }
    pipe.CloseInput(seq);
  });
  std::vector<std::thread> pool;
  for (int w = 0; w < opt.workers; ++w) {
    pool.emplace_back([&] {
      engine::Processor processor;
      while (auto job = pipe.PopInput()) {
        // Each batch with the topics in force when it starts: a topic
        // change swaps them for the batches after.
        auto topics = listening_.runtime.registry().Current();
        job->result =
            processor.Process(job->input.lines, job->input.first_line, *topics, opt.format);
        pipe.PushDone(std::move(job));
      }
    });
  }

  Status store_status;
  for (int64_t seq = 0;; ++seq) {
    JobPtr job = pipe.PopDone(seq);
    if (!job) break;
    store_status = StoreOne(job->input, job->result, dead, touched, report, job->read_at);
    // The store away: this batch and those behind it wait, kept by their
    // source, until it is back.
    while (StoreAway(store_status, opt, [&] {
      Hold(*job);
      pipe.ForEachWaiting(Hold);
    })) {
      store_status = StoreOne(job->input, job->result, dead, touched, report, job->read_at);
    }
    if (store_status.ok()) store_status = after_batch();
    if (!store_status.ok()) break;
  }
  pipe.Stop();
  reader.join();
  for (auto& t : pool) t.join();
  if (store_status.ok()) store_status = check_spikes();
  if (!store_status.ok()) return store_status;
  if (!read_status.ok()) return read_status;
  return report;
}

}  // namespace dandelion::ingest
