#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "cli/audit_checkpoint_files.hpp"
#include "cli/bootstrap.hpp"
#include "cli/commands.hpp"
#include "cli/key_file_option.hpp"
#include "http/capa/capa_json.hpp"
#include "http/capa/overdue_digest_job.hpp"
#include "http/server/server.hpp"
#include "store/audit/held_release.hpp"

namespace hqms::cli {
namespace {

struct ServeOptions {
  std::string db = "hqms.db";
  std::string db_password_file;
  std::string key_file;
  int statement_timeout_ms = store::DatabaseOptions{}.statement_timeout_ms;
  std::string listen = "127.0.0.1:8080";
  std::string web_root;
  std::string access_log = "-";
  std::string organisation = "My Hospital";
  int threads = 0;
  int pool_size = 0;
  int idle_minutes = 15;
  std::size_t body_limit = http::ServerConfig{}.body_limit;
  bool secure_cookies = false;
  std::vector<std::string> trusted_proxies;
  int anonymous_reports_per_hour = http::ServerConfig{}.anonymous_limit.per_address_per_hour;
  std::string audit_key;
  std::string audit_checkpoints;
  CheckpointPolicy audit_checkpoint;
};

std::filesystem::path find_web_root(const std::string& configured) {
  if (!configured.empty()) return configured;
  // Running from a source checkout (make run) or an installed tree.
  for (const char* candidate : {"web/dist", "/usr/local/share/hqms/web", "/usr/share/hqms/web"})
    if (std::filesystem::exists(std::filesystem::path(candidate) / "index.html")) return candidate;
  return {};
}

// Whether `file` is `folder` or lies anywhere under it, links resolved.
bool inside(const std::filesystem::path& file, const std::filesystem::path& folder) {
  const auto f = std::filesystem::weakly_canonical(std::filesystem::absolute(file));
  auto d = std::filesystem::weakly_canonical(std::filesystem::absolute(folder));
  if (d.filename().empty()) d = d.parent_path();  // "web/dist/" names the same folder as "web/dist"
  return std::mismatch(d.begin(), d.end(), f.begin(), f.end()).first == d.end();
}

std::shared_ptr<spdlog::logger> access_logger(const std::string& target) {
  auto logger = target == "-" ? spdlog::stdout_logger_mt("access")
                              : spdlog::basic_logger_mt("access", target, /*truncate=*/false);
  logger->set_pattern("%v");
  logger->flush_on(spdlog::level::info);
  return logger;
}

// Sessions that idled out are deleted now and then, so the table does not grow without bound.
void schedule_session_sweep(boost::asio::steady_timer& timer, store::Database& db, const Clock& clock,
                            std::chrono::seconds idle, std::chrono::seconds throttle_memory) {
  timer.expires_after(std::chrono::minutes(5));
  timer.async_wait([&timer, &db, &clock, idle, throttle_memory](boost::system::error_code ec) {
    if (ec) return;
    auto removed = store::in_write_transaction(db, [&](store::UnitOfWork& uow) -> Result<void> {
      if (auto r = uow.sessions().remove_idle_since(clock.now() - idle); !r) return r.error();
      // Sign-in counts past the longest memory of any throttle would start afresh anyway.
      if (auto r = uow.throttle().remove_quiet_since(clock.now() - throttle_memory); !r) return r.error();
      return {};
    });
    if (!removed) spdlog::warn("session sweep failed: {}", removed.error().message);
    schedule_session_sweep(timer, db, clock, idle, throttle_memory);
  });
}

// The overdue-actions digest goes out once a day: checked every few minutes, so that a server started or
// running past midnight (UTC) sends the new day's digest soon after, and one that already ran today (this
// server, another one on the same database, or `hqms digest`) does not send it again.
void schedule_overdue_digest(boost::asio::steady_timer& timer, store::Database& db, const Clock& clock,
                             std::chrono::seconds wait) {
  timer.expires_after(wait);
  timer.async_wait([&timer, &db, &clock](boost::system::error_code ec) {
    if (ec) return;
    auto run = http::run_overdue_digest_if_due(db, clock.now());
    if (!run)
      spdlog::warn("overdue-actions digest failed: {}", run.error().message);
    else if (*run)
      spdlog::info("overdue-actions digest for {}: {} people, {} overdue items", http::date_text((*run)->day),
                   (*run)->users, (*run)->items);
    schedule_overdue_digest(timer, db, clock, std::chrono::minutes(10));
  });
}

// Audit entries held back for anonymous reports join the trail once their day is over: checked at start and
// every few minutes, so they join soon after midnight (UTC) whichever server runs it first.
void schedule_held_audit_release(boost::asio::steady_timer& timer, store::Database& db, const Clock& clock,
                                 std::chrono::seconds wait) {
  timer.expires_after(wait);
  timer.async_wait([&timer, &db, &clock](boost::system::error_code ec) {
    if (ec) return;
    auto released = store::release_held_audit_events(db, clock.now());
    if (!released)
      spdlog::warn("releasing held audit entries failed: {}", released.error().message);
    else if (*released > 0)
      spdlog::info("{} held audit entries of anonymous reports joined the trail", *released);
    schedule_held_audit_release(timer, db, clock, std::chrono::minutes(10));
  });
}

// The audit trail's head is checkpointed when due: looked at every second (one indexed read of the newest
// entry), signed after the writes have committed, never inside a request's transaction. After a failure (a
// full disk, a trail found altered) the next try waits a minute, so the log is not flooded.
void schedule_audit_checkpoints(boost::asio::steady_timer& timer, store::AuditCheckpointing& checkpoints,
                                const Clock& clock, std::chrono::seconds wait) {
  timer.expires_after(wait);
  timer.async_wait([&timer, &checkpoints, &clock](boost::system::error_code ec) {
    if (ec) return;
    auto taken = checkpoints.take_if_due(clock.now());
    if (!taken) spdlog::error("audit checkpoint failed: {}", taken.error().message);
    schedule_audit_checkpoints(timer, checkpoints, clock, std::chrono::seconds(taken ? 1 : 60));
  });
}

// Checkpoints are on whenever there is a key: by default beside a SQLite database; a PostgreSQL database has
// no file to put one beside, so it needs --audit-key, and without one the server runs unanchored, saying so.
Result<std::optional<store::AuditCheckpointing>> start_audit_checkpoints(
    const ServeOptions& o, store::Database& db, const std::filesystem::path& web_root) {
  const auto files = audit_checkpoint_files(o.db, o.audit_key, o.audit_checkpoints);
  if (!files) {
    spdlog::warn(
        "AUDIT CHECKPOINTS ARE OFF: a PostgreSQL database needs --audit-key FILE (and --audit-checkpoints "
        "FILE) for signed checkpoints of the audit trail. Without them, deleting the trail's last entries "
        "or rewriting it with recomputed hashes cannot be detected.");
    return std::optional<store::AuditCheckpointing>();
  }
  if (auto r = refuse_inside_web_root(*files, web_root); !r) return r.error();
  auto checkpoints = open_audit_checkpointing(db, *files, o.audit_checkpoint);
  if (!checkpoints) return checkpoints.error();
  spdlog::info("audit checkpoints signed with key {} ({}) every {} entries or {} minutes, appended to {}",
               checkpoints->public_key().id(), files->key.string(), o.audit_checkpoint.every_entries,
               o.audit_checkpoint.every.count(), files->checkpoints.string());
  return std::optional<store::AuditCheckpointing>(std::move(*checkpoints));
}

void log_checkpoint(const Result<std::optional<AuditCheckpoint>>& taken, const char* when) {
  if (!taken)
    spdlog::error("audit checkpoint {} failed: {}", when, taken.error().message);
  else if (*taken)
    spdlog::info("audit checkpoint {}: entry {} signed by key {}", when, (*taken)->seq, (*taken)->key_id);
}

int serve(const ServeOptions& o) {
  auto address = http::parse_listen_address(o.listen);
  if (!address) {
    spdlog::error("--listen {}: {}", o.listen, address.error().message);
    return 2;
  }
  const int threads = o.threads > 0 ? o.threads : std::max(2u, std::thread::hardware_concurrency());
  store::DatabaseOptions db_options;
  db_options.pool_size = o.pool_size > 0 ? o.pool_size : threads + 1;
  db_options.password_file = o.db_password_file;
  db_options.statement_timeout_ms = o.statement_timeout_ms;
  if (!use_key_file(o.db, o.key_file, db_options)) return 2;
  const auto web_root = find_web_root(o.web_root);
  if (!web_root.empty() && inside(db_options.key_file, web_root)) {
    spdlog::error("the key file {} lies inside the web root {}: move it out", db_options.key_file,
                  web_root.string());
    return 2;
  }
  auto db = store::open_database(o.db, db_options);
  if (!db) {
    spdlog::error("cannot open the database {}: {}", store::describe_location(o.db), db.error().message);
    return 1;
  }
  SystemClock clock;
  const char* env_password = std::getenv("HQMS_ADMIN_PASSWORD");
  auto boot = bootstrap(**db, o.organisation,
                        env_password ? std::optional<std::string>(env_password) : std::nullopt, clock);
  if (!boot) {
    spdlog::error("first-run set-up failed: {}", boot.error().message);
    return 1;
  }
  if (boot->generated_password)
    std::cerr << "\nFirst run: created administrator '" << boot->admin_username << "' with password\n\n    "
              << *boot->generated_password << "\n\nIt is shown this once. Sign in and change it.\n\n";

  http::ServerConfig config;
  config.body_limit = o.body_limit;
  config.session.idle_timeout = std::chrono::minutes(o.idle_minutes);
  config.secure_cookies = o.secure_cookies;
  auto proxies = http::TrustedProxies::parse(o.trusted_proxies);
  if (!proxies) {
    spdlog::error("--trusted-proxy: {}", proxies.error().fields.front().message);
    return 2;
  }
  config.trusted_proxies = std::move(*proxies);
  config.anonymous_limit.per_address_per_hour = o.anonymous_reports_per_hour;
  config.web_root = web_root;
  if (config.web_root.empty())
    spdlog::warn("no web front end found (build it with `make web`); serving the API only");

  auto checkpoints = start_audit_checkpoints(o, **db, config.web_root);
  if (!checkpoints) {
    spdlog::error("{}", checkpoints.error().message);
    return 1;
  }
  // What is already in the trail is anchored before the first request (the first checkpoint of a key also
  // re-checks the whole chain once).
  if (*checkpoints) {
    config.audit_key = (*checkpoints)->public_key();
    log_checkpoint((*checkpoints)->take_if_due(clock.now()), "at start");
  }

  auto log = access_logger(o.access_log);
  http::App app(**db, clock, config, [log](const std::string& line) { log->info(line); });
  if (!app.static_files().load_error().empty()) return 1;  // already said why
  if (!config.web_root.empty())
    spdlog::info("web front end: {} files, {} KB, loaded from {}", app.static_files().asset_count(),
                 app.static_files().total_bytes() / 1024, config.web_root.string());
  http::Server server(app, threads);
  if (auto r = server.listen(*address); !r) {
    spdlog::error("{}", r.error().message);
    return 1;
  }
  boost::asio::steady_timer sweep(server.io_context());
  schedule_session_sweep(sweep, **db, clock, config.session.idle_timeout,
                         std::max({config.pair_throttle.forget_after, config.account_throttle.forget_after,
                                   config.address_throttle.forget_after}));
  boost::asio::steady_timer digest(server.io_context());
  schedule_overdue_digest(digest, **db, clock, std::chrono::seconds(30));
  boost::asio::steady_timer held_audit(server.io_context());
  schedule_held_audit_release(held_audit, **db, clock, std::chrono::seconds(0));
  boost::asio::steady_timer checkpoint_timer(server.io_context());
  if (*checkpoints)
    schedule_audit_checkpoints(checkpoint_timer, **checkpoints, clock, std::chrono::seconds(1));
  boost::asio::signal_set signals(server.io_context(), SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code ec, int signal) {
    if (ec) return;
    spdlog::info("signal {} received: finishing requests in progress, then stopping", signal);
    sweep.cancel();
    digest.cancel();
    held_audit.cancel();
    checkpoint_timer.cancel();
    server.stop();
  });
  spdlog::info("HQMS serving http://{}:{} (database {}, {} threads)", address->host, server.port(),
               store::describe_location(o.db), threads);
  server.run();
  // Every request has finished: the last entries they wrote are anchored before the process goes.
  if (*checkpoints) log_checkpoint((*checkpoints)->take(clock.now()), "at shutdown");
  spdlog::info("stopped; database closed cleanly");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, ExitCode& exit) {
  auto options = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "Serve the web UI and the JSON API");
  cmd->add_option("--db", options->db, "SQLite database file (created and migrated if needed)")
      ->capture_default_str();
  add_key_file_option(cmd, options->key_file);
  cmd->add_option("--listen", options->listen, "Address to listen on, HOST:PORT")->capture_default_str();
  cmd->add_option("--web-root", options->web_root, "Folder of the built web front end (default: web/dist)");
  cmd->add_option("--access-log", options->access_log, "Access log file, or - for standard output")
      ->capture_default_str();
  cmd->add_option("--organisation", options->organisation, "Organisation name used on first run")
      ->capture_default_str();
  cmd->add_option("--threads", options->threads, "Worker threads (default: number of cores, at least 2)");
  cmd->add_option("--pool-size", options->pool_size,
                  "Database connections per server (default: threads + 1)");
  cmd->add_option("--idle-timeout", options->idle_minutes, "Minutes of inactivity before automatic sign-out")
      ->check(CLI::Range(1, 24 * 60))
      ->capture_default_str();
  cmd->add_option("--body-limit", options->body_limit, "Largest accepted request body in bytes")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{64} * 1024 * 1024))
      ->capture_default_str();
  cmd->add_flag("--secure-cookies", options->secure_cookies,
                "Mark cookies Secure and send HSTS (when HQMS is reached over HTTPS)");
  cmd->add_option(
      "--trusted-proxy", options->trusted_proxies,
      "Address or CIDR range of a reverse proxy whose X-Forwarded-For names the client (repeatable)");
  cmd->add_option("--anonymous-reports-per-hour", options->anonymous_reports_per_hour,
                  "Anonymous reports and follow-ups one address may send per hour")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--audit-key", options->audit_key,
                  "Audit checkpoint signing key, made (mode 0600) if missing; never inside the web root "
                  "(default: <db>.audit-key for SQLite; required for PostgreSQL, else checkpoints are off)");
  cmd->add_option("--audit-checkpoints", options->audit_checkpoints,
                  "Append-only checkpoint file, outside the web root (default: beside the key, "
                  "<db>.audit-checkpoints.jsonl)");
  cmd->add_option("--audit-checkpoint-every", options->audit_checkpoint.every_entries,
                  "Checkpoint the audit trail every this many entries...")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1'000'000}))
      ->capture_default_str();
  cmd->add_option_function<int>(
         "--audit-checkpoint-minutes",
         [options](int minutes) { options->audit_checkpoint.every = std::chrono::minutes(minutes); },
         "...or every this many minutes, whichever comes first (default 10)")
      ->check(CLI::Range(1, 24 * 60));
  cmd->callback([options, &exit] { exit.value = serve(*options); });
}

}  // namespace hqms::cli
