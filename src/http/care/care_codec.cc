#include "http/care/care_codec.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/clock.h"

namespace dandelion::http {
namespace {

using domain::SlaClock;

Json OptInt(const std::optional<int64_t>& v) { return v ? Json(*v) : Json(nullptr); }
Json OptTime(const std::optional<int64_t>& v) { return v ? Json(FormatTimestamp(*v)) : Json(nullptr); }
Json OptStr(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }
Json OptDouble(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

// One JSON object read strictly: every field among those allowed, each of
// its type, errors naming the field's path.
class Fields {
 public:
  static Result<Fields> Of(const Json& j, std::string path,
                           std::initializer_list<std::string_view> allowed) {
    if (!j.is_object()) {
      return InvalidArgument(path.empty() ? "the body must be a JSON object" : "must be an object",
                             path);
    }
    for (const auto& [k, v] : j.items()) {
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
        return InvalidArgument(fmt::format("unknown field '{}'", k), Join(path, k));
      }
    }
    return Fields(j, std::move(path));
  }

  bool Has(const std::string& k) const { return j_.contains(k) && !j_.at(k).is_null(); }

  Result<std::string> Str(const std::string& k, std::string fallback = {}) const {
    if (!Has(k)) return fallback;
    if (!j_.at(k).is_string()) return InvalidArgument("must be a string", Join(path_, k));
    return j_.at(k).get<std::string>();
  }
  Result<std::string> RequiredStr(const std::string& k) const {
    if (!Has(k)) return InvalidArgument(fmt::format("{} is required", k), Join(path_, k));
    return Str(k);
  }
  Result<std::optional<std::string>> OptStr(const std::string& k) const {
    if (!Has(k)) return std::optional<std::string>();
    DND_ASSIGN_OR_RETURN(std::string s, Str(k));
    return std::optional<std::string>(std::move(s));
  }
  Result<bool> Bool(const std::string& k, bool fallback) const {
    if (!Has(k)) return fallback;
    if (!j_.at(k).is_boolean()) return InvalidArgument("must be true or false", Join(path_, k));
    return j_.at(k).get<bool>();
  }
  Result<std::optional<int64_t>> OptInt(const std::string& k) const {
    if (!Has(k)) return std::optional<int64_t>();
    const Json& v = j_.at(k);
    if (!v.is_number_integer()) return InvalidArgument("must be an integer", Join(path_, k));
    return std::optional<int64_t>(v.get<int64_t>());
  }
  Result<int64_t> Int(const std::string& k, int64_t fallback) const {
    DND_ASSIGN_OR_RETURN(auto v, OptInt(k));
    return v.value_or(fallback);
  }
  Result<std::optional<double>> OptNumber(const std::string& k) const {
    if (!Has(k)) return std::optional<double>();
    const Json& v = j_.at(k);
    if (!v.is_number()) return InvalidArgument("must be a number", Join(path_, k));
    return std::optional<double>(v.get<double>());
  }
  Result<std::vector<std::string>> Strings(const std::string& k) const {
    std::vector<std::string> out;
    if (!Has(k)) return out;
    const Json& v = j_.at(k);
    if (!v.is_array()) return InvalidArgument("must be an array of strings", Join(path_, k));
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) {
        return InvalidArgument("must be a string", fmt::format("{}[{}]", Join(path_, k), i));
      }
      out.push_back(v[i].get<std::string>());
    }
    return out;
  }
  Result<std::vector<int64_t>> Ints(const std::string& k) const {
    std::vector<int64_t> out;
    if (!Has(k)) return out;
    const Json& v = j_.at(k);
    if (!v.is_array()) return InvalidArgument("must be an array of integers", Join(path_, k));
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_number_integer()) {
        return InvalidArgument("must be an integer", fmt::format("{}[{}]", Join(path_, k), i));
      }
      out.push_back(v[i].get<int64_t>());
    }
    return out;
  }
  Result<Fields> Object(const std::string& k, std::initializer_list<std::string_view> allowed) const {
    static const Json kEmpty = Json::object();
    return Of(Has(k) ? j_.at(k) : kEmpty, Join(path_, k), allowed);
  }

 private:
  Fields(const Json& j, std::string path) : j_(j), path_(std::move(path)) {}
  static std::string Join(const std::string& path, std::string_view k) {
    return path.empty() ? std::string(k) : fmt::format("{}.{}", path, k);
  }
  const Json& j_;
  std::string path_;
};

