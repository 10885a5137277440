#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/postgres/pg_connection.hpp"
#include "store/sql/sql_database.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "support/test_database.hpp"

namespace hqms::test {
namespace {

const std::vector<store::Migration>& backend_migrations() {
  return test_backend() == Backend::postgres ? store::postgres::migrations() : store::sqlite::migrations();
}

int latest() {
  return backend_migrations().back().version;
}

std::int64_t scalar(store::sql::Connection& conn, const std::string& sql) {
  auto st = conn.prepare(sql);
  EXPECT_TRUE(st) << st.error().message;
  auto row = st->step();
  EXPECT_TRUE(row && *row);
  return st->int64(0);
}

TEST(Migrations, BothBackendsHaveTheSameDenseVersions) {
  const auto& sqlite = store::sqlite::migrations();
  const auto& postgres = store::postgres::migrations();
  ASSERT_GE(sqlite.size(), 3u);
  ASSERT_EQ(sqlite.size(), postgres.size());
  for (std::size_t i = 0; i < sqlite.size(); ++i) {
    EXPECT_EQ(sqlite[i].version, static_cast<int>(i) + 1);
    EXPECT_EQ(postgres[i].version, sqlite[i].version);
    EXPECT_EQ(postgres[i].name, sqlite[i].name);
  }
}

TEST(Migrations, UpgradesADatabaseCreatedByMigrationOne) {
  TestDatabase db(Schema::empty);
  {
    auto first_only = store::single_connection();
    first_only.migrate_to = 1;
    auto old = store::open_database(db.location(), first_only);
    ASSERT_TRUE(old) << old.error().message;
    EXPECT_EQ(*(*old)->schema_version(), 1);
    auto conn = db.raw();
    ASSERT_TRUE(
        conn->exec("INSERT INTO organisation(id, name, created_at) VALUES (1, 'Old Hospital', 'x');"
                   "INSERT INTO site(id, organisation_id, code, name) VALUES (1, 1, 'A', 'Site A');"
                   "INSERT INTO department(id, site_id, code, name) VALUES (1, 1, 'ED', 'Emergency');"
                   "INSERT INTO app_user(username, display_name, password_hash, home_department_id, "
                   "created_at) VALUES ('old.user', 'Old User', 'h', 1, '2020-01-01T00:00:00.000Z')"));
    EXPECT_FALSE(conn->exec("SELECT 1 FROM audit_log")) << "migration 1 alone has no audit trail yet";
  }
  auto upgraded = store::open_database(db.location());
  ASSERT_TRUE(upgraded) << upgraded.error().message;
  EXPECT_EQ(*(*upgraded)->schema_version(), latest());
  auto uow = (*upgraded)->begin(store::TxMode::read);
  auto creds = (*uow)->users().find_credentials("old.user");
  ASSERT_TRUE(creds && *creds);
  EXPECT_EQ((*creds)->user.display_name, "Old User");
  EXPECT_EQ((*uow)->org().load()->sites.at(0).departments.at(0).name, "Emergency");
}

TEST(Migrations, ReopeningAppliesNothingTwice) {
  TestDatabase db(Schema::empty);
  ASSERT_TRUE(store::open_database(db.location()));
  ASSERT_TRUE(store::open_database(db.location()));
  auto conn = db.raw();
  EXPECT_EQ(scalar(*conn, "SELECT COUNT(*) FROM schema_migrations"), latest());
  EXPECT_EQ(scalar(*conn, "SELECT MAX(version) FROM schema_migrations"), latest());
}

TEST(Migrations, ServersStartingTogetherMigrateOnce) {
  TestDatabase db(Schema::empty);
  std::vector<std::thread> servers;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i)
    servers.emplace_back([&] {
      if (!store::open_database(db.location(), store::single_connection())) ++failures;
    });
  for (auto& s : servers) s.join();
  EXPECT_EQ(failures, 0);
  auto conn = db.raw();
  EXPECT_EQ(scalar(*conn, "SELECT COUNT(*) FROM schema_migrations"), latest());
}

TEST(Migrations, SqliteIsDurable) {
  if (test_backend() != Backend::sqlite) GTEST_SKIP() << "SQLite settings";
  TestDatabase db;
  ASSERT_TRUE(store::open_database(db.location()));
  auto conn = db.raw();
  for (auto [pragma, expected] :
       {std::pair{"PRAGMA journal_mode", "wal"}, std::pair{"PRAGMA foreign_keys", "1"},
        std::pair{"PRAGMA synchronous", "2"}}) {
    auto st = conn->prepare(pragma);
    ASSERT_TRUE(st && *st->step());
    EXPECT_EQ(st->text(0), expected) << pragma;
  }
}

TEST(Migrations, PostgresHasAStatementTimeout) {
  if (test_backend() != Backend::postgres) GTEST_SKIP() << "PostgreSQL settings";
  TestDatabase db;
  store::DatabaseOptions options;
  options.statement_timeout_ms = 250;
  auto conn = store::connect(db.location(), options);
  ASSERT_TRUE(conn) << conn.error().message;
  auto slow = (*conn)->exec("SELECT pg_sleep(2)");
  ASSERT_FALSE(slow);
  EXPECT_EQ(slow.error().kind, ErrorKind::unavailable) << slow.error().message;
}

TEST(Migrations, PostgresPoolSurvivesALostConnection) {
  if (test_backend() != Backend::postgres) GTEST_SKIP() << "PostgreSQL connections";
  TestDatabase db;
  auto opened = store::open_database(db.location(), store::single_connection());
  ASSERT_TRUE(opened);
  // Another session ends the pooled one, as a server restart or failover would.
  ASSERT_TRUE(db.raw()->exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
      "pg_backend_pid()"));
  auto uow = (*opened)->begin(store::TxMode::read);
  ASSERT_TRUE(uow) << uow.error().message;
  EXPECT_TRUE((*uow)->users().count()) << "the connection was re-established and statements prepared again";
}

TEST(Locations, PasswordsNeverShowInDescriptions) {
  EXPECT_EQ(store::describe_location("postgresql://hqms:s3cret@db.example/hqms"),
            "postgresql://hqms:***@db.example/hqms");
  EXPECT_EQ(store::describe_location("host=db password=s3cret dbname=hqms"),
            "host=db password=*** dbname=hqms");
  EXPECT_EQ(store::describe_location("postgresql://hqms@db/hqms"), "postgresql://hqms@db/hqms");
  EXPECT_EQ(store::describe_location("demo.db"), "demo.db");
  EXPECT_TRUE(store::is_postgres_location("postgres://x/y"));
  EXPECT_FALSE(store::is_postgres_location("sqlite:postgres.db"));
  EXPECT_EQ(store::postgres::number_placeholders("a = ?1 AND b = '?2' AND c = ?12"),
            "a = $1 AND b = '?2' AND c = $12");
}

}  // namespace
}  // namespace hqms::test
