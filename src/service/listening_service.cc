#include "service/listening_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "common/log.h"
#include "domain/validation.h"
#include "service/audit_log.h"
#include "store/listening/listening_repos.h"
#include "store/org/org_repos.h"
#include "text/entities.h"
#include "text/network.h"

namespace dandelion::service {
namespace {

using domain::Action;
using domain::Authorize;
using domain::Principal;

constexpr int64_t kHourMs = 3600 * 1000;
constexpr int kBackfillPage = 2000;

int64_t HourOf(int64_t ms) { return ms - ((ms % kHourMs) + kHourMs) % kHourMs; }

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size() && !s.empty()) {
    size_t j = s.find(sep, i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string Snapshot(const domain::Topic& t) {
  return nlohmann::json(
             {{"id", t.id}, {"unit_id", t.unit_id}, {"name", t.name}, {"query", t.query}})
      .dump();
}

// A stored mention as the matcher sees it: the enrichment is stored, the
// entities other than hashtags are read off the text again (cheap).
engine::ProcessedMention FromStored(const domain::StoredMention& m) {
  engine::ProcessedMention p;
  p.mention.network = text::ParseNetwork(m.network).value_or(text::Network::kOther);
  p.mention.external_id = m.external_id;
  p.mention.text = m.text;
  p.mention.created_at_ms = m.created_at_ms;
  p.mention.author.handle = m.author_handle;
  p.mention.author.display_name = m.author_name;
  p.mention.author.followers = m.author_followers;
  p.language = m.language;
  p.sentiment = m.sentiment;
  p.sentiment_label = m.sentiment_label;
  p.intents = Split(m.intents, ',');
  p.hashtags = Split(m.hashtags, ' ');
  p.mentioned = Split(m.mentioned, ' ');
  for (auto& e : text::ExtractEntities(std::string_view(m.text))) {
    if (e.type == text::EntityType::kMention || e.type == text::EntityType::kList) {
      if (std::find(p.mentioned.begin(), p.mentioned.end(), e.value) == p.mentioned.end()) {
        p.mentioned.push_back(std::move(e.value));
      }
    } else if (e.type == text::EntityType::kCashtag) {
      p.cashtags.push_back(std::move(e.value));
    } else if (e.type == text::EntityType::kUrl) {
      p.sites.push_back(engine::LinkHost(e.value));
    }
  }
  return p;
}

domain::RollupRow RollupOf(const domain::StoredMention& m, int64_t topic_id, int64_t unit_id) {
  std::string intent = m.intents.substr(0, m.intents.find(','));
  return domain::RollupRow{topic_id,
                           unit_id,
                           HourOf(m.created_at_ms),
                           m.network,
                           m.sentiment_label,
                           intent.empty() ? "none" : intent,
                           m.language,
                           1};
}

std::vector<Count> Top(const std::map<std::string, int64_t>& counts, size_t n) {
  std::vector<Count> out;
  for (const auto& [k, v] : counts) out.push_back({k, v});
  std::stable_sort(out.begin(), out.end(),
                   [](const Count& a, const Count& b) { return a.count > b.count; });
  if (out.size() > n) out.resize(n);
  return out;
}

}  // namespace

void IngestReport::Add(const IngestReport& o) {
  lines += o.lines;
  accepted += o.accepted;
  duplicates += o.duplicates;
  rejected += o.rejected;
  matches += o.matches;
  for (const auto& [k, v] : o.reasons) reasons[k] += v;
  alerts.insert(alerts.end(), o.alerts.begin(), o.alerts.end());
}

domain::StoredMention ToStored(const engine::ProcessedMention& p, int64_t ingested_at_ms) {
  domain::StoredMention m;
  m.network = std::string(text::NetworkName(p.mention.network));
  m.external_id = p.mention.external_id;
  m.author_handle = p.mention.author.handle;
  m.author_name = p.mention.author.display_name;
  m.author_followers = p.mention.author.followers;
  m.text = p.mention.text;
  m.url = p.mention.url;
  m.created_at_ms = p.mention.created_at_ms;
  m.ingested_at_ms = ingested_at_ms;
  m.language = p.language;
  m.sentiment = p.sentiment;
  m.sentiment_label = p.sentiment_label;
  m.intents = Join(p.intents, ",");
  m.hashtags = Join(p.hashtags, " ");
  m.mentioned = Join(p.mentioned, " ");
  m.pii = p.pii;
  m.reply_to = p.mention.reply_to;
  return m;
}

ListeningService::ListeningService(store::Store& store, const Clock& clock,
                                   engine::TopicRegistry& registry, AlertNotifier* notifier)
    : store_(store), clock_(clock), registry_(registry), notifier_(notifier) {}

Result<domain::UnitTree> ListeningService::LoadTree(store::Tx& repos) {
  DND_ASSIGN_OR_RETURN(auto units, store::Org(repos).units().List());
  return domain::UnitTree(std::move(units));
}

Status ListeningService::Deny(const Principal& who, const Status& denial,
                              const std::string& target) {
  if (denial.code() != Code::kPermissionDenied) return denial;
  Status st = store_.Write([&](store::Tx& repos) {
    return Record(repos, clock_, &who, "denied", target, "null",
                  nlohmann::json({{"reason", denial.message()}}).dump());
  });
  // The refusal stands either way; a refusal the log missed must still be seen.
  if (!st.ok()) LogError("audit: a refusal could not be recorded: " + st.message());
  return denial;
}

// ------------------------------------------------------------------ topics

Result<std::vector<listening::CompileError>> ListeningService::ReloadTopics(bool full) {
  auto lock = registry_.LockForReload();
  std::vector<domain::Topic> topics;
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(topics, store::Listening(repos).topics().List());
    return Status::Ok();
  }));
  auto current = registry_.Current();
  engine::TopicSnapshot next;
  for (const auto& t : topics) {
    next.queries[t.id] = t.query;
    next.unit_of[t.id] = t.unit_id;
  }
  // The topics whose query differs from the base set's copy (or that it
  // lacks), and the base topics changed or deleted since it was compiled.
  std::vector<listening::TopicQuery> changed;
  for (const auto& t : topics) {
    auto base = current->base_queries.find(t.id);
    if (base == current->base_queries.end() || base->second != t.query) {
      changed.push_back({t.id, t.query});
    }
  }
  for (const auto& [id, query] : current->base_queries) {
    auto now = next.queries.find(id);
    if (now == next.queries.end() || now->second != query) next.stale.push_back(id);
  }
  std::sort(next.stale.begin(), next.stale.end());
  std::vector<listening::CompileError> errors;
  // An empty base (the first load) is compiled whole: nothing to keep.
  if (!full && !current->base_queries.empty() &&
      changed.size() + next.stale.size() <= kMaxTopicChanges) {
    // A few changes: compile only them (milliseconds), keep the base set.
    next.set = current->set;
    next.base_queries = current->base_queries;
    if (!changed.empty()) next.changes = listening::TopicSet::Compile(changed, &errors);
  } else {
    std::vector<listening::TopicQuery> all;
    all.reserve(topics.size());
    for (const auto& t : topics) all.push_back({t.id, t.query});
    next.set = listening::TopicSet::Compile(all, &errors);
    next.base_queries = next.queries;
    next.stale.clear();
  }
  registry_.Swap(std::move(next));
  return errors;
}

