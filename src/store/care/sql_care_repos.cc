// Care's repositories over the SQL client interface, for both backends.
// Lists of checked words (intents, tags, languages, ids) are stored as
// comma-separated text: they never hold a comma, and nothing queries
// inside them but the case filter on a tag (',' both sides, LIKE).
#include <fmt/format.h>

#include <algorithm>

#include "store/care/care_repos.h"
#include "store/sql/sql_database.h"

// GCC 12's false positive on std::variant's string member (GCC bug 105562).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace dandelion::store::sql {
namespace {

using domain::CasePriority;

std::string JoinWords(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> SplitWords(const std::string& s) {
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

std::string JoinIds(const std::vector<int64_t>& v) {
  std::string out;
  for (int64_t x : v) out += (out.empty() ? "" : ",") + std::to_string(x);
  return out;
}

std::vector<int64_t> SplitIds(const Row& r, size_t col) {
  std::vector<int64_t> out;
  for (const auto& w : SplitWords(r.Str(col))) {
    char* end = nullptr;
    long long v = std::strtoll(w.c_str(), &end, 10);
    if (end == w.c_str() || *end != '\0') {
      r.Fail(col, "a list of ids");
      return {};
    }
    out.push_back(v);
  }
  return out;
}

Value OptDouble(const std::optional<double>& v) {
  if (v) return *v;
  return std::monostate{};
}

std::optional<double> OptDoubleAt(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return r.Double(i);
}

CasePriority PriorityAt(const Row& r, size_t i) {
  auto p = domain::ParsePriority(r.Str(i));
  if (!p) r.Fail(i, "a priority");
  return p.value_or(CasePriority::kNormal);
}

// --- channels

constexpr const char* kChannelCols = "id, unit_id, network, handle, name, created_at";

Channel ChannelFrom(const Row& r) {
  return Channel{.id = r.Int(0), .unit_id = r.Int(1), .network = r.Str(2), .handle = r.Str(3),
                 .name = r.Str(4), .created_at_ms = r.Int(5)};
}

class SqlChannelRepo : public ChannelRepo {
 public:
  explicit SqlChannelRepo(Conn& c) : c_(c) {}
  Result<std::vector<Channel>> List() override {
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query(fmt::format("SELECT {} FROM channels ORDER BY id", kChannelCols)));
    return MapRows(rows, ChannelFrom);
  }
  Result<Channel> Get(int64_t id) override {
    Value p[] = {id};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query(fmt::format("SELECT {} FROM channels WHERE id = $1", kChannelCols), p));
    if (rows.empty()) return NotFound(fmt::format("no channel with id {}", id));
    return Checked(rows[0], ChannelFrom(rows[0]));
  }
  Result<Channel> Create(const Channel& ch) override {
    Value p[] = {ch.unit_id, ch.network, ch.handle, ch.name, ch.created_at_ms};
    auto rows = c_.Query(fmt::format("INSERT INTO channels (unit_id, network, handle, name, "
                                     "created_at) VALUES ($1, $2, $3, $4, $5) RETURNING {}",
                                     kChannelCols),
                         p);
    if (!rows.ok()) {
      return Relabel(rows.status(),
                     fmt::format("@{} on {} is already a channel", ch.handle, ch.network), "handle");
    }
    return Checked(rows->at(0), ChannelFrom(rows->at(0)));
  }
  Status Delete(int64_t id) override {
    Value p[] = {id};
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query("DELETE FROM channels WHERE id = $1 RETURNING id", p));
    if (rows.empty()) return NotFound(fmt::format("no channel with id {}", id));
    return Status::Ok();
  }

 private:
  Conn& c_;
};

// --- routing rules

constexpr const char* kRuleCols =
    "id, unit_id, position, name, enabled, topics, intents, sentiment_min, sentiment_max, "
    "languages, networks, channels, followers_min, followers_max, contact_tiers, contact_tags, "
    "keywords, skip, target_unit_id, priority, sla_policy_id, tags, auto_reply, created_at, "
    "updated_at";

