// People over the narrow SQL interface, written once for both backends.
#include <fmt/format.h>

#include <algorithm>

#include "store/contacts/contact_repos.h"
#include "store/sql/sql_database.h"

namespace dandelion::store::sql {
namespace {

using domain::Identity;
using domain::Person;
using domain::PersonMerge;

constexpr const char* kPersonCols =
    "id, unit_id, display_name, email, email_verified, customer_id, tier, location, language, "
    "tags, consent, consent_at, merged_into, created_at, updated_at, version";

// The end of a prefix's key range: U+10FFFF sorts after every character in
// byte order (SQLite's BINARY, PostgreSQL's "C").
const std::string kPrefixEnd = "\xf4\x8f\xbf\xbf";

std::string JoinTags(const std::vector<std::string>& v) {
  std::string out = ",";
  for (const auto& s : v) out += s + ",";
  return v.empty() ? "" : out;
}

std::vector<std::string> SplitTags(const std::string& s) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < s.size()) {
    size_t comma = s.find(',', at);
    if (comma == std::string::npos) comma = s.size();
    if (comma > at) out.push_back(s.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

std::string Placeholders(std::vector<Value>& p, const std::vector<int64_t>& ids) {
  std::string out;
  p.reserve(p.size() + ids.size() + 2);
  for (int64_t id : ids) {
    p.emplace_back(std::in_place_type<int64_t>, id);
    out += fmt::format("{}${}", out.empty() ? "" : ", ", p.size());
  }
  return out;
}

Person PersonFrom(const Row& r) {
  Person p;
  p.id = r.Int(0);
  p.unit_id = r.Int(1);
  p.display_name = r.Str(2);
  p.email = r.Str(3);
  p.email_verified = r.Int(4) != 0;
  p.customer_id = r.Str(5);
  p.tier = r.Str(6);
  p.location = r.Str(7);
  p.language = r.Str(8);
  p.tags = SplitTags(r.Str(9));
  auto consent = domain::ParseConsent(r.Str(10));
  if (!consent) r.Fail(10, "a consent");
  p.consent = consent.value_or(domain::Consent::kUnknown);
  p.consent_at_ms = r.OptInt(11);
  p.merged_into = r.OptInt(12);
  p.created_at_ms = r.Int(13);
  p.updated_at_ms = r.Int(14);
  p.version = r.Int(15);
  return p;
}

Identity IdentityFrom(const Row& r) {
  return Identity{.id = r.Int(0),
                  .person_id = r.Int(1),
                  .network = r.Str(2),
                  .handle = r.Str(3),
                  .external_id = r.Str(4),
                  .display_name = r.Str(5),
                  .followers = r.OptInt(6),
                  .first_seen_ms = r.Int(7),
                  .last_seen_ms = r.Int(8)};
}

PersonMerge MergeFrom(const Row& r) {
  PersonMerge m;
  m.id = r.Int(0);
  m.target_id = r.Int(1);
  m.source_id = r.Int(2);
  for (const auto& w : SplitTags(r.Str(3))) m.identity_ids.push_back(std::strtoll(w.c_str(), nullptr, 10));
  m.target_before = r.Str(4);
  m.by_user_id = r.Int(5);
  m.at_ms = r.Int(6);
  m.undone_at_ms = r.OptInt(7);
  return m;
}

// `handle` replaced, whatever its case, in `text` (with its '@' when it has
// one), by "[erased]"; whether anything was.
bool ScrubHandle(std::string& text, const std::string& handle) {
  if (handle.empty()) return false;
  auto lower = [](std::string s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
  };
  const std::string needle = lower(handle);
  bool any = false;
  for (size_t at = lower(text).find(needle); at != std::string::npos; at = lower(text).find(needle, at)) {
    text.replace(at, needle.size(), "[erased]");
    at += 8;
    any = true;
  }
  return any;
}

class SqlPersonRepo : public PersonRepo {
 public:
  explicit SqlPersonRepo(Conn& c) : c_(c) {}

  Result<Person> Create(const Person& p) override {
    Value v[] = {p.unit_id, p.display_name, p.email, int64_t{p.email_verified}, p.customer_id,
                 p.tier, p.location, p.language, JoinTags(p.tags),
                 std::string(domain::ConsentName(p.consent)), OptValue(p.consent_at_ms),
                 OptValue(p.merged_into), p.created_at_ms, p.updated_at_ms};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("INSERT INTO people (unit_id, display_name, email, email_verified, "
                             "customer_id, tier, location, language, tags, consent, consent_at, "
                             "merged_into, created_at, updated_at, version) VALUES ($1, $2, $3, $4, "
                             "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1) RETURNING {}",
                             kPersonCols),
                 v));
    return Checked(rows.at(0), PersonFrom(rows.at(0)));
  }

  Result<Person> Get(int64_t id) override {
    Value v[] = {id};
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(fmt::format("SELECT {} FROM people WHERE id = $1", kPersonCols), v));
    if (rows.empty()) return NotFound(fmt::format("no contact with id {}", id));
    return Checked(rows[0], PersonFrom(rows[0]));
  }