Result<bool> ListeningService::CompactTopics() {
  auto current = registry_.Current();
  if (current->changes == nullptr && current->stale.empty()) return false;
  DND_RETURN_IF_ERROR(ReloadTopics(true).status());
  return true;
}

Result<std::vector<TopicView>> ListeningService::ListTopics(const Principal& who,
                                                            const std::optional<std::string>& unit,
                                                            bool with_counts) {
  std::vector<TopicView> out;
  Status st = store_.Read([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    std::optional<int64_t> only;
    if (unit) {
      const domain::Unit* u = tree.FindBySlug(*unit);
      if (u == nullptr) return NotFound(fmt::format("no unit '{}'", *unit), "unit");
      DND_RETURN_IF_ERROR(Authorize(who, tree, Action::kViewListening, u->id));
      only = u->id;
    }
    DND_ASSIGN_OR_RETURN(auto topics, store::Listening(repos).topics().List());
    for (const auto& t : topics) {
      if (only && t.unit_id != *only) continue;
      if (!Authorize(who, tree, Action::kViewListening, t.unit_id).ok()) continue;
      const domain::Unit* u = tree.Find(t.unit_id);
      int64_t n = 0;
      if (with_counts) {
        DND_ASSIGN_OR_RETURN(n, store::Listening(repos).mentions().CountForTopic(t.id));
      }
      out.push_back({t, u ? u->slug : "", u ? u->name : "", n});
    }
    return Status::Ok();
  });
  if (!st.ok()) return Deny(who, st, "unit:" + unit.value_or(""));
  return out;
}

