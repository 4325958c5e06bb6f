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
#include "app/app.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/sqlite_database.h"

namespace {

using namespace dandelion;

struct World {
  World()
      : store(Open()),
        app(*store, clock, {}, app::AppOptions{.password_cost = PasswordCost::kMinimum}) {
    if (!app.org.EnsureHub("Hub").ok()) std::abort();
    if (!app.org.CreateUserAsSystem({"root@x.example", "Root", "long enough pw", "hub", "admin"})
             .ok()) {
      std::abort();
    }
    auto login = app.auth.Login({"root@x.example", "long enough pw", "127.0.0.1"});
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
  app::App app;
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
  http::Response r = w->app.api.Handle(req);
  if (r.status < 200 || r.status > 599) std::abort();
  if (r.status >= 400 && r.content_type == "application/json") {
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.contains("error") || !j["error"].contains("code")) std::abort();
    if (r.status == 500) std::abort();  // bad input must never be an internal error
  }
  return 0;
}
