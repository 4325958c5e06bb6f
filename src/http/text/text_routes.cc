#include "http/text/text_routes.h"

#include "enrich/enrich.h"
#include "http/handlers.h"
#include "http/text/text_codec.h"
#include "text/network.h"

namespace dandelion::http {

using service::Caller;

RouteModule TextRoutes() {
  return [](RouteTable& t) {
    t.Authed("POST", "/api/v1/text/analyze",
             [](const Request& req, const RouteMatch&, const Caller&) {
               DND_TRY(JsonBody body, JsonBody::Parse(req.body, {"text", "network"}));
               DND_TRY(std::string text, body.String("text"));
               DND_TRY(std::string network_name, body.String("network"));
               auto network = text::ParseNetwork(network_name);
               if (!network) {
                 return ErrorResponse(InvalidArgument(
                     "unknown network '" + network_name +
                         "'; expected x, mastodon, bluesky, linkedin, facebook, instagram or other",
                     "network"));
               }
               return JsonResponse(200, Encode(enrich::Enrich(text, *network)));
             });
  };
}

}  // namespace dandelion::http