Result<TopicView> ListeningService::GetTopic(const Principal& who, int64_t id) {
  TopicView out;
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    DND_ASSIGN_OR_RETURN(auto t, store::Listening(repos).topics().Get(id));
    DND_RETURN_IF_ERROR(Authorize(who, tree, Action::kViewListening, t.unit_id));
    const domain::Unit* u = tree.Find(t.unit_id);
    DND_ASSIGN_OR_RETURN(int64_t n, store::Listening(repos).mentions().CountForTopic(t.id));
    out = {t, u ? u->slug : "", u ? u->name : "", n};
    return Status::Ok();
  });
  if (!st.ok()) return Deny(who, st, fmt::format("topic:{}", id));
  return out;
}

Result<TopicView> ListeningService::SaveTopic(const Principal* who, std::optional<int64_t> id,
                                              const std::string& unit, const std::string& name,
                                              const std::string& query, bool apply) {
  std::string clean = domain::Trim(name);
  if (clean.empty()) return InvalidArgument("the topic needs a name", "name");
  if (clean.size() > 120) return InvalidArgument("the name is longer than 120 bytes", "name");
  auto parsed = listening::ParseQuery(query);
  if (!parsed.ok()) return InvalidArgument(parsed.status().message(), "query");
  TopicView out;
  std::string target;
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    domain::Topic t;
    std::string before = "null";
    if (id) {
      DND_ASSIGN_OR_RETURN(t, store::Listening(repos).topics().Get(*id));
      before = Snapshot(t);
    } else {
      const domain::Unit* u = tree.FindBySlug(unit);
      if (u == nullptr) return NotFound(fmt::format("no unit '{}'", unit), "unit");
      t.unit_id = u->id;
      t.created_at_ms = clock_.NowMs();
    }
    target = fmt::format("topic:{}", id ? std::to_string(*id) : unit + "/" + clean);
    if (who != nullptr)
      DND_RETURN_IF_ERROR(Authorize(*who, tree, Action::kManageTopics, t.unit_id));
    t.name = clean;
    t.query = query;
    t.updated_at_ms = clock_.NowMs();
    if (id) {
      DND_ASSIGN_OR_RETURN(t, store::Listening(repos).topics().Update(t));
    } else {
      DND_ASSIGN_OR_RETURN(t, store::Listening(repos).topics().Create(t));
    }
    const domain::Unit* u = tree.Find(t.unit_id);
    out = {t, u ? u->slug : "", u ? u->name : "", 0};
    return Record(repos, clock_, who, id ? "topic.update" : "topic.create",
                  fmt::format("topic:{}", t.id), before, Snapshot(t));
  });
  if (!st.ok()) return who ? Deny(*who, st, target) : st;
  if (!apply) return out;
  DND_RETURN_IF_ERROR(ReloadTopics().status());
  DND_ASSIGN_OR_RETURN(out.mentions, Backfill(out.topic.id));
  return out;
}

