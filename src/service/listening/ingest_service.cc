#include "service/listening/ingest_service.h"

#include <map>

#include "service/listening/stored_mention.h"
#include "store/listening/listening_repos.h"

namespace dandelion::service {

void IngestReport::Add(const IngestReport& o) {
  lines += o.lines;
  accepted += o.accepted;
  duplicates += o.duplicates;
  rejected += o.rejected;
  matches += o.matches;
  for (const auto& [k, v] : o.reasons) reasons[k] += v;
  alerts.insert(alerts.end(), o.alerts.begin(), o.alerts.end());
  for (const auto& r : o.rejected_lines) {
    if (rejected_lines.size() < kMaxReportedRejections) rejected_lines.push_back(r);
    else rejected_lines_cut = true;
  }
  rejected_lines_cut = rejected_lines_cut || o.rejected_lines_cut;
}


Status IngestService::AuthorizeIngest(const domain::Principal& who) {
  return access_.Read(who, "ingest", [&](Scope& s) -> Status {
    if (s.tree.Root() == nullptr) return FailedPrecondition("there is no hub yet");
    return s.Allow(domain::Action::kIngest, s.tree.Root()->id);
  });
}

namespace {

// `in` matched again against `topics` (enrichment stays as it was).
engine::ProcessedBatch Rematch(const engine::ProcessedBatch& in,
                               const engine::TopicSnapshot& topics) {
  engine::ProcessedBatch out = in;
  out.topics_version = topics.store_version;
  listening::Matcher base, changed;
  for (auto& m : out.mentions) {
    m.topics.clear();
    topics.Match(base, changed, engine::FactsOf(m), m.topics);
  }
  return out;
}

}  // namespace

Result<IngestReport> IngestService::StoreBatch(const engine::ProcessedBatch& in,
                                               TouchedHours* defer,
                                               const std::vector<domain::RejectedLine>* dead,
                                               std::vector<std::optional<int64_t>>* stored_ids) {
  // A batch matched at an older topic version than the store's would miss
  // a topic changed meanwhile (its back-fill stops at the mentions stored
  // when it began): bring the topics in line, match again, store then.
  const engine::ProcessedBatch* batch = &in;
  engine::ProcessedBatch rematched;
  for (int attempt = 0;; ++attempt) {
    bool stale = false;
    auto stored = StoreOnce(*batch, defer, dead, stored_ids, &stale);
    if (!stale) return stored;
    if (attempt >= 5 || runtime_ == nullptr) {
      return Aborted("the topics kept changing while a batch was being stored; send it again");
    }
    DND_RETURN_IF_ERROR(runtime_->ReloadTopics().status());
    rematched = Rematch(in, *registry_.Current());
    batch = &rematched;
  }
}

Result<IngestReport> IngestService::StoreOnce(const engine::ProcessedBatch& batch,
                                              TouchedHours* defer,
                                              const std::vector<domain::RejectedLine>* dead,
                                              std::vector<std::optional<int64_t>>* stored_ids,
                                              bool* stale) {
  IngestReport report;
  report.lines = batch.lines;
  report.rejected = static_cast<int64_t>(batch.rejected.size());
  for (const auto& r : batch.rejected) {
    report.reasons[r.reason] += 1;
    if (report.rejected_lines.size() < kMaxReportedRejections) {
      report.rejected_lines.push_back({r.line, r.reason, r.message});
    } else {
      report.rejected_lines_cut = true;
    }
  }
  auto snapshot = registry_.Current();
  TouchedHours touched;
  const int64_t now = clock_.NowMs();
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    if (batch.topics_version >= 0) {
      // Held until commit: no topic change can slip in between this check
      // and the mentions being stored.
      DND_ASSIGN_OR_RETURN(int64_t now_version, store::Listening(repos).topics().Version(true));
      if (now_version != batch.topics_version) {
        *stale = true;
        return Status::Ok();  // nothing written yet
      }
    }
    std::vector<domain::RollupRow> rollups;
    std::vector<domain::StoredMention> stored;
    stored.reserve(batch.mentions.size());
    // Every author of the batch in one upsert (a few multi-row statements).
    std::vector<domain::Contact> authors;
    std::vector<size_t> authored;  // index in `stored` of each of `authors`
    for (const auto& p : batch.mentions) {
      domain::StoredMention m = ToStored(p, now);
      if (!m.author_handle.empty()) {
        authors.push_back({0, m.network, m.author_handle, p.mention.author.external_id,
                           m.author_name, m.author_followers, m.created_at_ms, m.created_at_ms});
        authored.push_back(stored.size());
      }
      stored.push_back(std::move(m));
    }
    DND_ASSIGN_OR_RETURN(auto contact_ids, store::Listening(repos).contacts().UpsertMany(authors));
    for (size_t i = 0; i < authored.size(); ++i) stored[authored[i]].contact_id = contact_ids[i];
    DND_ASSIGN_OR_RETURN(auto ids, store::Listening(repos).mentions().InsertBatch(stored));
    if (stored_ids != nullptr) *stored_ids = ids;
    // Only new mentions get matches, so every match here is new too.
    std::vector<store::MentionRepo::Match> matches;
    for (size_t i = 0; i < stored.size(); ++i) {
      if (!ids[i]) {
        ++report.duplicates;
        continue;
      }
      ++report.accepted;
      const domain::StoredMention& m = stored[i];
      for (int64_t topic : batch.mentions[i].topics) {
        auto unit = snapshot->unit_of.find(topic);
        if (unit == snapshot->unit_of.end()) continue;  // deleted since the batch was matched
        matches.push_back({topic, *ids[i], m.created_at_ms});
        rollups.push_back(RollupOf(m, topic, unit->second));
        touched.insert({topic, HourOf(m.created_at_ms)});
      }
    }
    report.matches = static_cast<int64_t>(matches.size());
    DND_RETURN_IF_ERROR(store::Listening(repos).mentions().AddMatches(matches));
    DND_RETURN_IF_ERROR(store::Listening(repos).rollups().Add(rollups));
    if (hook_) DND_RETURN_IF_ERROR(hook_(repos, batch, stored, ids));
    if (dead == nullptr || dead->empty()) return Status::Ok();
    auto& rejected = store::Listening(repos).rejected();
    DND_RETURN_IF_ERROR(rejected.Add(*dead));
    return rejected.Purge(now - limits_.keep_ms, limits_.keep_rows);
  }));
  if (*stale) return report;
  if (defer != nullptr) {
    defer->insert(touched.begin(), touched.end());
    return report;
  }
  DND_ASSIGN_OR_RETURN(report.alerts, CheckSpikes(touched));
  return report;
}

