#include <iostream>

#include "cli/bootstrap.hpp"
#include "cli/commands.hpp"
#include "cli/key_file_option.hpp"
#include "store/sql/database_copy.hpp"

namespace hqms::cli {
namespace {

int init(const std::string& db_path, const std::string& organisation) {
  auto db = store::open_database(db_path);
  if (!db) {
    std::cerr << "cannot open " << store::describe_location(db_path) << ": " << db.error().message << "\n";
    return 1;
  }
  SystemClock clock;
  const char* env_password = std::getenv("HQMS_ADMIN_PASSWORD");
  auto boot = bootstrap(**db, organisation,
                        env_password ? std::optional<std::string>(env_password) : std::nullopt, clock);
  if (!boot) {
    std::cerr << boot.error().message << "\n";
    return 1;
  }
  if (!boot->created) {
    std::cout << db_path << " already has users; nothing to do.\n";
    return 0;
  }
  std::cout << "Created " << db_path << " with administrator '" << boot->admin_username << "'.\n";
  if (boot->generated_password)
    std::cout << "Password (shown this once): " << *boot->generated_password << "\n";
  return 0;
}

int migrate(const std::string& db_path) {
  auto db = store::open_database(db_path);
  if (!db) {
    std::cerr << "cannot migrate " << store::describe_location(db_path) << ": " << db.error().message << "\n";
    return 1;
  }
  auto version = (*db)->schema_version();
  if (!version) {
    std::cerr << version.error().message << "\n";
    return 1;
  }
  std::cout << store::describe_location(db_path) << " is at schema version " << *version << "\n";
  return 0;
}

int migrate_data(const std::string& from, const std::string& to, const std::string& given_key_file) {
  store::DatabaseOptions keys;
  if (!use_key_file(from, given_key_file, keys)) return 2;
  auto report = store::copy_database(from, to, keys.key_file);
  if (!report) {
    std::cerr << "copy from " << store::describe_location(from) << " to " << store::describe_location(to)
              << " failed: " << report.error().message << "\n";
    return 1;
  }
  std::cout << "Copied " << store::describe_location(from) << " to " << store::describe_location(to) << ":\n";
  for (const auto& t : report->tables) std::cout << "  " << t.table << ": " << t.rows << " rows\n";
  std::cout << "Row counts match; audit trail intact at the destination (" << report->audit_entries_verified
            << " entries verified).\n";
  std::cout << "Its patient identifiers are encrypted under the keys in " << keys.key_file
            << ": open it with --key-file " << keys.key_file << ".\n";
  return 0;
}

}  // namespace

void add_migrate_data_command(CLI::App& app, ExitCode& exit) {
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto* cmd =
      app.add_subcommand("migrate-data",
                         "Copy a whole database to a new one (SQLite <-> PostgreSQL), then verify row counts "
                         "and the audit chain");
  cmd->add_option("--from", *from, "Source: SQLite file or PostgreSQL URI")->required();
  cmd->add_option("--to", *to, "Destination, empty or new: SQLite file or PostgreSQL URI")->required();
  auto key_file = std::make_shared<std::string>();
  add_key_file_option(cmd, *key_file);
  cmd->callback([from, to, key_file, &exit] { exit.value = migrate_data(*from, *to, *key_file); });
}

void add_init_command(CLI::App& app, ExitCode& exit) {
  auto db = std::make_shared<std::string>("hqms.db");
  auto org = std::make_shared<std::string>("My Hospital");
  auto* cmd = app.add_subcommand(
      "init",
      "Create a database with its organisation and first administrator (password from HQMS_ADMIN_PASSWORD "
      "or generated and shown once)");
  cmd->add_option("--db", *db, "SQLite database file")->capture_default_str();
  cmd->add_option("--organisation", *org, "Organisation name")->capture_default_str();
  cmd->callback([db, org, &exit] { exit.value = init(*db, *org); });
}

void add_migrate_command(CLI::App& app, ExitCode& exit) {
  auto db = std::make_shared<std::string>("hqms.db");
  auto* cmd = app.add_subcommand("migrate", "Apply pending schema migrations and print the schema version");
  cmd->add_option("--db", *db, "SQLite database file")->capture_default_str();
  cmd->callback([db, &exit] { exit.value = migrate(*db); });
}

}  // namespace hqms::cli