Json Strings(const std::vector<std::string>& v) { return Json(v); }

Result<domain::CasePriority> PriorityOf(const std::string& s, const std::string& field) {
  auto p = domain::ParsePriority(s);
  if (!p) return InvalidArgument("priority is low, normal, high or urgent", field);
  return *p;
}

std::string_view ClockState(const service::ClockView& c) { return c.state; }

}  // namespace

Result<Json> ObjectBody(const std::string& body) {
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded()) return InvalidArgument("the body is not JSON");
  if (!j.is_object()) return InvalidArgument("the body must be a JSON object");
  return j;
}

// --- channels

Json Encode(const service::ChannelView& c) {
  return {{"id", c.channel.id},
          {"unit", c.unit_slug},
          {"network", c.channel.network},
          {"handle", c.channel.handle},
          {"name", c.channel.name},
          {"created_at", FormatTimestamp(c.channel.created_at_ms)}};
}

Result<domain::Channel> DecodeChannel(const Json& body) {
  DND_ASSIGN_OR_RETURN(Fields f, Fields::Of(body, "", {"network", "handle", "name"}));
  domain::Channel c;
  DND_ASSIGN_OR_RETURN(c.network, f.RequiredStr("network"));
  DND_ASSIGN_OR_RETURN(c.handle, f.RequiredStr("handle"));
  DND_ASSIGN_OR_RETURN(c.name, f.RequiredStr("name"));
  return c;
}

// --- rules

Json Encode(const service::RuleView& v) {
  const auto& r = v.rule;
  const auto& w = r.when;
  return {{"id", r.id},
          {"unit", v.unit_slug},
          {"position", r.position},
          {"name", r.name},
          {"enabled", r.enabled},
          {"when",
           {{"topics", w.topics},
            {"intents", Strings(w.intents)},
            {"sentiment_min", OptDouble(w.sentiment_min)},
            {"sentiment_max", OptDouble(w.sentiment_max)},
            {"languages", Strings(w.languages)},
            {"networks", Strings(w.networks)},
            {"channels", w.channels},
            {"followers_min", OptInt(w.followers_min)},
            {"followers_max", OptInt(w.followers_max)},
            {"contact_tiers", Strings(w.contact_tiers)},
            {"contact_tags", Strings(w.contact_tags)},
            {"keywords", w.keywords}}},
          {"then",
           {{"ignore", r.then.ignore},
            {"queue", OptStr(v.queue_slug)},
            {"priority", domain::PriorityName(r.then.priority)},
            {"sla_policy_id", OptInt(r.then.sla_policy_id)},
            {"tags", Strings(r.then.tags)},
            {"auto_reply", r.then.auto_reply}}},
          {"created_at", FormatTimestamp(r.created_at_ms)},
          {"updated_at", FormatTimestamp(r.updated_at_ms)}};
}