RoutingRule RuleFrom(const Row& r) {
  RoutingRule x;
  x.id = r.Int(0);
  x.unit_id = r.Int(1);
  x.position = r.Int(2);
  x.name = r.Str(3);
  x.enabled = r.Int(4) != 0;
  x.when.topics = SplitIds(r, 5);
  x.when.intents = SplitWords(r.Str(6));
  x.when.sentiment_min = OptDoubleAt(r, 7);
  x.when.sentiment_max = OptDoubleAt(r, 8);
  x.when.languages = SplitWords(r.Str(9));
  x.when.networks = SplitWords(r.Str(10));
  x.when.channels = SplitIds(r, 11);
  x.when.followers_min = r.OptInt(12);
  x.when.followers_max = r.OptInt(13);
  x.when.contact_tiers = SplitWords(r.Str(14));
  x.when.contact_tags = SplitWords(r.Str(15));
  x.when.keywords = r.Str(16);
  x.then.ignore = r.Int(17) != 0;
  x.then.unit_id = r.OptInt(18);
  x.then.priority = PriorityAt(r, 19);
  x.then.sla_policy_id = r.OptInt(20);
  x.then.tags = SplitWords(r.Str(21));
  x.then.auto_reply = r.Str(22);
  x.created_at_ms = r.Int(23);
  x.updated_at_ms = r.Int(24);
  return x;
}

// The rule's values after id and unit, in kRuleCols' order from position.
std::vector<Value> RuleValues(const RoutingRule& x) {
  return {x.position,
          x.name,
          int64_t{x.enabled ? 1 : 0},
          JoinIds(x.when.topics),
          JoinWords(x.when.intents),
          OptDouble(x.when.sentiment_min),
          OptDouble(x.when.sentiment_max),
          JoinWords(x.when.languages),
          JoinWords(x.when.networks),
          JoinIds(x.when.channels),
          OptValue(x.when.followers_min),
          OptValue(x.when.followers_max),
          JoinWords(x.when.contact_tiers),
          JoinWords(x.when.contact_tags),
          x.when.keywords,
          int64_t{x.then.ignore ? 1 : 0},
          OptValue(x.then.unit_id),
          std::string(domain::PriorityName(x.then.priority)),
          OptValue(x.then.sla_policy_id),
          JoinWords(x.then.tags),
          x.then.auto_reply,
          x.updated_at_ms};
}

class SqlRuleRepo : public RuleRepo {
 public:
  explicit SqlRuleRepo(Conn& c) : c_(c) {}
  Result<std::vector<RoutingRule>> List() override {
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(fmt::format(
                                        "SELECT {} FROM routing_rules ORDER BY unit_id, position, id",
                                        kRuleCols)));
    return MapRows(rows, RuleFrom);
  }
  Result<std::vector<RoutingRule>> ForUnit(int64_t unit_id) override {
    Value p[] = {unit_id};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM routing_rules WHERE unit_id = $1 ORDER BY position, id",
                             kRuleCols),
                 p));
    return MapRows(rows, RuleFrom);
  }
  Result<RoutingRule> Get(int64_t id) override {
    Value p[] = {id};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM routing_rules WHERE id = $1", kRuleCols), p));
    if (rows.empty()) return NotFound(fmt::format("no routing rule with id {}", id));
    return Checked(rows[0], RuleFrom(rows[0]));
  }
  Result<RoutingRule> Create(const RoutingRule& x) override {
    std::vector<Value> p = {x.unit_id};
    auto rest = RuleValues(x);
    p.insert(p.end(), rest.begin(), rest.end());
    p.push_back(x.created_at_ms);
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format(
                     "INSERT INTO routing_rules (unit_id, position, name, enabled, topics, intents, "
                     "sentiment_min, sentiment_max, languages, networks, channels, followers_min, "
                     "followers_max, contact_tiers, contact_tags, keywords, skip, target_unit_id, "
                     "priority, sla_policy_id, tags, auto_reply, updated_at, created_at) VALUES "
                     "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, "
                     "$18, $19, $20, $21, $22, $23, $24) RETURNING {}",
                     kRuleCols),
                 p));
    DND_RETURN_IF_ERROR(Bump());
    return Checked(rows.at(0), RuleFrom(rows.at(0)));
  }
  Result<RoutingRule> Update(const RoutingRule& x) override {
    std::vector<Value> p = RuleValues(x);
    p.push_back(x.id);
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format(
                     "UPDATE routing_rules SET position = $1, name = $2, enabled = $3, topics = $4, "
                     "intents = $5, sentiment_min = $6, sentiment_max = $7, languages = $8, "
                     "networks = $9, channels = $10, followers_min = $11, followers_max = $12, "
                     "contact_tiers = $13, contact_tags = $14, keywords = $15, skip = $16, "
                     "target_unit_id = $17, priority = $18, sla_policy_id = $19, tags = $20, "
                     "auto_reply = $21, updated_at = $22 WHERE id = $23 RETURNING {}",
                     kRuleCols),
                 p));
    if (rows.empty()) return NotFound(fmt::format("no routing rule with id {}", x.id));
    DND_RETURN_IF_ERROR(Bump());
    return Checked(rows[0], RuleFrom(rows[0]));
  }
  Status Delete(int64_t id) override {
    DND_ASSIGN_OR_RETURN(RoutingRule r, Get(id));
    Value p[] = {id};
    DND_RETURN_IF_ERROR(c_.Exec("DELETE FROM routing_rules WHERE id = $1", p));
    DND_RETURN_IF_ERROR(Renumber(r.unit_id, std::nullopt, 0));
    return Bump();
  }
  Status Move(int64_t id, int64_t position) override {
    DND_ASSIGN_OR_RETURN(RoutingRule r, Get(id));
    DND_RETURN_IF_ERROR(Renumber(r.unit_id, id, position));
    return Bump();
  }
  Result<int64_t> Version() override {
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT version FROM care_version WHERE id = 1"));
    return ScalarInt(rows);
  }
  Status Bump() override {
    return c_.Exec("UPDATE care_version SET version = version + 1 WHERE id = 1");
  }

 private:
  // Numbers the unit's rules 1…n in their order, rule `moved` (if any) put
  // at `position` (clamped).
  Status Renumber(int64_t unit_id, std::optional<int64_t> moved, int64_t position) {
    Value p[] = {unit_id};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query("SELECT id FROM routing_rules WHERE unit_id = $1 ORDER BY position, id", p));
    std::vector<int64_t> ids;
    for (const Row& r : rows) {
      if (!moved || r.Int(0) != *moved) ids.push_back(r.Int(0));
    }
    if (moved) {
      size_t at = static_cast<size_t>(std::clamp<int64_t>(position, 1, ids.size() + 1) - 1);
      ids.insert(ids.begin() + static_cast<ptrdiff_t>(at), *moved);
    }
    for (size_t i = 0; i < ids.size(); ++i) {
      Value q[] = {static_cast<int64_t>(i + 1), ids[i]};
      DND_RETURN_IF_ERROR(c_.Exec("UPDATE routing_rules SET position = $1 WHERE id = $2", q));
    }
    return Status::Ok();
  }

  Conn& c_;
};

