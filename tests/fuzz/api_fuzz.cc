// Fuzzes the whole API as a logged-in hub admin over an in-memory store:
// routing, query parsing, strict JSON bodies, validation and the services.
// The input's first line is "METHOD TARGET"; the rest is the body.
// Whatever comes in, the answer must be a well-formed response: a known
// status and, for API paths, a JSON body (an error body on failure).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "common/clock.h"
#include "common/crypto.h"
#include "http/api.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/sqlite_database.h"

namespace {

using namespace dandelion;

struct World {
  World()
      : store(Open()),
        auth(*store, clock),
        org(*store, clock, PasswordCost::kMinimum),
        audit(*store, clock),
        listening(*store, clock, topics),
        api(http::Services{*store, auth, org, audit, listening}, {}) {
    (void)org.EnsureHub("Hub");
    (void)org.CreateUserAsSystem({"root@x.example", "Root", "long enough pw", "hub", "admin"});
    auto login = auth.Login("root@x.example", "long enough pw");
    if (!login.ok()) std::abort();
    cookie = "dandelion_session=" + login->session_token;
    csrf = login->session.csrf_token;
  }
  static std::unique_ptr<store::Store> Open() {
    if (!CryptoInit().ok()) std::abort();
    auto db = store::sqlite::OpenSqlite(":memory:");
    if (!db.ok()) std::abort();
    auto s = std::make_unique<store::sql::SqlStore>(std::move(*db), store::sql::SqliteMigrations());
    if (!s->Migrate().ok()) std::abort();
    return s;
  }
  // The clock stands still so that the session never expires mid-run.
  FakeClock clock;
  std::unique_ptr<store::Store> store;
  service::AuthService auth;
  service::OrgService org;
  service::AuditService audit;
  engine::TopicRegistry topics;
  service::ListeningService listening;
  http::Api api;
  std::string cookie, csrf;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World* w = new World();
  std::string in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string line = in.substr(0, nl);
  size_t sp = line.find(' ');
  if (sp == std::string::npos) return 0;
  http::Request req;
  req.method = line.substr(0, sp);
  std::string target = line.substr(sp + 1);
  if (target.empty() || target[0] != '/') return 0;
  // Logging out would end the fuzzer's session for every later input.
  if (target.starts_with("/api/v1/auth/logout")) return 0;
  size_t q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) req.query = target.substr(q + 1);
  if (nl != std::string::npos) req.body = in.substr(nl + 1);
  req.headers["content-type"] = "application/json";
  req.headers["cookie"] = w->cookie;
  req.headers["x-csrf-token"] = w->csrf;
  http::Response r = w->api.Handle(req);
  if (r.status < 200 || r.status > 599) std::abort();
  if (r.status >= 400 && r.content_type == "application/json") {
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.contains("error") || !j["error"].contains("code")) std::abort();
    if (r.status == 500) std::abort();  // bad input must never be an internal error
  }
  return 0;
}
