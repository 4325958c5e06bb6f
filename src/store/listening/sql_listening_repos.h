// The listening repositories (topics, contacts, mentions, rollups, alerts)
// over the SQL client interface, for both backends; internal to
// sql_listening_repos.cc (and its benchmarks). Text search differs:
// SQLite's FTS5 table, PostgreSQL's tsvector column.
#pragma once

#include "store/listening/listening_repos.h"
#include "store/sql/sql_database.h"

namespace dandelion::store::sql {

class SqlTopicRepo : public TopicRepo {
 public:
  explicit SqlTopicRepo(Conn& c) : c_(c) {}
  Result<std::vector<Topic>> List() override;
  Result<std::vector<Topic>> Backfilling() override;
  Result<Topic> Get(int64_t id) override;
  Result<Topic> FindByName(int64_t unit_id, const std::string& name) override;
  Result<Topic> Create(const Topic& t) override;
  Result<Topic> Update(const Topic& t) override;
  Status Delete(int64_t id) override;
  Status SetBackfill(int64_t id, std::optional<int64_t> after, int64_t until) override;
  Result<int64_t> Version(bool hold = false) override;

 private:
  Conn& c_;
};

class SqlContactRepo : public ContactRepo {
 public:
  explicit SqlContactRepo(Conn& c) : c_(c) {}
  Result<std::vector<int64_t>> UpsertMany(const std::vector<Contact>& contacts) override;
  Result<int64_t> Count() override;

 private:
  Conn& c_;
};

class SqlMentionRepo : public MentionRepo {
 public:
  explicit SqlMentionRepo(Conn& c) : c_(c) {}
  Result<std::vector<std::optional<int64_t>>> InsertBatch(
      const std::vector<StoredMention>& batch) override;
  Result<bool> AddMatch(int64_t topic_id, int64_t mention_id, int64_t created_at_ms) override;
  Status AddMatches(const std::vector<Match>& matches) override;
  Result<std::vector<StoredMention>> ForTopic(int64_t topic_id, int64_t before_ms,
                                              int64_t before_id, int limit) override;
  Result<std::vector<StoredMention>> Recent(int limit) override;
  Result<std::vector<StoredMention>> ByIds(const std::vector<int64_t>& ids) override;
  Result<std::vector<int64_t>> TopicsOf(int64_t mention_id) override;
  Result<std::vector<StoredMention>> Candidates(const std::vector<std::string>& terms,
                                                int64_t after_id, int limit) override;
  Result<int64_t> Count() override;
  Result<int64_t> MaxId() override;
  Result<int64_t> CountForTopic(int64_t topic_id) override;
  Status ClearTopic(int64_t topic_id) override;

 private:
  Conn& c_;
};

class SqlRollupRepo : public RollupRepo {
 public:
  explicit SqlRollupRepo(Conn& c) : c_(c) {}
  Status Add(const std::vector<RollupRow>& rows) override;
  Result<std::vector<RollupRow>> ForTopics(const std::vector<int64_t>& topic_ids, int64_t from_ms,
                                           int64_t to_ms) override;
  Result<std::vector<HourTotal>> HourlyTotals(int64_t topic_id, int64_t from_ms,
                                              int64_t to_ms) override;
  Result<std::vector<Difference>> DifferencesFromRecount(int limit) override;

 private:
  Conn& c_;
};

class SqlAlertRepo : public AlertRepo {
 public:
  explicit SqlAlertRepo(Conn& c) : c_(c) {}
  Result<std::optional<Alert>> CreateIfNew(const Alert& a) override;
  Result<std::vector<Alert>> ForUnits(const std::vector<int64_t>& unit_ids, int limit) override;
  Result<Alert> Get(int64_t id) override;
  Status Acknowledge(int64_t id, int64_t user_id) override;

 private:
  Conn& c_;
};

class SqlRejectedLineRepo : public RejectedLineRepo {
 public:
  explicit SqlRejectedLineRepo(Conn& c) : c_(c) {}
  Status Add(const std::vector<RejectedLine>& lines) override;
  Result<std::vector<RejectedLine>> List(int64_t before, int limit,
                                         const std::string& reason) override;
  Result<std::vector<RejectedCount>> CountByReason() override;
  Status Delete(int64_t id) override;
  Result<int64_t> DeleteAll(const std::string& reason) override;
  Status Purge(int64_t before_ms, int64_t keep) override;

 private:
  Conn& c_;
};

}  // namespace dandelion::store::sql
