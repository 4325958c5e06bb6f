#include "service/listening/topics_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/validation.h"
#include "listening/matcher.h"
#include "service/listening/stored_mention.h"
#include "store/listening/listening_repos.h"

namespace dandelion::service {
namespace {

using domain::Action;
using domain::Principal;

std::string Snapshot(const domain::Topic& t) {
  return nlohmann::json(
             {{"id", t.id}, {"unit_id", t.unit_id}, {"name", t.name}, {"query", t.query}})
      .dump();
}

// What a topic that does not exist answers, and so also one outside the
// caller's view (the same words as the store's).
Status NoTopic(int64_t id) { return NotFound(fmt::format("no topic with id {}", id)); }

TopicView View(const domain::UnitTree& tree, const domain::Topic& t, int64_t mentions) {
  const domain::Unit* u = tree.Find(t.unit_id);
  return {t, u ? u->slug : "", u ? u->name : "", mentions};
}

}  // namespace

Result<std::vector<TopicView>> TopicsService::ListTopics(const Principal& who,
                                                         const std::optional<std::string>& unit,
                                                         bool with_counts) {
  std::vector<TopicView> out;
  DND_RETURN_IF_ERROR(access_.Read(who, "unit:" + unit.value_or(""), [&](Scope& s) -> Status {
    auto& listening = store::Listening(s.tx);
    std::optional<int64_t> only;
    if (unit) {
      DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(*unit, Action::kViewListening, "unit"));
      only = u->id;
    }
    DND_ASSIGN_OR_RETURN(auto topics, listening.topics().List());
    for (const auto& t : topics) {
      if (only && t.unit_id != *only) continue;
      if (!s.Allow(Action::kViewListening, t.unit_id).ok()) continue;
      int64_t n = 0;
      if (with_counts) {
        DND_ASSIGN_OR_RETURN(n, listening.mentions().CountForTopic(t.id));
      }
      out.push_back(View(s.tree, t, n));
    }
    return Status::Ok();
  }));
  return out;
}

Result<TopicView> TopicsService::GetTopic(const Principal& who, int64_t id) {
  TopicView out;
  DND_RETURN_IF_ERROR(access_.Read(who, fmt::format("topic:{}", id), [&](Scope& s) -> Status {
    auto& listening = store::Listening(s.tx);
    DND_ASSIGN_OR_RETURN(auto t, listening.topics().Get(id));
    DND_RETURN_IF_ERROR(
        s.AllowOrHide(Action::kViewListening, Action::kViewListening, t.unit_id, NoTopic(id)));
    DND_ASSIGN_OR_RETURN(int64_t n, listening.mentions().CountForTopic(t.id));
    out = View(s.tree, t, n);
    return Status::Ok();
  }));
  return out;
}

Result<TopicView> TopicsService::SaveTopic(const Principal* who, std::optional<int64_t> id,
                                           const std::string& unit, const std::string& name,
                                           const std::string& query, bool apply) {
  std::string clean = domain::Trim(name);
  if (clean.empty()) return InvalidArgument("the topic needs a name", "name");
  if (clean.size() > 120) return InvalidArgument("the name is longer than 120 bytes", "name");
  auto parsed = listening::ParseQuery(query);
  if (!parsed.ok()) return InvalidArgument(parsed.status().message(), "query");
  TopicView out;
  const std::string target = fmt::format("topic:{}", id ? std::to_string(*id) : unit + "/" + clean);
  DND_RETURN_IF_ERROR(access_.Write(who, target, [&](Scope& s) -> Status {
    auto& topics = store::Listening(s.tx).topics();
    domain::Topic t;
    std::string before = "null";
    if (id) {
      DND_ASSIGN_OR_RETURN(t, topics.Get(*id));
      before = Snapshot(t);
      DND_RETURN_IF_ERROR(
          s.AllowOrHide(Action::kManageTopics, Action::kViewListening, t.unit_id, NoTopic(*id)));
    } else {
      DND_ASSIGN_OR_RETURN(const domain::Unit* u, s.UnitFor(unit, Action::kManageTopics, "unit"));
      // Every topic is matched against every post: a unit's share is capped.
      DND_ASSIGN_OR_RETURN(auto all, topics.List());
      auto held = std::count_if(all.begin(), all.end(),
                                [&](const domain::Topic& x) { return x.unit_id == u->id; });
      if (held >= options_.max_topics_per_unit) {
        return FailedPrecondition(
            fmt::format("'{}' already has {} topics, the most a unit may have; delete one first",
                        u->slug, options_.max_topics_per_unit),
            "unit");
      }
      t.unit_id = u->id;
      t.created_at_ms = s.NowMs();
    }
    t.name = clean;
    t.query = query;
    t.updated_at_ms = s.NowMs();
    if (id) {
      DND_ASSIGN_OR_RETURN(t, topics.Update(t));
    } else {
      DND_ASSIGN_OR_RETURN(t, topics.Create(t));
    }
    out = View(s.tree, t, 0);
    return s.Audit(id ? "topic.update" : "topic.create", fmt::format("topic:{}", t.id), before,
                   Snapshot(t));
  }));
  if (!apply) return out;
  DND_RETURN_IF_ERROR(runtime_.ReloadTopics().status());
  if (jobs_ == nullptr) {
    DND_ASSIGN_OR_RETURN(out.mentions, runtime_.Backfill(out.topic.id));
    return out;
  }
  // In the background; on small data it is over before the answer.
  DND_RETURN_IF_ERROR(runtime_.StartBackfill(out.topic.id));
  jobs_->Enqueue(out.topic.id);
  jobs_->WaitAsConfigured(out.topic.id);
  DND_RETURN_IF_ERROR(access_.Read(nullptr, "topic", [&](Scope& s) -> Status {
    auto& listening = store::Listening(s.tx);
    DND_ASSIGN_OR_RETURN(auto t, listening.topics().Get(out.topic.id));
    DND_ASSIGN_OR_RETURN(int64_t n, listening.mentions().CountForTopic(t.id));
    out = View(s.tree, t, n);
    return Status::Ok();
  }));
  return out;
}