Result<std::pair<domain::RoutingRule, std::optional<std::string>>> DecodeRule(const Json& body) {
  DND_ASSIGN_OR_RETURN(Fields f, Fields::Of(body, "", {"name", "enabled", "position", "when", "then"}));
  domain::RoutingRule r;
  DND_ASSIGN_OR_RETURN(r.name, f.RequiredStr("name"));
  DND_ASSIGN_OR_RETURN(r.enabled, f.Bool("enabled", true));
  DND_ASSIGN_OR_RETURN(r.position, f.Int("position", 0));
  DND_ASSIGN_OR_RETURN(
      Fields w, f.Object("when", {"topics", "intents", "sentiment_min", "sentiment_max", "languages",
                                  "networks", "channels", "followers_min", "followers_max",
                                  "contact_tiers", "contact_tags", "keywords"}));
  DND_ASSIGN_OR_RETURN(r.when.topics, w.Ints("topics"));
  DND_ASSIGN_OR_RETURN(r.when.intents, w.Strings("intents"));
  DND_ASSIGN_OR_RETURN(r.when.sentiment_min, w.OptNumber("sentiment_min"));
  DND_ASSIGN_OR_RETURN(r.when.sentiment_max, w.OptNumber("sentiment_max"));
  DND_ASSIGN_OR_RETURN(r.when.languages, w.Strings("languages"));
  DND_ASSIGN_OR_RETURN(r.when.networks, w.Strings("networks"));
  DND_ASSIGN_OR_RETURN(r.when.channels, w.Ints("channels"));
  DND_ASSIGN_OR_RETURN(r.when.followers_min, w.OptInt("followers_min"));
  DND_ASSIGN_OR_RETURN(r.when.followers_max, w.OptInt("followers_max"));
  DND_ASSIGN_OR_RETURN(r.when.contact_tiers, w.Strings("contact_tiers"));
  DND_ASSIGN_OR_RETURN(r.when.contact_tags, w.Strings("contact_tags"));
  DND_ASSIGN_OR_RETURN(r.when.keywords, w.Str("keywords"));
  DND_ASSIGN_OR_RETURN(
      Fields t, f.Object("then", {"ignore", "queue", "priority", "sla_policy_id", "tags", "auto_reply"}));
  DND_ASSIGN_OR_RETURN(r.then.ignore, t.Bool("ignore", false));
  DND_ASSIGN_OR_RETURN(auto queue, t.OptStr("queue"));
  DND_ASSIGN_OR_RETURN(std::string priority, t.Str("priority", "normal"));
  DND_ASSIGN_OR_RETURN(r.then.priority, PriorityOf(priority, "then.priority"));
  DND_ASSIGN_OR_RETURN(r.then.sla_policy_id, t.OptInt("sla_policy_id"));
  DND_ASSIGN_OR_RETURN(r.then.tags, t.Strings("tags"));
  DND_ASSIGN_OR_RETURN(r.then.auto_reply, t.Str("auto_reply"));
  return std::make_pair(std::move(r), std::move(queue));
}

// --- policies

Json Encode(const service::PolicyView& v) {
  const auto& p = v.policy;
  return {{"id", p.id},
          {"unit", v.unit_slug},
          {"name", p.name},
          {"first_response_minutes", p.first_response_minutes},
          {"next_response_minutes", p.next_response_minutes},
          {"resolution_minutes", p.resolution_minutes},
          {"on_breach",
           {{"notify", p.on_breach.notify},
            {"raise_priority", p.on_breach.raise_priority},
            {"move_to", OptStr(v.move_to_slug)},
            {"then_policy_id", OptInt(p.on_breach.then_policy_id)}}},
          {"created_at", FormatTimestamp(p.created_at_ms)},
          {"updated_at", FormatTimestamp(p.updated_at_ms)}};
}

Result<std::pair<domain::SlaPolicy, std::optional<std::string>>> DecodePolicy(const Json& body) {
  DND_ASSIGN_OR_RETURN(Fields f, Fields::Of(body, "", {"name", "first_response_minutes",
                                                       "next_response_minutes",
                                                       "resolution_minutes", "on_breach"}));
  domain::SlaPolicy p;
  DND_ASSIGN_OR_RETURN(p.name, f.RequiredStr("name"));
  DND_ASSIGN_OR_RETURN(p.first_response_minutes, f.Int("first_response_minutes", 60));
  DND_ASSIGN_OR_RETURN(p.next_response_minutes, f.Int("next_response_minutes", 240));
  DND_ASSIGN_OR_RETURN(p.resolution_minutes, f.Int("resolution_minutes", 1440));
  DND_ASSIGN_OR_RETURN(Fields b, f.Object("on_breach", {"notify", "raise_priority", "move_to",
                                                        "then_policy_id"}));
  DND_ASSIGN_OR_RETURN(p.on_breach.notify, b.Bool("notify", true));
  DND_ASSIGN_OR_RETURN(p.on_breach.raise_priority, b.Bool("raise_priority", false));
  DND_ASSIGN_OR_RETURN(auto move_to, b.OptStr("move_to"));
  DND_ASSIGN_OR_RETURN(p.on_breach.then_policy_id, b.OptInt("then_policy_id"));
  return std::make_pair(std::move(p), std::move(move_to));
}

