#include "cli/key_file_option.hpp"

#include <iostream>

#include "store/identifiers/key_file.hpp"

namespace hqms::cli {

void add_key_file_option(CLI::App* command, std::string& key_file) {
  command->add_option("--key-file", key_file,
                      "File of the keys that encrypt patient identifiers, mode 0600, outside the web root "
                      "(default for SQLite: <db>.keys, made on first use; required for PostgreSQL)");
}

bool use_key_file(const std::string& db, const std::string& given, store::DatabaseOptions& options) {
  auto file = store::key_file_for(db, given);
  if (!file) {
    std::cerr << file.error().message << "\n";
    return false;
  }
  options.key_file = *file;
  return true;
}

}  // namespace hqms::cli
