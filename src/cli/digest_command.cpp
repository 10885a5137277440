// `hqms digest`: sends the overdue-actions digest now, for today or a given day, as the server does once a
// day on its own (a cron job may call it where the server is not kept running).
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "http/capa/capa_json.hpp"
#include "http/capa/overdue_digest_job.hpp"

namespace hqms::cli {
namespace {

int digest(const std::string& db_path, const std::string& day_text) {
  std::optional<Date> day;
  if (!day_text.empty()) {
    auto parsed = parse_date_or_instant(day_text);
    if (!parsed || day_text.size() != 10) {
      std::cerr << "--day " << day_text << ": must be a date, YYYY-MM-DD\n";
      return 2;
    }
    day = utc_day(*parsed);
  }
  if (!store::is_postgres_location(db_path) && !std::filesystem::exists(db_path)) {
    std::cerr << "no such database: " << db_path << "\n";
    return 2;
  }
  auto db = store::open_database(db_path, store::single_connection());
  if (!db) {
    std::cerr << "cannot open " << store::describe_location(db_path) << ": " << db.error().message << "\n";
    return 1;
  }
  SystemClock clock;
  auto run = http::run_overdue_digest(**db, clock.now(), day);
  if (!run) {
    std::cerr << "the digest failed: " << run.error().message << "\n";
    return 1;
  }
  std::cout << "Overdue-actions digest for " << http::date_text(run->day) << ": " << run->users
            << (run->users == 1 ? " person, " : " people, ") << run->items << " overdue items.\n";
  return 0;
}

}  // namespace

void add_digest_command(CLI::App& app, ExitCode& exit) {
  auto db = std::make_shared<std::string>("hqms.db");
  auto day = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "digest", "Send the overdue-actions digest now (the server sends it once a day on its own)");
  cmd->add_option("--db", *db, "SQLite database file or PostgreSQL URI")->capture_default_str();
  cmd->add_option("--day", *day, "The day to send it for, YYYY-MM-DD (default: today, UTC)");
  cmd->callback([db, day, &exit] { exit.value = digest(*db, *day); });
}

}  // namespace hqms::cli
