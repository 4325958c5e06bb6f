// TopicsService: a unit's listening topics (named queries), and trying a
// query before saving it. Every method that takes a caller goes through
// Access (view listening, manage topics at the topic's unit; refusals
// audited); changes are audited with the change, then compiled into the
// runtime and back-filled over the stored mentions. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/permissions.h"
#include "service/common/access.h"
#include "service/common/rate_limiter.h"
#include "service/listening/backfill_jobs.h"
#include "service/listening/listening_views.h"
#include "service/listening/topic_runtime.h"
#include "store/store.h"

namespace dandelion::service {

struct TopicsOptions {
  //! Topics one unit may hold: each is matched against every post ingested.
  int max_topics_per_unit = 200;
  //! Previews a user may run at once, then one every `preview_every_ms`:
  //! each scans up to 20,000 stored mentions.
  int preview_burst = 20;
  int64_t preview_every_ms = 1000;
};

class TopicsService {
 public:
  //! With `jobs`, back-fills run there (the request waits only as long
  //! as BackfillOptions::wait_ms); without, on the calling thread.
  TopicsService(store::Store& store, const Clock& clock, TopicRuntime& runtime,
                TopicsOptions options = {}, BackfillJobs* jobs = nullptr)
      : access_(store, clock),
        runtime_(runtime),
        jobs_(jobs),
        options_(options),
        previews_(clock, options.preview_burst, options.preview_every_ms) {}

  //! Topics of the units where the caller may view listening; with `unit`,
  //! only that unit's (NotFound, PermissionDenied). Without `with_counts`
  //! their mention counts are left at 0 (one query a topic saved).
  Result<std::vector<TopicView>> ListTopics(const domain::Principal& who,
                                            const std::optional<std::string>& unit,
                                            bool with_counts = true);
  Result<TopicView> GetTopic(const domain::Principal& who, int64_t id);
  //! Creates and back-fills a topic (the answer's topic says how far the
  //! back-fill got: see TopicsService's `jobs`). InvalidArgument (field "name" or
  //! "query", message "column N: …"), NotFound (field "unit"),
  //! AlreadyExists (field "name"), PermissionDenied.
  Result<TopicView> CreateTopic(const domain::Principal& who, const std::string& unit,
                                const std::string& name, const std::string& query);
  //! Saves and re-back-fills the topic (its matches and rollups are rebuilt).
  Result<TopicView> UpdateTopic(const domain::Principal& who, int64_t id, const std::string& name,
                                const std::string& query);
  Status DeleteTopic(const domain::Principal& who, int64_t id);
  //! Creates topics without a caller (CLI import, demo), audited as system.
  Result<TopicView> CreateTopicAsSystem(const std::string& unit, const std::string& name,
                                        const std::string& query);
  //! Creates the unit's topic `name`, or changes its query when it exists
  //! (so that importing a file twice is harmless); audited as system.
  //! `*created` says which. Unlike the other methods it neither recompiles
  //! the topics nor back-fills: call ApplyImported() once after a whole file.
  Result<TopicView> ImportTopic(const std::string& unit, const std::string& name,
                                const std::string& query, bool* created);
  //! Recompiles the topics and back-fills `topic_ids`; returns the matches.
  Result<int64_t> ApplyImported(const std::vector<int64_t>& topic_ids);

  //! Tries `query` on the newest `scan` stored mentions. Any logged-in
  //! caller: a mention is stored once for everyone (DESIGN.md); what a unit
  //! owns is its topics, and a preview creates none. ResourceExhausted when
  //! the caller previews faster than TopicsOptions allows.
  Result<Preview> PreviewQuery(const domain::Principal& who, const std::string& query, int scan,
                               int limit);

 private:
  //! Creates (no id) or changes a topic; with `apply`, recompiles the
  //! topics and back-fills this one.
  Result<TopicView> SaveTopic(const domain::Principal* who, std::optional<int64_t> id,
                              const std::string& unit, const std::string& name,
                              const std::string& query, bool apply = true);

  Access access_;
  TopicRuntime& runtime_;
  BackfillJobs* jobs_;
  TopicsOptions options_;
  RateLimiter previews_;
};

}  // namespace dandelion::service