Result<TopicView> ListeningService::CreateTopic(const Principal& who, const std::string& unit,
                                                const std::string& name, const std::string& query) {
  if (unit.empty()) return InvalidArgument("unit is required", "unit");
  return SaveTopic(&who, std::nullopt, unit, name, query);
}

Result<TopicView> ListeningService::CreateTopicAsSystem(const std::string& unit,
                                                        const std::string& name,
                                                        const std::string& query) {
  if (unit.empty()) return InvalidArgument("unit is required", "unit");
  return SaveTopic(nullptr, std::nullopt, unit, name, query);
}

Result<TopicView> ListeningService::ImportTopic(const std::string& unit, const std::string& name,
                                                const std::string& query, bool* created) {
  if (unit.empty()) return InvalidArgument("unit is required", "unit");
  std::optional<int64_t> existing;
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    const domain::Unit* u = tree.FindBySlug(unit);
    if (u == nullptr) return NotFound(fmt::format("no unit '{}'", unit), "unit");
    auto found = store::Listening(repos).topics().FindByName(u->id, domain::Trim(name));
    if (found.ok()) existing = found->id;
    return found.status().code() == Code::kNotFound ? Status::Ok() : found.status();
  }));
  *created = !existing.has_value();
  return SaveTopic(nullptr, existing, unit, name, query, /*apply=*/false);
}

Result<int64_t> ListeningService::ApplyImported(const std::vector<int64_t>& topic_ids) {
  DND_RETURN_IF_ERROR(ReloadTopics().status());
  std::set<int64_t> unique(topic_ids.begin(), topic_ids.end());
  int64_t matches = 0;
  for (int64_t id : unique) {
    DND_ASSIGN_OR_RETURN(int64_t n, Backfill(id));
    matches += n;
  }
  return matches;
}

Result<TopicView> ListeningService::UpdateTopic(const Principal& who, int64_t id,
                                                const std::string& name, const std::string& query) {
  return SaveTopic(&who, id, "", name, query);
}

Status ListeningService::DeleteTopic(const Principal& who, int64_t id) {
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    DND_ASSIGN_OR_RETURN(auto t, store::Listening(repos).topics().Get(id));
    DND_RETURN_IF_ERROR(Authorize(who, tree, Action::kManageTopics, t.unit_id));
    DND_RETURN_IF_ERROR(store::Listening(repos).topics().Delete(id));
    return Record(repos, clock_, &who, "topic.delete", fmt::format("topic:{}", id), Snapshot(t),
                  "null");
  });
  if (!st.ok()) return Deny(who, st, fmt::format("topic:{}", id));
  return ReloadTopics().status();
}

