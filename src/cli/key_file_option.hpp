#pragma once
// --key-file, the same on every command that opens a database and reads or writes patient identifiers.
#include <CLI/CLI.hpp>
#include <string>

#include "store/database.hpp"

namespace hqms::cli {

void add_key_file_option(CLI::App* command, std::string& key_file);

// Puts the key file for `db` into `options`: the one given, or for SQLite "<db>.keys" beside it. False, after
// saying why on stderr, for a PostgreSQL database without one.
bool use_key_file(const std::string& db, const std::string& given, store::DatabaseOptions& options);

}  // namespace hqms::cli
