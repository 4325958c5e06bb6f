// dandelion: the one binary. Subcommands: serve, migrate, demo, audit
// verify, user add, version. Every subcommand that touches the store takes
// --data DIR (SQLite) or --db postgresql://... (PostgreSQL).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/open_store.h"
#include "cli/text_command.h"
#include "common/crypto.h"
#include "common/log.h"
#include "http/api.h"
#include "http/server.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/demo.h"
#include "service/listening_service.h"
#include "service/org_service.h"

namespace dandelion::cli {
namespace {

constexpr const char* kVersion = "0.1.0";

void AddStoreOptions(CLI::App* cmd, StoreConfig& cfg) {
  cmd->add_option("--data", cfg.data_dir,
                  "folder of the embedded SQLite store (env DANDELION_DATA; default ./var)");
  cmd->add_option("--db", cfg.db,
                  "use PostgreSQL instead: a postgresql:// URI (env DANDELION_DB)");
}

Result<std::unique_ptr<store::Store>> Open(StoreConfig cfg) {
  ApplyEnvironment(cfg);
  return OpenStore(cfg);
}

int Fail(const Status& st) {
  std::cerr << "dandelion: " << st.message() << "\n";
  return 1;
}

void PrintDemoLogins(const std::vector<service::DemoLogin>& logins) {
  std::cout << "Demo logins (password for all: " << service::kDemoPassword << "):\n";
  for (const auto& l : logins) {
    std::cout << fmt::format("  {:34} {:10} at {}\n", l.email, l.role, l.unit);
  }
}

// The demo logins are worth printing only while the demo admin exists.
bool DemoAdminExists(store::Store& store) {
  bool found = false;
  (void)store.Transact([&](store::Repos& repos) {
    found = repos.users().GetByEmail(service::DemoLogins()[0].email).ok();
    return Status::Ok();
  });
  return found;
}

struct ServeFlags {
  StoreConfig store;
  std::string address = "127.0.0.1";
  int port = 8080;
  int threads = 4;
  bool seed_demo = false;
  bool secure_cookies = false;
};

int Serve(ServeFlags f, bool port_given) {
  if (!port_given) {
    if (const char* p = std::getenv("DANDELION_PORT"); p && *p) f.port = std::atoi(p);
  }
  if (f.port < 0 || f.port > 65535) return Fail(InvalidArgument("--port must be 0..65535"));
  auto st = Open(f.store);
  if (!st.ok()) return Fail(st.status());
  store::Store& store = **st;
  SystemClock clock;
  service::AuthService auth(store, clock);
  service::OrgService org(store, clock);
  service::AuditService audit(store, clock);

  if (f.seed_demo) {
    auto seeded = service::SeedDemo(store, org);
    if (seeded.ok()) {
      std::cout << "Seeded the demo organisation.\n";
    } else if (seeded.status().code() != Code::kFailedPrecondition) {
      return Fail(seeded.status());
    }
  }
  auto hub = org.EnsureHub("Hub");
  if (!hub.ok()) return Fail(hub.status());

  // Alerts go to a webhook when one is configured; the secret that signs
  // them comes from the environment and is never logged.
  std::unique_ptr<service::WebhookNotifier> webhook;
  if (const char* url = std::getenv("DANDELION_ALERT_WEBHOOK_URL"); url && *url) {
    const char* secret = std::getenv("DANDELION_ALERT_WEBHOOK_SECRET");
    webhook = std::make_unique<service::WebhookNotifier>(url, secret ? secret : "");
  }
  engine::TopicRegistry topics;
  service::ListeningService listening(store, clock, topics, webhook.get());
  if (auto loaded = listening.ReloadTopics(); !loaded.ok()) {
    return Fail(loaded.status());
  } else {
    for (const auto& e : *loaded) {
      LogWarn(fmt::format("topic {} left out: {}", e.topic_id, e.message));
    }
  }

  http::Api api(http::Services{store, auth, org, audit, listening}, http::WebFiles(),
                http::ApiOptions{.secure_cookies = f.secure_cookies});
  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  http::ServerOptions so;
  so.address = f.address;
  so.port = static_cast<uint16_t>(f.port);
  so.threads = f.threads;
  auto server = http::StartServer(api, so);
  if (!server.ok()) return Fail(server.status());
  std::cout << fmt::format("Dandelion is serving on http://{}:{}/ (store: {})\n", f.address,
                           (*server)->port(), store.Backend());
  if (f.seed_demo && DemoAdminExists(store)) PrintDemoLogins(service::DemoLogins());
  std::cout.flush();
  int sig = 0;
  sigwait(&signals, &sig);
  LogInfo("stopping");
  (*server)->Stop();
  return 0;
}

}  // namespace
}  // namespace dandelion::cli

