#include "http/listening/listening_routes.h"

#include <fmt/format.h>

#include <unordered_map>

#include "common/clock.h"
#include "http/handlers.h"
#include "http/listening/listening_codec.h"
#include "ingest/body_source.h"

namespace dandelion::http {
namespace {

using service::Caller;

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;

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
  return JsonResponse(200, ListJson(std::move(list), next));
}

// ?from=&to= as UTC times; by default the last 7 days up to the next hour.
Result<std::pair<int64_t, int64_t>> Range(const Request& req, int64_t now) {
  int64_t hour = 3600 * 1000LL;
  int64_t default_to = (now / hour + 1) * hour;
  DND_ASSIGN_OR_RETURN(int64_t to, QueryTime(req, "to", default_to));
  DND_ASSIGN_OR_RETURN(int64_t from, QueryTime(req, "from", to - 7 * kDayMs));
  return std::make_pair(from, to);
}

// ?reason= as the normalisers write them (snake_case), "" when absent.
Result<std::string> QueryReason(const Request& req) {
  std::string v;
  if (!req.QueryParam("reason", &v) || v.empty()) return std::string();
  bool ok = v.size() <= 64;
  for (char ch : v) ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_');
  if (!ok) return InvalidArgument("reason must be a reason code such as 'truncated_json'", "reason");
  return v;
}

}  // namespace

