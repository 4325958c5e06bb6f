#include "http/contacts/contacts_routes.h"

#include <fmt/format.h>

#include "http/care/care_codec.h"
#include "http/contacts/contacts_codec.h"
#include "http/handlers.h"

namespace dandelion::http {

using service::Caller;

RouteModule ContactRoutes(service::ContactService& contacts) {
  return [&contacts](RouteTable& t) {
    t.Authed("GET", "/api/v1/contacts", [&contacts](const Request& req, const RouteMatch&, const Caller& c) {
      std::string q;
      req.QueryParam("q", &q);
      DND_TRY(int limit, QueryLimit(req));
      DND_TRY(auto page, contacts.List(c.principal, q, QueryCursor(req), limit));
      Json items = Json::array();
      for (const auto& v : page.items) items.push_back(Encode(v));
      return JsonResponse(200, ListJson(std::move(items), page.next));
    });
    t.Authed("GET", "/api/v1/contacts/{id}", [&contacts](const Request&, const RouteMatch& m, const Caller& c) {
      DND_TRY(int64_t id, PathId(m, "id"));
      DND_TRY(auto detail, contacts.Get(c.principal, id));
      return JsonResponse(200, Encode(detail));
    });
    t.Authed("PATCH", "/api/v1/contacts/{id}", [&contacts](const Request& req, const RouteMatch& m, const Caller& c) {
      DND_TRY(int64_t id, PathId(m, "id"));
      DND_TRY(Json body, ObjectBody(req.body));
      std::optional<int64_t> version;
      DND_TRY(auto change, DecodePersonChange(body, &version));
      DND_TRY(auto view, contacts.Update(c.principal, id, change, version));
      return JsonResponse(200, Encode(view));
    });
    t.Authed("GET", "/api/v1/contacts/{id}/duplicates",
             [&contacts](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(auto found, contacts.Duplicates(c.principal, id));
               Json items = Json::array();
               for (const auto& d : found) items.push_back(Encode(d));
               return JsonResponse(200, ListJson(std::move(items)));
             });
    t.Authed("POST", "/api/v1/contacts/{id}/merge",
             [&contacts](const Request& req, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"source_id"}));
               DND_TRY(int64_t source, body.IntOr("source_id", 0));
               if (source <= 0) return ErrorResponse(InvalidArgument("source_id is a contact's id", "source_id"));
               DND_TRY(auto merge, contacts.Merge(c.principal, id, source));
               return JsonResponse(201, Encode(merge));
             });
    t.Authed("POST", "/api/v1/contact-merges/{id}/undo",
             [&contacts](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(auto merge, contacts.Unmerge(c.principal, id));
               return JsonResponse(200, Encode(merge));
             });
    t.Authed("GET", "/api/v1/contacts/{id}/export",
             [&contacts](const Request&, const RouteMatch& m, const Caller& c) {
               DND_TRY(int64_t id, PathId(m, "id"));
               DND_TRY(auto out, contacts.Export(c.principal, id));
               Response r = JsonResponse(200, out);
               r.headers.emplace_back("Content-Disposition",
                                      fmt::format("attachment; filename=\"contact-{}.json\"", id));
               return r;
             });
    t.Authed("DELETE", "/api/v1/contacts/{id}", [&contacts](const Request&, const RouteMatch& m, const Caller& c) {
      DND_TRY(int64_t id, PathId(m, "id"));
      DND_TRY(auto r, contacts.Erase(c.principal, id));
      (void)r;  // erased now or before: the same answer (erase is idempotent)
      return NoContent();
    });
  };
}

}  // namespace dandelion::http