Result<int64_t> ListeningService::Backfill(int64_t topic_id) {
  domain::Topic topic;
  int64_t stored = 0;
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(topic, store::Listening(repos).topics().Get(topic_id));
    DND_ASSIGN_OR_RETURN(stored, store::Listening(repos).mentions().Count());
    return store::Listening(repos).mentions().ClearTopic(topic_id);
  }));
  if (stored == 0) return 0;  // nothing to back-fill over: skip compiling
  DND_ASSIGN_OR_RETURN(auto query, listening::ParseQuery(topic.query));
  std::vector<listening::CompileError> errors;
  auto set = listening::TopicSet::Compile({{topic.id, topic.query}}, &errors);
  if (!errors.empty()) return InvalidArgument(errors[0].message, "query");
  std::vector<std::string> terms =
      listening::AnchorTerms(query).value_or(std::vector<std::string>{});
  listening::Matcher matcher;
  std::vector<int64_t> hits;
  int64_t after = 0, found = 0;
  for (;;) {
    int page = 0;
    DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
      DND_ASSIGN_OR_RETURN(
          auto batch, store::Listening(repos).mentions().Candidates(terms, after, kBackfillPage));
      page = static_cast<int>(batch.size());
      std::vector<domain::RollupRow> rollups;
      std::vector<store::MentionRepo::Match> matches;
      for (const auto& m : batch) {
        after = m.id;
        engine::ProcessedMention p = FromStored(m);
        matcher.Match(*set, engine::FactsOf(p), hits);
        if (hits.empty()) continue;
        matches.push_back({topic.id, m.id, m.created_at_ms});
        rollups.push_back(RollupOf(m, topic.id, topic.unit_id));
      }
      // The topic's matches were cleared above: all of these are new.
      found += static_cast<int64_t>(matches.size());
      DND_RETURN_IF_ERROR(store::Listening(repos).mentions().AddMatches(matches));
      return store::Listening(repos).rollups().Add(rollups);
    }));
    if (page < kBackfillPage) break;
  }
  return found;
}

// ----------------------------------------------------------------- reading

Result<std::vector<MentionView>> ListeningService::WithHighlights(
    const domain::Topic& topic, std::vector<domain::StoredMention> mentions) {
  auto set = listening::TopicSet::Compile({{topic.id, topic.query}}, nullptr);
  listening::Matcher matcher;
  std::vector<int64_t> hits;
  std::vector<MentionView> out;
  for (auto& m : mentions) {
    engine::ProcessedMention p = FromStored(m);
    auto facts = engine::FactsOf(p);
    matcher.Match(*set, facts, hits);
    MentionView v{std::move(m), {}};
    if (!hits.empty()) v.highlights = matcher.Highlights(*set, facts, topic.id);
    out.push_back(std::move(v));
  }
  return out;
}

Result<MentionPage> ListeningService::Mentions(const Principal& who, int64_t topic_id,
                                               const std::string& cursor, int limit) {
  int64_t before_ms = 0, before_id = 0;
  if (!cursor.empty()) {
    size_t colon = cursor.find(':');
    char* end = nullptr;
    before_ms = std::strtoll(cursor.c_str(), &end, 10);
    if (colon == std::string::npos || end != cursor.c_str() + colon) {
      return InvalidArgument("bad cursor", "cursor");
    }
    before_id = std::strtoll(cursor.c_str() + colon + 1, &end, 10);
    if (*end != '\0') return InvalidArgument("bad cursor", "cursor");
  }
  limit = std::clamp(limit, 1, 200);
  domain::Topic topic;
  std::vector<domain::StoredMention> rows;
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    DND_ASSIGN_OR_RETURN(topic, store::Listening(repos).topics().Get(topic_id));
    DND_RETURN_IF_ERROR(Authorize(who, tree, Action::kViewListening, topic.unit_id));
    DND_ASSIGN_OR_RETURN(rows, store::Listening(repos).mentions().ForTopic(topic_id, before_ms,
                                                                           before_id, limit + 1));
    return Status::Ok();
  });
  if (!st.ok()) return Deny(who, st, fmt::format("topic:{}", topic_id));
  MentionPage page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(limit);
    page.next = fmt::format("{}:{}", rows.back().created_at_ms, rows.back().id);
  }
  DND_ASSIGN_OR_RETURN(page.mentions, WithHighlights(topic, std::move(rows)));
  return page;
}

