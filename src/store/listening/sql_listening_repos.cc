#include "store/listening/sql_listening_repos.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <tuple>
#include <unordered_map>

// GCC 12 reports std::variant's string member as maybe-uninitialized when a
// std::vector<Value> is built from an initializer list (a known false
// positive, GCC bug 105562); the values here are always initialised.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace dandelion::store::sql {
namespace {

// "$first, $first+1, …" for binding a list of ids.
std::string ParamList(size_t first, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) out += (i ? ", $" : "$") + std::to_string(first + i);
  return out;
}

// "($1, $2, $3), ($4, $5, $6)": `rows` rows of `cols` parameters.
std::string ValuesRows(size_t rows, size_t cols) {
  std::string out;
  out.reserve(rows * cols * 5);
  for (size_t r = 0; r < rows; ++r) {
    out += r ? ", (" : "(";
    for (size_t c = 0; c < cols; ++c)
      fmt::format_to(std::back_inserter(out), "{}${}", c ? ", " : "", r * cols + c + 1);
    out += ')';
  }
  return out;
}

// "<head> VALUES (…), (…) <tail>" for `rows` rows of `cols` parameters.
// `head` and `tail` are string constants; each text is built once per
// thread (a 64-row mention insert is 6 KB of `$n` parameters).
const std::string& ChunkSql(std::string_view head, size_t rows, size_t cols,
                            std::string_view tail) {
  thread_local std::map<std::tuple<const char*, const char*, size_t>, std::string> texts;
  std::string& sql = texts[{head.data(), tail.data(), rows}];
  if (sql.empty()) sql = fmt::format("{} VALUES {} {}", head, ValuesRows(rows, cols), tail);
  return sql;
}

// Runs `run(first, n)` over rows [0, count) as multi-row statements of 64,
// 32, …, 1 rows: a batch of any size takes at most count/64 + 6 statements,
// and only seven texts of each statement are ever prepared (and cached).
Status InChunks(size_t count, const std::function<Status(size_t first, size_t n)>& run) {
  size_t first = 0;
  for (size_t n = 64; n > 0; n /= 2) {
    for (; count - first >= n; first += n) DND_RETURN_IF_ERROR(run(first, n));
  }
  return Status::Ok();
}

// Appends parameters one by one: an initializer list would copy each
// string twice (into the list, then out of it).
template <typename... T>
void Push(std::vector<Value>& p, T&&... values) {
  (p.emplace_back(std::forward<T>(values)), ...);
}

// The key of a (network, id) pair in the maps below.
std::string PairKey(std::string_view network, std::string_view id) {
  std::string k;
  k.reserve(network.size() + 1 + id.size());
  k.append(network).push_back('\0');
  k.append(id);
  return k;
}

constexpr const char* kTopicCols =
    "id, unit_id, name, query, created_at, updated_at, backfill_after, "
    "COALESCE(backfill_until, 0)";
Topic TopicFrom(const Row& r) {
  Topic t;
  t.id = r.Int(0);
  t.unit_id = r.Int(1);
  t.name = r.Str(2);
  t.query = r.Str(3);
  t.created_at_ms = r.Int(4);
  t.updated_at_ms = r.Int(5);
  t.backfill_after = OptInt(r, 6);
  t.backfill_until = r.Int(7);
  return t;
}

constexpr const char* kMentionCols =
    "m.id, m.network, m.external_id, m.contact_id, m.author_handle, m.author_name, "
    "m.author_followers, m.text, m.url, m.created_at, m.ingested_at, m.language, m.sentiment, "
    "m.sentiment_label, m.intents, m.hashtags, m.pii, m.reply_to, m.mentioned";
StoredMention MentionFrom(const Row& r) {
  StoredMention m;
  m.id = r.Int(0);
  m.network = r.Str(1);
  m.external_id = r.Str(2);
  m.contact_id = OptInt(r, 3);
  m.author_handle = r.Str(4);
  m.author_name = r.Str(5);
  m.author_followers = OptInt(r, 6);
  m.text = r.Str(7);
  m.url = r.Str(8);
  m.created_at_ms = r.Int(9);
  m.ingested_at_ms = r.Int(10);
  m.language = r.Str(11);
  m.sentiment = r.Double(12);
  m.sentiment_label = r.Str(13);
  m.intents = r.Str(14);
  m.hashtags = r.Str(15);
  m.pii = r.Int(16);
  m.reply_to = r.Str(17);
  m.mentioned = r.Str(18);
  return m;
}

constexpr const char* kAlertCols =
    "id, topic_id, unit_id, kind, hour, observed, expected, z, created_at, acknowledged_by";