// --- SLA policies

constexpr const char* kPolicyCols =
    "id, unit_id, name, first_response_minutes, next_response_minutes, resolution_minutes, "
    "notify, raise_priority, move_to_unit_id, then_policy_id, created_at, updated_at";

SlaPolicy PolicyFrom(const Row& r) {
  SlaPolicy p;
  p.id = r.Int(0);
  p.unit_id = r.Int(1);
  p.name = r.Str(2);
  p.first_response_minutes = r.Int(3);
  p.next_response_minutes = r.Int(4);
  p.resolution_minutes = r.Int(5);
  p.on_breach.notify = r.Int(6) != 0;
  p.on_breach.raise_priority = r.Int(7) != 0;
  p.on_breach.move_to_unit_id = r.OptInt(8);
  p.on_breach.then_policy_id = r.OptInt(9);
  p.created_at_ms = r.Int(10);
  p.updated_at_ms = r.Int(11);
  return p;
}

Status PolicyNameTaken(Status st, const std::string& name) {
  return Relabel(std::move(st), fmt::format("this unit already has an SLA policy named '{}'", name),
                 "name");
}

class SqlSlaPolicyRepo : public SlaPolicyRepo {
 public:
  explicit SqlSlaPolicyRepo(Conn& c) : c_(c) {}
  Result<std::vector<SlaPolicy>> List() override {
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(fmt::format(
                                        "SELECT {} FROM sla_policies ORDER BY unit_id, name", kPolicyCols)));
    return MapRows(rows, PolicyFrom);
  }
  Result<SlaPolicy> Get(int64_t id) override {
    Value p[] = {id};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query(fmt::format("SELECT {} FROM sla_policies WHERE id = $1", kPolicyCols), p));
    if (rows.empty()) return NotFound(fmt::format("no SLA policy with id {}", id));
    return Checked(rows[0], PolicyFrom(rows[0]));
  }
  Result<SlaPolicy> Create(const SlaPolicy& x) override {
    Value p[] = {x.unit_id,
                 x.name,
                 x.first_response_minutes,
                 x.next_response_minutes,
                 x.resolution_minutes,
                 int64_t{x.on_breach.notify ? 1 : 0},
                 int64_t{x.on_breach.raise_priority ? 1 : 0},
                 OptValue(x.on_breach.move_to_unit_id),
                 OptValue(x.on_breach.then_policy_id),
                 x.created_at_ms,
                 x.updated_at_ms};
    auto rows = c_.Query(
        fmt::format("INSERT INTO sla_policies (unit_id, name, first_response_minutes, "
                    "next_response_minutes, resolution_minutes, notify, raise_priority, "
                    "move_to_unit_id, then_policy_id, created_at, updated_at) VALUES ($1, $2, $3, "
                    "$4, $5, $6, $7, $8, $9, $10, $11) RETURNING {}",
                    kPolicyCols),
        p);
    if (!rows.ok()) return PolicyNameTaken(rows.status(), x.name);
    return Checked(rows->at(0), PolicyFrom(rows->at(0)));
  }
  Result<SlaPolicy> Update(const SlaPolicy& x) override {
    Value p[] = {x.name,
                 x.first_response_minutes,
                 x.next_response_minutes,
                 x.resolution_minutes,
                 int64_t{x.on_breach.notify ? 1 : 0},
                 int64_t{x.on_breach.raise_priority ? 1 : 0},
                 OptValue(x.on_breach.move_to_unit_id),
                 OptValue(x.on_breach.then_policy_id),
                 x.updated_at_ms,
                 x.id};
    auto rows = c_.Query(
        fmt::format("UPDATE sla_policies SET name = $1, first_response_minutes = $2, "
                    "next_response_minutes = $3, resolution_minutes = $4, notify = $5, "
                    "raise_priority = $6, move_to_unit_id = $7, then_policy_id = $8, "
                    "updated_at = $9 WHERE id = $10 RETURNING {}",
                    kPolicyCols),
        p);
    if (!rows.ok()) return PolicyNameTaken(rows.status(), x.name);
    if (rows->empty()) return NotFound(fmt::format("no SLA policy with id {}", x.id));
    return Checked(rows->at(0), PolicyFrom(rows->at(0)));
  }
  Status Delete(int64_t id) override {
    Value p[] = {id};
    DND_ASSIGN_OR_RETURN(
        auto used,
        c_.Query("SELECT (SELECT COUNT(*) FROM routing_rules WHERE sla_policy_id = $1) + "
                 "(SELECT COUNT(*) FROM sla_policies WHERE then_policy_id = $1) + "
                 "(SELECT COUNT(*) FROM cases WHERE sla_policy_id = $1 AND status <> 'resolved')",
                 p));
    DND_ASSIGN_OR_RETURN(int64_t n, ScalarInt(used));
    if (n > 0) {
      return FailedPrecondition(
          "the policy is still in use by a rule, another policy's escalation or an open case");
    }
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query("DELETE FROM sla_policies WHERE id = $1 RETURNING id", p));
    if (rows.empty()) return NotFound(fmt::format("no SLA policy with id {}", id));
    return Status::Ok();
  }

 private:
  Conn& c_;
};

