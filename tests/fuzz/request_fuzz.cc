// Fuzzes the request helpers that read attacker-controlled text: cookies,
// query strings, percent-decoding and route matching.
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/message.h"
#include "http/router.h"

using dandelion::http::Request;
using dandelion::http::Router;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Router* router = [] {
    auto* r = new Router();
    for (const char* p : {"/api/v1/units", "/api/v1/units/{slug}", "/api/v1/units/{slug}/members",
                          "/api/v1/memberships/{id}"}) {
      r->Add("GET", p, nullptr);
    }
    return r;
  }();
  std::string in(reinterpret_cast<const char*>(data), size);
  // Input: three parts separated by '\n': path, query, cookie header.
  size_t a = in.find('\n');
  size_t b = a == std::string::npos ? std::string::npos : in.find('\n', a + 1);
  Request req;
  req.path = in.substr(0, a);
  if (a != std::string::npos) req.query = in.substr(a + 1, b == std::string::npos ? b : b - a - 1);
  if (b != std::string::npos) req.headers["cookie"] = in.substr(b + 1);
  std::string v;
  req.QueryParam("limit", &v);
  req.QueryParam(req.query.substr(0, 3), &v);
  (void)req.Cookie("dandelion_session");
  (void)dandelion::http::UrlDecode(in);
  auto m = router->Match("GET", req.path);
  if (m.route != nullptr) (void)m.Param("slug");
  return 0;
}