  Result<Person> Update(const Person& p) override {
    Value v[] = {p.display_name, p.email, int64_t{p.email_verified}, p.customer_id, p.tier,
                 p.location, p.language, JoinTags(p.tags), std::string(domain::ConsentName(p.consent)),
                 OptValue(p.consent_at_ms), OptValue(p.merged_into), p.updated_at_ms, p.id, p.version};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("UPDATE people SET display_name = $1, email = $2, email_verified = $3, "
                             "customer_id = $4, tier = $5, location = $6, language = $7, tags = $8, "
                             "consent = $9, consent_at = $10, merged_into = $11, updated_at = $12, "
                             "version = version + 1 WHERE id = $13 AND version = $14 RETURNING {}",
                             kPersonCols),
                 v));
    if (rows.empty()) {
      return FailedPrecondition(fmt::format("contact {} was changed meanwhile: load it again", p.id));
    }
    return Checked(rows[0], PersonFrom(rows[0]));
  }

  Result<std::vector<Person>> Find(const PersonQuery& q) override {
    if (q.unit_ids.empty()) return std::vector<Person>();
    std::vector<Value> p;
    std::string units = Placeholders(p, q.unit_ids);
    std::string where = "p.merged_into IS NULL";
    if (!q.prefix.empty()) {
      p.push_back(q.prefix);
      p.push_back(q.prefix + kPrefixEnd);
      where += fmt::format(" AND p.id IN (SELECT person_id FROM person_keys WHERE key >= ${} AND key < ${})",
                           p.size() - 1, p.size());
    }
    if (q.before_id) {
      p.push_back(*q.before_id);
      where += fmt::format(" AND p.id < ${}", p.size());
    }
    p.push_back(int64_t{q.limit});
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM people p WHERE {} AND EXISTS (SELECT 1 FROM person_units u "
                             "WHERE u.person_id = p.id AND u.unit_id IN ({})) ORDER BY p.id DESC LIMIT ${}",
                             Prefixed(), where, units, p.size()),
                 p));
    return MapRows(rows, PersonFrom);
  }

  Result<std::vector<Person>> WithEmail(const std::string& email) override {
    return Where("email = $1 AND merged_into IS NULL", email);
  }
  Result<std::vector<Person>> WithCustomerId(const std::string& id) override {
    return Where("customer_id = $1 AND merged_into IS NULL", id);
  }
  Result<std::vector<Person>> WithKey(const std::string& key, int limit) override {
    Value v[] = {key, int64_t{limit}};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query(fmt::format("SELECT {} FROM people p WHERE p.merged_into IS NULL AND "
                                              "p.id IN (SELECT person_id FROM person_keys WHERE key = $1) "
                                              "ORDER BY p.id LIMIT $2",
                                              Prefixed()),
                                  v));
    return MapRows(rows, PersonFrom);
  }
  Result<std::vector<Person>> MergedInto(int64_t id) override {
    Value v[] = {id};
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(fmt::format("SELECT {} FROM people WHERE merged_into = $1 "
                                                         "ORDER BY id", kPersonCols), v));
    return MapRows(rows, PersonFrom);
  }

  Result<std::vector<Identity>> Identities(int64_t person_id) override {
    Value v[] = {person_id};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query("SELECT id, person_id, network, handle, external_id, display_name, "
                                  "followers, first_seen, last_seen FROM contacts WHERE person_id = $1 "
                                  "ORDER BY network, handle",
                                  v));
    return MapRows(rows, IdentityFrom);
  }

  Result<std::optional<int64_t>> PersonOfIdentity(int64_t identity_id) override {
    Value v[] = {identity_id};
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT person_id FROM contacts WHERE id = $1", v));
    if (rows.empty() || rows[0].IsNull(0)) return std::optional<int64_t>();
    return std::optional<int64_t>(rows[0].Int(0));
  }

  Status MoveIdentities(const std::vector<int64_t>& ids, int64_t person_id) override {
    if (ids.empty()) return Status::Ok();
    std::vector<Value> p = {person_id};
    std::string list = Placeholders(p, ids);
    return c_.Exec(fmt::format("UPDATE contacts SET person_id = $1 WHERE id IN ({})", list), p);
  }

  Status AddUnit(int64_t person_id, int64_t unit_id) override {
    Value v[] = {person_id, unit_id};
    return c_.Exec("INSERT INTO person_units (person_id, unit_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", v);
  }
  Result<std::vector<int64_t>> Units(int64_t person_id) override {
    Value v[] = {person_id};
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT unit_id FROM person_units WHERE person_id = $1 "
                                             "ORDER BY unit_id", v));
    std::vector<int64_t> out;
    for (const auto& r : rows) out.push_back(r.Int(0));
    return out;
  }
  Status RecomputeUnits(int64_t person_id) override {
    Value v[] = {person_id};
    DND_RETURN_IF_ERROR(c_.Exec("DELETE FROM person_units WHERE person_id = $1", v));
    DND_RETURN_IF_ERROR(c_.Exec("INSERT INTO person_units (person_id, unit_id) SELECT id, unit_id "
                                "FROM people WHERE id = $1",
                                v));
    return c_.Exec("INSERT INTO person_units (person_id, unit_id) SELECT DISTINCT i.person_id, c.unit_id "
                   "FROM contacts i JOIN cases c ON c.contact_id = i.id WHERE i.person_id = $1 "
                   "ON CONFLICT DO NOTHING",
                   v);
  }
  Status SetKeys(int64_t person_id, const std::vector<std::string>& keys) override {
    Value v[] = {person_id};
    DND_RETURN_IF_ERROR(c_.Exec("DELETE FROM person_keys WHERE person_id = $1", v));
    for (const auto& k : keys) {
      Value kv[] = {k, person_id};
      DND_RETURN_IF_ERROR(c_.Exec("INSERT INTO person_keys (key, person_id) VALUES ($1, $2) "
                                  "ON CONFLICT DO NOTHING", kv));
    }
    return Status::Ok();
  }

  Result<PersonMerge> AddMerge(const PersonMerge& m) override {
    std::string ids = ",";
    for (int64_t id : m.identity_ids) ids += std::to_string(id) + ",";
    Value v[] = {m.target_id, m.source_id, ids, m.target_before, m.by_user_id, m.at_ms};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query(std::string("INSERT INTO person_merges (target_id, source_id, identity_ids, "
                                              "target_before, by_user_id, at) VALUES ($1, $2, $3, $4, $5, $6) "
                                              "RETURNING ") + kMergeCols,
                                  v));
    return Checked(rows.at(0), MergeFrom(rows.at(0)));
  }
  Result<PersonMerge> GetMerge(int64_t id) override {
    Value v[] = {id};
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kMergeCols +
                                                 " FROM person_merges WHERE id = $1", v));
    if (rows.empty()) return NotFound(fmt::format("no merge with id {}", id), "merge_id");
    return Checked(rows[0], MergeFrom(rows[0]));
  }
  Result<std::vector<PersonMerge>> Merges(int64_t person_id) override {
    Value v[] = {person_id};
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kMergeCols +
                                                 " FROM person_merges WHERE target_id = $1 OR source_id = $1 "
                                                 "ORDER BY id DESC", v));
    return MapRows(rows, MergeFrom);
  }
  Status MarkUndone(int64_t merge_id, int64_t at_ms) override {
    Value v[] = {at_ms, merge_id};
    return c_.Exec("UPDATE person_merges SET undone_at = $1 WHERE id = $2", v);
  }

  Result<std::vector<TimelineMention>> Mentions(const std::vector<int64_t>& identity_ids, int limit) override {
    if (identity_ids.empty()) return std::vector<TimelineMention>();
    std::vector<Value> p;
    std::string list = Placeholders(p, identity_ids);
    p.push_back(int64_t{limit});
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query(fmt::format("SELECT id, network, author_handle, text, url, sentiment_label, "
                                              "created_at FROM mentions WHERE contact_id IN ({}) "
                                              "ORDER BY created_at DESC, id DESC LIMIT ${}",
                                              list, p.size()),
                                  p));
    return MapRows(rows, [](const Row& r) {
      return TimelineMention{.id = r.Int(0), .network = r.Str(1), .handle = r.Str(2), .text = r.Str(3),
                             .url = r.Str(4), .sentiment = r.Str(5), .created_at_ms = r.Int(6)};
    });
  }
  Result<std::vector<TimelineCase>> Cases(const std::vector<int64_t>& identity_ids, int limit) override {
    if (identity_ids.empty()) return std::vector<TimelineCase>();
    std::vector<Value> p;
    std::string list = Placeholders(p, identity_ids);
    p.push_back(int64_t{limit});
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query(fmt::format("SELECT id, unit_id, status, subject, opened_at, resolved_at "
                                              "FROM cases WHERE contact_id IN ({}) ORDER BY id DESC LIMIT ${}",
                                              list, p.size()),
                                  p));
    return MapRows(rows, [](const Row& r) {
      return TimelineCase{.id = r.Int(0), .unit_id = r.Int(1), .status = r.Str(2), .subject = r.Str(3),
                          .opened_at_ms = r.Int(4), .resolved_at_ms = r.OptInt(5)};
    });
  }
  Result<std::vector<TimelineEvent>> Answers(const std::vector<int64_t>& case_ids) override {
    if (case_ids.empty()) return std::vector<TimelineEvent>();
    std::vector<Value> p;
    std::string list = Placeholders(p, case_ids);
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query(fmt::format("SELECT id, case_id, kind, detail, actor_id, at FROM case_events "
                                              "WHERE case_id IN ({}) AND kind IN ('reply', 'auto_reply', 'note') "
                                              "ORDER BY at DESC, id DESC LIMIT 500",
                                              list),
                                  p));
    return MapRows(rows, [](const Row& r) {
      return TimelineEvent{.id = r.Int(0), .case_id = r.Int(1), .kind = r.Str(2), .detail = r.Str(3),
                           .actor_id = r.OptInt(4), .at_ms = r.Int(5)};
    });
  }

  Result<std::optional<domain::Tombstone>> Tombstone(int64_t person_id) override {
    Value v[] = {person_id};
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT person_id, unit_id, erased_at, by_user_id, mentions, cases "
                                             "FROM person_erasures WHERE person_id = $1", v));
    if (rows.empty()) return std::optional<domain::Tombstone>();
    const Row& r = rows[0];
    return std::optional<domain::Tombstone>(domain::Tombstone{.person_id = r.Int(0), .unit_id = r.Int(1),
                                                              .erased_at_ms = r.Int(2), .by_user_id = r.Int(3),
                                                              .mentions = r.Int(4), .cases = r.Int(5)});
  }

  Result<ErasedCounts> Erase(const std::vector<int64_t>& ids, int64_t unit_id, int64_t by_user_id,
                               int64_t now_ms) override;

 private:
  static constexpr const char* kMergeCols =
      "id, target_id, source_id, identity_ids, target_before, by_user_id, at, undone_at";

  static std::string Prefixed() {
    std::string out;
    std::string_view cols = kPersonCols;
    size_t at = 0;
    while (at < cols.size()) {
      size_t comma = cols.find(',', at);
      if (comma == std::string_view::npos) comma = cols.size();
      std::string_view c = cols.substr(at, comma - at);
      while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
      out += (out.empty() ? "p." : ", p.") + std::string(c);
      at = comma + 1;
    }
    return out;
  }

  Result<std::vector<Person>> Where(const std::string& where, const std::string& value) {
    Value v[] = {value};
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(fmt::format("SELECT {} FROM people WHERE {} ORDER BY id LIMIT 50",
                                                         kPersonCols, where), v));
    return MapRows(rows, PersonFrom);
  }

  // Rewrites one mention's text, keeping SQLite's full-text index (external
  // content: it is told the old text to forget) in step; PostgreSQL's
  // text_search column follows by itself.
  Status RewriteMention(int64_t id, const std::string& old_text, const std::string& text) {
    if (c_.dialect() == Dialect::kSqlite) {
      Value d[] = {id, old_text};
      DND_RETURN_IF_ERROR(c_.Exec("INSERT INTO mentions_fts(mentions_fts, rowid, text) VALUES ('delete', $1, $2)", d));
    }
    Value v[] = {text, id};
    DND_RETURN_IF_ERROR(c_.Exec("UPDATE mentions SET text = $1 WHERE id = $2", v));
    if (c_.dialect() == Dialect::kSqlite) {
      Value i[] = {id, text};
      DND_RETURN_IF_ERROR(c_.Exec("INSERT INTO mentions_fts(rowid, text) VALUES ($1, $2)", i));
    }
    return Status::Ok();
  }

  Conn& c_;
};

