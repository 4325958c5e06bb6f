// The social CRM's repositories: people, their identities (listening's
// contacts rows), the units that see them, their search keys, merges and
// tombstones, the timeline's reads, and the erase that scrubs a person from
// every table.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/contacts.h"
#include "store/tx.h"

namespace dandelion::store {

struct PersonQuery {
  std::vector<int64_t> unit_ids;  //!< seen from these units (empty: none)
  std::string prefix;             //!< a search word's start, lower case; "" every person
  std::optional<int64_t> before_id;  //!< the page after this id (newest first)
  int limit = 50;
};

//! A mention of a person's, for the timeline.
struct TimelineMention {
  int64_t id = 0;
  std::string network;
  std::string handle;
  std::string text;
  std::string url;
  std::string sentiment;
  int64_t created_at_ms = 0;
};

//! A case of a person's, for the timeline.
struct TimelineCase {
  int64_t id = 0;
  int64_t unit_id = 0;
  std::string status;
  std::string subject;
  int64_t opened_at_ms = 0;
  std::optional<int64_t> resolved_at_ms;
};

//! A reply or note in one of the person's cases.
struct TimelineEvent {
  int64_t id = 0;
  int64_t case_id = 0;
  std::string kind;
  std::string detail;
  std::optional<int64_t> actor_id;
  int64_t at_ms = 0;
};

//! What an erase scrubbed.
struct ErasedCounts {
  int64_t mentions = 0;  //!< the person's own
  int64_t others = 0;    //!< other people's mentions that named them
  int64_t cases = 0;
  int64_t events = 0;
  int64_t dead_letters = 0;
};

class PersonRepo {
 public:
  virtual ~PersonRepo() = default;
  virtual Result<domain::Person> Create(const domain::Person& p) = 0;
  virtual Result<domain::Person> Get(int64_t id) = 0;
  //! FailedPrecondition when the stored version is not p.version.
  virtual Result<domain::Person> Update(const domain::Person& p) = 0;
  virtual Result<std::vector<domain::Person>> Find(const PersonQuery& q) = 0;
  //! People (not merged away) sharing the e-mail, customer id or name.
  virtual Result<std::vector<domain::Person>> WithEmail(const std::string& email) = 0;
  virtual Result<std::vector<domain::Person>> WithCustomerId(const std::string& id) = 0;
  virtual Result<std::vector<domain::Person>> WithKey(const std::string& key, int limit) = 0;
  //! The people merged into `id`.
  virtual Result<std::vector<domain::Person>> MergedInto(int64_t id) = 0;

  virtual Result<std::vector<domain::Identity>> Identities(int64_t person_id) = 0;
  virtual Result<std::optional<int64_t>> PersonOfIdentity(int64_t identity_id) = 0;
  virtual Status MoveIdentities(const std::vector<int64_t>& identity_ids, int64_t person_id) = 0;

  virtual Status AddUnit(int64_t person_id, int64_t unit_id) = 0;
  virtual Result<std::vector<int64_t>> Units(int64_t person_id) = 0;
  //! Its home unit and the units of its identities' cases.
  virtual Status RecomputeUnits(int64_t person_id) = 0;
  virtual Status SetKeys(int64_t person_id, const std::vector<std::string>& keys) = 0;

  virtual Result<domain::PersonMerge> AddMerge(const domain::PersonMerge& m) = 0;
  virtual Result<domain::PersonMerge> GetMerge(int64_t id) = 0;
  virtual Result<std::vector<domain::PersonMerge>> Merges(int64_t person_id) = 0;
  virtual Status MarkUndone(int64_t merge_id, int64_t at_ms) = 0;

  virtual Result<std::vector<TimelineMention>> Mentions(const std::vector<int64_t>& identity_ids,
                                                        int limit) = 0;
  virtual Result<std::vector<TimelineCase>> Cases(const std::vector<int64_t>& identity_ids,
                                                  int limit) = 0;
  virtual Result<std::vector<TimelineEvent>> Answers(const std::vector<int64_t>& case_ids) = 0;

  virtual Result<std::optional<domain::Tombstone>> Tombstone(int64_t person_id) = 0;
  //! Removes the people `ids` (a person and those merged into it) and every
  //! trace of them: their identities, their mentions' text and author, their
  //! cases' subjects, replies and notes, other mentions and notes that name
  //! their handles, dead letters holding them, their keys, units and merges;
  //! then records a tombstone for each.
  virtual Result<ErasedCounts> Erase(const std::vector<int64_t>& ids, int64_t unit_id, int64_t by_user_id,
                                     int64_t now_ms) = 0;
};

PersonRepo& People(Tx& tx);

}  // namespace dandelion::store