Alert AlertFrom(const Row& r) {
  Alert a;
  a.id = r.Int(0);
  a.topic_id = r.Int(1);
  a.unit_id = r.Int(2);
  a.kind = r.Str(3);
  a.hour_ms = r.Int(4);
  a.observed = r.Double(5);
  a.expected = r.Double(6);
  a.z = r.Double(7);
  a.created_at_ms = r.Int(8);
  a.acknowledged_by = OptInt(r, 9);
  return a;
}

// Every topic change moves the version on, in its transaction (TopicRepo::Version).
Status BumpTopicsVersion(Conn& c) {
  return c.Exec("UPDATE topics_version SET version = version + 1 WHERE id = 1");
}

Status NameTaken(Status st, const std::string& name) {
  if (st.code() == Code::kAlreadyExists) {
    return AlreadyExists(fmt::format("this unit already has a topic named '{}'", name), "name");
  }
  return st;
}

}  // namespace

// ------------------------------------------------------------------ topics

Result<std::vector<Topic>> SqlTopicRepo::List() {
  DND_ASSIGN_OR_RETURN(auto rows,
                       c_.Query(fmt::format("SELECT {} FROM topics ORDER BY id", kTopicCols)));
  return MapRows(rows, TopicFrom);
}

Result<std::vector<Topic>> SqlTopicRepo::Backfilling() {
  DND_ASSIGN_OR_RETURN(
      auto rows, c_.Query(fmt::format(
                     "SELECT {} FROM topics WHERE backfill_after IS NOT NULL ORDER BY id",
                     kTopicCols)));
  return MapRows(rows, TopicFrom);
}

Result<Topic> SqlTopicRepo::Get(int64_t id) {
  Value p[] = {id};
  DND_ASSIGN_OR_RETURN(auto rows,
                       c_.Query(fmt::format("SELECT {} FROM topics WHERE id = $1", kTopicCols), p));
  if (rows.empty()) return NotFound(fmt::format("no topic with id {}", id));
  return Checked(rows[0], TopicFrom(rows[0]));
}

Result<Topic> SqlTopicRepo::FindByName(int64_t unit_id, const std::string& name) {
  Value p[] = {unit_id, name};
  DND_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(fmt::format("SELECT {} FROM topics WHERE unit_id = $1 AND name = $2", kTopicCols),
               p));
  if (rows.empty()) return NotFound(fmt::format("no topic named '{}'", name));
  return Checked(rows[0], TopicFrom(rows[0]));
}

Result<Topic> SqlTopicRepo::Create(const Topic& t) {
  Value p[] = {t.unit_id, t.name, t.query, t.created_at_ms, t.updated_at_ms};
  auto rows = c_.Query(fmt::format("INSERT INTO topics (unit_id, name, query, created_at, "
                                   "updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING {}",
                                   kTopicCols),
                       p);
  if (!rows.ok()) return NameTaken(rows.status(), t.name);
  DND_RETURN_IF_ERROR(BumpTopicsVersion(c_));
  return Checked(rows->at(0), TopicFrom(rows->at(0)));
}

Result<Topic> SqlTopicRepo::Update(const Topic& t) {
  Value p[] = {t.name, t.query, t.updated_at_ms, t.id};
  auto rows = c_.Query(fmt::format("UPDATE topics SET name = $1, query = $2, updated_at = $3 "
                                   "WHERE id = $4 RETURNING {}",
                                   kTopicCols),
                       p);
  if (!rows.ok()) return NameTaken(rows.status(), t.name);
  if (rows->empty()) return NotFound(fmt::format("no topic with id {}", t.id));
  DND_RETURN_IF_ERROR(BumpTopicsVersion(c_));
  return Checked(rows->at(0), TopicFrom(rows->at(0)));
}

Result<int64_t> SqlTopicRepo::Version(bool hold) {
  const bool lock = hold && c_.dialect() == Dialect::kPostgres;
  DND_ASSIGN_OR_RETURN(auto rows, c_.Query(lock ? "SELECT version FROM topics_version WHERE id = 1 "
                                                  "FOR SHARE"
                                                : "SELECT version FROM topics_version WHERE id = 1"));
  return ScalarInt(rows);
}

Status SqlTopicRepo::SetBackfill(int64_t id, std::optional<int64_t> after, int64_t until) {
  Value p[] = {after ? Value(*after) : Value(), after ? Value(until) : Value(), id};
  return c_.Exec("UPDATE topics SET backfill_after = $1, backfill_until = $2 WHERE id = $3", p);
}

