// The listening API: topics, their validation and preview, mentions,
// charts, share of voice, alerts, and the NDJSON ingest endpoint.
#include <charconv>
#include <fmt/format.h>

#include <unordered_map>

#include "http/api.h"
#include "http/listening_codec.h"

namespace dandelion::http {
namespace {

using service::Caller;

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;

#define DND_TRY(lhs, expr)                                    \
  auto DND_CONCAT(_r_, __LINE__) = (expr);                    \
  if (!DND_CONCAT(_r_, __LINE__).ok())                        \
    return ErrorResponse(DND_CONCAT(_r_, __LINE__).status()); \
  lhs = std::move(DND_CONCAT(_r_, __LINE__)).value()

Result<int64_t> ParseInt(const std::string& v, const std::string& name, int64_t min,
                         int64_t max) {
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || out < min || out > max) {
    return InvalidArgument(fmt::format("{} must be an integer from {} to {}", name, min, max), name);
  }
  return out;
}

Result<int64_t> QueryInt(const Request& req, const std::string& name, int64_t fallback,
                         int64_t min, int64_t max) {
  std::string v;
  if (!req.QueryParam(name, &v)) return fallback;
  return ParseInt(v, name, min, max);
}

Result<int64_t> PathId(const RouteMatch& m, const std::string& name) {
  return ParseInt(m.Param(name), name, 1, INT64_MAX);
}

// A refused query: the usual error body plus every error found, with
// columns, for the editor to underline.
Response QueryError(const Status& st, const std::string& query) {
  Response r = ErrorResponse(st);
  if (st.code() != Code::kInvalidArgument || st.field() != "query") return r;
  Json body = Json::parse(r.body);
  Json errors = Json::array();
  for (const auto& e : listening::ValidateQuery(query)) errors.push_back(Encode(e));
  body["errors"] = errors;
  r.body = body.dump();
  return r;
}

Response Page(const std::vector<service::MentionView>& items, std::optional<std::string> next) {
  Json list = Json::array();
  for (const auto& m : items) list.push_back(Encode(m));
  Json j = {{"items", list}};
  j["next"] = next ? Json(*next) : Json(nullptr);
  return JsonResponse(200, j);
}

// ?from=&to= in ms; by default the last 7 days up to the next hour.
Result<std::pair<int64_t, int64_t>> Range(const Request& req, int64_t now) {
  int64_t hour = 3600 * 1000LL;
  int64_t default_to = (now / hour + 1) * hour;
  DND_ASSIGN_OR_RETURN(int64_t to, QueryInt(req, "to", default_to, 0, INT64_MAX / 2));
  DND_ASSIGN_OR_RETURN(int64_t from, QueryInt(req, "from", to - 7 * kDayMs, 0, INT64_MAX / 2));
  return std::make_pair(from, to);
}

}  // namespace