RouteModule ListeningRoutes(service::ListeningServices& listening, ingest::IngestRuntime& ingest,
                            ingest::Publisher* publisher, size_t max_ingest_bytes) {
  return [&listening, &ingest, publisher, max_ingest_bytes](RouteTable& t) {
    t.Authed("GET", "/api/v1/topics",
             [&listening](const Request& req, const RouteMatch&, const Caller& c) {
               std::optional<std::string> unit;
               if (std::string v; req.QueryParam("unit", &v)) unit = v;
               DND_TRY(auto topics, listening.topics.ListTopics(c.principal, unit));
               Json items = Json::array();
               for (const auto& t : topics) items.push_back(Encode(t));
               return JsonResponse(200, ListJson(std::move(items)));
             });
    t.Authed("POST", "/api/v1/topics",
             [&listening](const Request& req, const RouteMatch&, const Caller& c) {
               DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"unit", "name", "query"}));
               DND_TRY(std::string unit, body.String("unit"));
               DND_TRY(std::string name, body.String("name"));
               DND_TRY(std::string query, body.String("query"));
               auto topic = listening.topics.CreateTopic(c.principal, unit, name, query);
               if (!topic.ok()) return QueryError(topic.status(), query);
               return JsonResponse(201, Encode(*topic));
             });
    t.Authed("POST", "/api/v1/topics/validate",
             [](const Request& req, const RouteMatch&, const Caller&) {
               DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"query"}));
               DND_TRY(std::string query, body.String("query"));
               Json errors = Json::array();
               for (const auto& e : listening::ValidateQuery(query)) errors.push_back(Encode(e));
               Json j = {{"valid", errors.empty()}, {"errors", errors}};
               auto parsed = listening::ParseQuery(query);
               j["canonical"] =
                   parsed.ok() ? Json(listening::ToString(parsed->root)) : Json(nullptr);
               return JsonResponse(200, j);
             });
    t.Authed("POST", "/api/v1/topics/preview",
             [&listening](const Request& req, const RouteMatch&, const Caller& c) {
               DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"query", "scan", "limit"}));
               DND_TRY(std::string query, body.String("query"));
               DND_TRY(int64_t scan, body.IntOr("scan", 2000));
               DND_TRY(int64_t limit, body.IntOr("limit", 20));
               auto preview = listening.topics.PreviewQuery(
                   c.principal, query, static_cast<int>(scan), static_cast<int>(limit));
               if (!preview.ok()) return QueryError(preview.status(), query);
               Json items = Json::array();
               for (const auto& m : preview->mentions) items.push_back(Encode(m));
               return JsonResponse(200, {{"scanned", preview->scanned},
                                         {"matched", preview->matched},
                                         {"items", items}});
             });
    t.Authed("GET", "/api/v1/topics/{id}",
             [&listening](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(auto topic, listening.topics.GetTopic(c.principal, id));
               return JsonResponse(200, Encode(topic));
             });
    t.Authed("PUT", "/api/v1/topics/{id}",
             [&listening](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"name", "query"}));
               DND_TRY(std::string name, body.String("name"));
               DND_TRY(std::string query, body.String("query"));
               auto topic = listening.topics.UpdateTopic(c.principal, id, name, query);
               if (!topic.ok()) return QueryError(topic.status(), query);
               return JsonResponse(200, Encode(*topic));
             });
    t.Authed("DELETE", "/api/v1/topics/{id}",
             [&listening](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               Status st = listening.topics.DeleteTopic(c.principal, id);
               return st.ok() ? NoContent() : ErrorResponse(st);
             });
    t.Authed("GET", "/api/v1/topics/{id}/mentions",
             [&listening](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(int64_t limit, QueryInt(req, "limit", 50, 1, 200));
               std::string cursor;
               req.QueryParam("cursor", &cursor);
               DND_TRY(auto page, listening.analytics.Mentions(c.principal, id, cursor,
                                                               static_cast<int>(limit)));
               return Page(page.mentions, page.next);
             });
    t.Authed("GET", "/api/v1/topics/{id}/stats",
             [&listening](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(auto range, Range(req, listening.analytics.NowMs()));
               DND_TRY(auto stats,
                       listening.analytics.Stats(c.principal, id, range.first, range.second));
               Json j = Encode(stats);
               j["from"] = FormatTimestamp(range.first);
               j["to"] = FormatTimestamp(range.second);
               return JsonResponse(200, j);
             });
    t.Authed("GET", "/api/v1/listening/share",
             [&listening](const Request& req, const RouteMatch&, const Caller& c) {
               std::string list;
               if (!req.QueryParam("topics", &list) || list.empty()) {
                 return ErrorResponse(
                     InvalidArgument("topics is required (ids, comma-separated)", "topics"));
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
               DND_TRY(auto range, Range(req, listening.analytics.NowMs()));
               DND_TRY(auto share,
                       listening.analytics.Share(c.principal, ids, range.first, range.second));
               return JsonResponse(200, Encode(share));
             });
    t.Authed("GET", "/api/v1/alerts",
             [&listening](const Request& req, const RouteMatch&, const Caller& c) {
               DND_TRY(int64_t limit, QueryInt(req, "limit", 50, 1, 200));
               DND_TRY(auto alerts,
                       listening.analytics.Alerts(c.principal, static_cast<int>(limit)));
               // Names only: the alerts' topics and units, without counting mentions.
               DND_TRY(auto topics, listening.topics.ListTopics(c.principal, std::nullopt, false));
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
               return JsonResponse(200, ListJson(std::move(items)));
             });
    t.Authed("POST", "/api/v1/alerts/{id}/acknowledge",
             [&listening](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               Status st = listening.analytics.AcknowledgeAlert(c.principal, id);
               if (!st.ok()) return ErrorResponse(st);
               return JsonResponse(200, {{"id", id}, {"acknowledged", true}});
             });

    // NDJSON, one post per line in any of the formats the normalisers know.
    t.Authed(
        "POST", "/api/v1/ingest",
        [&listening, &ingest, publisher](const Request& req, const RouteMatch&, const Caller& c) {
          Status allowed = listening.ingest.AuthorizeIngest(c.principal);
          if (!allowed.ok()) return ErrorResponse(allowed);
          ingest::BodySource body(req.body);
          if (publisher != nullptr) {
            // Behind the stream: the workers store them; their rejected
            // lines become dead letters there.
            std::vector<std::string_view> lines;
            for (;;) {
              DND_TRY(auto batch, body.Next(SIZE_MAX, SIZE_MAX));
              if (!batch) break;
              lines.insert(lines.end(), batch->lines.begin(), batch->lines.end());
            }
            DND_TRY(auto receipt, publisher->PublishLines(lines));
            return JsonResponse(202, {{"lines", receipt.lines},
                                      {"published", receipt.published},
                                      {"repeated", receipt.repeated}});
          }
          // What cannot be read is kept as a dead letter of the caller's.
          const auto& limits = listening.ingest.dead_letter_limits();
          ingest::TableDeadLetters dead({"api", c.principal.user.id}, listening.ingest.clock(),
                                        limits, limits.per_request);
          DND_TRY(auto report, ingest.Run(body, dead, ingest::RunOptions{}));
          return JsonResponse(200, Encode(report));
        },
        RouteOptions{.max_body_bytes = max_ingest_bytes, .accepts_ndjson = true});

    // The dead letters of the ingest above, for whoever may ingest.
    t.Authed("GET", "/api/v1/ingest/rejected",
             [&listening](const Request& req, const RouteMatch&, const Caller& c) {
               DND_TRY(int limit, QueryLimit(req));
               DND_TRY(std::string reason, QueryReason(req));
               DND_TRY(auto page, listening.dead_letters.List(c.principal, QueryCursor(req),
                                                              limit, reason));
               return JsonResponse(200, Encode(page));
             });
    t.Authed("DELETE", "/api/v1/ingest/rejected",
             [&listening](const Request& req, const RouteMatch&, const Caller& c) {
               DND_TRY(std::string reason, QueryReason(req));
               DND_TRY(int64_t deleted, listening.dead_letters.Clear(c.principal, reason));
               return JsonResponse(200, {{"deleted", deleted}});
             });
    t.Authed("DELETE", "/api/v1/ingest/rejected/{id}",
             [&listening](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               Status st = listening.dead_letters.Delete(c.principal, id);
               if (!st.ok()) return ErrorResponse(st);
               return NoContent();
             });
  };
}

}  // namespace dandelion::http