Status SqlTopicRepo::Delete(int64_t id) {
  Value p[] = {id};
  DND_RETURN_IF_ERROR(SqlMentionRepo(c_).ClearTopic(id));
  // Its alerts go with it: left behind, they would point at nothing.
  DND_RETURN_IF_ERROR(c_.Exec("DELETE FROM alerts WHERE topic_id = $1", p));
  DND_ASSIGN_OR_RETURN(auto rows, c_.Query("DELETE FROM topics WHERE id = $1 RETURNING id", p));
  if (rows.empty()) return NotFound(fmt::format("no topic with id {}", id));
  return BumpTopicsVersion(c_);
}

// ---------------------------------------------------------------- contacts

Result<std::vector<int64_t>> SqlContactRepo::UpsertMany(const std::vector<Contact>& contacts) {
  // Merge the sightings first: PostgreSQL refuses to update one row twice
  // in a statement, and one row per contact is less work anyway.
  std::unordered_map<std::string, size_t> slot;  // PairKey(network, handle) → merged index
  std::vector<Contact> merged;
  std::vector<size_t> where(contacts.size());
  for (size_t i = 0; i < contacts.size(); ++i) {
    const Contact& c = contacts[i];
    auto [it, fresh] = slot.try_emplace(PairKey(c.network, c.handle), merged.size());
    where[i] = it->second;
    if (fresh) {
      merged.push_back(c);
      continue;
    }
    Contact& m = merged[it->second];
    m.display_name = c.display_name;
    if (c.followers) m.followers = c.followers;
    m.first_seen_ms = std::min(m.first_seen_ms, c.first_seen_ms);
    m.last_seen_ms = std::max(m.last_seen_ms, c.last_seen_ms);
  }
  // In key order: two nodes storing batches by the same authors at once
  // then lock their rows in the same order, and wait for each other instead
  // of deadlocking (PostgreSQL, which aborts one of them after a second).
  {
    std::vector<size_t> order(merged.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return std::tie(merged[a].network, merged[a].handle) <
             std::tie(merged[b].network, merged[b].handle);
    });
    std::vector<size_t> position(merged.size());
    std::vector<Contact> sorted;
    sorted.reserve(merged.size());
    for (size_t k = 0; k < order.size(); ++k) {
      position[order[k]] = k;
      sorted.push_back(std::move(merged[order[k]]));
    }
    merged = std::move(sorted);
    for (auto& w : where) w = position[w];
    for (auto& [key, at] : slot) at = position[at];
  }
  // The later of two times: SQLite's two-argument MAX, PostgreSQL's GREATEST.
  static constexpr std::string_view kContactInsert =
      "INSERT INTO contacts (network, handle, external_id, display_name, followers, first_seen, "
      "last_seen)";
  static constexpr std::string_view kSqliteTail =
      "ON CONFLICT (network, handle) DO UPDATE SET display_name = excluded.display_name, "
      "followers = COALESCE(excluded.followers, contacts.followers), "
      "last_seen = MAX(contacts.last_seen, excluded.last_seen) RETURNING id, network, handle";
  static constexpr std::string_view kPostgresTail =
      "ON CONFLICT (network, handle) DO UPDATE SET display_name = excluded.display_name, "
      "followers = COALESCE(excluded.followers, contacts.followers), "
      "last_seen = GREATEST(contacts.last_seen, excluded.last_seen) RETURNING id, network, handle";
  const std::string_view tail = c_.dialect() == Dialect::kSqlite ? kSqliteTail : kPostgresTail;
  std::vector<int64_t> merged_ids(merged.size());
  std::vector<Value> p;
  DND_RETURN_IF_ERROR(InChunks(merged.size(), [&](size_t first, size_t n) -> Status {
    p.clear();
    for (size_t i = first; i < first + n; ++i) {
      const Contact& c = merged[i];
      Push(p, c.network, c.handle, c.external_id, c.display_name, OptValue(c.followers),
           c.first_seen_ms, c.last_seen_ms);
    }
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(ChunkSql(kContactInsert, n, 7, tail), p));
    // RETURNING gives no promise of order: find each row by its key.
    for (const Row& r : rows) {
      merged_ids[slot.at(PairKey(r.Str(1), r.Str(2)))] = r.Int(0);
      DND_RETURN_IF_ERROR(r.error());
    }
    return Status::Ok();
  }));
  std::vector<int64_t> ids(contacts.size());
  for (size_t i = 0; i < contacts.size(); ++i) ids[i] = merged_ids[where[i]];
  return ids;
}

Result<int64_t> SqlContactRepo::Count() {
  DND_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT COUNT(*) FROM contacts"));
  return sql::ScalarInt(rows);
}

// ---------------------------------------------------------------- mentions

