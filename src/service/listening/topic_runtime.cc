#include "service/listening/topic_runtime.h"

#include <algorithm>

#include "listening/matcher.h"
#include "service/listening/stored_mention.h"
#include "store/listening/listening_repos.h"

namespace dandelion::service {
namespace {

// Stored mentions read per transaction while back-filling.
constexpr int kBackfillPage = 2000;

}  // namespace

Result<std::vector<listening::CompileError>> TopicRuntime::ReloadTopics(bool full) {
  auto lock = registry_.LockForReload();
  std::vector<domain::Topic> topics;
  int64_t version = 0;
  DND_RETURN_IF_ERROR(store_.Read([&](store::Tx& repos) -> Status {
    // The version with the list, in one transaction: a change made after
    // the list moves the version past this one, and is noticed next time.
    DND_ASSIGN_OR_RETURN(version, store::Listening(repos).topics().Version());
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
  next.store_version = version;
  registry_.Swap(std::move(next));
  loaded_version_ = version;
  return errors;
}

Result<int64_t> TopicRuntime::StoredVersion() {
  int64_t version = 0;
  DND_RETURN_IF_ERROR(store_.Read([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(version, store::Listening(repos).topics().Version());
    return Status::Ok();
  }));
  return version;
}

Result<bool> TopicRuntime::CompactTopics() {
  auto current = registry_.Current();
  if (current->changes == nullptr && current->stale.empty()) return false;
  DND_RETURN_IF_ERROR(ReloadTopics(true).status());
  return true;
}

Status TopicRuntime::StartBackfill(int64_t topic_id) {
  return store_.Write([&](store::Tx& repos) -> Status {
    auto& listening = store::Listening(repos);
    DND_RETURN_IF_ERROR(listening.topics().Get(topic_id).status());
    DND_ASSIGN_OR_RETURN(int64_t until, listening.mentions().MaxId());
    DND_RETURN_IF_ERROR(listening.mentions().ClearTopic(topic_id));
    // Nothing stored yet: nothing to go through, done at once.
    std::optional<int64_t> after;
    if (until > 0) after = 0;
    return listening.topics().SetBackfill(topic_id, after, until);
  });
}

Result<int64_t> TopicRuntime::RunBackfill(int64_t topic_id, const std::function<bool()>& go_on) {
  domain::Topic topic;
  DND_RETURN_IF_ERROR(store_.Read([&](store::Tx& repos) -> Status {
    DND_ASSIGN_OR_RETURN(topic, store::Listening(repos).topics().Get(topic_id));
    return Status::Ok();
  }));
  if (!topic.backfill_after) return 0;  // none to run
  DND_ASSIGN_OR_RETURN(auto query, listening::ParseQuery(topic.query));
  std::vector<listening::CompileError> errors;
  auto set = listening::TopicSet::Compile({{topic.id, topic.query}}, &errors);
  if (!errors.empty()) return InvalidArgument(errors[0].message, "query");
  std::vector<std::string> terms =
      listening::AnchorTerms(query).value_or(std::vector<std::string>{});
  listening::Matcher matcher;
  std::vector<int64_t> hits;
  int64_t after = *topic.backfill_after, found = 0;
  const int64_t until = topic.backfill_until;
  for (bool done = false; !done;) {
    if (go_on && !go_on()) break;  // the rest on the next start
    bool superseded = false;
    DND_RETURN_IF_ERROR(store_.Write([&](store::Tx& repos) -> Status {
      auto& listening = store::Listening(repos);
      // Changed (a new back-fill started over) or deleted since: that one
      // is someone else's, and this one is void.
      auto now = listening.topics().Get(topic_id);
      if (!now.ok() || now->query != topic.query || now->backfill_after != after ||
          now->backfill_until != until) {
        superseded = true;
        return now.status().code() == Code::kNotFound ? Status::Ok() : now.status();
      }
      DND_ASSIGN_OR_RETURN(auto batch, listening.mentions().Candidates(terms, after, kBackfillPage));
      done = static_cast<int>(batch.size()) < kBackfillPage;
      std::vector<domain::RollupRow> rollups;
      std::vector<store::MentionRepo::Match> matches;
      for (const auto& m : batch) {
        // Newer mentions were matched as they were ingested.
        if (m.id > until) {
          done = true;
          break;
        }
        after = m.id;
        engine::ProcessedMention p = FromStored(m);
        matcher.Match(*set, engine::FactsOf(p), hits);
        if (hits.empty()) continue;
        matches.push_back({topic.id, m.id, m.created_at_ms});
        rollups.push_back(RollupOf(m, topic.id, topic.unit_id));
      }
      // The topic's matches up to `until` were cleared when it began, and
      // each page moves `after` on in the same transaction: all are new.
      found += static_cast<int64_t>(matches.size());
      DND_RETURN_IF_ERROR(listening.mentions().AddMatches(matches));
      DND_RETURN_IF_ERROR(listening.rollups().Add(rollups));
      std::optional<int64_t> next;
      if (!done) next = after;
      return listening.topics().SetBackfill(topic_id, next, until);
    }));
    if (superseded) break;
  }
  return found;
}

Result<int64_t> TopicRuntime::Backfill(int64_t topic_id) {
  DND_RETURN_IF_ERROR(StartBackfill(topic_id));
  return RunBackfill(topic_id);
}

}  // namespace dandelion::service
