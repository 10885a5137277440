#include <gtest/gtest.h>

#include "store/sqlite/sqlite_database.hpp"
#include "support/temp_dir.hpp"

namespace hqms::test {
namespace {

using store::sqlite::Connection;

int latest() {
  return store::sqlite::migrations().back().version;
}

TEST(Migrations, VersionsAreDenseAndAscending) {
  const auto& all = store::sqlite::migrations();
  ASSERT_GE(all.size(), 3u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].version, static_cast<int>(i) + 1);
    EXPECT_FALSE(all[i].name.empty());
  }
}

TEST(Migrations, UpgradesADatabaseCreatedByMigrationOne) {
  TempDir dir;
  const auto path = dir.file("old.db");
  {
    auto db = store::open_database(path, {1, 1});
    ASSERT_TRUE(db) << db.error().message;
    EXPECT_EQ(*(*db)->schema_version(), 1);
    auto conn = Connection::open(path);
    ASSERT_TRUE(conn);
    ASSERT_TRUE(
        (*conn)->exec("INSERT INTO organisation(id, name, created_at) VALUES (1, 'Old Hospital', 'x');"
                      "INSERT INTO site(id, organisation_id, code, name) VALUES (1, 1, 'A', 'Site A');"
                      "INSERT INTO department(id, site_id, code, name) VALUES (1, 1, 'ED', 'Emergency');"
                      "INSERT INTO app_user(username, display_name, password_hash, home_department_id, "
                      "created_at) VALUES ('old.user', 'Old User', 'h', 1, '2020-01-01T00:00:00.000Z')"));
    auto audit_table = (*conn)->prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'audit_log'");
    ASSERT_TRUE(audit_table && audit_table->step().ok());
    EXPECT_EQ(audit_table->int64(0), 0) << "migration 1 alone has no audit trail yet";
  }
  auto db = store::open_database(path);
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_EQ(*(*db)->schema_version(), latest());
  auto uow = (*db)->begin(store::TxMode::read);
  auto creds = (*uow)->users().find_credentials("old.user");
  ASSERT_TRUE(creds && *creds);
  EXPECT_EQ((*creds)->user.display_name, "Old User");
  EXPECT_EQ((*uow)->org().load()->sites.at(0).departments.at(0).name, "Emergency");
}

TEST(Migrations, ReopeningAppliesNothingTwice) {
  TempDir dir;
  const auto path = dir.file("twice.db");
  ASSERT_TRUE(store::open_database(path));
  ASSERT_TRUE(store::open_database(path));
  auto conn = Connection::open(path);
  auto st = (*conn)->prepare("SELECT COUNT(*), MAX(version) FROM schema_migrations");
  ASSERT_TRUE(st && st->step().ok());
  EXPECT_EQ(st->int64(0), latest());
  EXPECT_EQ(st->int64(1), latest());
}

TEST(Migrations, SqlitePragmasForDurability) {
  TempDir dir;
  const auto path = dir.file("pragmas.db");
  ASSERT_TRUE(store::open_database(path));
  auto conn = Connection::open(path);
  for (auto [pragma, expected] :
       {std::pair{"PRAGMA journal_mode", "wal"}, std::pair{"PRAGMA foreign_keys", "1"},
        std::pair{"PRAGMA synchronous", "2"}}) {
    auto st = (*conn)->prepare(pragma);
    ASSERT_TRUE(st && st->step().ok());
    EXPECT_EQ(st->text(0), expected) << pragma;
  }
}

}  // namespace
}  // namespace hqms::test