Result<Preview> ListeningService::PreviewQuery(const Principal& who, const std::string& query,
                                               int scan, int limit) {
  (void)who;  // any logged-in caller: mentions are shared, topics are not touched
  auto parsed = listening::ParseQuery(query);
  if (!parsed.ok()) return InvalidArgument(parsed.status().message(), "query");
  scan = std::clamp(scan, 1, 20000);
  limit = std::clamp(limit, 1, 100);
  std::vector<domain::StoredMention> recent;
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(recent, store::Listening(repos).mentions().Recent(scan));
    return Status::Ok();
  }));
  domain::Topic probe{-1, 0, "preview", query, 0, 0};
  auto set = listening::TopicSet::Compile({{probe.id, query}}, nullptr);
  listening::Matcher matcher;
  std::vector<int64_t> hits;
  Preview out;
  out.scanned = static_cast<int>(recent.size());
  std::vector<domain::StoredMention> shown;
  for (auto& m : recent) {
    engine::ProcessedMention p = FromStored(m);
    matcher.Match(*set, engine::FactsOf(p), hits);
    if (hits.empty()) continue;
    ++out.matched;
    if (static_cast<int>(shown.size()) < limit) shown.push_back(std::move(m));
  }
  DND_ASSIGN_OR_RETURN(out.mentions, WithHighlights(probe, std::move(shown)));
  return out;
}

Result<TopicStats> ListeningService::Stats(const Principal& who, int64_t topic_id, int64_t from_ms,
                                           int64_t to_ms) {
  if (to_ms <= from_ms) return InvalidArgument("'to' must be after 'from'", "to");
  if (to_ms - from_ms > 93 * 24 * kHourMs) {
    return InvalidArgument("the range is longer than 93 days", "from");
  }
  from_ms = HourOf(from_ms);
  TopicStats out;
  std::vector<domain::RollupRow> rows;
  std::vector<domain::StoredMention> sample;
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    DND_ASSIGN_OR_RETURN(auto topic, store::Listening(repos).topics().Get(topic_id));
    DND_RETURN_IF_ERROR(Authorize(who, tree, Action::kViewListening, topic.unit_id));
    DND_ASSIGN_OR_RETURN(rows,
                         store::Listening(repos).rollups().ForTopics({topic_id}, from_ms, to_ms));
    DND_ASSIGN_OR_RETURN(sample,
                         store::Listening(repos).mentions().ForTopic(topic_id, to_ms, 0, 1000));
    return Status::Ok();
  });
  if (!st.ok()) return Deny(who, st, fmt::format("topic:{}", topic_id));
  std::map<int64_t, HourPoint> hours;
  for (int64_t h = from_ms; h < to_ms; h += kHourMs) hours[h] = HourPoint{h};
  std::map<std::string, int64_t> networks, languages, intents, hashtags, authors;
  for (const auto& r : rows) {
    HourPoint& p = hours[r.hour_ms];
    p.hour_ms = r.hour_ms;
    p.total += r.count;
    if (r.sentiment == "positive") p.positive += r.count;
    if (r.sentiment == "negative") p.negative += r.count;
    if (r.sentiment == "neutral") p.neutral += r.count;
    networks[r.network] += r.count;
    languages[r.language] += r.count;
    if (r.intent != "none") intents[r.intent] += r.count;
    out.total += r.count;
  }
  for (auto& [h, p] : hours) out.hours.push_back(p);
  for (const auto& m : sample) {
    if (m.created_at_ms < from_ms) break;  // newest first
    ++out.sample;
    authors[m.author_handle] += 1;
    for (const auto& tag : Split(m.hashtags, ' ')) {
      std::string lower = tag;
      for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      }
      hashtags[lower] += 1;
    }
  }
  out.networks = Top(networks, 10);
  out.languages = Top(languages, 10);
  out.intents = Top(intents, 10);
  out.hashtags = Top(hashtags, 10);
  out.authors = Top(authors, 10);
  return out;
}

