#include <gtest/gtest.h>

#include "store/audit/chain_verification.hpp"
#include "store/database.hpp"
#include "support/test_database.hpp"

namespace hqms::test {
namespace {

const Timestamp kNow = *parse_iso("2026-11-26T08:00:00Z");

void write_entries(store::Database& db, int n) {
  for (int i = 1; i <= n; ++i) {
    auto r = store::in_write_transaction(db, [&](store::UnitOfWork& uow) -> Result<void> {
      AuditEvent e{7,
                   "admin",
                   "update",
                   "user",
                   std::to_string(i),
                   "Changed user " + std::to_string(i),
                   {{"displayName", "Before"}},
                   {{"displayName", "After"}},
                   1,
                   2};
      auto appended = uow.audit().append(e, kNow + std::chrono::seconds(i));
      if (!appended) return appended.error();
      return {};
    });
    ASSERT_TRUE(r);
  }
}

ChainVerdict verify(store::Database& db) {
  auto verdict = store::verify_audit_chain(db);
  EXPECT_TRUE(verdict) << verdict.error().message;
  return verdict ? *verdict : ChainVerdict{false, 0, std::nullopt, "not read"};
}

TEST(AuditLog, TheSchemaRefusesUpdatesAndDeletes) {
  TestDatabase database;
  auto db = *store::open_database(database.location());
  write_entries(*db, 2);
  auto conn = database.raw();
  EXPECT_FALSE(conn->exec("UPDATE audit_log SET summary = 'x' WHERE seq = 1"));
  EXPECT_FALSE(conn->exec("DELETE FROM audit_log WHERE seq = 2"));
  EXPECT_TRUE(verify(*db).ok);
}

// Someone with the database file drops the guards and edits an entry. Whatever byte they change, in
// whichever column, verification names that entry.
TEST(AuditLog, ASingleChangedByteInAnyColumnIsDetected) {
  TestDatabase database;
  auto db = *store::open_database(database.location());
  write_entries(*db, 5);
  ASSERT_TRUE(verify(*db).ok);
  auto conn = database.raw();
  ASSERT_TRUE(conn->exec(database.drop_trigger("audit_log_no_update")));

  const std::vector<std::string> text_columns{
      "at",      "actor_username", "action",     "entity_type", "entity_id",
      "summary", "before_json",    "after_json", "prev_hash",   "hash"};
  for (const auto& column : text_columns) {
    SCOPED_TRACE(column);
    std::string original;
    {
      auto read = conn->prepare("SELECT " + column + " FROM audit_log WHERE seq = 3");
      ASSERT_TRUE(read && *read->step());
      original = read->text(0);
    }
    std::string changed = original;
    changed.back() = changed.back() == 'x' ? 'y' : 'x';
    ASSERT_TRUE(conn->execute("UPDATE audit_log SET " + column + " = ?1 WHERE seq = 3", changed));
    auto verdict = verify(*db);
    EXPECT_FALSE(verdict.ok);
    EXPECT_EQ(verdict.first_broken_seq, 3) << verdict.reason;
    ASSERT_TRUE(conn->execute("UPDATE audit_log SET " + column + " = ?1 WHERE seq = 3", original));
    ASSERT_TRUE(verify(*db).ok);
  }
  for (const std::string column : {"actor_id", "site_id", "department_id"}) {
    SCOPED_TRACE(column);
    ASSERT_TRUE(conn->exec("UPDATE audit_log SET " + column + " = " + column + " + 1 WHERE seq = 3"));
    EXPECT_EQ(verify(*db).first_broken_seq, 3);
    ASSERT_TRUE(conn->exec("UPDATE audit_log SET " + column + " = " + column + " - 1 WHERE seq = 3"));
  }
  ASSERT_TRUE(conn->exec("UPDATE audit_log SET actor_id = NULL WHERE seq = 3"));
  EXPECT_EQ(verify(*db).first_broken_seq, 3);
}

TEST(AuditLog, ADeletedEntryIsDetected) {
  TestDatabase database;
  auto db = *store::open_database(database.location());
  write_entries(*db, 4);
  auto conn = database.raw();
  ASSERT_TRUE(conn->exec(database.drop_trigger("audit_log_no_delete")));
  ASSERT_TRUE(conn->exec("DELETE FROM audit_log WHERE seq = 2"));
  auto verdict = verify(*db);
  EXPECT_FALSE(verdict.ok);
  EXPECT_EQ(verdict.first_broken_seq, 2);
}

TEST(AuditLog, ListFiltersAndScopes) {
  TestDatabase database;
  auto db = *store::open_database(database.location());
  write_entries(*db, 6);
  auto uow = db->begin(store::TxMode::read);
  store::AuditQuery q;
  q.visible.site_ids = {1};
  q.page.limit = 2;
  q.page.sort_field = "seq";
  q.page.descending = true;
  auto page = (*uow)->audit().list(q);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 6);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].seq, 6);
  q.visible = ScopeFilter{false, {9}, {}};
  EXPECT_EQ((*uow)->audit().list(q)->total, 0);
  q.visible = ScopeFilter{false, {}, {2}};
  q.entity_id = "4";
  EXPECT_EQ((*uow)->audit().list(q)->total, 1);
}

TEST(AuditLog, FullTextSearchFindsWordsAndPrefixes) {
  TestDatabase database;
  auto db = *store::open_database(database.location());
  auto r = store::in_write_transaction(*db, [&](store::UnitOfWork& uow) -> Result<void> {
    for (const auto& [summary, actor] : {std::pair{"Reset the password of nurse.kim", "admin"},
                                         std::pair{"Changed roles of pharmacist", "admin.north"},
                                         std::pair{"Deactivated user radiographer", "admin"}}) {
      AuditEvent e;
      e.actor_username = actor;
      e.action = "update";
      e.entity_type = "user";
      e.entity_id = "9";
      e.summary = summary;
      if (auto logged = uow.audit().record(e, kNow); !logged) return logged;
    }
    return {};
  });
  ASSERT_TRUE(r);
  auto uow = db->begin(store::TxMode::read);
  auto find = [&](const std::string& words) {
    store::AuditQuery q;
    q.visible.everything = true;
    q.text = words;
    auto page = (*uow)->audit().list(q);
    EXPECT_TRUE(page) << page.error().message;
    return page ? page->total : -1;
  };
  EXPECT_EQ(find("password"), 1);
  EXPECT_EQ(find("PASSWORD nurse"), 1) << "every word must match, in any case";
  EXPECT_EQ(find("pharm"), 1) << "the last word matches as a prefix";
  EXPECT_EQ(find("radiographer deactivated"), 1);
  EXPECT_EQ(find("admin"), 3) << "the actor is searched too";
  EXPECT_EQ(find("physio"), 0);
  EXPECT_EQ(find("\"' OR 1=1 --"), 0) << "query syntax is neutralised";
  EXPECT_EQ(find("  "), 3) << "no words, no filter";
}

}  // namespace
}  // namespace hqms::test