Result<ErasedCounts> SqlPersonRepo::Erase(const std::vector<int64_t>& people, int64_t unit_id,
                                          int64_t by_user_id, int64_t now_ms) {
  ErasedCounts n;
  if (people.empty()) return n;
  const char* like = c_.dialect() == Dialect::kPostgres ? "ILIKE" : "LIKE";
  // Everything that names them: their handles and display names on every
  // network, their e-mail and customer id.
  std::vector<Value> pp;
  std::string plist = Placeholders(pp, people);
  DND_ASSIGN_OR_RETURN(auto idrows, c_.Query(fmt::format("SELECT id, handle, display_name, external_id "
                                                         "FROM contacts WHERE person_id IN ({})", plist), pp));
  std::vector<int64_t> identities;
  std::vector<std::string> names;
  for (const auto& r : idrows) {
    identities.push_back(r.Int(0));
    if (!r.Str(1).empty()) names.push_back(r.Str(1));
    if (r.Str(2).size() >= 3) names.push_back(r.Str(2));
  }
  DND_ASSIGN_OR_RETURN(auto prow, c_.Query(fmt::format("SELECT display_name, email, customer_id FROM people "
                                                       "WHERE id IN ({})", plist), pp));
  for (const auto& r : prow) {
    for (size_t i = 0; i < 3; ++i) {
      if (r.Str(i).size() >= 3) names.push_back(r.Str(i));
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  // Their own mentions: text, author and post id gone, the row kept (its
  // topic matches and the rollups counted from it stay true; no rollup key
  // names a person).
  if (!identities.empty()) {
    std::vector<Value> ip;
    std::string ilist = Placeholders(ip, identities);
    DND_ASSIGN_OR_RETURN(auto own, c_.Query(fmt::format("SELECT id, text FROM mentions WHERE contact_id IN ({})",
                                                        ilist), ip));
    for (const auto& r : own) {
      DND_RETURN_IF_ERROR(RewriteMention(r.Int(0), r.Str(1), "[erased]"));
      Value v[] = {r.Int(0)};
      DND_RETURN_IF_ERROR(c_.Exec("UPDATE mentions SET contact_id = NULL, author_handle = '', author_name = '', "
                                  "author_followers = NULL, url = '', hashtags = '', reply_to = '', "
                                  "external_id = 'erased:' || CAST(id AS TEXT) WHERE id = $1",
                                  v));
      ++n.mentions;
    }
    // Their cases: subject, author, thread and every answer and note.
    DND_ASSIGN_OR_RETURN(auto cases, c_.Query(fmt::format("SELECT id FROM cases WHERE contact_id IN ({})", ilist), ip));
    for (const auto& r : cases) {
      Value v[] = {r.Int(0)};
      DND_RETURN_IF_ERROR(c_.Exec("UPDATE cases SET contact_id = NULL, author_handle = '', subject = '[erased]', "
                                  "thread_key = 'erased:' || CAST(id AS TEXT) WHERE id = $1",
                                  v));
      DND_ASSIGN_OR_RETURN(auto ev, c_.Query("SELECT id FROM case_events WHERE case_id = $1 AND kind IN "
                                             "('reply', 'auto_reply', 'note', 'created')", v));
      for (const auto& e : ev) {
        Value ev_id[] = {e.Int(0)};
        DND_RETURN_IF_ERROR(c_.Exec("UPDATE case_events SET detail = '[erased]' WHERE id = $1", ev_id));
        ++n.events;
      }
      ++n.cases;
    }
    DND_RETURN_IF_ERROR(c_.Exec(fmt::format("DELETE FROM contacts WHERE id IN ({})", ilist), ip));
  }
  // Anyone else's words that name them: other mentions, case history, dead
  // letters.
  for (const auto& name : names) {
    std::string pattern = "%";
    for (char c : name) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += "%";
    Value v[] = {pattern};
    DND_ASSIGN_OR_RETURN(auto others, c_.Query(fmt::format("SELECT id, text FROM mentions WHERE text {} $1 "
                                                           "ESCAPE '\\'", like), v));
    for (const auto& r : others) {
      std::string text = r.Str(1);
      if (!ScrubHandle(text, name)) continue;
      DND_RETURN_IF_ERROR(RewriteMention(r.Int(0), r.Str(1), text));
      ++n.others;
    }
    DND_ASSIGN_OR_RETURN(auto events, c_.Query(fmt::format("SELECT id, detail FROM case_events WHERE detail {} $1 "
                                                           "ESCAPE '\\'", like), v));
    for (const auto& r : events) {
      std::string detail = r.Str(1);
      if (!ScrubHandle(detail, name)) continue;
      Value u[] = {detail, r.Int(0)};
      DND_RETURN_IF_ERROR(c_.Exec("UPDATE case_events SET detail = $1 WHERE id = $2", u));
      ++n.events;
    }
    DND_ASSIGN_OR_RETURN(auto subjects, c_.Query(fmt::format("SELECT id, subject FROM cases WHERE subject {} $1 "
                                                             "ESCAPE '\\'", like), v));
    for (const auto& r : subjects) {
      std::string subject = r.Str(1);
      if (!ScrubHandle(subject, name)) continue;
      Value u[] = {subject, r.Int(0)};
      DND_RETURN_IF_ERROR(c_.Exec("UPDATE cases SET subject = $1 WHERE id = $2", u));
    }
    DND_ASSIGN_OR_RETURN(auto dead, c_.Query(fmt::format("DELETE FROM rejected_lines WHERE raw {} $1 ESCAPE '\\' "
                                                         "RETURNING id", like), v));
    n.dead_letters += static_cast<int64_t>(dead.size());
  }
  // The people themselves, those merged into the first before it.
  DND_RETURN_IF_ERROR(c_.Exec(fmt::format("DELETE FROM person_keys WHERE person_id IN ({})", plist), pp));
  DND_RETURN_IF_ERROR(c_.Exec(fmt::format("DELETE FROM person_units WHERE person_id IN ({})", plist), pp));
  DND_RETURN_IF_ERROR(c_.Exec(fmt::format("DELETE FROM person_merges WHERE target_id IN ({0}) OR source_id IN ({0})",
                                          plist), pp));
  DND_RETURN_IF_ERROR(c_.Exec(fmt::format("UPDATE people SET merged_into = NULL WHERE id IN ({})", plist), pp));
  DND_RETURN_IF_ERROR(c_.Exec(fmt::format("DELETE FROM people WHERE id IN ({})", plist), pp));
  for (int64_t id : people) {
    Value v[] = {id, unit_id, now_ms, by_user_id, n.mentions, n.cases};
    DND_RETURN_IF_ERROR(c_.Exec("INSERT INTO person_erasures (person_id, unit_id, erased_at, by_user_id, "
                                "mentions, cases) VALUES ($1, $2, $3, $4, $5, $6)", v));
  }
  if (c_.dialect() == Dialect::kSqlite) {
    // The full-text index keeps a deleted term in its older segments until
    // they are merged: merge them all now, so that no trace stays.
    DND_RETURN_IF_ERROR(c_.Exec("INSERT INTO mentions_fts(mentions_fts) VALUES ('optimize')"));
  }
  return n;
}

}  // namespace
}  // namespace dandelion::store::sql

namespace dandelion::store {

PersonRepo& People(Tx& tx) { return tx.Get<sql::SqlPersonRepo>(); }

}  // namespace dandelion::store
