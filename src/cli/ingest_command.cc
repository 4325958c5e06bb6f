#include "cli/ingest_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "ingest/dead_letters.h"
#include "ingest/file_source.h"
#include "ingest/runtime.h"
#include "ingest/topic_watcher.h"

namespace dandelion::cli {
namespace {

using Clock = std::chrono::steady_clock;

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
                                        service::ListeningServices& listening, std::ostream& out) {
  DND_ASSIGN_OR_RETURN(auto source, ingest::FileSource::Open(opt.files));
  DND_RETURN_IF_ERROR(listening.runtime.ReloadTopics().status());
  // Topic changes made elsewhere while this runs (in the web UI, on another
  // node): compiled off the ingest path and swapped in for the batches that
  // start afterwards.
  ingest::TopicWatcher watcher(listening.runtime);
  ingest::FileDeadLetters dead(opt.dead_letter);
  ingest::IngestRuntime runtime(listening);

  const bool bar = opt.progress && isatty(2);
  auto t0 = Clock::now();
  auto last_draw = t0;
  auto draw = [&](const service::IngestReport& report, const ingest::Source& src, bool final) {
    double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    double rate = secs > 0 ? static_cast<double>(report.accepted + report.duplicates) / secs : 0;
    std::string line;
    if (src.size() > 0) {
      double frac =
          std::min(1.0, static_cast<double>(src.consumed()) / static_cast<double>(src.size()));
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

  ingest::RunOptions run;
  run.format = opt.format;
  run.workers = opt.threads > 0
                    ? opt.threads
                    : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  run.batch_lines = opt.batch_lines;
  service::IngestReport last;
  run.on_batch = [&](const service::IngestReport& report, const ingest::Source& src) {
    if (bar && Clock::now() - last_draw > std::chrono::milliseconds(200)) {
      draw(report, src, false);
      last_draw = Clock::now();
    }
    last = report;
  };
  auto result = runtime.Run(*source, dead, run);
  Status flushed = dead.Flush();
  if (bar) draw(result.ok() ? *result : last, *source, true);
  if (!result.ok()) return result.status();
  DND_RETURN_IF_ERROR(flushed);
  const service::IngestReport& report = *result;

  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  int64_t posts = report.accepted + report.duplicates;
  out << fmt::format(
      "Ingested {}: {} lines, {} new mentions, {} already stored, {} rejected, {} "
      "topic matches, {} alerts in {:.1f} s ({}/s).\n",
      source->name(), Thousands(report.lines), Thousands(report.accepted),
      Thousands(report.duplicates), Thousands(report.rejected), Thousands(report.matches),
      report.alerts.size(), secs, Thousands(secs > 0 ? static_cast<int64_t>(posts / secs) : posts));
  if (report.rejected > 0) {
    std::string reasons;
    for (const auto& [k, v] : report.reasons) {
      reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", Thousands(v), k);
    }
    out << fmt::format("Rejected lines by reason: {}. They are in {} ({} lines).\n", reasons,
                       opt.dead_letter, Thousands(dead.kept()));
  }
  return report;
}

}  // namespace dandelion::cli