// --- queue settings

std::optional<QueueSettings> QueueFrom(const Row& r) {
  QueueSettings q;
  q.hours.time_zone = r.Str(1);
  auto week = domain::ParseWeek(r.Str(2));
  if (!week.ok()) {
    r.Fail(2, "a week of business hours");
    return std::nullopt;
  }
  q.hours.week = *week;
  q.hours.holidays = SplitWords(r.Str(3));
  auto a = domain::ParseAssignment(r.Str(4));
  if (!a) r.Fail(4, "an assignment mode");
  q.assignment = a.value_or(domain::Assignment::kManual);
  q.join_window_minutes = r.Int(5);
  return q;
}

constexpr const char* kQueueSelect =
    "SELECT unit_id, time_zone, week, holidays, assignment, join_window_minutes FROM queues";

class SqlQueueRepo : public QueueRepo {
 public:
  explicit SqlQueueRepo(Conn& c) : c_(c) {}
  Result<std::vector<std::pair<int64_t, QueueSettings>>> List() override {
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kQueueSelect) + " ORDER BY unit_id"));
    std::vector<std::pair<int64_t, QueueSettings>> out;
    for (const Row& r : rows) {
      auto q = QueueFrom(r);
      if (!r.error().ok()) return r.error();
      out.emplace_back(r.Int(0), std::move(*q));
    }
    return out;
  }
  Result<std::optional<QueueSettings>> Get(int64_t unit_id) override {
    Value p[] = {unit_id};
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kQueueSelect) + " WHERE unit_id = $1", p));
    if (rows.empty()) return std::optional<QueueSettings>();
    auto q = QueueFrom(rows[0]);
    if (!rows[0].error().ok()) return rows[0].error();
    return q;
  }
  Status Put(int64_t unit_id, const QueueSettings& q, int64_t at_ms) override {
    Value p[] = {unit_id,
                 q.hours.time_zone,
                 domain::FormatWeek(q.hours.week),
                 JoinWords(q.hours.holidays),
                 std::string(domain::AssignmentName(q.assignment)),
                 q.join_window_minutes,
                 at_ms};
    return c_.Exec(
        "INSERT INTO queues (unit_id, time_zone, week, holidays, assignment, join_window_minutes, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (unit_id) DO UPDATE SET "
        "time_zone = excluded.time_zone, week = excluded.week, holidays = excluded.holidays, "
        "assignment = excluded.assignment, join_window_minutes = excluded.join_window_minutes, "
        "updated_at = excluded.updated_at",
        p);
  }
  Status Remove(int64_t unit_id) override {
    Value p[] = {unit_id};
    return c_.Exec("DELETE FROM queues WHERE unit_id = $1", p);
  }

 private:
  Conn& c_;
};

