// hqms rotate-key: a new patient-identifier key, everything sealed again under it, the old key retired.
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/key_file_option.hpp"
#include "store/identifiers/identifier_keys.hpp"

namespace hqms::cli {
namespace {

int rotate_key(const std::string& db_path, const std::string& given_key_file, int batch) {
  if (!store::is_postgres_location(db_path) && !std::filesystem::exists(db_path)) {
    std::cerr << "no such database: " << db_path << "\n";
    return 2;
  }
  auto options = store::single_connection();
  if (!use_key_file(db_path, given_key_file, options)) return 2;
  // Opening checks that the key file belongs to this database (and seals anything still in clear).
  auto db = store::open_database(db_path, options);
  if (!db) {
    std::cerr << "cannot open " << store::describe_location(db_path) << ": " << db.error().message << "\n";
    return 1;
  }
  auto rotation = store::rotate_identifier_key(**db, options.key_file, SystemClock().now(), batch);
  if (!rotation) {
    std::cerr << "the key rotation stopped: " << rotation.error().message
              << "\nNothing is lost: run hqms rotate-key again to finish it.\n";
    return 1;
  }
  const auto& r = *rotation;
  std::cout << (r.resumed ? "Finished the interrupted rotation: " : "Rotated the key: ")
            << r.resealed.incidents << " reports and " << r.resealed.drafts
            << " drafts sealed again under key " << r.new_key_id;
  for (const auto& id : r.retired_key_ids) std::cout << "; retired key " << id;
  std::cout << ".\nBack up " << options.key_file
            << " now: the database from here on opens only with this key, and backups taken before the "
               "rotation only with the file as it was.\n";
  return 0;
}

}  // namespace

void add_rotate_key_command(CLI::App& app, ExitCode& exit) {
  auto db = std::make_shared<std::string>("hqms.db");
  auto key_file = std::make_shared<std::string>();
  auto batch = std::make_shared<int>(500);
  auto* cmd = app.add_subcommand(
      "rotate-key",
      "Encrypt every patient identifier again under a new key, then retire the old one (stop the server "
      "first; safe to run again after an interruption)");
  cmd->add_option("--db", *db, "SQLite database file or PostgreSQL URI")->capture_default_str();
  add_key_file_option(cmd, *key_file);
  cmd->add_option("--batch", *batch, "Records sealed again per transaction")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->callback([db, key_file, batch, &exit] { exit.value = rotate_key(*db, *key_file, *batch); });
}

}  // namespace hqms::cli