Result<std::vector<domain::Alert>> IngestService::CheckSpikes(const TouchedHours& touched) {
  std::vector<domain::Alert> raised;
  if (touched.empty()) return raised;
  SpikeRule rule;
  std::vector<std::pair<domain::Alert, std::pair<std::string, std::string>>> fresh;
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    // One read of the rollups per topic, covering every touched hour and
    // the week before the earliest.
    std::map<int64_t, std::vector<int64_t>> hours_of;
    for (const auto& [topic_id, hour] : touched) hours_of[topic_id].push_back(hour);
    for (const auto& [topic_id, hours] : hours_of) {
      auto topic = store::Listening(repos).topics().Get(topic_id);
      if (!topic.ok()) continue;  // deleted meanwhile
      const int64_t from = hours.front() - rule.baseline_hours * kHourMs;
      DND_ASSIGN_OR_RETURN(auto rows, store::Listening(repos).rollups().HourlyTotals(
                                          topic_id, from, hours.back() + kHourMs));
      std::map<int64_t, HourCount> counts;
      for (const auto& r : rows) counts[r.hour_ms] = HourCount{r.total, r.negative};
      for (int64_t hour : hours) {
        std::vector<HourCount> history(rule.baseline_hours);
        for (int i = 0; i < rule.baseline_hours; ++i) {
          auto it = counts.find(hour - (rule.baseline_hours - i) * kHourMs);
          if (it != counts.end()) history[static_cast<size_t>(i)] = it->second;
        }
        auto cur = counts.find(hour);
        HourCount current = cur == counts.end() ? HourCount{} : cur->second;
        for (const Spike& s : DetectSpikes(history, current, rule)) {
          domain::Alert a{0,          topic_id, topic->unit_id, s.kind,      hour, s.observed,
                          s.expected, s.z,      clock_.NowMs(), std::nullopt};
          DND_ASSIGN_OR_RETURN(auto created, store::Listening(repos).alerts().CreateIfNew(a));
          if (!created) continue;
          const domain::Unit* u = tree.Find(topic->unit_id);
          fresh.push_back({*created, {topic->name, u ? u->slug : ""}});
        }
      }
    }
    return Status::Ok();
  }));
  for (auto& [alert, names] : fresh) {
    if (notifier_ != nullptr) notifier_->Notify(alert, names.first, names.second);
    raised.push_back(alert);
  }
  return raised;
}

Result<IngestReport> IngestService::IngestLines(const std::vector<std::string_view>& lines) {
  engine::Processor processor;
  auto snapshot = registry_.Current();
  engine::ProcessedBatch batch = processor.Process(lines, 1, *snapshot, std::nullopt);
  return StoreBatch(batch);
}

}  // namespace dandelion::service
