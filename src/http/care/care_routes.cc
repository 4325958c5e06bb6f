#include "http/care/care_routes.h"

#include <fmt/format.h>

#include "http/care/care_codec.h"
#include "http/handlers.h"

namespace dandelion::http {
namespace {

using service::Caller;

template <typename T>
Response List(const std::vector<T>& items) {
  Json list = Json::array();
  for (const auto& x : items) list.push_back(Encode(x));
  return JsonResponse(200, ListJson(std::move(list)));
}

// ?status=new,open (every one a status), empty when absent.
Result<std::vector<domain::CaseStatus>> QueryStatuses(const Request& req) {
  std::vector<domain::CaseStatus> out;
  std::string v;
  if (!req.QueryParam("status", &v) || v.empty()) return out;
  size_t at = 0;
  while (at <= v.size()) {
    size_t comma = v.find(',', at);
    if (comma == std::string::npos) comma = v.size();
    auto s = domain::ParseCaseStatus(v.substr(at, comma - at));
    if (!s) return InvalidArgument("status is a list of new, open, pending and resolved", "status");
    out.push_back(*s);
    at = comma + 1;
  }
  return out;
}

Result<service::CaseFilter> FilterOf(const Request& req) {
  service::CaseFilter f;
  req.QueryParam("unit", &f.unit);
  std::string v;
  if (req.QueryParam("subtree", &v)) {
    if (v != "true" && v != "false") return InvalidArgument("subtree is true or false", "subtree");
    f.subtree = v == "true";
  }
  DND_ASSIGN_OR_RETURN(f.statuses, QueryStatuses(req));
  req.QueryParam("assignee", &f.assignee);
  if (req.QueryParam("priority", &v) && !v.empty()) {
    auto p = domain::ParsePriority(v);
    if (!p) return InvalidArgument("priority is low, normal, high or urgent", "priority");
    f.priority = *p;
  }
  req.QueryParam("tag", &f.tag);
  if (req.QueryParam("sort", &v) && !v.empty()) {
    if (v != "due" && v != "newest") return InvalidArgument("sort is due or newest", "sort");
    f.by_due = v == "due";
  }
  f.cursor = QueryCursor(req);
  DND_ASSIGN_OR_RETURN(f.limit, QueryLimit(req));
  return f;
}

}  // namespace

RouteModule CareRoutes(service::CareServices& care) {
  return [&care](RouteTable& t) {
    auto& cases = care.cases;
    auto& setup = care.setup;

    // --- cases
    t.Authed("GET", "/api/v1/cases", [&cases](const Request& req, const RouteMatch&, const Caller& c) {
      DND_TRY(auto filter, FilterOf(req));
      DND_TRY(auto page, cases.List(c.principal, filter));
      Json items = Json::array();
      for (const auto& v : page.items) items.push_back(Encode(v));
      Json body = ListJson(std::move(items), page.next);
      body["total"] = page.total;
      return JsonResponse(200, body);
    });
    t.Authed("GET", "/api/v1/cases/{id}",
             [&cases](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(auto detail, cases.Get(c.principal, id));
               return JsonResponse(200, Encode(detail));
             });
    t.Authed("PATCH", "/api/v1/cases/{id}",
             [&cases](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(Json body, ObjectBody(req.body));
               std::optional<domain::CasePriority> priority;
               std::optional<std::vector<std::string>> tags;
               for (const auto& [k, v] : body.items()) {
                 if (k == "priority") {
                   auto p = v.is_string() ? domain::ParsePriority(v.get<std::string>()) : std::nullopt;
                   if (!p) return ErrorResponse(InvalidArgument("priority is low, normal, high or urgent", "priority"));
                   priority = *p;
                 } else if (k == "tags") {
                   if (!v.is_array()) return ErrorResponse(InvalidArgument("tags is an array of strings", "tags"));
                   tags.emplace();
                   for (const auto& x : v) {
                     if (!x.is_string()) return ErrorResponse(InvalidArgument("tags is an array of strings", "tags"));
                     tags->push_back(x.get<std::string>());
                   }
                 } else {
                   return ErrorResponse(InvalidArgument(fmt::format("unknown field '{}'", k), k));
                 }
               }
               DND_TRY(auto view, cases.Update(c.principal, id, priority, tags));
               return JsonResponse(200, Encode(view));
             });
    t.Authed("POST", "/api/v1/cases/{id}/claim",
             [&cases](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(auto view, cases.Claim(c.principal, id));
               return JsonResponse(200, Encode(view));
             });
    t.Authed("POST", "/api/v1/cases/{id}/assign",
             [&cases](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"user_id"}));
               DND_TRY(int64_t user, body.IntOr("user_id", 0));
               std::optional<int64_t> to;
               if (user != 0) to = user;
               DND_TRY(auto view, cases.Assign(c.principal, id, to));
               return JsonResponse(200, Encode(view));
             });
    t.Authed("POST", "/api/v1/cases/{id}/status",
             [&cases](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"status"}));
               DND_TRY(std::string status, body.String("status"));
               auto s = domain::ParseCaseStatus(status);
               if (!s) {
                 return ErrorResponse(
                     InvalidArgument("status is new, open, pending or resolved", "status"));
               }
               DND_TRY(auto view, cases.SetStatus(c.principal, id, *s));
               return JsonResponse(200, Encode(view));
             });
    t.Authed("POST", "/api/v1/cases/{id}/notes",
             [&cases](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"text"}));
               DND_TRY(std::string text, body.String("text"));
               DND_TRY(auto note, cases.AddNote(c.principal, id, text));
               return JsonResponse(201, Encode(note));
             });
    t.Authed("POST", "/api/v1/cases/{id}/replies",
             [&cases](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(Json body, ObjectBody(req.body));
               for (const auto& [k, v] : body.items()) {
                 if (k != "text" && k != "allow_personal_data") {
                   return ErrorResponse(InvalidArgument(fmt::format("unknown field '{}'", k), k));
                 }
               }
               if (!body.contains("text") || !body["text"].is_string()) {
                 return ErrorResponse(InvalidArgument("text is required", "text"));
               }
               bool allow = false;
               if (body.contains("allow_personal_data")) {
                 if (!body["allow_personal_data"].is_boolean()) {
                   return ErrorResponse(InvalidArgument("must be true or false", "allow_personal_data"));
                 }
                 allow = body["allow_personal_data"].get<bool>();
               }
               DND_TRY(auto reply, cases.Reply(c.principal, id, body["text"].get<std::string>(), allow));
               return JsonResponse(201, Encode(reply));
             });

    // --- channels
    t.Authed("GET", "/api/v1/units/{slug}/channels",
             [&setup](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(auto items, setup.Channels(c.principal, m.Param("slug")));
               return List(items);
             });
    t.Authed("POST", "/api/v1/units/{slug}/channels",
             [&setup](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(Json body, ObjectBody(req.body));
               DND_TRY(auto ch, DecodeChannel(body));
               DND_TRY(auto view, setup.AddChannel(&c.principal, m.Param("slug"), ch));
               return JsonResponse(201, Encode(view));
             });
    t.Authed("DELETE", "/api/v1/channels/{id}",
             [&setup](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               Status st = setup.DeleteChannel(c.principal, id);
               return st.ok() ? NoContent() : ErrorResponse(st);
             });

    // --- routing rules
    t.Authed("GET", "/api/v1/units/{slug}/routing-rules",
             [&setup](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(auto items, setup.Rules(c.principal, m.Param("slug")));
               return List(items);
             });
    t.Authed("POST", "/api/v1/units/{slug}/routing-rules",
             [&setup](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(Json body, ObjectBody(req.body));
               DND_TRY(auto rule, DecodeRule(body));
               DND_TRY(auto view, setup.CreateRule(&c.principal, m.Param("slug"), rule.first, rule.second));
               return JsonResponse(201, Encode(view));
             });
    t.Authed("PUT", "/api/v1/routing-rules/{id}",
             [&setup](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(Json body, ObjectBody(req.body));
               DND_TRY(auto rule, DecodeRule(body));
               DND_TRY(auto view, setup.UpdateRule(c.principal, id, rule.first, rule.second));
               return JsonResponse(200, Encode(view));
             });
    t.Authed("POST", "/api/v1/routing-rules/{id}/move",
             [&setup](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"position"}));
               DND_TRY(int64_t position, body.Int("position"));
               DND_TRY(auto view, setup.MoveRule(c.principal, id, position));
               return JsonResponse(200, Encode(view));
             });
    t.Authed("DELETE", "/api/v1/routing-rules/{id}",
             [&setup](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               Status st = setup.DeleteRule(c.principal, id);
               return st.ok() ? NoContent() : ErrorResponse(st);
             });
    t.Authed("POST", "/api/v1/routing/explain",
             [&setup](const Request& req, const RouteMatch&, const Caller& c) {
               DND_TRY(Json body, ObjectBody(req.body));
               DND_TRY(auto in, DecodeExplain(body));
               DND_TRY(auto out, setup.Explain(c.principal, in));
               return JsonResponse(200, Encode(out));
             });

    // --- SLA policies
    t.Authed("GET", "/api/v1/units/{slug}/sla-policies",
             [&setup](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(auto items, setup.Policies(c.principal, m.Param("slug")));
               return List(items);
             });
    t.Authed("POST", "/api/v1/units/{slug}/sla-policies",
             [&setup](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(Json body, ObjectBody(req.body));
               DND_TRY(auto p, DecodePolicy(body));
               DND_TRY(auto view, setup.CreatePolicy(&c.principal, m.Param("slug"), p.first, p.second));
               return JsonResponse(201, Encode(view));
             });
    t.Authed("PUT", "/api/v1/sla-policies/{id}",
             [&setup](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(Json body, ObjectBody(req.body));
               DND_TRY(auto p, DecodePolicy(body));
               DND_TRY(auto view, setup.UpdatePolicy(c.principal, id, p.first, p.second));
               return JsonResponse(200, Encode(view));
             });
    t.Authed("DELETE", "/api/v1/sla-policies/{id}",
             [&setup](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               Status st = setup.DeletePolicy(c.principal, id);
               return st.ok() ? NoContent() : ErrorResponse(st);
             });

    // --- the queue
    t.Authed("GET", "/api/v1/units/{slug}/queue",
             [&setup](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(auto q, setup.Queue(c.principal, m.Param("slug")));
               return JsonResponse(200, Encode(q));
             });
    t.Authed("PUT", "/api/v1/units/{slug}/queue",
             [&setup](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(Json body, ObjectBody(req.body));
               DND_TRY(auto q, DecodeQueue(body));
               DND_TRY(auto view, setup.PutQueue(&c.principal, m.Param("slug"), q));
               return JsonResponse(200, Encode(view));
             });

    // --- agents
    t.Authed("GET", "/api/v1/units/{slug}/agents",
             [&setup](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(auto items, setup.Agents(c.principal, m.Param("slug")));
               return List(items);
             });
    t.Authed("PUT", "/api/v1/units/{slug}/agents/{user_id}",
             [&setup](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t user, PathId(m, "user_id"));
               DND_TRY(Json body, ObjectBody(req.body));
               DND_TRY(auto a, DecodeAgent(body));
               a.user_id = user;
               DND_TRY(auto saved, setup.PutAgent(&c.principal, m.Param("slug"), a));
               return JsonResponse(200, Encode(saved));
             });
    t.Authed("DELETE", "/api/v1/units/{slug}/agents/{user_id}",
             [&setup](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t user, PathId(m, "user_id"));
               Status st = setup.RemoveAgent(c.principal, m.Param("slug"), user);
               return st.ok() ? NoContent() : ErrorResponse(st);
             });
  };
}

}  // namespace dandelion::http
