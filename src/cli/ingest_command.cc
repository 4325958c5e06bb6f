#include "cli/ingest_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/line_reader.h"
#include "cli/topic_compactor.h"
#include "common/log.h"
#include "store/listening/listening_repos.h"

namespace dandelion::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct Batch {
  int64_t seq = 0;
  size_t file = 0;
  int64_t first_line = 0;
  std::string storage;
  std::vector<std::string_view> lines;
};

struct Done {
  engine::ProcessedBatch result;
  std::unique_ptr<Batch> input;  // kept for the dead-letter lines
};

// A small bounded hand-over between the reader, the workers and the writer.
class Pipeline {
 public:
  explicit Pipeline(size_t capacity) : capacity_(capacity) {}

  bool PushInput(std::unique_ptr<Batch> b) {
    std::unique_lock lock(mu_);
    // Bounded by batches in flight (queued, processing or waiting to be
    // stored), so that fast workers never outrun the writer's memory.
    space_.wait(lock, [&] { return in_flight_ < capacity_ || stopped_; });
    if (stopped_) return false;
    ++in_flight_;
    inputs_.push_back(std::move(b));
    work_.notify_one();
    return true;
  }
  void CloseInput() {
    std::lock_guard lock(mu_);
    input_closed_ = true;
    work_.notify_all();
  }
  std::unique_ptr<Batch> PopInput() {
    std::unique_lock lock(mu_);
    work_.wait(lock, [&] { return !inputs_.empty() || input_closed_ || stopped_; });
    if (inputs_.empty() || stopped_) return nullptr;
    auto b = std::move(inputs_.front());
    inputs_.pop_front();
    return b;
  }
  void PushDone(int64_t seq, Done d) {
    std::lock_guard lock(mu_);
    done_.emplace(seq, std::move(d));
    ready_.notify_all();
  }
  //! The result of batch `seq`, waiting for it; nullopt when the run ends.
  std::optional<Done> PopDone(int64_t seq, const std::function<bool()>& finished) {
    std::unique_lock lock(mu_);
    for (;;) {
      auto it = done_.find(seq);
      if (it != done_.end()) {
        Done d = std::move(it->second);
        done_.erase(it);
        --in_flight_;
        space_.notify_one();
        return d;
      }
      if (stopped_ || finished()) return std::nullopt;
      ready_.wait_for(lock, std::chrono::milliseconds(100));
    }
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
  std::deque<std::unique_ptr<Batch>> inputs_;
  std::map<int64_t, Done> done_;
  size_t in_flight_ = 0;
  bool input_closed_ = false;
  bool stopped_ = false;
};

constexpr auto kSpikeCheckEvery = std::chrono::seconds(5);

std::string Duration(double secs) {
  int s = static_cast<int>(secs + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace

Result<service::IngestReport> RunIngest(const IngestOptions& opt,
                                        service::ListeningServices& listening, store::Store& store,
                                        std::ostream& out) {
  if (opt.files.empty()) return InvalidArgument("name at least one file, or - for standard input");
  std::vector<std::unique_ptr<LineReader>> readers;
  int64_t total_bytes = 0;
  for (const auto& f : opt.files) {
    DND_ASSIGN_OR_RETURN(auto r, LineReader::Open(f));
    total_bytes += r->size();
    readers.push_back(std::move(r));
  }
  DND_RETURN_IF_ERROR(listening.runtime.ReloadTopics().status());

  const int workers = opt.threads > 0
                          ? opt.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  Pipeline pipe(static_cast<size_t>(workers) * 2);
  std::atomic<int64_t> batches_read{-1};  // the number of batches, once reading ends
  std::atomic<int64_t> bytes_done{0};
  std::atomic<bool> reading_failed{false};
  Status read_status;

  std::thread reader([&] {
    int64_t seq = 0, before = 0;
    for (size_t fi = 0; fi < readers.size(); ++fi) {
      int64_t line_no = 1;
      for (;;) {
        auto b = std::make_unique<Batch>();
        auto n = readers[fi]->Next(opt.batch_lines, b->storage, b->lines);
        if (!n.ok()) {
          read_status = n.status();
          reading_failed = true;
          break;
        }
        if (*n == 0) break;
        b->seq = seq++;
        b->file = fi;
        b->first_line = line_no;
        line_no += static_cast<int64_t>(*n);
        bytes_done = before + readers[fi]->consumed();
        if (!pipe.PushInput(std::move(b))) break;
      }
      before += readers[fi]->size();
      if (reading_failed) break;
    }
    batches_read = seq;
    pipe.CloseInput();
  });

  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) {
    pool.emplace_back([&] {
      engine::Processor processor;
      while (auto b = pipe.PopInput()) {
        auto topics = listening.runtime.registry().Current();
        Done d;
        d.result = processor.Process(b->lines, b->first_line, *topics, opt.format);
        int64_t seq = b->seq;
        d.input = std::move(b);
        pipe.PushDone(seq, std::move(d));
      }
    });
  }

  // Topic changes made elsewhere while this runs: compiled off the ingest
  // path (on their own, then folded into one set when quiet), swapped in
  // for the batches that start afterwards.
  TopicCompactor compactor(listening.runtime);
  std::atomic<bool> watching{true};
  std::thread watcher([&] {
    std::string seen;
    while (watching) {
      std::string now;
      Status read = store.Read([&](store::Tx& repos) -> Status {
        DND_ASSIGN_OR_RETURN(auto topics, store::Listening(repos).topics().List());
        for (const auto& t : topics) now += fmt::format("{}:{};", t.id, t.updated_at_ms);
        return Status::Ok();
      });
      if (!read.ok()) {
        LogWarn("ingest: could not check for topic changes: " + read.message());
      } else {
        if (!seen.empty() && now != seen) {
          auto reloaded = listening.runtime.ReloadTopics();
          if (!reloaded.ok())
            LogWarn("ingest: topics not reloaded: " + reloaded.status().message());
        }
        seen = now;
      }
      for (int i = 0; i < 20 && watching; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });

  const bool bar = opt.progress && isatty(2);
  std::unique_ptr<std::ofstream> dead;
  int64_t dead_lines = 0;
  service::IngestReport report;
  Status store_status;
  auto t0 = Clock::now();
  auto last_draw = t0;
  auto draw = [&](bool final) {
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    double rate = secs > 0 ? static_cast<double>(report.accepted + report.duplicates) / secs : 0;
    std::string line;
    if (total_bytes > 0) {
      double frac =
          std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(total_bytes));
      int filled = static_cast<int>(frac * 30);
      std::string eta = frac > 0.001 && !final ? Duration(secs / frac - secs) : "0:00";
      line = fmt::format("\r[{}{}] {:3.0f}%  {} posts  {}/s  ETA {}  ", std::string(filled, '#'),
                         std::string(30 - filled, '.'), frac * 100,
                         Thousands(report.accepted + report.duplicates),
                         Thousands(static_cast<int64_t>(rate)), eta);
    } else {
      line = fmt::format("\r{} posts  {}/s  {}  ", Thousands(report.accepted + report.duplicates),
                         Thousands(static_cast<int64_t>(rate)), Duration(secs));
    }
    std::fputs(line.c_str(), stderr);
    if (final) std::fputs("\n", stderr);
    std::fflush(stderr);
  };

  // Spike detection reads a week of each touched topic's rollups: once
  // every few seconds over all the hours touched meanwhile, not per batch.
  service::IngestService::TouchedHours touched;
  auto last_check = t0;
  auto check_spikes = [&]() -> Status {
    DND_ASSIGN_OR_RETURN(auto alerts, listening.ingest.CheckSpikes(touched));
    report.alerts.insert(report.alerts.end(), alerts.begin(), alerts.end());
    touched.clear();
    last_check = Clock::now();
    return Status::Ok();
  };
  for (int64_t seq = 0;; ++seq) {
    auto done = pipe.PopDone(seq, [&] { return batches_read >= 0 && seq >= batches_read; });
    if (!done) break;
    auto stored = listening.ingest.StoreBatch(done->result, &touched);
    if (stored.ok() && Clock::now() - last_check > kSpikeCheckEvery) {
      if (Status st = check_spikes(); !st.ok()) stored = st;
    }
    if (!stored.ok()) {
      store_status = stored.status();
      pipe.Stop();
      break;
    }
    report.Add(*stored);
    if (!done->result.rejected.empty()) {
      if (!dead) {
        dead = std::make_unique<std::ofstream>(opt.dead_letter, std::ios::trunc);
        if (!*dead) {
          store_status = Unavailable("cannot write the dead-letter file " + opt.dead_letter);
          pipe.Stop();
          break;
        }
      }
      const Batch& in = *done->input;
      for (const auto& r : done->result.rejected) {
        std::string_view raw = in.lines[static_cast<size_t>(r.line - in.first_line)];
        constexpr size_t kKeep = 64 * 1024;  // enough to see what is wrong
        nlohmann::json j = {{"file", readers[in.file]->name()},
                            {"line", r.line},
                            {"reason", r.reason},
                            {"error", r.message},
                            {"raw", std::string(raw.substr(0, kKeep))},
                            {"truncated", raw.size() > kKeep}};
        *dead << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        ++dead_lines;
      }
    }
    if (bar && Clock::now() - last_draw > std::chrono::milliseconds(200)) {
      draw(false);
      last_draw = Clock::now();
    }
  }
  pipe.Stop();
  reader.join();
  for (auto& t : pool) t.join();
  watching = false;
  watcher.join();
  if (store_status.ok()) store_status = check_spikes();
  if (dead) dead->flush();
  if (bar) draw(true);
  if (!store_status.ok()) return store_status;
  if (reading_failed) return read_status;

  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  int64_t posts = report.accepted + report.duplicates;
  out << fmt::format(
      "Ingested {}: {} lines, {} new mentions, {} already stored, {} rejected, {} "
      "topic matches, {} alerts in {:.1f} s ({}/s).\n",
      opt.files.size() == 1 ? readers[0]->name() : fmt::format("{} files", opt.files.size()),
      Thousands(report.lines), Thousands(report.accepted), Thousands(report.duplicates),
      Thousands(report.rejected), Thousands(report.matches), report.alerts.size(), secs,
      Thousands(secs > 0 ? static_cast<int64_t>(posts / secs) : posts));
  if (report.rejected > 0) {
    std::string reasons;
    for (const auto& [k, v] : report.reasons) {
      reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", Thousands(v), k);
    }
    out << fmt::format("Rejected lines by reason: {}. They are in {} ({} lines).\n", reasons,
                       opt.dead_letter, Thousands(dead_lines));
  }
  return report;
}

}  // namespace dandelion::cli