Result<std::vector<std::optional<int64_t>>> SqlMentionRepo::InsertBatch(
    const std::vector<StoredMention>& batch) {
  std::vector<std::optional<int64_t>> ids(batch.size());
  // A mention repeated within the batch is sent once (its first sighting);
  // the database skips those it already holds.
  std::unordered_map<std::string, size_t> index;  // PairKey(network, external_id) → batch index
  std::vector<size_t> fresh;
  fresh.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    if (index.try_emplace(PairKey(batch[i].network, batch[i].external_id), i).second) {
      fresh.push_back(i);
    }
  }
  int64_t first = 0, last = 0;
  std::vector<Value> p;
  DND_RETURN_IF_ERROR(InChunks(fresh.size(), [&](size_t from, size_t n) -> Status {
    p.clear();
    for (size_t k = from; k < from + n; ++k) {
      const StoredMention& m = batch[fresh[k]];
      Push(p, m.network, m.external_id, OptValue(m.contact_id), m.author_handle, m.author_name,
           OptValue(m.author_followers), m.text, m.url, m.created_at_ms, m.ingested_at_ms,
           m.language, m.sentiment, m.sentiment_label, m.intents, m.hashtags, m.pii, m.reply_to,
           m.mentioned);
    }
    static constexpr std::string_view kHead =
        "INSERT INTO mentions (network, external_id, contact_id, author_handle, author_name, "
        "author_followers, text, url, created_at, ingested_at, language, sentiment, "
        "sentiment_label, intents, hashtags, pii, reply_to, mentioned)";
    static constexpr std::string_view kTail =
        "ON CONFLICT (network, external_id) DO NOTHING RETURNING id, network, external_id";
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(ChunkSql(kHead, n, 18, kTail), p));
    // Only the new rows come back, in no promised order.
    for (const Row& r : rows) {
      int64_t id = r.Int(0);
      DND_RETURN_IF_ERROR(r.error());
      ids[index.at(PairKey(r.Str(1), r.Str(2)))] = id;
      first = first == 0 ? id : std::min(first, id);
      last = std::max(last, id);
    }
    return Status::Ok();
  }));
  // SQLite: the batch's text into FTS5 in one statement, so that FTS5
  // flushes once (see migration 0003). The new ids are all the rows between
  // the first and the last: this transaction holds SQLite's only write lock.
  // The hashtags and handles go in with the text (see migration 0003).
  // PostgreSQL keeps its tsvector column itself.
  if (first != 0 && c_.dialect() == Dialect::kSqlite) {
    Value p[] = {first, last};
    DND_RETURN_IF_ERROR(
        c_.Exec("INSERT INTO mentions_fts(rowid, text) SELECT id, text || ' ' || "
                "hashtags || ' ' || mentioned FROM mentions WHERE id BETWEEN $1 "
                "AND $2",
                p));
  }
  return ids;
}

Result<bool> SqlMentionRepo::AddMatch(int64_t topic_id, int64_t mention_id, int64_t created_at_ms) {
  Value p[] = {topic_id, mention_id, created_at_ms};
  DND_ASSIGN_OR_RETURN(auto rows,
                       c_.Query("INSERT INTO mention_topics (topic_id, mention_id, created_at) "
                                "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING "
                                "RETURNING topic_id",
                                p));
  return !rows.empty();
}

Status SqlMentionRepo::AddMatches(const std::vector<Match>& matches) {
  std::vector<Value> p;
  return InChunks(matches.size(), [&](size_t first, size_t n) -> Status {
    p.clear();
    for (size_t i = first; i < first + n; ++i) {
      Push(p, matches[i].topic_id, matches[i].mention_id, matches[i].created_at_ms);
    }
    static constexpr std::string_view kHead =
        "INSERT INTO mention_topics (topic_id, mention_id, created_at)";
    return c_.Exec(ChunkSql(kHead, n, 3, "ON CONFLICT DO NOTHING"), p);
  });
}

Result<std::vector<StoredMention>> SqlMentionRepo::ForTopic(int64_t topic_id, int64_t before_ms,
                                                            int64_t before_id, int limit) {
  std::vector<Value> p = {topic_id, static_cast<int64_t>(limit)};
  std::string cursor;
  if (before_ms > 0 || before_id > 0) {
    cursor = " AND (t.created_at < $3 OR (t.created_at = $3 AND t.mention_id < $4))";
    p.push_back(before_ms);
    p.push_back(before_id);
  }
  DND_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(fmt::format("SELECT {} FROM mention_topics t JOIN mentions m ON m.id = t.mention_id "
                           "WHERE t.topic_id = $1{} ORDER BY t.created_at DESC, t.mention_id DESC "
                           "LIMIT $2",
                           kMentionCols, cursor),
               p));
  return MapRows(rows, MentionFrom);
}