int main(int argc, char** argv) {
  using namespace dandelion;
  using namespace dandelion::cli;
  if (Status st = CryptoInit(); !st.ok()) return Fail(st);

  CLI::App app{
      "Dandelion: the self-hosted hub-and-spoke platform for a company's social media center of "
      "excellence.",
      "dandelion"};
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);

  ServeFlags serve;
  auto* serve_cmd = app.add_subcommand("serve", "Run the web UI and JSON API");
  AddStoreOptions(serve_cmd, serve.store);
  auto* port_opt = serve_cmd->add_option("--port", serve.port, "TCP port (env DANDELION_PORT; default 8080; 0 = any free port)");
  serve_cmd->add_option("--address", serve.address, "address to listen on (default 127.0.0.1)");
  serve_cmd->add_option("--threads", serve.threads, "worker threads (default 4)")
      ->check(CLI::Range(1, 256));
  serve_cmd->add_flag("--seed-demo", serve.seed_demo,
                      "seed the demo organisation when the store has no users, and print its logins");
  serve_cmd->add_flag("--secure-cookies", serve.secure_cookies,
                      "mark the session cookie Secure (when served behind HTTPS)");

  StoreConfig migrate_cfg;
  auto* migrate_cmd = app.add_subcommand("migrate", "Apply pending database migrations and exit");
  AddStoreOptions(migrate_cmd, migrate_cfg);

  StoreConfig demo_cfg;
  auto* demo_cmd = app.add_subcommand(
      "demo", "Seed the demo organisation (hub, spokes, a region, a dozen users) into an empty store");
  AddStoreOptions(demo_cmd, demo_cfg);

  StoreConfig audit_cfg;
  auto* audit_cmd = app.add_subcommand("audit", "Work with the audit log");
  audit_cmd->require_subcommand(1);
  auto* verify_cmd = audit_cmd->add_subcommand(
      "verify", "Recompute the audit log's hash chain; exit 1 and name the first bad entry if it was tampered with");
  AddStoreOptions(verify_cmd, audit_cfg);

  StoreConfig user_cfg;
  service::NewUser new_user;
  auto* user_cmd = app.add_subcommand("user", "Manage users from the command line");
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand(
      "add", "Create a user with a role at a unit; the password is read from standard input");
  AddStoreOptions(user_add, user_cfg);
  user_add->add_option("--email", new_user.email, "e-mail (the login)")->required();
  user_add->add_option("--name", new_user.name, "display name")->required();
  user_add->add_option("--unit", new_user.unit, "unit slug (default hub)")->default_val("hub");
  user_add->add_option("--role", new_user.role,
                       "admin, manager, publisher, agent, reviewer, advocate or analyst")
      ->default_val("admin");

  auto* text_cmd = app.add_subcommand("text", "Text intelligence");
  text_cmd->require_subcommand(1);
  auto* analyze_cmd = text_cmd->add_subcommand(
      "analyze",
      "Read NDJSON lines {\"id\":…, \"text\":…, \"network\":…} on standard input and write one "
      "JSON result per line (entities, length, language, sentiment, intent, PII) with the same "
      "fields as POST /api/v1/text/analyze; exit 1 if any line was rejected");

  CLI11_PARSE(app, argc, argv);

  if (analyze_cmd->parsed()) {
    std::ios::sync_with_stdio(false);
    TextAnalyzeSummary s = RunTextAnalyze(std::cin, std::cout);
    std::cerr << fmt::format("analyzed {} posts, rejected {}\n", s.analyzed, s.rejected);
    return s.rejected == 0 ? 0 : 1;
  }

  if (serve_cmd->parsed()) return Serve(serve, port_opt->count() > 0);

  if (migrate_cmd->parsed()) {
    auto st = Open(migrate_cfg);
    if (!st.ok()) return Fail(st.status());
    std::cout << "The " << (*st)->Backend() << " store is up to date.\n";
    return 0;
  }

  if (demo_cmd->parsed()) {
    auto st = Open(demo_cfg);
    if (!st.ok()) return Fail(st.status());
    SystemClock clock;
    service::OrgService org(**st, clock);
    auto seeded = service::SeedDemo(**st, org);
    if (!seeded.ok()) return Fail(seeded.status());
    PrintDemoLogins(*seeded);
    return 0;
  }

  if (verify_cmd->parsed()) {
    auto st = Open(audit_cfg);
    if (!st.ok()) return Fail(st.status());
    SystemClock clock;
    service::AuditService audit(**st, clock);
    auto v = audit.VerifyAsSystem();
    if (!v.ok()) return Fail(v.status());
    if (!v->ok) {
      std::cerr << "dandelion: audit log TAMPERED: " << v->message << " (" << v->checked
                << " entries before it are intact)\n";
      return 1;
    }
    std::cout << v->message << "\n";
    return 0;
  }

  if (user_add->parsed()) {
    auto st = Open(user_cfg);
    if (!st.ok()) return Fail(st.status());
    std::getline(std::cin, new_user.password);
    SystemClock clock;
    service::OrgService org(**st, clock);
    if (auto hub = org.EnsureHub("Hub"); !hub.ok()) return Fail(hub.status());
    auto created = org.CreateUserAsSystem(new_user);
    if (!created.ok()) return Fail(created.status());
    std::cout << fmt::format("Created {} ({}) as {} at {}.\n", created->user.email,
                             created->user.name, new_user.role, new_user.unit);
    return 0;
  }
  return 0;
}
