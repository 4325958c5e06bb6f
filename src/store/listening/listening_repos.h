// Listening's repositories: topics, contacts, mentions, rollups, alerts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/listening.h"
#include "store/tx.h"

namespace dandelion::store {

using domain::Alert;
using domain::RejectedCount;
using domain::RejectedLine;
using domain::Contact;
using domain::RollupRow;
using domain::StoredMention;
using domain::Topic;

//! Listening topics.
class TopicRepo {
 public:
  virtual ~TopicRepo() = default;
  //! Every topic, by id.
  virtual Result<std::vector<Topic>> List() = 0;
  //! The topics whose back-fill has not finished (backfill_after set), by id.
  virtual Result<std::vector<Topic>> Backfilling() = 0;
  //! NotFound when absent.
  virtual Result<Topic> Get(int64_t id) = 0;
  //! The unit's topic named `name`; NotFound when it has none.
  virtual Result<Topic> FindByName(int64_t unit_id, const std::string& name) = 0;
  //! AlreadyExists (field "name") when the unit has a topic of that name.
  virtual Result<Topic> Create(const Topic& t) = 0;
  //! Saves name, query and updated_at. NotFound / AlreadyExists as above.
  virtual Result<Topic> Update(const Topic& t) = 0;
  //! Deletes the topic with its matches and rollups (mentions stay).
  virtual Status Delete(int64_t id) = 0;
  //! Records a back-fill's progress (Topic::backfill_after, backfill_until);
  //! nullopt: none running.
  virtual Status SetBackfill(int64_t id, std::optional<int64_t> after, int64_t until) = 0;
  //! A number that Create, Update and Delete move on, in their transaction.
  //! With `hold`, no topic change can commit before this transaction ends
  //! (PostgreSQL: a share lock on the row; SQLite has one writer anyway).
  virtual Result<int64_t> Version(bool hold = false) = 0;
};

//! Contacts, one per (network, handle).
class ContactRepo {
 public:
  virtual ~ContactRepo() = default;
  //! Creates each contact, or refreshes its name, followers and last_seen;
  //! returns their ids in order. Several sightings of one (network, handle)
  //! are merged first, in order: the last name, the last known followers,
  //! the earliest first_seen and the latest last_seen.
  virtual Result<std::vector<int64_t>> UpsertMany(const std::vector<Contact>& contacts) = 0;
  //! UpsertMany of one.
  Result<int64_t> Upsert(const Contact& c) {
    DND_ASSIGN_OR_RETURN(auto ids, UpsertMany({c}));
    return ids.at(0);
  }
  virtual Result<int64_t> Count() = 0;
};

//! Stored mentions and the topics they matched.
class MentionRepo {
 public:
  virtual ~MentionRepo() = default;
  //! Inserts each of `batch` unless a mention with its (network,
  //! external_id) exists (or came earlier in the batch): returns, per
  //! mention, the new id or nullopt for a duplicate (nothing written), and
  //! indexes the new mentions' text for search.
  virtual Result<std::vector<std::optional<int64_t>>> InsertBatch(
      const std::vector<StoredMention>& batch) = 0;
  //! InsertBatch of one.
  Result<std::optional<int64_t>> InsertIfNew(const StoredMention& m) {
    DND_ASSIGN_OR_RETURN(auto ids, InsertBatch({m}));
    return ids.at(0);
  }
  //! Records that `mention_id` (posted at `created_at_ms`) matched
  //! `topic_id`; a match already recorded is left alone. Returns true when
  //! it was new.
  virtual Result<bool> AddMatch(int64_t topic_id, int64_t mention_id, int64_t created_at_ms) = 0;
  //! Records many matches at once (a few statements); those already
  //! recorded are left alone.
  struct Match {
    int64_t topic_id = 0;
    int64_t mention_id = 0;
    int64_t created_at_ms = 0;
  };
  virtual Status AddMatches(const std::vector<Match>& matches) = 0;
  //! Mentions that matched `topic_id`, newest first, strictly before
  //! (`before_ms`, `before_id`) in that order (0, 0: from the newest).
  virtual Result<std::vector<StoredMention>> ForTopic(int64_t topic_id, int64_t before_ms,
                                                      int64_t before_id, int limit) = 0;
  //! The newest mentions of all, newest first.
  virtual Result<std::vector<StoredMention>> Recent(int limit) = 0;
  //! The topics the mention matched, ascending.
  virtual Result<std::vector<int64_t>> TopicsOf(int64_t mention_id) = 0;
  //! The mentions with these ids (those that exist), by id.
  virtual Result<std::vector<StoredMention>> ByIds(const std::vector<int64_t>& ids) = 0;
  //! Mentions with id > `after_id`, by id, at most `limit`; when `terms` is
  //! not empty, only those whose text holds one of them (a token, or a
  //! token prefix when it ends with '*') — a superset found through the
  //! full-text index, for back-filling a topic.
  virtual Result<std::vector<StoredMention>> Candidates(const std::vector<std::string>& terms,
                                                        int64_t after_id, int limit) = 0;
  virtual Result<int64_t> Count() = 0;
  //! The newest mention's id (0 when there is none).
  virtual Result<int64_t> MaxId() = 0;
  //! The mentions `topic_id` matched.
  virtual Result<int64_t> CountForTopic(int64_t topic_id) = 0;
  //! Forgets every match and rollup of `topic_id` (before a re-back-fill).
  virtual Status ClearTopic(int64_t topic_id) = 0;
};

//! Hourly rollups.
class RollupRepo {
 public:
  virtual ~RollupRepo() = default;
  //! Adds each row's count to the stored row with the same key (creating it).
  virtual Status Add(const std::vector<RollupRow>& rows) = 0;
  //! Rows of `topic_ids` with from_ms <= hour < to_ms.
  virtual Result<std::vector<RollupRow>> ForTopics(const std::vector<int64_t>& topic_ids,
                                                   int64_t from_ms, int64_t to_ms) = 0;
  //! All mentions and the negative ones of `topic_id` per hour, from_ms <=
  //! hour < to_ms, by hour (hours without mentions left out): what spike
  //! detection reads after every ingest batch.
  struct HourTotal {
    int64_t hour_ms = 0;
    int64_t total = 0;
    int64_t negative = 0;
  };
  virtual Result<std::vector<HourTotal>> HourlyTotals(int64_t topic_id, int64_t from_ms,
                                                      int64_t to_ms) = 0;
  //! Where the stored rollups differ from a recount of the stored matches:
  //! a row counted differently, recounted but not stored (stored 0), or
  //! stored but not recounted (recounted 0); at most `limit`. Reads every
  //! match: for `dandelion check`, not for requests.
  struct Difference {
    RollupRow key;  //!< its count unused
    int64_t stored = 0;
    int64_t recounted = 0;
  };
  virtual Result<std::vector<Difference>> DifferencesFromRecount(int limit) = 0;
};

//! Spike alerts.
class AlertRepo {
 public:
  virtual ~AlertRepo() = default;
  //! Inserts unless an alert of the same topic, kind and hour exists;
  //! returns it with its id, or nullopt when it existed.
  virtual Result<std::optional<Alert>> CreateIfNew(const Alert& a) = 0;
  //! Alerts of `unit_ids`, newest first, at most `limit`.
  virtual Result<std::vector<Alert>> ForUnits(const std::vector<int64_t>& unit_ids, int limit) = 0;
  //! NotFound when absent.
  virtual Result<Alert> Get(int64_t id) = 0;
  virtual Status Acknowledge(int64_t id, int64_t user_id) = 0;
};

//! The dead letters of the server's ingest (lines that yielded no mention).
class RejectedLineRepo {
 public:
  virtual ~RejectedLineRepo() = default;
  virtual Status Add(const std::vector<RejectedLine>& lines) = 0;
  //! Newest first: at most `limit` with id below `before` (0: from the
  //! newest), of `reason` when not empty.
  virtual Result<std::vector<RejectedLine>> List(int64_t before, int limit,
                                                 const std::string& reason) = 0;
  //! How many per reason, most first.
  virtual Result<std::vector<RejectedCount>> CountByReason() = 0;
  //! NotFound when absent.
  virtual Status Delete(int64_t id) = 0;
  //! Deletes every one (of `reason` when not empty); how many.
  virtual Result<int64_t> DeleteAll(const std::string& reason) = 0;
  //! Deletes those received before `ms`, and all but the newest `keep`.
  virtual Status Purge(int64_t before_ms, int64_t keep) = 0;
};

//! The listening part of one transaction.
class ListeningRepos {
 public:
  virtual ~ListeningRepos() = default;
  virtual TopicRepo& topics() = 0;
  virtual ContactRepo& contacts() = 0;
  virtual MentionRepo& mentions() = 0;
  virtual RollupRepo& rollups() = 0;
  virtual AlertRepo& alerts() = 0;
  virtual RejectedLineRepo& rejected() = 0;
};
ListeningRepos& Listening(Tx& tx);

}  // namespace dandelion::store