Result<std::vector<StoredMention>> SqlMentionRepo::ByIds(const std::vector<int64_t>& ids) {
  std::vector<StoredMention> out;
  // In chunks of 64: bounded statements, a handful of prepared texts.
  DND_RETURN_IF_ERROR(InChunks(ids.size(), [&](size_t first, size_t n) -> Status {
    std::vector<Value> p(ids.begin() + static_cast<ptrdiff_t>(first),
                         ids.begin() + static_cast<ptrdiff_t>(first + n));
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query(fmt::format("SELECT {} FROM mentions m WHERE m.id IN ({})",
                                              kMentionCols, ParamList(1, n)),
                                  p));
    DND_ASSIGN_OR_RETURN(auto part, MapRows(rows, MentionFrom));
    out.insert(out.end(), part.begin(), part.end());
    return Status::Ok();
  }));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

Result<std::vector<int64_t>> SqlMentionRepo::TopicsOf(int64_t mention_id) {
  Value p[] = {mention_id};
  DND_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT topic_id FROM mention_topics WHERE mention_id = "
                                           "$1 ORDER BY topic_id",
                                           p));
  std::vector<int64_t> out;
  for (const Row& r : rows) out.push_back(r.Int(0));
  return out;
}

Result<std::vector<StoredMention>> SqlMentionRepo::Recent(int limit) {
  Value p[] = {static_cast<int64_t>(limit)};
  DND_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(fmt::format("SELECT {} FROM mentions m ORDER BY m.created_at DESC, m.id DESC "
                           "LIMIT $1",
                           kMentionCols),
               p));
  return MapRows(rows, MentionFrom);
}

Result<std::vector<StoredMention>> SqlMentionRepo::Candidates(const std::vector<std::string>& terms,
                                                              int64_t after_id, int limit) {
  std::vector<Value> p = {after_id, static_cast<int64_t>(limit)};
  std::string filter;
  if (!terms.empty() && c_.dialect() == Dialect::kSqlite) {
    // One FTS5 expression, bound as a parameter: "tok" OR "pre" * …
    std::string expr;
    for (const auto& t : terms) {
      bool prefix = !t.empty() && t.back() == '*';
      std::string tok = prefix ? t.substr(0, t.size() - 1) : t;
      std::string quoted = "\"";
      for (char ch : tok) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      quoted += "\"";
      if (!expr.empty()) expr += " OR ";
      expr += quoted + (prefix ? " *" : "");
    }
    filter = " AND m.id IN (SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH $3)";
    p.push_back(expr);
  }
  // PostgreSQL: the 'simple' tsvector folds case but not diacritics nor
  // unicode61's token boundaries, so it could miss candidates; the back-fill
  // reads every mention there (in id order, a page at a time) instead.
  DND_ASSIGN_OR_RETURN(
      auto rows, c_.Query(fmt::format("SELECT {} FROM mentions m WHERE m.id > $1{} ORDER BY m.id "
                                      "LIMIT $2",
                                      kMentionCols, filter),
                          p));
  return MapRows(rows, MentionFrom);
}

Result<int64_t> SqlMentionRepo::Count() {
  DND_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT COUNT(*) FROM mentions"));
  return sql::ScalarInt(rows);
}

Result<int64_t> SqlMentionRepo::CountForTopic(int64_t topic_id) {
  Value p[] = {topic_id};
  // Counted on the matches' key, not summed from the rollups: measured
  // (bench/README.md, read latency), the sum over a topic's rollup rows is
  // the slower of the two.
  DND_ASSIGN_OR_RETURN(auto rows,
                       c_.Query("SELECT COUNT(*) FROM mention_topics WHERE topic_id = $1", p));
  return sql::ScalarInt(rows);
}

Status SqlMentionRepo::ClearTopic(int64_t topic_id) {
  Value p[] = {topic_id};
  DND_RETURN_IF_ERROR(c_.Exec("DELETE FROM mention_topics WHERE topic_id = $1", p));
  return c_.Exec("DELETE FROM rollups_hourly WHERE topic_id = $1", p);
}

// ----------------------------------------------------------------- rollups