Result<TopicView> TopicsService::CreateTopic(const Principal& who, const std::string& unit,
                                             const std::string& name, const std::string& query) {
  if (unit.empty()) return InvalidArgument("unit is required", "unit");
  return SaveTopic(&who, std::nullopt, unit, name, query);
}

Result<TopicView> TopicsService::CreateTopicAsSystem(const std::string& unit,
                                                     const std::string& name,
                                                     const std::string& query) {
  if (unit.empty()) return InvalidArgument("unit is required", "unit");
  return SaveTopic(nullptr, std::nullopt, unit, name, query);
}

Result<TopicView> TopicsService::ImportTopic(const std::string& unit, const std::string& name,
                                             const std::string& query, bool* created) {
  if (unit.empty()) return InvalidArgument("unit is required", "unit");
  std::optional<int64_t> existing;
  DND_RETURN_IF_ERROR(access_.Read(nullptr, "unit:" + unit, [&](Scope& s) -> Status {
    const domain::Unit* u = s.tree.FindBySlug(unit);
    if (u == nullptr) return NotFound(fmt::format("no unit '{}'", unit), "unit");
    auto found = store::Listening(s.tx).topics().FindByName(u->id, domain::Trim(name));
    if (found.ok()) existing = found->id;
    return found.status().code() == Code::kNotFound ? Status::Ok() : found.status();
  }));
  *created = !existing.has_value();
  return SaveTopic(nullptr, existing, unit, name, query, /*apply=*/false);
}

Result<int64_t> TopicsService::ApplyImported(const std::vector<int64_t>& topic_ids) {
  DND_RETURN_IF_ERROR(runtime_.ReloadTopics().status());
  std::set<int64_t> unique(topic_ids.begin(), topic_ids.end());
  int64_t matches = 0;
  for (int64_t id : unique) {
    DND_ASSIGN_OR_RETURN(int64_t n, runtime_.Backfill(id));
    matches += n;
  }
  return matches;
}

Result<TopicView> TopicsService::UpdateTopic(const Principal& who, int64_t id,
                                             const std::string& name, const std::string& query) {
  return SaveTopic(&who, id, "", name, query);
}

Status TopicsService::DeleteTopic(const Principal& who, int64_t id) {
  const std::string target = fmt::format("topic:{}", id);
  DND_RETURN_IF_ERROR(access_.Write(who, target, [&](Scope& s) -> Status {
    auto& topics = store::Listening(s.tx).topics();
    DND_ASSIGN_OR_RETURN(auto t, topics.Get(id));
    DND_RETURN_IF_ERROR(
        s.AllowOrHide(Action::kManageTopics, Action::kViewListening, t.unit_id, NoTopic(id)));
    DND_RETURN_IF_ERROR(topics.Delete(id));
    return s.Audit("topic.delete", target, Snapshot(t), "null");
  }));
  return runtime_.ReloadTopics().status();
}

Result<Preview> TopicsService::PreviewQuery(const Principal& who, const std::string& query,
                                            int scan, int limit) {
  auto parsed = listening::ParseQuery(query);
  if (!parsed.ok()) return InvalidArgument(parsed.status().message(), "query");
  scan = std::clamp(scan, 1, 20000);
  limit = std::clamp(limit, 1, 100);
  int64_t wait_ms = 0;
  if (!previews_.Allow(std::to_string(who.user.id), &wait_ms)) {
    return Status(
        Code::kResourceExhausted,
        fmt::format("too many previews at once; try again in {} s", (wait_ms + 999) / 1000));
  }
  std::vector<domain::StoredMention> recent;
  // Any logged-in caller: mentions are shared, topics are not touched.
  DND_RETURN_IF_ERROR(access_.Read(who, "preview", [&](Scope& s) -> Status {
    DND_ASSIGN_OR_RETURN(recent, store::Listening(s.tx).mentions().Recent(scan));
    return Status::Ok();
  }));
  domain::Topic probe;
  probe.id = -1;
  probe.name = "preview";
  probe.query = query;
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
  out.mentions = WithHighlights(probe, std::move(shown));
  return out;
}

}  // namespace dandelion::service
