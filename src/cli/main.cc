// dandelion: the one binary. Subcommands: serve, migrate, demo, audit
// verify, user add, version. Every subcommand that touches the store takes
// --data DIR (SQLite) or --db postgresql://... (PostgreSQL).
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "app/app.h"
#include "cli/ingest_command.h"
#include "cli/open_store.h"
#include "cli/text_command.h"
#include "cli/topic_command.h"
#include "cli/store_command.h"
#include "cli/stream_command.h"
#include "ingest/topic_watcher.h"
#include "common/crypto.h"
#include "common/log.h"
#include "http/api.h"
#include "http/server.h"
#include "service/audit/audit_service.h"
#include "service/auth/auth_service.h"
#include "service/common/mailer.h"
#include "service/demo/demo.h"
#include "service/demo/demo_care.h"
#include "service/demo/demo_listening.h"
#include "service/listening/listening.h"
#include "service/org/org_service.h"
#include "store/org/org_repos.h"

namespace dandelion::cli {
namespace {

constexpr const char* kVersion = "0.1.0";

void AddStoreOptions(CLI::App* cmd, StoreConfig& cfg) {
  cmd->add_option("--data", cfg.data_dir,
                  "folder of the embedded SQLite store (env DANDELION_DATA; default ./var)");
  cmd->add_option("--db", cfg.db, "use PostgreSQL instead: a postgresql:// URI (env DANDELION_DB)");
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
  // A failed read only leaves the demo logins unprinted.
  store
      .Read([&](store::Tx& repos) {
        found = store::Org(repos).users().GetByEmail(service::DemoLogins()[0].email).ok();
        return Status::Ok();
      })
      .IgnoreError();
  return found;
}

// Alerts go to a webhook when one is configured; the secret that signs them
// comes from the environment and is never logged.
// The alert webhook from DANDELION_ALERT_WEBHOOK_URL and _SECRET: none when
// no URL is set; refused (the server does not start) without a secret.
Result<std::unique_ptr<service::WebhookNotifier>> WebhookFromEnvironment() {
  const char* url = std::getenv("DANDELION_ALERT_WEBHOOK_URL");
  if (url == nullptr || *url == '\0') return std::unique_ptr<service::WebhookNotifier>();
  const char* secret = std::getenv("DANDELION_ALERT_WEBHOOK_SECRET");
  auto made = service::WebhookNotifier::Create(url, secret ? secret : "");
  if (!made.ok()) {
    return InvalidArgument("DANDELION_ALERT_WEBHOOK_URL is set, but " + made.status().message() +
                           " in DANDELION_ALERT_WEBHOOK_SECRET");
  }
  return made;
}

struct ServeFlags {
  StoreConfig store;
  std::string address = "127.0.0.1";
  int port = 8080;
  int threads = 16;
  bool seed_demo = false;
  bool secure_cookies = false;
  std::string mail_dir;    //!< empty: <data>/outbox
  std::string public_url;  //!< empty: http://<address>:<port>
  std::vector<std::string> trusted_proxies;
  std::string nats;         //!< empty: no stream
  int stream_workers = 2;
};

//! The stream's address: --nats, else DANDELION_NATS.
std::string NatsUrl(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("DANDELION_NATS");
  return env != nullptr ? env : "";
}

// Blocks SIGINT and SIGTERM in this thread and every thread started after
// it, so that only WaitForStop takes them; returns the set to wait on.
sigset_t BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// Waits for SIGINT or SIGTERM (blocked in every thread by the caller).
void WaitForStop(const sigset_t& signals) {
  int sig = 0;
  sigwait(&signals, &sig);
  LogInfo("stopping");
}

//! `dandelion worker`: consumes the stream into the store, no HTTP.
int Worker(StoreConfig store_cfg, std::string nats, int workers) {
  const sigset_t signals = BlockStopSignals();
  nats = NatsUrl(nats);
  if (nats.empty()) return Fail(InvalidArgument("give the stream's address: --nats nats://host:4222"));
  auto st = Open(store_cfg);
  if (!st.ok()) return Fail(st.status());
  SystemClock clock;
  app::App app(**st, clock, http::WebFiles(), app::AppOptions{});
  if (auto loaded = app.listening.runtime.ReloadTopics(); !loaded.ok()) return Fail(loaded.status());
  if (Status resumed = app.listening.backfills.ResumePending(); !resumed.ok()) return Fail(resumed);
  ingest::TopicWatcher watcher(app.listening.runtime);
  ingest::JetStreamOptions js;
  js.url = nats;
  auto stream = ingest::JetStream::Connect(js);
  if (!stream.ok()) return Fail(stream.status());
  auto consumer = StartConsumer(**stream, app.ingest, app.listening.ingest, workers);
  std::cout << fmt::format("Dandelion worker consuming {} from {} (store: {})\n", js.stream, nats,
                           (**st).Backend());
  std::cout.flush();
  WaitForStop(signals);
  return 0;
}

int Serve(ServeFlags f, bool port_given) {
  // Block the stop signals before any thread starts (the webhook's, the
  // password and back-fill workers', the server's): threads inherit the
  // mask, and only the main thread, in sigwait, may take them, so that a
  // stop is orderly instead of the default action in whichever thread.
  const sigset_t signals = BlockStopSignals();
  if (!port_given) {
    if (const char* p = std::getenv("DANDELION_PORT"); p && *p) f.port = std::atoi(p);
  }
  if (f.port < 0 || f.port > 65535) return Fail(InvalidArgument("--port must be 0..65535"));
  auto proxies = http::TrustedProxies::Parse(f.trusted_proxies);
  if (!proxies.ok()) return Fail(proxies.status());
  auto st = Open(f.store);
  if (!st.ok()) return Fail(st.status());
  store::Store& store = **st;
  SystemClock clock;
  auto webhook_or = WebhookFromEnvironment();
  if (!webhook_or.ok()) return Fail(webhook_or.status());
  std::unique_ptr<service::WebhookNotifier> webhook = std::move(*webhook_or);
  // Outgoing mail (invitations) is written as files for an MTA or a person
  // to deliver: the links in it are secrets, kept out of logs and the store.
  service::DirectoryMailer mailer(f.mail_dir.empty() ? f.store.data_dir + "/outbox" : f.mail_dir,
                                  "Dandelion <dandelion@localhost>", clock);
  service::InvitationOptions invitations;
  invitations.public_url =
      f.public_url.empty() ? fmt::format("http://{}:{}", f.address, f.port) : f.public_url;
  http::ApiOptions api_options;
  // An https public address means the browser reaches us over TLS (often
  // through a proxy): cookies become Secure and __Host- prefixed, with HSTS.
  api_options.secure_cookies = f.secure_cookies || invitations.public_url.starts_with("https://");
  if (const char* t = std::getenv("DANDELION_METRICS_TOKEN"); t != nullptr && *t != '\0') {
    api_options.metrics_token = t;
  }
  // Behind a message stream, this node publishes what the API is sent and
  // takes its share of consuming it.
  std::unique_ptr<ingest::JetStream> stream;
  std::unique_ptr<ingest::StreamConsumer> consumer;  // started once the app is
  ingest::JetStreamOptions stream_options;
  stream_options.url = NatsUrl(f.nats);
  if (!stream_options.url.empty()) {
    auto connected = ingest::JetStream::Connect(stream_options);
    if (!connected.ok()) return Fail(connected.status());
    stream = std::move(*connected);
    // Not ready while the stream is away or the consumer cannot store.
    api_options.also_ready = [&stream, &consumer]() -> Status {
      if (!stream->connected()) return Unavailable("the message stream is not connected");
      if (consumer && !consumer->healthy()) {
        return Unavailable("the stream's consumer is failing: " + consumer->last_error());
      }
      return Status::Ok();
    };
    api_options.more_metrics.push_back(
        [&stream, &consumer] { return RenderStreamMetrics(*stream, consumer.get()); });
  }
  app::App app(store, clock, http::WebFiles(),
               app::AppOptions{.notifier = webhook.get(),
                               .api = api_options,
                               .mailer = &mailer,
                               .invitations = invitations,
                               .publisher = stream.get()});

  if (f.seed_demo) {
    auto seeded = service::SeedDemo(store, app.org);
    if (seeded.ok()) {
      std::cout << "Seeded the demo organisation.\n";
    } else if (seeded.status().code() != Code::kFailedPrecondition) {
      return Fail(seeded.status());
    }
  }
  auto hub = app.org.EnsureHub("Hub");
  if (!hub.ok()) return Fail(hub.status());

  // The demo's inbox and listening data go only into the demo organisation,
  // once: the inbox first, so that the stream's complaints become cases.
  if (f.seed_demo && DemoAdminExists(store)) {
    Status care = service::SeedDemoCare(store, app.care);
    if (!care.ok() && care.code() != Code::kFailedPrecondition) return Fail(care);
    auto seeded = service::SeedDemoListening(store, app.listening, clock);
    if (seeded.ok()) {
      std::cout << fmt::format("Seeded {} demo topics and {} demo mentions ({} alerts).\n",
                               service::DemoTopics().size(), seeded->accepted,
                               seeded->alerts.size());
      auto cases = service::WorkDemoCases(store, app.care, clock);
      if (!cases.ok()) return Fail(cases.status());
      std::cout << fmt::format("Seeded the demo inbox: {} cases.\n", *cases);
    } else if (seeded.status().code() != Code::kFailedPrecondition) {
      return Fail(seeded.status());
    }
  }
  if (auto loaded = app.listening.runtime.ReloadTopics(); !loaded.ok()) {
    return Fail(loaded.status());
  } else {
    for (const auto& e : *loaded) {
      LogWarn(fmt::format("topic {} left out: {}", e.topic_id, e.message));
    }
  }

  if (stream) {
    consumer = StartConsumer(*stream, app.ingest, app.listening.ingest, f.stream_workers);
    std::cout << fmt::format("Consuming the stream {} from {}.\n", stream_options.stream,
                             stream_options.url);
  }

  // Back-fills a stop cut short go on from where they were.
  if (Status resumed = app.listening.backfills.ResumePending(); !resumed.ok()) {
    return Fail(resumed);
  }

  // Topic changes made through this node take effect at once as a set of
  // their own; the watcher notices those made through other nodes, and
  // folds changes back into one set a while after the last.
  ingest::TopicWatcher watcher(app.listening.runtime);
  http::Api& api = app.api;

  http::ServerOptions so;
  so.address = f.address;
  so.port = static_cast<uint16_t>(f.port);
  so.threads = f.threads;
  so.trusted_proxies = *proxies;
  so.hard_body_limit = api.MaxBodyBytes();
  auto server = http::StartServer(api, so);
  if (!server.ok()) return Fail(server.status());
  std::cout << fmt::format("Dandelion is serving on http://{}:{}/ (store: {})\n", f.address,
                           (*server)->port(), store.Backend());
  if (f.seed_demo && DemoAdminExists(store)) PrintDemoLogins(service::DemoLogins());
  std::cout.flush();
  WaitForStop(signals);
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
  auto* port_opt = serve_cmd->add_option(
      "--port", serve.port, "TCP port (env DANDELION_PORT; default 8080; 0 = any free port)");
  serve_cmd->add_option("--address", serve.address, "address to listen on (default 127.0.0.1)");
  serve_cmd->add_option("--threads", serve.threads, "request handler threads (default 16)")
      ->check(CLI::Range(1, 256));
  serve_cmd->add_flag(
      "--seed-demo", serve.seed_demo,
      "seed the demo organisation when the store has no users, and print its logins");
  serve_cmd->add_option("--mail-dir", serve.mail_dir,
                        "folder where outgoing e-mail (invitations) is written as .eml files for "
                        "delivery (default: <data>/outbox)");
  serve_cmd->add_option("--public-url", serve.public_url,
                        "the address users reach the server at, for links in e-mails (default: "
                        "http://<address>:<port>)");
  serve_cmd->add_flag(
      "--secure-cookies", serve.secure_cookies,
      "serve as behind HTTPS (the default when --public-url is https://...): a Secure, "
      "__Host- prefixed session cookie and Strict-Transport-Security");
  serve_cmd->add_option("--trusted-proxy", serve.trusted_proxies,
                        "a reverse proxy (an IP address or a network such as 10.0.0.0/8; may be "
                        "given more than once) whose X-Forwarded-For names the client, so that "
                        "per-address limits count people rather than the proxy");

  serve_cmd->add_option("--nats", serve.nats,
                        "also consume the message stream (NATS JetStream) at this address, "
                        "sharing it with the other nodes (env DANDELION_NATS)");
  serve_cmd->add_option("--stream-workers", serve.stream_workers,
                        "threads processing the stream's posts (default 2)")
      ->check(CLI::Range(1, 64));

  StoreConfig worker_cfg;
  std::string worker_nats;
  int worker_threads = 2;
  auto* worker_cmd = app.add_subcommand(
      "worker",
      "Consume the message stream (NATS JetStream, subjects dandelion.ingest.>) into the store, "
      "without serving HTTP; run as many as needed, they share the stream");
  AddStoreOptions(worker_cmd, worker_cfg);
  worker_cmd->add_option("--nats", worker_nats, "the stream's address (env DANDELION_NATS)");
  worker_cmd->add_option("--workers", worker_threads, "processing threads (default 2)")
      ->check(CLI::Range(1, 64));

  std::vector<std::string> publish_files;
  std::string publish_nats;
  auto* publish_cmd = app.add_subcommand(
      "publish-stream",
      "Publish NDJSON files (gzip accepted; - is standard input) into the message stream, one "
      "post per message, for the workers to store (load tests, replays)");
  publish_cmd->add_option("files", publish_files, "NDJSON files, or -")->required();
  publish_cmd->add_option("--nats", publish_nats, "the stream's address (env DANDELION_NATS)");

  StoreConfig migrate_cfg;
  auto* migrate_cmd = app.add_subcommand("migrate", "Apply pending database migrations and exit");
  AddStoreOptions(migrate_cmd, migrate_cfg);

  StoreConfig demo_cfg;
  auto* demo_cmd = app.add_subcommand(
      "demo",
      "Seed the demo organisation (hub, spokes, a region, a dozen users) into an empty store");
  AddStoreOptions(demo_cmd, demo_cfg);

  StoreConfig audit_cfg;
  auto* audit_cmd = app.add_subcommand("audit", "Work with the audit log");
  audit_cmd->require_subcommand(1);
  auto* verify_cmd = audit_cmd->add_subcommand("verify",
                                               "Recompute the audit log's hash chain; exit 1 and "
                                               "name the first bad entry if it was tampered with");
  AddStoreOptions(verify_cmd, audit_cfg);

  StoreConfig check_cfg;
  bool check_json = false;
  auto* check_cmd = app.add_subcommand(
      "check",
      "Check that the store is sound: the database's own integrity checks (SQLite), every "
      "rollup against a recount of its matches, the audit log's hash chain; exit 1 and list "
      "the problems otherwise");
  AddStoreOptions(check_cmd, check_cfg);
  check_cmd->add_flag("--json", check_json, "print the result as one JSON object");

  StoreConfig backup_cfg;
  std::string backup_path;
  auto* backup_cmd = app.add_subcommand(
      "backup",
      "Copy the SQLite store, one consistent snapshot, into a new file while the server runs "
      "(for PostgreSQL use pg_dump)");
  AddStoreOptions(backup_cmd, backup_cfg);
  backup_cmd->add_option("path", backup_path, "the new backup file")->required();

  StoreConfig restore_cfg;
  std::string restore_path;
  auto* restore_cmd = app.add_subcommand(
      "restore",
      "Make a backup the store of a data folder that has none: migrated to this version and "
      "checked first, so that a bad backup is refused");
  AddStoreOptions(restore_cmd, restore_cfg);
  restore_cmd->add_option("backup", restore_path, "the backup file")->required();

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
  user_add
      ->add_option("--role", new_user.role,
                   "admin, manager, publisher, agent, reviewer, advocate or analyst")
      ->default_val("admin");

  auto* text_cmd = app.add_subcommand("text", "Text intelligence");
  text_cmd->require_subcommand(1);
  auto* analyze_cmd = text_cmd->add_subcommand(
      "analyze",
      "Read NDJSON lines {\"id\":…, \"text\":…, \"network\":…} on standard input and write one "
      "JSON result per line (entities, length, language, sentiment, intent, PII) with the same "
      "fields as POST /api/v1/text/analyze, in input order; exit 1 if any line was rejected");
  int analyze_threads = 0;
  analyze_cmd->add_option("--threads", analyze_threads, "threads analysing (default: one per core)")
      ->check(CLI::Range(1, 256));

  StoreConfig ingest_cfg;
  IngestOptions ingest;
  std::string ingest_format;
  auto* ingest_cmd = app.add_subcommand(
      "ingest",
      "Store posts from NDJSON files (gzip accepted; - is standard input) in Twitter API v2, "
      "Mastodon, Bluesky Jetstream or native shape: enriched, matched against every topic, "
      "stored once per network and id. Rejected lines go to a dead-letter file; a progress bar "
      "is drawn on a terminal.");
  AddStoreOptions(ingest_cmd, ingest_cfg);
  ingest_cmd->add_option("files", ingest.files, "NDJSON files, or - for standard input")
      ->required();
  ingest_cmd->add_option("--format", ingest_format,
                         "twitter_v2, mastodon, bluesky_jetstream or native (default: guessed "
                         "per line)");
  ingest_cmd->add_option("--dead-letter", ingest.dead_letter,
                         "where rejected lines are written, as JSON with file, line and reason "
                         "(default <data>/rejected.ndjson; only created when a line is rejected)");
  ingest_cmd->add_option("--threads", ingest.threads, "worker threads (default: one per core)")
      ->check(CLI::Range(1, 256));
  ingest_cmd->add_option("--batch-lines", ingest.batch_lines,
                         "lines per batch, and so per transaction (default 8000; fewer commit "
                         "more often, at some cost per post)")
      ->check(CLI::Range(1, 1000000));
  ingest_cmd->add_flag("!--no-progress", ingest.progress, "do not draw the progress bar");

  auto* topic_cmd = app.add_subcommand("topic", "Listening topics");
  topic_cmd->require_subcommand(1);
  TopicTestOptions topic_test;
  auto* topic_test_cmd = topic_cmd->add_subcommand(
      "test", "Print the posts of an NDJSON file that a query matches, matched terms in [[…]]");
  topic_test_cmd->add_option("query", topic_test.query, "the query")->required();
  topic_test_cmd->add_option("file", topic_test.file, "NDJSON posts (gzip accepted; - is stdin)")
      ->required();
  topic_test_cmd->add_flag("--ids", topic_test.ids_only,
                           "print only the matching posts' external ids, one per line");
  StoreConfig import_cfg;
  std::string import_file;
  auto* topic_import_cmd = topic_cmd->add_subcommand(
      "import",
      "Create topics from NDJSON lines {\"unit\": slug, \"name\": …, \"query\": …} (an "
      "existing topic of that name is updated) and back-fill them; invalid lines are reported");
  AddStoreOptions(topic_import_cmd, import_cfg);
  topic_import_cmd->add_option("file", import_file, "NDJSON topics")->required();

  CLI11_PARSE(app, argc, argv);

  if (topic_test_cmd->parsed()) {
    topic_test.color = isatty(1) != 0;
    return RunTopicTest(topic_test, std::cout, std::cerr);
  }

  if (ingest_cmd->parsed() || topic_import_cmd->parsed()) {
    if (!ingest_format.empty()) {
      ingest.format = engine::ParseFormat(ingest_format);
      if (!ingest.format) {
        return Fail(
            InvalidArgument("unknown --format '" + ingest_format +
                            "'; expected twitter_v2, mastodon, bluesky_jetstream or native"));
      }
    }
    auto st = Open(ingest_cmd->parsed() ? ingest_cfg : import_cfg);
    if (!st.ok()) return Fail(st.status());
    SystemClock clock;
    auto webhook_or = WebhookFromEnvironment();
    if (!webhook_or.ok()) return Fail(webhook_or.status());
    std::unique_ptr<service::WebhookNotifier> webhook = std::move(*webhook_or);
    engine::TopicRegistry topics;
    service::ListeningServices listening(**st, clock, topics, webhook.get());
    // Whichever way posts come in, the inbox files them: the same router as serve's.
    service::CareServices care(**st, clock, topics, listening.ingest,
                               {.sweep_every = std::chrono::milliseconds(0)});
    if (topic_import_cmd->parsed()) {
      service::OrgService org(**st, clock);
      if (auto hub = org.EnsureHub("Hub"); !hub.ok()) return Fail(hub.status());
      return RunTopicImport(import_file, listening, std::cout, std::cerr);
    }
    if (ingest.dead_letter.empty()) ingest.dead_letter = ingest_cfg.data_dir + "/rejected.ndjson";
    auto report = RunIngest(ingest, listening, std::cout);
    if (!report.ok()) return Fail(report.status());
    return 0;
  }

  if (analyze_cmd->parsed()) {
    std::ios::sync_with_stdio(false);
    TextAnalyzeSummary s = RunTextAnalyze(std::cin, std::cout, analyze_threads);
    std::cerr << fmt::format("analyzed {} posts, rejected {}\n", s.analyzed, s.rejected);
    return s.rejected == 0 ? 0 : 1;
  }

  if (serve_cmd->parsed()) return Serve(serve, port_opt->count() > 0);
  if (worker_cmd->parsed()) return Worker(worker_cfg, worker_nats, worker_threads);
  if (publish_cmd->parsed()) {
    ingest::JetStreamOptions js;
    js.url = NatsUrl(publish_nats);
    if (js.url.empty()) {
      return Fail(InvalidArgument("give the stream's address: --nats nats://host:4222"));
    }
    auto published = RunPublishStream(publish_files, js, std::cout);
    return published.ok() ? 0 : Fail(published.status());
  }

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
    engine::TopicRegistry topics;
    service::ListeningServices listening(**st, clock, topics);
    service::CareServices care(**st, clock, topics, listening.ingest,
                               {.sweep_every = std::chrono::milliseconds(0)});
    if (Status s = service::SeedDemoCare(**st, care); !s.ok()) return Fail(s);
    auto stream = service::SeedDemoListening(**st, listening, clock);
    if (!stream.ok()) return Fail(stream.status());
    auto cases = service::WorkDemoCases(**st, care, clock);
    if (!cases.ok()) return Fail(cases.status());
    std::cout << fmt::format("Seeded {} demo topics and {} demo mentions ({} alerts), and {} cases.\n",
                             service::DemoTopics().size(), stream->accepted, stream->alerts.size(),
                             *cases);
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

  if (check_cmd->parsed()) {
    auto st = Open(check_cfg);
    if (!st.ok()) return Fail(st.status());
    SystemClock clock;
    return RunCheck(**st, clock, check_json, std::cout, std::cerr);
  }

  if (backup_cmd->parsed()) {
    auto st = Open(backup_cfg);
    if (!st.ok()) return Fail(st.status());
    Status done = RunBackup(**st, backup_path, std::cout);
    return done.ok() ? 0 : Fail(done);
  }

  if (restore_cmd->parsed()) {
    ApplyEnvironment(restore_cfg);
    SystemClock clock;
    Status done = RunRestore(restore_path, restore_cfg, clock, std::cout);
    return done.ok() ? 0 : Fail(done);
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