Status SqlRollupRepo::Add(const std::vector<RollupRow>& rows) {
  // One statement may not update a row twice (PostgreSQL): merge first.
  std::map<std::tuple<int64_t, int64_t, std::string_view, std::string_view, std::string_view,
                      std::string_view>,
           size_t>
      slot;
  std::vector<RollupRow> merged;
  for (const RollupRow& r : rows) {
    auto [it, fresh] = slot.try_emplace(
        {r.topic_id, r.hour_ms, r.network, r.sentiment, r.intent, r.language}, merged.size());
    if (fresh) {
      merged.push_back(r);
    } else {
      merged[it->second].count += r.count;
    }
  }
  // In key order, as contacts are (UpsertMany): no deadlock between nodes.
  std::sort(merged.begin(), merged.end(), [](const RollupRow& a, const RollupRow& b) {
    return std::tie(a.topic_id, a.hour_ms, a.network, a.sentiment, a.intent, a.language) <
           std::tie(b.topic_id, b.hour_ms, b.network, b.sentiment, b.intent, b.language);
  });
  std::vector<Value> p;
  return InChunks(merged.size(), [&](size_t first, size_t n) -> Status {
    p.clear();
    for (size_t i = first; i < first + n; ++i) {
      const RollupRow& r = merged[i];
      Push(p, r.topic_id, r.unit_id, r.hour_ms, r.network, r.sentiment, r.intent, r.language,
           r.count);
    }
    static constexpr std::string_view kHead =
        "INSERT INTO rollups_hourly (topic_id, unit_id, hour, network, sentiment, intent, "
        "language, count)";
    static constexpr std::string_view kTail =
        "ON CONFLICT (topic_id, hour, network, sentiment, intent, language) "
        "DO UPDATE SET count = rollups_hourly.count + excluded.count";
    return c_.Exec(ChunkSql(kHead, n, 8, kTail), p);
  });
}

Result<std::vector<RollupRow>> SqlRollupRepo::ForTopics(const std::vector<int64_t>& topic_ids,
                                                        int64_t from_ms, int64_t to_ms) {
  std::vector<RollupRow> out;
  if (topic_ids.empty()) return out;
  std::vector<Value> p = {from_ms, to_ms};
  for (int64_t id : topic_ids) p.push_back(id);
  DND_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(fmt::format("SELECT topic_id, unit_id, hour, network, sentiment, intent, language, "
                           "count FROM rollups_hourly WHERE hour >= $1 AND hour < $2 AND topic_id "
                           "IN ({}) ORDER BY hour, topic_id",
                           ParamList(3, topic_ids.size())),
               p));
  return MapRows(rows, [](const Row& r) {
    return RollupRow{r.Int(0), r.Int(1), r.Int(2), r.Str(3),
                     r.Str(4), r.Str(5), r.Str(6), r.Int(7)};
  });
}

Result<std::vector<RollupRepo::HourTotal>> SqlRollupRepo::HourlyTotals(int64_t topic_id,
                                                                       int64_t from_ms,
                                                                       int64_t to_ms) {
  Value p[] = {topic_id, from_ms, to_ms};
  DND_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT hour, SUM(count), SUM(CASE WHEN sentiment = 'negative' THEN count ELSE 0 "
               "END) FROM rollups_hourly WHERE topic_id = $1 AND hour >= $2 AND hour < $3 "
               "GROUP BY hour ORDER BY hour",
               p));
  return MapRows(rows, [](const Row& r) { return HourTotal{r.Int(0), r.Int(1), r.Int(2)}; });
}

Result<std::vector<RollupRepo::Difference>> SqlRollupRepo::DifferencesFromRecount(int limit) {
  // The recount keys each match as RollupOf does: the mention's hour
  // (floored, also before 1970), network, sentiment, first intent ("none"
  // without one) and language, under the topic's unit.
  const std::string_view intent =
      c_.dialect() == Dialect::kSqlite
          ? "COALESCE(NULLIF(substr(m.intents, 1, instr(m.intents || ',', ',') - 1), ''), 'none')"
          : "COALESCE(NULLIF(split_part(m.intents, ',', 1), ''), 'none')";
  const std::string sql = fmt::format(
      "WITH recount AS (SELECT mt.topic_id AS topic_id, t.unit_id AS unit_id, "
      "m.created_at - (((m.created_at % 3600000) + 3600000) % 3600000) AS hour, "
      "m.network AS network, m.sentiment_label AS sentiment, {} AS intent, "
      "m.language AS language, COUNT(*) AS n FROM mention_topics mt "
      "JOIN mentions m ON m.id = mt.mention_id JOIN topics t ON t.id = mt.topic_id "
      "GROUP BY 1, 2, 3, 4, 5, 6, 7) "
      "SELECT r.topic_id, r.unit_id, r.hour, r.network, r.sentiment, r.intent, r.language, "
      "COALESCE(h.count, 0), r.n FROM recount r LEFT JOIN rollups_hourly h "
      "ON h.topic_id = r.topic_id AND h.hour = r.hour AND h.network = r.network "
      "AND h.sentiment = r.sentiment AND h.intent = r.intent AND h.language = r.language "
      "WHERE h.count IS NULL OR h.count <> r.n OR h.unit_id <> r.unit_id "
      "UNION ALL "
      "SELECT h.topic_id, h.unit_id, h.hour, h.network, h.sentiment, h.intent, h.language, "
      "h.count, 0 FROM rollups_hourly h WHERE h.count <> 0 AND NOT EXISTS (SELECT 1 FROM "
      "recount r WHERE r.topic_id = h.topic_id AND r.hour = h.hour AND r.network = h.network "
      "AND r.sentiment = h.sentiment AND r.intent = h.intent AND r.language = h.language) "
      "LIMIT $1",
      intent);
  Value p[] = {static_cast<int64_t>(limit)};
  DND_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, p));
  return MapRows(rows, [](const Row& r) {
    return Difference{RollupRow{r.Int(0), r.Int(1), r.Int(2), r.Str(3), r.Str(4), r.Str(5),
                                r.Str(6), 0},
                      r.Int(7), r.Int(8)};
  });
}

