#include "support/test_database.hpp"

#include <cstdlib>
#include <stdexcept>

#include "core/common/crypto.hpp"
#include "store/sql/connection.hpp"

namespace hqms::test {
namespace {

std::string postgres_base() {
  const char* base = std::getenv("HQMS_TEST_PG_BASE");
  if (!base || !*base)
    throw std::runtime_error(
        "HQMS_TEST_BACKEND=postgres needs HQMS_TEST_PG_BASE (e.g. postgresql://postgres@127.0.0.1:5432/): "
        "run the "
        "tests through `make test`, which starts a throwaway cluster with scripts/with-postgres.sh");
  return base;
}

std::unique_ptr<store::sql::Connection> open_connection(const std::string& location) {
  auto conn = store::connect(location);
  if (!conn) throw std::runtime_error(conn.error().message);
  return std::move(*conn);
}

}  // namespace

Backend test_backend() {
  const char* backend = std::getenv("HQMS_TEST_BACKEND");
  return backend && std::string(backend) == "postgres" ? Backend::postgres : Backend::sqlite;
}

TestDatabase::TestDatabase() : backend_(test_backend()) {
  key_file_ = dir_.file("hqms.db.keys");
  if (backend_ == Backend::sqlite) {
    location_ = dir_.file("hqms.db");
    return;
  }
  std::string suffix = sha256_hex(random_token(16)).substr(0, 16);
  pg_database_ = "hqms_test_" + suffix;
  if (auto r = open_connection(postgres_base() + "postgres")->exec("CREATE DATABASE " + pg_database_); !r)
    throw std::runtime_error(r.error().message);
  location_ = postgres_base() + pg_database_;
}

TestDatabase::~TestDatabase() {
  if (pg_database_.empty()) return;
  try {
    (void)open_connection(postgres_base() + "postgres")
        ->exec("DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The throwaway cluster is removed after the run anyway.
  }
}

store::DatabaseOptions TestDatabase::options(store::DatabaseOptions base) const {
  base.key_file = key_file_;
  return base;
}

std::unique_ptr<store::sql::Connection> TestDatabase::raw() const {
  return open_connection(location_);
}

std::string TestDatabase::drop_trigger(const std::string& name, const std::string& table) const {
  return backend_ == Backend::sqlite ? "DROP TRIGGER " + name : "DROP TRIGGER " + name + " ON " + table;
}

}  // namespace hqms::test
