#pragma once
// A fresh, empty database for one test, on the backend the suite runs against: a temporary SQLite file, or a
// new database in the throwaway PostgreSQL cluster that `make test` starts (scripts/with-postgres.sh). It is
// removed when the test ends.
#include <memory>
#include <string>

#include "store/sql/connection.hpp"
#include "support/temp_dir.hpp"

namespace hqms::test {

enum class Backend { sqlite, postgres };

// What a new test database holds: nothing (for the tests of migrating itself), or every migration applied.
// On PostgreSQL a migrated database is a copy of a template migrated once per run, which saves each test the
// second or two its migrations take; on SQLite they take milliseconds and the first open applies them.
enum class Schema { empty, migrated };

// HQMS_TEST_BACKEND=postgres selects PostgreSQL; CTest registers every store, HTTP and CLI test for both.
Backend test_backend();

class TestDatabase {
 public:
  explicit TestDatabase(Schema schema = Schema::migrated);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // What `--db` and store::open_database take.
  const std::string& location() const { return location_; }
  // The patient-identifier key file that goes with it (what `--key-file` takes), and options that carry it:
  // open the database with these (SQLite would find the file beside it anyway; PostgreSQL needs it given).
  const std::string& key_file() const { return key_file_; }
  store::DatabaseOptions options(store::DatabaseOptions base = {}) const;
  Backend backend() const { return backend_; }
  // A direct connection, bypassing the repositories: for tests that play an attacker with database access.
  std::unique_ptr<store::sql::Connection> raw() const;
  // PostgreSQL only: the database dropped and made again as a copy of `template_database` in the same
  // cluster.
  void recreate_from_template(const std::string& template_database);
  // The cluster's address from HQMS_TEST_PG_BASE (ending in '/'), or "" on SQLite.
  std::string postgres_base() const;
  // SQL that removes one of the audit trail's guard triggers (or those of another table).
  std::string drop_trigger(const std::string& name, const std::string& table = "audit_log") const;

 private:
  Backend backend_;
  TempDir dir_;
  std::string location_;
  std::string key_file_;
  std::string pg_database_;
};

}  // namespace hqms::test
