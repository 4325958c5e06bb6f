// ListeningService: topics (a unit's listening queries), their mentions,
// charts and alerts, and the ingest of posts: storing what the engine's
// Processor produced (idempotent on network and external id, contacts
// resolved, matches and hourly rollups written in the same transaction),
// compiling topics into the TopicRegistry, back-filling a new or changed
// topic over stored mentions, and spike detection (alerts.h).
//
// Every method that takes a caller checks what they may do at the unit
// concerned (view listening, manage topics, ingest at the hub); refusals
// are audited. Topic changes are audited with the change. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/permissions.h"
#include "domain/unit_tree.h"
#include "engine/pipeline.h"
#include "listening/query.h"
#include "service/alerts.h"
#include "store/store.h"

namespace dandelion::service {

struct TopicView {
  domain::Topic topic;
  std::string unit_slug;
  std::string unit_name;
  int64_t mentions = 0;  //!< mentions matched so far
};

//! A stored mention with the byte ranges of its text that matched.
struct MentionView {
  domain::StoredMention mention;
  std::vector<listening::Highlight> highlights;
};

struct MentionPage {
  std::vector<MentionView> mentions;
  std::optional<std::string> next;  //!< cursor for the next page, absent at the end
};

//! A query tried on the newest stored mentions.
struct Preview {
  int scanned = 0;
  int matched = 0;
  std::vector<MentionView> mentions;  //!< the first matches, newest first
};

//! One hour of a topic's volume, split by sentiment.
struct HourPoint {
  int64_t hour_ms = 0;
  int64_t total = 0, positive = 0, neutral = 0, negative = 0;
};
struct Count {
  std::string value;
  int64_t count = 0;
};
struct TopicStats {
  std::vector<HourPoint> hours;                     //!< every hour of the range, zeros included
  std::vector<Count> networks, languages, intents;  //!< from the rollups, largest first
  std::vector<Count> hashtags, authors;             //!< from the newest matches (`sample`)
  int64_t sample = 0;
  int64_t total = 0;
};
struct ShareOfVoice {
  struct Entry {
    int64_t topic_id = 0;
    std::string name;
    int64_t count = 0;
  };
  std::vector<Entry> topics;
  int64_t total = 0;
};

//! What an ingest run did.
struct IngestReport {
  int64_t lines = 0;                       //!< lines read (blank ones included)
  int64_t accepted = 0;                    //!< new mentions stored
  int64_t duplicates = 0;                  //!< mentions already stored (nothing written)
  int64_t rejected = 0;                    //!< lines that yielded no mention
  int64_t matches = 0;                     //!< (topic, mention) pairs recorded
  std::map<std::string, int64_t> reasons;  //!< rejected lines per reason
  std::vector<domain::Alert> alerts;       //!< alerts raised by this run
  void Add(const IngestReport& other);
};

class ListeningService {
 public:
  ListeningService(store::Store& store, const Clock& clock, engine::TopicRegistry& registry,
                   AlertNotifier* notifier = nullptr);

  // ---- topics
  //! Brings the compiled topics in line with the stored ones and swaps
  //! them in. A few changes since the last full compile (at most
  //! kMaxTopicChanges topics) are compiled on their own, in milliseconds;
  //! more, the first load, or `full`, compile every topic again.
  //! Returns the topics left out of what it compiled (a query that no
  //! longer parses) — none in normal operation.
  Result<std::vector<listening::CompileError>> ReloadTopics(bool full = false);
  //! When topics changed since the last full compile, compiles them all
  //! again so that posts are scanned once rather than once per layer; for
  //! a background thread, a while after the last change. True when it did.
  Result<bool> CompactTopics();
  static constexpr size_t kMaxTopicChanges = 64;
  //! Topics of the units where the caller may view listening; with `unit`,
  //! only that unit's (NotFound, PermissionDenied). Without `with_counts`
  //! their mention counts are left at 0 (one query a topic saved).
  Result<std::vector<TopicView>> ListTopics(const domain::Principal& who,
                                            const std::optional<std::string>& unit,
                                            bool with_counts = true);
  Result<TopicView> GetTopic(const domain::Principal& who, int64_t id);
  //! Creates and back-fills a topic. InvalidArgument (field "name" or
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

  // ---- reading
  Result<MentionPage> Mentions(const domain::Principal& who, int64_t topic_id,
                               const std::string& cursor, int limit);
  //! Tries `query` on the newest `scan` stored mentions. Any logged-in
  //! caller: a mention is stored once for everyone (DESIGN.md); what a unit
  //! owns is its topics, and a preview creates none.
  Result<Preview> PreviewQuery(const domain::Principal& who, const std::string& query, int scan,
                               int limit);
  Result<TopicStats> Stats(const domain::Principal& who, int64_t topic_id, int64_t from_ms,
                           int64_t to_ms);
  Result<ShareOfVoice> Share(const domain::Principal& who, const std::vector<int64_t>& topic_ids,
                             int64_t from_ms, int64_t to_ms);
  Result<std::vector<domain::Alert>> Alerts(const domain::Principal& who, int limit);
  Status AcknowledgeAlert(const domain::Principal& who, int64_t alert_id);

  // ---- ingest
  //! Checks that the caller may ingest (a hub admin or manager).
  Status AuthorizeIngest(const domain::Principal& who);
  //! (topic id, hour) pairs that received mentions.
  using TouchedHours = std::set<std::pair<int64_t, int64_t>>;
  //! Stores a processed batch in one transaction and runs spike detection
  //! on the hours it touched — or, given `defer`, adds those hours to it for
  //! a later CheckSpikes: a long ingest checks every few seconds rather
  //! than after every batch. Rejected lines are only counted here.
  Result<IngestReport> StoreBatch(const engine::ProcessedBatch& batch,
                                  TouchedHours* defer = nullptr);
  //! Spike detection on `touched` (see alerts.h); the alerts raised, each
  //! also sent to the notifier.
  Result<std::vector<domain::Alert>> CheckSpikes(const TouchedHours& touched);
  //! Processes and stores `lines` (NDJSON, format guessed per line) on the
  //! calling thread: the HTTP ingest path.
  Result<IngestReport> IngestLines(const std::vector<std::string_view>& lines);
  //! Rebuilds topic `id`'s matches and rollups over every stored mention
  //! (candidates from the full-text index). Returns the matches found.
  Result<int64_t> Backfill(int64_t topic_id);

  //! The compiled topics in force.
  engine::TopicRegistry& registry() { return registry_; }
  store::Store& store() { return store_; }
  //! The service's clock (default chart ranges end now).
  int64_t NowMs() const { return clock_.NowMs(); }

 private:
  Result<domain::UnitTree> LoadTree(store::Tx& repos);
  Status Deny(const domain::Principal& who, const Status& denial, const std::string& target);
  //! Creates (no id) or changes a topic; with `apply`, recompiles the
  //! topics and back-fills this one.
  Result<TopicView> SaveTopic(const domain::Principal* who, std::optional<int64_t> id,
                              const std::string& unit, const std::string& name,
                              const std::string& query, bool apply = true);
  Result<std::vector<MentionView>> WithHighlights(const domain::Topic& topic,
                                                  std::vector<domain::StoredMention> mentions);

  store::Store& store_;
  const Clock& clock_;
  engine::TopicRegistry& registry_;
  AlertNotifier* notifier_;
};

//! The stored form of a processed mention.
domain::StoredMention ToStored(const engine::ProcessedMention& p, int64_t ingested_at_ms);

}  // namespace dandelion::service
