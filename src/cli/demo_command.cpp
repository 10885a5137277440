#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/demo/demo_hospital.hpp"
#include "cli/demo/demo_incidents.hpp"
#include "cli/demo/demo_indicators.hpp"
#include "cli/demo/demo_quality.hpp"
#include "cli/key_file_option.hpp"

namespace hqms::cli {
namespace {

int demo(const std::string& db_path, const std::string& key_file, bool force) {
  auto options = store::single_connection();
  if (!use_key_file(db_path, key_file, options)) return 2;
  if (!store::is_postgres_location(db_path) && std::filesystem::exists(db_path)) {
    if (!force) {
      std::cerr << db_path << " exists already; pass --force to replace it with a fresh demo.\n";
      return 1;
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_path + suffix);
  }
  auto db = store::open_database(db_path, options);
  if (!db) {
    std::cerr << "cannot create " << store::describe_location(db_path) << ": " << db.error().message << "\n";
    return 1;
  }
  SystemClock clock;
  auto accounts = create_demo_hospital(**db, clock);
  if (!accounts) {
    std::cerr << "demo failed: " << accounts.error().message << "\n";
    return 1;
  }
  auto events = create_demo_events(**db, clock);
  if (!events) {
    std::cerr << "demo events failed: " << events.error().message << "\n";
    return 1;
  }
  auto quality = create_demo_quality(**db, clock);
  if (!quality) {
    std::cerr << "demo CAPAs, risks and FMEA failed: " << quality.error().message << "\n";
    return 1;
  }
  auto indicators = create_demo_indicator_data(**db, clock);
  if (!indicators) {
    std::cerr << "demo indicator data failed: " << indicators.error().message << "\n";
    return 1;
  }
  std::cout << "Created the demo hospital in " << store::describe_location(db_path) << " with "
            << accounts->size() << " people, " << events->reports << " event reports over the last year ("
            << events->sentinel << " sentinel events) and " << events->investigations << " investigations.\n";
  std::cout << fmt::format(
      "It also holds {} CAPAs ({} overdue), {} risks ({} escalated, {} past their review date) "
      "and {} FMEA studies with {} failure modes.\n",
      quality->capas, quality->capas_overdue, quality->risks, quality->risks_escalated,
      quality->risks_review_overdue, quality->fmea_studies, quality->failure_modes);
  std::cout << fmt::format(
      "Its quality indicators have three years of monthly data: {} stays and ED visits, {} survey responses, "
      "{} hand hygiene observations, {} complaints and {} older event reports, with the special causes the "
      "user guide describes.\n\n",
      indicators->encounters, indicators->survey_responses, indicators->observations, indicators->complaints,
      indicators->older_reports);
  std::cout << fmt::format("  {:<14} {:<22} {:<24} {}\n", "username", "name", "role", "scope");
  for (const auto& a : *accounts)
    std::cout << fmt::format("  {:<14} {:<22} {:<24} {}\n", a.username, a.display_name, label(a.role),
                             a.scope_name);
  std::cout << "\nEvery demo account's password is: " << kDemoPassword << "\n";
  return 0;
}

}  // namespace

void add_demo_command(CLI::App& app, ExitCode& exit) {
  auto db = std::make_shared<std::string>("demo.db");
  auto force = std::make_shared<bool>(false);
  auto key_file = std::make_shared<std::string>();
  auto* cmd =
      app.add_subcommand("demo", "Create a demo hospital (two sites, twelve departments, forty people)");
  cmd->add_option("--db", *db, "SQLite file to create, or an empty PostgreSQL database (URI)")
      ->capture_default_str();
  cmd->add_flag("--force", *force, "Replace the SQLite file if it exists");
  add_key_file_option(cmd, *key_file);
  cmd->callback([db, key_file, force, &exit] { exit.value = demo(*db, *key_file, *force); });
}

}  // namespace hqms::cli