// ------------------------------------------------------------------ alerts

Result<std::optional<Alert>> SqlAlertRepo::CreateIfNew(const Alert& a) {
  Value p[] = {a.topic_id, a.unit_id,  a.kind, a.hour_ms,
               a.observed, a.expected, a.z,    a.created_at_ms};
  DND_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(fmt::format("INSERT INTO alerts (topic_id, unit_id, kind, hour, observed, "
                           "expected, z, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                           "ON CONFLICT (topic_id, kind, hour) DO NOTHING RETURNING {}",
                           kAlertCols),
               p));
  if (rows.empty()) return std::optional<Alert>();
  Alert created = AlertFrom(rows[0]);
  DND_RETURN_IF_ERROR(rows[0].error());
  return std::optional<Alert>(std::move(created));
}

Result<std::vector<Alert>> SqlAlertRepo::ForUnits(const std::vector<int64_t>& unit_ids, int limit) {
  std::vector<Alert> out;
  if (unit_ids.empty()) return out;
  std::vector<Value> p = {static_cast<int64_t>(limit)};
  for (int64_t id : unit_ids) p.push_back(id);
  DND_ASSIGN_OR_RETURN(auto rows,
                       c_.Query(fmt::format("SELECT {} FROM alerts WHERE unit_id IN ({}) "
                                            "ORDER BY hour DESC, id DESC LIMIT $1",
                                            kAlertCols, ParamList(2, unit_ids.size())),
                                p));
  return MapRows(rows, AlertFrom);
}

Result<Alert> SqlAlertRepo::Get(int64_t id) {
  Value p[] = {id};
  DND_ASSIGN_OR_RETURN(auto rows,
                       c_.Query(fmt::format("SELECT {} FROM alerts WHERE id = $1", kAlertCols), p));
  if (rows.empty()) return NotFound(fmt::format("no alert with id {}", id));
  return Checked(rows[0], AlertFrom(rows[0]));
}

Status SqlAlertRepo::Acknowledge(int64_t id, int64_t user_id) {
  Value p[] = {user_id, id};
  DND_ASSIGN_OR_RETURN(
      auto rows, c_.Query("UPDATE alerts SET acknowledged_by = $1 WHERE id = $2 RETURNING id", p));
  if (rows.empty()) return NotFound(fmt::format("no alert with id {}", id));
  return Status::Ok();
}

namespace {

constexpr const char* kRejectedCols =
    "r.id, r.received_at, r.source, r.submitted_by, COALESCE(u.email, ''), r.line, r.reason, "
    "r.message, r.raw, r.raw_bytes";
RejectedLine RejectedFrom(const Row& r) {
  RejectedLine l;
  l.id = r.Int(0);
  l.received_at_ms = r.Int(1);
  l.source = r.Str(2);
  l.submitted_by = r.OptInt(3);
  l.submitted_by_email = r.Str(4);
  l.line = r.Int(5);
  l.reason = r.Str(6);
  l.message = r.Str(7);
  l.raw = r.Str(8);
  l.raw_bytes = r.Int(9);
  return l;
}

}  // namespace

Result<int64_t> SqlMentionRepo::MaxId() {
  DND_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT COALESCE(MAX(id), 0) FROM mentions"));
  return ScalarInt(rows);
}

