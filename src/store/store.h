// Store: the persistence boundary. Services see only these interfaces; the
// SQLite and PostgreSQL backends implement them (see sql/, sqlite/,
// postgres/), and the app wiring picks one.
//
// Every read and write happens inside Store::Transact, so that a use case
// that writes several rows (a user, their first role and the audit entry)
// either writes all of them or none.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/listening.h"
#include "domain/model.h"

namespace dandelion::store {

using domain::ApiToken;
using domain::AuditEntry;
using domain::Membership;
using domain::Session;
using domain::Alert;
using domain::Contact;
using domain::RollupRow;
using domain::StoredMention;
using domain::Topic;
using domain::Unit;
using domain::User;

//! Units of the tree. The tree is small (hundreds of units), so it is read
//! whole.
class UnitRepo {
 public:
  virtual ~UnitRepo() = default;
  //! Every unit. Internal/Unavailable on database failure.
  virtual Result<std::vector<Unit>> List() = 0;
  //! Inserts `unit` (id ignored) and returns it with its id.
  //! AlreadyExists (field "slug") when the slug is taken.
  virtual Result<Unit> Create(const Unit& unit) = 0;
  //! Renames. NotFound when there is no such id.
  virtual Status Rename(int64_t id, const std::string& name) = 0;
};

class UserRepo {
 public:
  virtual ~UserRepo() = default;
  //! Inserts and returns the user with its id. AlreadyExists (field
  //! "email") when the e-mail is taken.
  virtual Result<User> Create(const User& user, const std::string& password_hash) = 0;
  //! NotFound when absent.
  virtual Result<User> Get(int64_t id) = 0;
  //! The user and their password hash; NotFound when absent.
  virtual Result<std::pair<User, std::string>> GetByEmail(const std::string& email) = 0;
  //! Users with id > `after`, by id, at most `limit`; when `ids` is set,
  //! only those.
  virtual Result<std::vector<User>> List(int64_t after, int limit,
                                         const std::optional<std::vector<int64_t>>& ids) = 0;
  virtual Result<int64_t> Count() = 0;
};

class MembershipRepo {
 public:
  virtual ~MembershipRepo() = default;
  //! AlreadyExists (field "role") when the user already holds the role there.
  virtual Result<Membership> Add(const Membership& m) = 0;
  //! NotFound when absent.
  virtual Result<Membership> Get(int64_t id) = 0;
  virtual Status Remove(int64_t id) = 0;
  virtual Result<std::vector<Membership>> ForUser(int64_t user_id) = 0;
  virtual Result<std::vector<Membership>> ForUnit(int64_t unit_id) = 0;
  //! Memberships held at any of `unit_ids`.
  virtual Result<std::vector<Membership>> ForUnits(const std::vector<int64_t>& unit_ids) = 0;
};

class SessionRepo {
 public:
  virtual ~SessionRepo() = default;
  virtual Status Create(const Session& s) = 0;
  //! NotFound when absent (expiry is the caller's to check).
  virtual Result<Session> Get(const std::string& token_hash) = 0;
  virtual Status Delete(const std::string& token_hash) = 0;
  //! Removes sessions that expired before `now_ms`; returns how many.
  virtual Result<int64_t> DeleteExpired(int64_t now_ms) = 0;
};

class ApiTokenRepo {
 public:
  virtual ~ApiTokenRepo() = default;
  virtual Result<ApiToken> Create(const ApiToken& t) = 0;
  //! NotFound when absent.
  virtual Result<ApiToken> GetByHash(const std::string& token_hash) = 0;
  virtual Result<std::vector<ApiToken>> ForUser(int64_t user_id) = 0;
  //! NotFound unless a token `id` of `user_id` exists.
  virtual Status Delete(int64_t id, int64_t user_id) = 0;
  virtual Status Touch(int64_t id, int64_t now_ms) = 0;
};

//! Failed logins, counted per key (the normalised e-mail) for throttling.
class LoginAttemptRepo {
 public:
  virtual ~LoginAttemptRepo() = default;
  virtual Status RecordFailure(const std::string& key, int64_t at_ms) = 0;
  virtual Result<int64_t> CountFailuresSince(const std::string& key, int64_t since_ms) = 0;
  //! The oldest failure at or after `since_ms`, if any.
  virtual Result<std::optional<int64_t>> OldestFailureSince(const std::string& key,
                                                            int64_t since_ms) = 0;
  virtual Status Clear(const std::string& key) = 0;
};

//! The append-only audit log.
class AuditRepo {
 public:
  virtual ~AuditRepo() = default;
  //! Appends `entry` (id, prev_hash and hash are filled in here, under a
  //! lock that serialises appends across processes) and returns it.
  virtual Result<AuditEntry> Append(AuditEntry entry) = 0;
  //! Entries with id < `before` (0: from the newest), newest first.
  virtual Result<std::vector<AuditEntry>> List(int64_t before, int limit) = 0;
  //! Calls `fn` on every entry in id order until it returns false.
  virtual Status Scan(const std::function<bool(const AuditEntry&)>& fn) = 0;
};

//! Listening topics.
class TopicRepo {
 public:
  virtual ~TopicRepo() = default;
  //! Every topic, by id.
  virtual Result<std::vector<Topic>> List() = 0;
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
  //! Mentions with id > `after_id`, by id, at most `limit`; when `terms` is
  //! not empty, only those whose text holds one of them (a token, or a
  //! token prefix when it ends with '*') — a superset found through the
  //! full-text index, for back-filling a topic.
  virtual Result<std::vector<StoredMention>> Candidates(const std::vector<std::string>& terms,
                                                        int64_t after_id, int limit) = 0;
  virtual Result<int64_t> Count() = 0;
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

//! The repositories of one transaction. Valid only inside Transact's callback.
class Repos {
 public:
  virtual ~Repos() = default;
  virtual UnitRepo& units() = 0;
  virtual UserRepo& users() = 0;
  virtual MembershipRepo& memberships() = 0;
  virtual SessionRepo& sessions() = 0;
  virtual ApiTokenRepo& api_tokens() = 0;
  virtual LoginAttemptRepo& login_attempts() = 0;
  virtual AuditRepo& audit() = 0;
  virtual TopicRepo& topics() = 0;
  virtual ContactRepo& contacts() = 0;
  virtual MentionRepo& mentions() = 0;
  virtual RollupRepo& rollups() = 0;
  virtual AlertRepo& alerts() = 0;
};

//! Thread-safe: many threads may call Transact and Read at once.
class Store {
 public:
  virtual ~Store() = default;
  //! Runs `fn` in one read-write transaction: commits when it returns Ok,
  //! rolls back otherwise and returns its Status. Unavailable when the
  //! database is down. A throw inside `fn` rolls back, releases the
  //! connection and propagates.
  virtual Status Transact(const std::function<Status(Repos&)>& fn) = 0;
  //! Runs `fn` in a read-only transaction over one consistent snapshot.
  //! On SQLite it runs on a connection of its own (WAL), so that it never
  //! waits behind a writer (an ingest batch holds the write lock for
  //! seconds); on PostgreSQL it is a READ ONLY transaction. A write inside
  //! `fn` fails. Returns fn's Status; a throw rolls back and propagates.
  virtual Status Read(const std::function<Status(Repos&)>& fn) = 0;
  //! Applies the migrations not yet applied, in order, each in its own
  //! transaction. Returns how many were applied.
  virtual Result<int> Migrate() = 0;
  //! Ok when the database answers a trivial query.
  virtual Status Ping() = 0;
  //! "sqlite" or "postgresql".
  virtual std::string Backend() const = 0;
};

}  // namespace dandelion::store