// --- cases

constexpr const char* kCaseCols =
    "id, unit_id, status, priority, assignee_id, contact_id, network, author_handle, thread_key, "
    "subject, language, tags, rule_id, sla_policy_id, mention_count, opened_at, last_inbound_at, "
    "first_response_at, last_response_at, resolved_at, first_response_due, next_response_due, "
    "resolution_due, due_at, sweep_at, paused_at, breached, updated_at, version";

Case CaseFrom(const Row& r) {
  Case c;
  c.id = r.Int(0);
  c.unit_id = r.Int(1);
  auto st = domain::ParseCaseStatus(r.Str(2));
  if (!st) r.Fail(2, "a case status");
  c.status = st.value_or(CaseStatus::kNew);
  c.priority = PriorityAt(r, 3);
  c.assignee_id = r.OptInt(4);
  c.contact_id = r.OptInt(5);
  c.network = r.Str(6);
  c.author_handle = r.Str(7);
  c.thread_key = r.Str(8);
  c.subject = r.Str(9);
  c.language = r.Str(10);
  c.tags = SplitWords(r.Str(11));
  c.rule_id = r.OptInt(12);
  c.sla_policy_id = r.OptInt(13);
  c.mention_count = r.Int(14);
  c.opened_at_ms = r.Int(15);
  c.last_inbound_at_ms = r.Int(16);
  c.first_response_at_ms = r.OptInt(17);
  c.last_response_at_ms = r.OptInt(18);
  c.resolved_at_ms = r.OptInt(19);
  c.first_response_due_ms = r.OptInt(20);
  c.next_response_due_ms = r.OptInt(21);
  c.resolution_due_ms = r.OptInt(22);
  c.due_ms = r.OptInt(23);
  c.sweep_ms = r.OptInt(24);
  c.paused_at_ms = r.OptInt(25);
  c.breached = r.Int(26);
  c.updated_at_ms = r.Int(27);
  c.version = r.Int(28);
  return c;
}

// The due_key of a case with nothing due: it sorts after every due.
constexpr int64_t kNoDue = INT64_MAX;

// The case's values from unit_id to updated_at, in kCaseCols' order, then
// active and due_key (the queue index's columns, derived). The
// tags are stored with a comma on both sides, so that one is found by LIKE.
std::vector<Value> CaseValues(const Case& c) {
  return {c.unit_id,
          std::string(domain::CaseStatusName(c.status)),
          std::string(domain::PriorityName(c.priority)),
          OptValue(c.assignee_id),
          OptValue(c.contact_id),
          c.network,
          c.author_handle,
          c.thread_key,
          c.subject,
          c.language,
          c.tags.empty() ? std::string() : "," + JoinWords(c.tags) + ",",
          OptValue(c.rule_id),
          OptValue(c.sla_policy_id),
          c.mention_count,
          c.opened_at_ms,
          c.last_inbound_at_ms,
          OptValue(c.first_response_at_ms),
          OptValue(c.last_response_at_ms),
          OptValue(c.resolved_at_ms),
          OptValue(c.first_response_due_ms),
          OptValue(c.next_response_due_ms),
          OptValue(c.resolution_due_ms),
          OptValue(domain::EarliestDue(c)),
          OptValue(domain::NextSweep(c)),
          OptValue(c.paused_at_ms),
          c.breached,
          c.updated_at_ms,
          int64_t{c.status == CaseStatus::kResolved ? 0 : 1},
          domain::EarliestDue(c).value_or(kNoDue)};
}