// --- queue

Json Encode(const service::QueueView& q) {
  Json week = Json::object();
  for (int d = 0; d < 7; ++d) {
    week[std::string(domain::WeekdayName(d))] = domain::FormatDayHours(q.settings.hours.week[d]);
  }
  Json inherited = nullptr;
  if (q.inherited_from) inherited = q.inherited_from->empty() ? Json("defaults") : Json(*q.inherited_from);
  return {{"unit", q.unit_slug},
          {"time_zone", q.settings.hours.time_zone},
          {"week", week},
          {"holidays", q.settings.hours.holidays},
          {"assignment", domain::AssignmentName(q.settings.assignment)},
          {"join_window_minutes", q.settings.join_window_minutes},
          {"inherited_from", inherited}};
}

Result<domain::QueueSettings> DecodeQueue(const Json& body) {
  DND_ASSIGN_OR_RETURN(Fields f, Fields::Of(body, "", {"time_zone", "week", "holidays", "assignment",
                                                       "join_window_minutes"}));
  domain::QueueSettings q;
  DND_ASSIGN_OR_RETURN(q.hours.time_zone, f.Str("time_zone", "UTC"));
  DND_ASSIGN_OR_RETURN(Fields w, f.Object("week", {"monday", "tuesday", "wednesday", "thursday",
                                                   "friday", "saturday", "sunday"}));
  for (int d = 0; d < 7; ++d) {
    const std::string day(domain::WeekdayName(d));
    DND_ASSIGN_OR_RETURN(std::string text, w.Str(day));
    DND_ASSIGN_OR_RETURN(q.hours.week[d], domain::ParseDayHours(text, "week." + day));
  }
  DND_ASSIGN_OR_RETURN(q.hours.holidays, f.Strings("holidays"));
  DND_ASSIGN_OR_RETURN(std::string assignment, f.Str("assignment", "manual"));
  auto a = domain::ParseAssignment(assignment);
  if (!a) return InvalidArgument("assignment is manual, round_robin or least_loaded", "assignment");
  q.assignment = *a;
  DND_ASSIGN_OR_RETURN(q.join_window_minutes, f.Int("join_window_minutes", 24 * 60));
  return q;
}

// --- agents

Json Encode(const domain::Agent& a) {
  return {{"user_id", a.user_id},     {"email", a.email},         {"name", a.name},
          {"available", a.available}, {"capacity", a.capacity},   {"languages", a.languages},
          {"open_cases", a.open_cases}};
}

Result<domain::Agent> DecodeAgent(const Json& body) {
  DND_ASSIGN_OR_RETURN(Fields f, Fields::Of(body, "", {"available", "capacity", "languages"}));
  domain::Agent a;
  DND_ASSIGN_OR_RETURN(a.available, f.Bool("available", true));
  DND_ASSIGN_OR_RETURN(a.capacity, f.Int("capacity", 10));
  DND_ASSIGN_OR_RETURN(a.languages, f.Strings("languages"));
  return a;
}

// --- cases