Status SqlRejectedLineRepo::Add(const std::vector<RejectedLine>& lines) {
  // Chunks of 100 rows (800 parameters): under SQLite's limit of 32,766.
  constexpr size_t kChunk = 100;
  for (size_t from = 0; from < lines.size(); from += kChunk) {
    const size_t n = std::min(kChunk, lines.size() - from);
    std::vector<Value> p;
    p.reserve(n * 8);
    for (size_t i = from; i < from + n; ++i) {
      const RejectedLine& l = lines[i];
      p.push_back(l.received_at_ms);
      p.push_back(l.source);
      p.push_back(l.submitted_by ? Value(*l.submitted_by) : Value());
      p.push_back(l.line);
      p.push_back(l.reason);
      p.push_back(l.message);
      p.push_back(l.raw);
      p.push_back(l.raw_bytes);
    }
    DND_RETURN_IF_ERROR(c_.Exec("INSERT INTO rejected_lines (received_at, source, submitted_by, "
                                "line, reason, message, raw, raw_bytes) VALUES " +
                                    ValuesRows(n, 8),
                                p));
  }
  return Status::Ok();
}

Result<std::vector<RejectedLine>> SqlRejectedLineRepo::List(int64_t before, int limit,
                                                            const std::string& reason) {
  std::vector<Value> p = {before > 0 ? before : INT64_MAX, static_cast<int64_t>(limit)};
  std::string where = "r.id < $1";
  if (!reason.empty()) {
    p.push_back(reason);
    where += " AND r.reason = $3";
  }
  DND_ASSIGN_OR_RETURN(
      auto rows, c_.Query(fmt::format("SELECT {} FROM rejected_lines r LEFT JOIN users u ON "
                                      "u.id = r.submitted_by WHERE {} ORDER BY r.id DESC LIMIT $2",
                                      kRejectedCols, where),
                          p));
  return MapRows(rows, RejectedFrom);
}

Result<std::vector<RejectedCount>> SqlRejectedLineRepo::CountByReason() {
  DND_ASSIGN_OR_RETURN(auto rows,
                       c_.Query("SELECT reason, COUNT(*) FROM rejected_lines GROUP BY reason "
                                "ORDER BY COUNT(*) DESC, reason"));
  return MapRows(rows, [](const Row& r) { return RejectedCount{r.Str(0), r.Int(1)}; });
}

Status SqlRejectedLineRepo::Delete(int64_t id) {
  Value p[] = {id};
  DND_ASSIGN_OR_RETURN(auto rows,
                       c_.Query("DELETE FROM rejected_lines WHERE id = $1 RETURNING id", p));
  if (rows.empty()) return NotFound(fmt::format("no rejected line with id {}", id));
  return Status::Ok();
}

Result<int64_t> SqlRejectedLineRepo::DeleteAll(const std::string& reason) {
  std::vector<Value> p;
  std::string sql = "DELETE FROM rejected_lines";
  if (!reason.empty()) {
    p.push_back(reason);
    sql += " WHERE reason = $1";
  }
  DND_ASSIGN_OR_RETURN(auto rows, c_.Query(sql + " RETURNING id", p));
  return static_cast<int64_t>(rows.size());
}

Status SqlRejectedLineRepo::Purge(int64_t before_ms, int64_t keep) {
  Value p[] = {before_ms};
  DND_RETURN_IF_ERROR(c_.Exec("DELETE FROM rejected_lines WHERE received_at < $1", p));
  // Ids only grow: all but the newest `keep` are those below the keep-th id.
  Value q[] = {keep};
  return c_.Exec(
      "DELETE FROM rejected_lines WHERE id <= (SELECT id FROM rejected_lines ORDER BY id DESC "
      "LIMIT 1 OFFSET $1)",
      q);
}

namespace {

class SqlListeningRepos : public ListeningRepos {
 public:
  explicit SqlListeningRepos(Conn& c)
      : topics_(c), contacts_(c), mentions_(c), rollups_(c), alerts_(c), rejected_(c) {}
  TopicRepo& topics() override { return topics_; }
  ContactRepo& contacts() override { return contacts_; }
  MentionRepo& mentions() override { return mentions_; }
  RollupRepo& rollups() override { return rollups_; }
  AlertRepo& alerts() override { return alerts_; }
  RejectedLineRepo& rejected() override { return rejected_; }

 private:
  SqlTopicRepo topics_;
  SqlContactRepo contacts_;
  SqlMentionRepo mentions_;
  SqlRollupRepo rollups_;
  SqlAlertRepo alerts_;
  SqlRejectedLineRepo rejected_;
};

}  // namespace
}  // namespace dandelion::store::sql

namespace dandelion::store {

ListeningRepos& Listening(Tx& tx) { return tx.Get<sql::SqlListeningRepos>(); }

}  // namespace dandelion::store