constexpr const char* kCaseSetCols =
    "unit_id, status, priority, assignee_id, contact_id, network, author_handle, thread_key, "
    "subject, language, tags, rule_id, sla_policy_id, mention_count, opened_at, last_inbound_at, "
    "first_response_at, last_response_at, resolved_at, first_response_due, next_response_due, "
    "resolution_due, due_at, sweep_at, paused_at, breached, updated_at, active, due_key";

constexpr const char* kEventCols =
    "e.id, e.case_id, e.at, e.actor_id, COALESCE(u.email, ''), e.kind, e.detail, e.mention_id";

CaseEvent EventFrom(const Row& r) {
  return CaseEvent{.id = r.Int(0), .case_id = r.Int(1), .at_ms = r.Int(2), .actor_id = r.OptInt(3),
                   .actor_email = r.Str(4), .kind = r.Str(5), .detail = r.Str(6),
                   .mention_id = r.OptInt(7)};
}

class SqlCaseRepo : public CaseRepo {
 public:
  explicit SqlCaseRepo(Conn& c) : c_(c) {}

  Result<Case> Create(const Case& c) override {
    std::vector<Value> p = CaseValues(c);
    std::string params;
    for (size_t i = 1; i <= p.size(); ++i) params += (i > 1 ? ", $" : "$") + std::to_string(i);
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query(fmt::format("INSERT INTO cases ({}, version) VALUES ({}, 1) RETURNING {}",
                                        kCaseSetCols, params, kCaseCols),
                            p));
    return Checked(rows.at(0), CaseFrom(rows.at(0)));
  }

  Result<Case> Get(int64_t id) override {
    Value p[] = {id};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query(fmt::format("SELECT {} FROM cases WHERE id = $1", kCaseCols), p));
    if (rows.empty()) return NotFound(fmt::format("no case with id {}", id));
    return Checked(rows[0], CaseFrom(rows[0]));
  }

  Result<Case> Update(const Case& c) override {
    std::vector<Value> p = CaseValues(c);
    std::string sets;
    size_t i = 0;
    for (const auto& col : SplitCols(kCaseSetCols)) {
      sets += fmt::format("{}{} = ${}", i ? ", " : "", col, i + 1);
      ++i;
    }
    p.push_back(c.id);
    p.push_back(c.version);
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("UPDATE cases SET {}, version = version + 1 WHERE id = ${} AND "
                             "version = ${} RETURNING {}",
                             sets, i + 1, i + 2, kCaseCols),
                 p));
    if (rows.empty()) {
      DND_RETURN_IF_ERROR(Get(c.id).status());
      // Store::Write runs the use case again on Aborted: it reads the case anew.
      return Aborted(fmt::format("case {} changed meanwhile", c.id));
    }
    return Checked(rows[0], CaseFrom(rows[0]));
  }

  Result<std::optional<Case>> LatestOfAuthor(int64_t unit_id, const std::string& network,
                                             const std::string& handle) override {
    Value p[] = {network, handle, unit_id};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query(fmt::format("SELECT {} FROM cases WHERE network = $1 AND "
                                        "author_handle = $2 AND unit_id = $3 ORDER BY id DESC LIMIT 1",
                                        kCaseCols),
                            p));
    if (rows.empty()) return std::optional<Case>();
    return Checked(rows[0], std::optional<Case>(CaseFrom(rows[0])));
  }

  Result<std::optional<int64_t>> CaseOfPost(const std::string& network,
                                            const std::string& external_id) override {
    Value p[] = {network, external_id};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query("SELECT cm.case_id FROM mentions m JOIN case_mentions cm ON "
                            "cm.mention_id = m.id WHERE m.network = $1 AND m.external_id = $2",
                            p));
    if (rows.empty()) return std::optional<int64_t>();
    return Checked(rows[0], std::optional<int64_t>(rows[0].Int(0)));
  }

  Status AddMention(int64_t case_id, int64_t mention_id) override {
    Value p[] = {mention_id, case_id};
    return c_.Exec("INSERT INTO case_mentions (mention_id, case_id) VALUES ($1, $2)", p);
  }

  Result<std::vector<int64_t>> MentionIds(int64_t case_id, int limit) override {
    Value p[] = {case_id, int64_t{limit}};
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query("SELECT mention_id FROM case_mentions WHERE case_id = $1 ORDER "
                                  "BY mention_id LIMIT $2",
                                  p));
    std::vector<int64_t> out;
    for (const Row& r : rows) out.push_back(r.Int(0));
    return out;
  }

  Result<std::vector<Case>> Find(const CaseQuery& q) override {
    if (q.unit_ids.empty()) return std::vector<Case>();
    std::vector<Value> p;
    std::string where = Where(q, p);
    std::string order;
    if (q.by_due) {
      // What is due first, then nothing due: the queue index's order.
      if (q.after) {
        p.push_back(q.after->first);
        p.push_back(q.after->first);
        p.push_back(q.after->second);
        where += fmt::format(" AND (due_key > ${} OR (due_key = ${} AND id > ${}))", p.size() - 2,
                             p.size() - 1, p.size());
      }
      order = "due_key, id";
    } else {
      if (q.after) {
        p.push_back(q.after->second);
        where += fmt::format(" AND id < ${}", p.size());
      }
      order = "id DESC";
    }
    p.push_back(int64_t{q.limit});
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query(fmt::format("SELECT {} FROM cases WHERE {} ORDER BY {} LIMIT ${}",
                                              kCaseCols, where, order, p.size()),
                                  p));
    return MapRows(rows, CaseFrom);
  }

  Result<int64_t> Count(const CaseQuery& q) override {
    if (q.unit_ids.empty()) return int64_t{0};
    std::vector<Value> p;
    std::string where = Where(q, p);
    DND_ASSIGN_OR_RETURN(auto rows,
                         c_.Query(fmt::format("SELECT COUNT(*) FROM cases WHERE {}", where), p));
    return ScalarInt(rows);
  }

  Result<std::vector<Case>> DueBy(int64_t at_ms, int limit) override {
    Value p[] = {at_ms, int64_t{limit}};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM cases WHERE sweep_at IS NOT NULL AND sweep_at <= $1 AND "
                             "status <> 'resolved' AND paused_at IS NULL ORDER BY sweep_at, id LIMIT $2",
                             kCaseCols),
                 p));
    return MapRows(rows, CaseFrom);
  }

  Result<CaseEvent> AddEvent(const CaseEvent& e) override {
    Value p[] = {e.case_id, e.at_ms, OptValue(e.actor_id), e.kind, e.detail, OptValue(e.mention_id)};
    DND_ASSIGN_OR_RETURN(
        auto rows, c_.Query("INSERT INTO case_events (case_id, at, actor_id, kind, detail, "
                            "mention_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                            p));
    CaseEvent out = e;
    out.id = rows.at(0).Int(0);
    return out;
  }

  Result<std::vector<CaseEvent>> Events(int64_t case_id, int limit) override {
    Value p[] = {case_id, int64_t{limit}};
    DND_ASSIGN_OR_RETURN(
        auto rows,
        c_.Query(fmt::format("SELECT {} FROM case_events e LEFT JOIN users u ON u.id = e.actor_id "
                             "WHERE e.case_id = $1 ORDER BY e.id LIMIT $2",
                             kEventCols),
                 p));
    return MapRows(rows, EventFrom);
  }

 private:
  static std::vector<std::string> SplitCols(std::string_view cols) {
    std::vector<std::string> out;
    size_t at = 0;
    while (at < cols.size()) {
      size_t comma = cols.find(',', at);
      if (comma == std::string_view::npos) comma = cols.size();
      std::string_view c = cols.substr(at, comma - at);
      while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
      out.emplace_back(c);
      at = comma + 1;
    }
    return out;
  }

  // The filter's WHERE, its parameters appended to `p`. The statuses are
  // asked through `active` first (the index's second column), so that the
  // usual queue (everything not resolved) is one index range per unit.
  static std::string Where(const CaseQuery& q, std::vector<Value>& p) {
    std::string units;
    for (int64_t u : q.unit_ids) {
      p.push_back(u);
      units += fmt::format("{}${}", units.empty() ? "" : ", ", p.size());
    }
    std::string where = q.unit_ids.size() == 1 ? fmt::format("unit_id = {}", units)
                                               : fmt::format("unit_id IN ({})", units);
    bool resolved = false, unresolved = false;
    for (CaseStatus s : q.statuses) (s == CaseStatus::kResolved ? resolved : unresolved) = true;
    if (q.statuses.empty()) resolved = unresolved = true;
    if (resolved != unresolved) where += unresolved ? " AND active = 1" : " AND active = 0";
    const size_t open_kinds = std::count_if(q.statuses.begin(), q.statuses.end(), [](CaseStatus s) {
      return s != CaseStatus::kResolved;
    });
    // No statuses asked means every status: no IN list at all (SQLite
    // would read an empty one as "none", PostgreSQL refuses it).
    if (unresolved && !q.statuses.empty() && open_kinds < 3) {
      std::string st;
      for (CaseStatus s : q.statuses) {
        p.push_back(std::string(domain::CaseStatusName(s)));
        st += fmt::format("{}${}", st.empty() ? "" : ", ", p.size());
      }
      where += fmt::format(" AND status IN ({})", st);
    }
    if (q.assignee_id) {
      p.push_back(*q.assignee_id);
      where += fmt::format(" AND assignee_id = ${}", p.size());
    }
    if (q.unassigned) where += " AND assignee_id IS NULL";
    if (q.priority) {
      p.push_back(std::string(domain::PriorityName(*q.priority)));
      where += fmt::format(" AND priority = ${}", p.size());
    }
    if (!q.tag.empty()) {
      p.push_back("%," + q.tag + ",%");
      where += fmt::format(" AND tags LIKE ${}", p.size());
    }
    return where;
  }

  Conn& c_;
};

// --- agents

class SqlAgentRepo : public AgentRepo {
 public:
  explicit SqlAgentRepo(Conn& c) : c_(c) {}
  Result<std::vector<Agent>> ForUnit(int64_t unit_id) override {
    Value p[] = {unit_id};
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kAgentSelect) +
                                                 " WHERE a.unit_id = $1 ORDER BY u.email",
                                             p));
    return MapRows(rows, AgentFrom);
  }
  Result<std::optional<Agent>> Get(int64_t user_id, int64_t unit_id) override {
    Value p[] = {unit_id, user_id};
    DND_ASSIGN_OR_RETURN(auto rows, c_.Query(std::string(kAgentSelect) +
                                                 " WHERE a.unit_id = $1 AND a.user_id = $2",
                                             p));
    if (rows.empty()) return std::optional<Agent>();
    return Checked(rows[0], std::optional<Agent>(AgentFrom(rows[0])));
  }
  Status Put(const Agent& a) override {
    Value p[] = {a.user_id, a.unit_id, int64_t{a.available ? 1 : 0}, a.capacity,
                 JoinWords(a.languages), a.last_assigned_at_ms};
    return c_.Exec(
        "INSERT INTO agents (user_id, unit_id, available, capacity, languages, last_assigned_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, unit_id) DO UPDATE SET available = "
        "excluded.available, capacity = excluded.capacity, languages = excluded.languages",
        p);
  }
  Status Remove(int64_t user_id, int64_t unit_id) override {
    Value p[] = {user_id, unit_id};
    return c_.Exec("DELETE FROM agents WHERE user_id = $1 AND unit_id = $2", p);
  }
  Status Assigned(int64_t user_id, int64_t unit_id, int64_t at_ms) override {
    Value p[] = {at_ms, user_id, unit_id};
    return c_.Exec("UPDATE agents SET last_assigned_at = $1 WHERE user_id = $2 AND unit_id = $3", p);
  }

 private:
  static constexpr const char* kAgentSelect =
      "SELECT a.user_id, a.unit_id, u.email, u.name, a.available, a.capacity, a.languages, "
      "(SELECT COUNT(*) FROM cases c WHERE c.assignee_id = a.user_id AND c.status <> "
      "'resolved'), a.last_assigned_at FROM agents a JOIN users u ON u.id = a.user_id";
  static Agent AgentFrom(const Row& r) {
    return Agent{.user_id = r.Int(0), .unit_id = r.Int(1), .email = r.Str(2), .name = r.Str(3),
                 .available = r.Int(4) != 0, .capacity = r.Int(5),
                 .languages = SplitWords(r.Str(6)), .open_cases = r.Int(7),
                 .last_assigned_at_ms = r.Int(8)};
  }
  Conn& c_;
};

class SqlCareRepos : public CareRepos {
 public:
  explicit SqlCareRepos(Conn& c)
      : channels_(c), rules_(c), policies_(c), queues_(c), cases_(c), agents_(c) {}
  ChannelRepo& channels() override { return channels_; }
  RuleRepo& rules() override { return rules_; }
  SlaPolicyRepo& policies() override { return policies_; }
  QueueRepo& queues() override { return queues_; }
  CaseRepo& cases() override { return cases_; }
  AgentRepo& agents() override { return agents_; }

 private:
  SqlChannelRepo channels_;
  SqlRuleRepo rules_;
  SqlSlaPolicyRepo policies_;
  SqlQueueRepo queues_;
  SqlCaseRepo cases_;
  SqlAgentRepo agents_;
};

}  // namespace
}  // namespace dandelion::store::sql

namespace dandelion::store {

CareRepos& Care(Tx& tx) { return tx.Get<sql::SqlCareRepos>(); }

}  // namespace dandelion::store