Json Encode(const service::CaseView& v) {
  const auto& c = v.c;
  Json clocks = Json::array();
  for (const auto& k : v.clocks) {
    clocks.push_back({{"clock", domain::SlaClockName(k.clock)},
                      {"state", ClockState(k)},
                      {"due_at", OptTime(k.due_ms)},
                      {"done_at", OptTime(k.done_ms)}});
  }
  Json assignee = nullptr;
  if (c.assignee_id) assignee = {{"id", *c.assignee_id}, {"email", v.assignee_email}};
  Json policy = nullptr;
  if (c.sla_policy_id) policy = {{"id", *c.sla_policy_id}, {"name", v.sla_policy_name.value_or("")}};
  return {{"id", c.id},
          {"unit", v.unit_slug},
          {"status", domain::CaseStatusName(c.status)},
          {"priority", domain::PriorityName(c.priority)},
          {"assignee", assignee},
          {"contact_id", OptInt(c.contact_id)},
          {"network", c.network},
          {"author_handle", c.author_handle},
          {"subject", c.subject},
          {"language", c.language},
          {"tags", c.tags},
          {"rule_id", OptInt(c.rule_id)},
          {"sla_policy", policy},
          {"mention_count", c.mention_count},
          {"opened_at", FormatTimestamp(c.opened_at_ms)},
          {"last_inbound_at", FormatTimestamp(c.last_inbound_at_ms)},
          {"first_response_at", OptTime(c.first_response_at_ms)},
          {"resolved_at", OptTime(c.resolved_at_ms)},
          {"due_at", OptTime(c.due_ms)},
          {"paused", c.paused_at_ms.has_value()},
          {"clocks", clocks},
          {"updated_at", FormatTimestamp(c.updated_at_ms)},
          {"version", c.version}};
}

Json Encode(const domain::CaseEvent& e) {
  return {{"id", e.id},
          {"at", FormatTimestamp(e.at_ms)},
          {"actor", e.actor_id ? Json(e.actor_email) : Json(nullptr)},
          {"kind", e.kind},
          {"detail", e.detail},
          {"mention_id", OptInt(e.mention_id)}};
}

Json Encode(const service::CaseDetail& d) {
  Json mentions = Json::array();
  for (const auto& m : d.mentions) {
    std::vector<std::string> intents;
    for (size_t at = 0; at < m.intents.size();) {
      size_t comma = m.intents.find(',', at);
      if (comma == std::string::npos) comma = m.intents.size();
      if (comma > at) intents.push_back(m.intents.substr(at, comma - at));
      at = comma + 1;
    }
    mentions.push_back({{"id", m.id},
                        {"network", m.network},
                        {"external_id", m.external_id},
                        {"author_handle", m.author_handle},
                        {"author_name", m.author_name},
                        {"text", m.text},
                        {"url", m.url},
                        {"created_at", FormatTimestamp(m.created_at_ms)},
                        {"language", m.language},
                        {"sentiment", m.sentiment},
                        {"sentiment_label", m.sentiment_label},
                        {"intents", intents}});
  }
  Json events = Json::array();
  for (const auto& e : d.events) events.push_back(Encode(e));
  return {{"case", Encode(d.view)}, {"mentions", mentions}, {"events", events}};
}

// --- the dry run

Result<service::ExplainInput> DecodeExplain(const Json& body) {
  DND_ASSIGN_OR_RETURN(Fields f, Fields::Of(body, "", {"mention_id", "text", "network", "author",
                                                       "followers", "mentioned"}));
  service::ExplainInput in;
  DND_ASSIGN_OR_RETURN(in.mention_id, f.OptInt("mention_id"));
  DND_ASSIGN_OR_RETURN(in.text, f.Str("text"));
  DND_ASSIGN_OR_RETURN(in.network, f.Str("network", "x"));
  DND_ASSIGN_OR_RETURN(in.author, f.Str("author"));
  DND_ASSIGN_OR_RETURN(in.followers, f.OptInt("followers"));
  DND_ASSIGN_OR_RETURN(in.mentioned, f.Strings("mentioned"));
  return in;
}

Json Encode(const service::ExplainView& e) {
  Json verdicts = Json::array();
  for (const auto& v : e.verdicts) {
    verdicts.push_back({{"rule_id", v.rule_id},
                        {"rule_name", v.rule_name},
                        {"unit", v.unit_slug},
                        {"took", v.took},
                        {"reason", v.reason}});
  }
  return {{"for_unit", OptStr(e.for_unit)},
          {"verdicts", verdicts},
          {"makes_case", e.makes_case},
          {"queue", OptStr(e.queue)},
          {"priority", domain::PriorityName(e.priority)},
          {"sla_policy_id", OptInt(e.sla_policy_id)},
          {"tags", e.tags},
          {"why", e.why},
          {"language", e.language},
          {"sentiment", e.sentiment},
          {"intents", e.intents},
          {"topics", e.topics}};
}

}  // namespace dandelion::http