Result<ShareOfVoice> ListeningService::Share(const Principal& who,
                                             const std::vector<int64_t>& topic_ids, int64_t from_ms,
                                             int64_t to_ms) {
  if (topic_ids.empty()) return InvalidArgument("choose at least one topic", "topics");
  if (topic_ids.size() > 20) return InvalidArgument("at most 20 topics", "topics");
  // A topic named twice counts once: shares must add up to the whole.
  std::vector<int64_t> ids;
  for (int64_t id : topic_ids) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  ShareOfVoice out;
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    for (int64_t id : ids) {
      DND_ASSIGN_OR_RETURN(auto topic, store::Listening(repos).topics().Get(id));
      DND_RETURN_IF_ERROR(Authorize(who, tree, Action::kViewListening, topic.unit_id));
      out.topics.push_back({id, topic.name, 0});
    }
    DND_ASSIGN_OR_RETURN(
        auto rows, store::Listening(repos).rollups().ForTopics(ids, HourOf(from_ms), to_ms));
    for (const auto& r : rows) {
      for (auto& e : out.topics) {
        if (e.topic_id == r.topic_id) e.count += r.count;
      }
      out.total += r.count;
    }
    return Status::Ok();
  });
  if (!st.ok()) return Deny(who, st, "topics");
  return out;
}

Result<std::vector<domain::Alert>> ListeningService::Alerts(const Principal& who, int limit) {
  std::vector<domain::Alert> out;
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    DND_ASSIGN_OR_RETURN(auto units, store::Org(repos).units().List());
    std::vector<int64_t> visible;
    for (const auto& u : units) {
      if (Authorize(who, tree, Action::kViewListening, u.id).ok()) visible.push_back(u.id);
    }
    DND_ASSIGN_OR_RETURN(
        out, store::Listening(repos).alerts().ForUnits(visible, std::clamp(limit, 1, 200)));
    return Status::Ok();
  }));
  return out;
}

Status ListeningService::AcknowledgeAlert(const Principal& who, int64_t alert_id) {
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    DND_ASSIGN_OR_RETURN(auto alert, store::Listening(repos).alerts().Get(alert_id));
    DND_RETURN_IF_ERROR(Authorize(who, tree, Action::kManageTopics, alert.unit_id));
    DND_RETURN_IF_ERROR(store::Listening(repos).alerts().Acknowledge(alert_id, who.user.id));
    return Record(repos, clock_, &who, "alert.acknowledge", fmt::format("alert:{}", alert_id),
                  "null", "null");
  });
  if (!st.ok()) return Deny(who, st, fmt::format("alert:{}", alert_id));
  return st;
}

// ------------------------------------------------------------------ ingest

Status ListeningService::AuthorizeIngest(const Principal& who) {
  Status st = store_.Write([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(domain::UnitTree tree, LoadTree(repos));
    if (tree.Root() == nullptr) return FailedPrecondition("there is no hub yet");
    return Authorize(who, tree, Action::kIngest, tree.Root()->id);
  });
  if (!st.ok()) return Deny(who, st, "ingest");
  return st;
}

Result<IngestReport> ListeningService::StoreBatch(const engine::ProcessedBatch& batch,
                                                  TouchedHours* defer) {
  IngestReport report;
  report.lines = batch.lines;
  report.rejected = static_cast<int64_t>(batch.rejected.size());
  for (const auto& r : batch.rejected) report.reasons[r.reason] += 1;
  auto snapshot = registry_.Current();
  TouchedHours touched;
  const int64_t now = clock_.NowMs();
  DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
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
    return store::Listening(repos).rollups().Add(rollups);
  }));
  if (defer != nullptr) {
    defer->insert(touched.begin(), touched.end());
    return report;
  }
  DND_ASSIGN_OR_RETURN(report.alerts, CheckSpikes(touched));
  return report;
}

Result<std::vector<domain::Alert>> ListeningService::CheckSpikes(const TouchedHours& touched) {
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

Result<IngestReport> ListeningService::IngestLines(const std::vector<std::string_view>& lines) {
  engine::Processor processor;
  auto snapshot = registry_.Current();
  engine::ProcessedBatch batch = processor.Process(lines, 1, *snapshot, std::nullopt);
  return StoreBatch(batch);
}

}  // namespace dandelion::service
