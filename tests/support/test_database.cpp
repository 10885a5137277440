#include "support/test_database.hpp"

#include <cstdlib>
#include <stdexcept>

#include "core/common/crypto.hpp"
#include "core/common/timestamp.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/sql/connection.hpp"
#include "store/sql/sql_database.hpp"

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

void must(const Result<void>& r) {
  if (!r) throw std::runtime_error(r.error().message);
}

// The name of a database in the cluster with every migration applied, made by the first test that asks and
// shared by the rest of the run as the template of theirs. An advisory lock makes the other test processes
// wait while the first migrates; the template is built under another name and renamed when complete, so a
// process that died half-way never leaves a half-migrated template. The name holds the newest migration, and
// the cluster is thrown away after the run.
std::string migrated_template() {
  const auto& all = store::postgres::migrations();
  const std::string name = "hqms_template_v" + std::to_string(all.back().version);
  auto admin = open_connection(postgres_base() + "postgres");
  must(admin->exec("SELECT pg_advisory_lock(4770120)"));
  auto exists = admin->prepare("SELECT COUNT(*) FROM pg_database WHERE datname = ?1");
  if (!exists) throw std::runtime_error(exists.error().message);
  exists->bind_all(name);
  if (auto row = exists->step(); !row || !*row) throw std::runtime_error("cannot look up the template");
  if (exists->int64(0) == 0) {
    const std::string building = name + "_building";
    must(admin->exec("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)"));
    must(admin->exec("CREATE DATABASE " + building));
    {
      auto conn = open_connection(postgres_base() + building);
      if (auto r = store::sql::migrate(*conn, all, std::nullopt, SystemClock().now()); !r)
        throw std::runtime_error(r.error().message);
    }
    must(admin->exec("ALTER DATABASE " + building + " RENAME TO " + name));
  }
  must(admin->exec("SELECT pg_advisory_unlock(4770120)"));
  return name;
}

}  // namespace

Backend test_backend() {
  const char* backend = std::getenv("HQMS_TEST_BACKEND");
  return backend && std::string(backend) == "postgres" ? Backend::postgres : Backend::sqlite;
}

TestDatabase::TestDatabase(Schema schema) : backend_(test_backend()) {
  key_file_ = dir_.file("hqms.db.keys");
  if (backend_ == Backend::sqlite) {
    location_ = dir_.file("hqms.db");
    return;
  }
  std::string suffix = sha256_hex(random_token(16)).substr(0, 16);
  pg_database_ = "hqms_test_" + suffix;
  const std::string from = schema == Schema::migrated ? " TEMPLATE " + migrated_template() : "";
  must(open_connection(postgres_base() + "postgres")->exec("CREATE DATABASE " + pg_database_ + from));
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

void TestDatabase::recreate_from_template(const std::string& template_database) {
  if (backend_ != Backend::postgres) throw std::logic_error("only a PostgreSQL database has templates");
  auto admin = open_connection(hqms::test::postgres_base() + "postgres");
  must(admin->exec("DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)"));
  must(admin->exec("CREATE DATABASE " + pg_database_ + " TEMPLATE " + template_database));
}

std::string TestDatabase::postgres_base() const {
  return backend_ == Backend::postgres ? hqms::test::postgres_base() : "";
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
