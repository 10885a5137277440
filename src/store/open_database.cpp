#include <filesystem>
#include <fstream>

#include "store/database.hpp"
#include "store/identifiers/key_file.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace hqms::store {

bool is_postgres_location(const std::string& location) {
  return location.starts_with("postgres://") || location.starts_with("postgresql://") ||
         location.find("dbname=") != std::string::npos || location.find("host=") != std::string::npos;
}

std::string describe_location(const std::string& location) {
  return is_postgres_location(location) ? postgres::redact(location) : location;
}

namespace {

std::string sqlite_path(const std::string& location) {
  return location.starts_with("sqlite:") ? location.substr(7) : location;
}

Result<postgres::PgOptions> postgres_options(const std::string& location, const DatabaseOptions& options) {
  postgres::PgOptions pg{location, std::nullopt, options.statement_timeout_ms};
  if (!options.password_file.empty()) {
    std::ifstream in(options.password_file);
    std::string password;
    if (!in || !std::getline(in, password))
      return Error::of(ErrorKind::unavailable,
                       "cannot read the database password file " + options.password_file);
    pg.password = password;
  }
  return pg;
}

}  // namespace

Result<std::unique_ptr<Database>> open_database(const std::string& location, const DatabaseOptions& options) {
  if (!is_postgres_location(location)) {
    // Without keys given, the key file beside the database is used when there is one; the commands that
    // store identifiers name it (cli/key_file_option.hpp), which also makes it on first use.
    auto with_keys = options;
    if (!options.identifiers && options.key_file.empty())
      if (auto beside = *key_file_for(location, ""); std::filesystem::exists(beside))
        with_keys.key_file = beside;
    return sqlite::open_sqlite(sqlite_path(location), with_keys);
  }
  auto pg = postgres_options(location, options);
  if (!pg) return pg.error();
  return postgres::open_postgres(*pg, options);
}

Result<std::unique_ptr<sql::Connection>> connect(const std::string& location,
                                                 const DatabaseOptions& options) {
  if (!is_postgres_location(location)) {
    auto conn = sqlite::SqliteConnection::open(sqlite_path(location));
    if (!conn) return conn.error();
    return std::unique_ptr<sql::Connection>(std::move(*conn));
  }
  auto pg = postgres_options(location, options);
  if (!pg) return pg.error();
  auto conn = postgres::PgConnection::open(*pg);
  if (!conn) return conn.error();
  return std::unique_ptr<sql::Connection>(std::move(*conn));
}

}  // namespace hqms::store