void Api::AddListeningRoutes() {
  Authed("GET", "/api/v1/topics", [this](const Request& req, const RouteMatch&, const Caller& c) {
    std::optional<std::string> unit;
    if (std::string v; req.QueryParam("unit", &v)) unit = v;
    DND_TRY(auto topics, s_.listening.ListTopics(c.principal, unit));
    Json items = Json::array();
    for (const auto& t : topics) items.push_back(Encode(t));
    return JsonResponse(200, {{"items", items}});
  });
  Authed("POST", "/api/v1/topics", [this](const Request& req, const RouteMatch&, const Caller& c) {
    DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"unit", "name", "query"}));
    DND_TRY(std::string unit, body.String("unit"));
    DND_TRY(std::string name, body.String("name"));
    DND_TRY(std::string query, body.String("query"));
    auto topic = s_.listening.CreateTopic(c.principal, unit, name, query);
    if (!topic.ok()) return QueryError(topic.status(), query);
    return JsonResponse(201, Encode(*topic));
  });
  Authed("POST", "/api/v1/topics/validate",
         [](const Request& req, const RouteMatch&, const Caller&) {
           DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"query"}));
           DND_TRY(std::string query, body.String("query"));
           Json errors = Json::array();
           for (const auto& e : listening::ValidateQuery(query)) errors.push_back(Encode(e));
           Json j = {{"valid", errors.empty()}, {"errors", errors}};
           auto parsed = listening::ParseQuery(query);
           j["canonical"] = parsed.ok() ? Json(listening::ToString(parsed->root)) : Json(nullptr);
           return JsonResponse(200, j);
         });
  Authed("POST", "/api/v1/topics/preview",
         [this](const Request& req, const RouteMatch&, const Caller& c) {
           DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"query", "scan", "limit"}));
           DND_TRY(std::string query, body.String("query"));
           DND_TRY(int64_t scan, body.IntOr("scan", 2000));
           DND_TRY(int64_t limit, body.IntOr("limit", 20));
           auto preview = s_.listening.PreviewQuery(c.principal, query, static_cast<int>(scan),
                                                    static_cast<int>(limit));
           if (!preview.ok()) return QueryError(preview.status(), query);
           Json items = Json::array();
           for (const auto& m : preview->mentions) items.push_back(Encode(m));
           return JsonResponse(200, {{"scanned", preview->scanned},
                                     {"matched", preview->matched},
                                     {"items", items}});
         });
  Authed("GET", "/api/v1/topics/{id}", [this](const Request&, const RouteMatch& m, const Caller& c) {
    DND_TRY(int64_t id, PathId(m, "id"));
    DND_TRY(auto topic, s_.listening.GetTopic(c.principal, id));
    return JsonResponse(200, Encode(topic));
  });
  Authed("PUT", "/api/v1/topics/{id}",
         [this](const Request& req, const RouteMatch& m, const Caller& c) {
           DND_TRY(int64_t id, PathId(m, "id"));
           DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"name", "query"}));
           DND_TRY(std::string name, body.String("name"));
           DND_TRY(std::string query, body.String("query"));
           auto topic = s_.listening.UpdateTopic(c.principal, id, name, query);
           if (!topic.ok()) return QueryError(topic.status(), query);
           return JsonResponse(200, Encode(*topic));
         });
  Authed("DELETE", "/api/v1/topics/{id}",
         [this](const Request&, const RouteMatch& m, const Caller& c) {
           DND_TRY(int64_t id, PathId(m, "id"));
           Status st = s_.listening.DeleteTopic(c.principal, id);
           if (!st.ok()) return ErrorResponse(st);
           Response r;
           r.status = 204;
           r.content_type.clear();
           return r;
         });
  Authed("GET", "/api/v1/topics/{id}/mentions",
         [this](const Request& req, const RouteMatch& m, const Caller& c) {
           DND_TRY(int64_t id, PathId(m, "id"));
           DND_TRY(int64_t limit, QueryInt(req, "limit", 50, 1, 200));
           std::string cursor;
           req.QueryParam("cursor", &cursor);
           DND_TRY(auto page, s_.listening.Mentions(c.principal, id, cursor,
                                                    static_cast<int>(limit)));
           return Page(page.mentions, page.next);
         });
  Authed("GET", "/api/v1/topics/{id}/stats",
         [this](const Request& req, const RouteMatch& m, const Caller& c) {
           DND_TRY(int64_t id, PathId(m, "id"));
           DND_TRY(auto range, Range(req, s_.listening.NowMs()));
           DND_TRY(auto stats, s_.listening.Stats(c.principal, id, range.first, range.second));
           Json j = Encode(stats);
           j["from"] = range.first;
           j["to"] = range.second;
           return JsonResponse(200, j);
         });
  Authed("GET", "/api/v1/listening/share",
         [this](const Request& req, const RouteMatch&, const Caller& c) {
           std::string list;
           if (!req.QueryParam("topics", &list) || list.empty()) {
             return ErrorResponse(InvalidArgument("topics is required (ids, comma-separated)",
                                                  "topics"));
           }
           std::vector<int64_t> ids;
           size_t i = 0;
           while (i <= list.size()) {
             size_t j = list.find(',', i);
             if (j == std::string::npos) j = list.size();
             DND_TRY(int64_t id, ParseInt(list.substr(i, j - i), "topics", 1, INT64_MAX));
             ids.push_back(id);
             i = j + 1;
           }
           DND_TRY(auto range, Range(req, s_.listening.NowMs()));
           DND_TRY(auto share, s_.listening.Share(c.principal, ids, range.first, range.second));
           return JsonResponse(200, Encode(share));
         });
  Authed("GET", "/api/v1/alerts", [this](const Request& req, const RouteMatch&, const Caller& c) {
    DND_TRY(int64_t limit, QueryInt(req, "limit", 50, 1, 200));
    DND_TRY(auto alerts, s_.listening.Alerts(c.principal, static_cast<int>(limit)));
    // Names only: the alerts' topics and units, without counting mentions.
    DND_TRY(auto topics, s_.listening.ListTopics(c.principal, std::nullopt, false));
    std::unordered_map<int64_t, const service::TopicView*> by_id;
    for (const auto& t : topics) by_id[t.topic.id] = &t;
    Json items = Json::array();
    for (const auto& a : alerts) {
      Json j = Encode(a);
      auto it = by_id.find(a.topic_id);
      j["topic"] = it != by_id.end() ? Json(it->second->topic.name) : Json(nullptr);
      j["unit"] = it != by_id.end() ? Json(it->second->unit_slug) : Json(nullptr);
      items.push_back(j);
    }
    return JsonResponse(200, {{"items", items}});
  });
  Authed("POST", "/api/v1/alerts/{id}/acknowledge",
         [this](const Request&, const RouteMatch& m, const Caller& c) {
           DND_TRY(int64_t id, PathId(m, "id"));
           Status st = s_.listening.AcknowledgeAlert(c.principal, id);
           if (!st.ok()) return ErrorResponse(st);
           return JsonResponse(200, {{"id", id}, {"acknowledged", true}});
         });

  // NDJSON, one post per line in any of the formats the normalisers know.
  Authed("POST", "/api/v1/ingest", [this](const Request& req, const RouteMatch&, const Caller& c) {
    Status allowed = s_.listening.AuthorizeIngest(c.principal);
    if (!allowed.ok()) return ErrorResponse(allowed);
    std::vector<std::string_view> lines;
    std::string_view body = req.body;
    while (!body.empty()) {
      size_t nl = body.find('\n');
      lines.push_back(body.substr(0, nl));
      if (nl == std::string_view::npos) break;
      body.remove_prefix(nl + 1);
    }
    DND_TRY(auto report, s_.listening.IngestLines(lines));
    return JsonResponse(200, Encode(report));
  });
}

}  // namespace dandelion::http
