#include <gtest/gtest.h>

#include <thread>

#include "store/audit/chain_verification.hpp"
#include "store/database.hpp"
#include "support/test_database.hpp"

namespace hqms::test {
namespace {

const Timestamp kNow = *parse_iso("2026-11-26T08:00:00Z");

struct Fixture {
  TestDatabase database;
  std::unique_ptr<store::Database> db = *store::open_database(database.location(), database.options());
  Id org = *store::in_write_transaction(
      *db, [](store::UnitOfWork& uow) { return uow.org().create_organisation("Test Hospital", kNow); });
};

AuditEvent event(const std::string& summary) {
  AuditEvent e;
  e.actor_username = "test";
  e.action = "create";
  e.entity_type = "thing";
  e.entity_id = "1";
  e.summary = summary;
  return e;
}

TEST(UnitOfWork, DroppedWithoutCommitRollsBack) {
  Fixture f;
  {
    auto uow = f.db->begin(store::TxMode::write);
    ASSERT_TRUE(uow);
    ASSERT_TRUE((*uow)->org().create_site(f.org, "A", "Site A"));
    ASSERT_TRUE((*uow)->audit().append(event("site"), kNow));
  }
  auto uow = f.db->begin(store::TxMode::read);
  EXPECT_TRUE((*uow)->org().load()->sites.empty());
  store::AuditQuery q;
  q.visible.everything = true;
  EXPECT_EQ((*uow)->audit().list(q)->total, 0);
}

TEST(UnitOfWork, AnErrorInsideTheWorkRollsBackEverything) {
  Fixture f;
  auto r = store::in_write_transaction(*f.db, [&](store::UnitOfWork& uow) -> Result<void> {
    if (auto s = uow.org().create_site(f.org, "A", "Site A"); !s) return s.error();
    auto dup = uow.org().create_site(f.org, "A", "Site A again");
    if (!dup) return dup.error();
    return {};
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::conflict);
  auto uow = f.db->begin(store::TxMode::read);
  EXPECT_TRUE((*uow)->org().load()->sites.empty());
}

TEST(UnitOfWork, ConcurrentWritersKeepTheChainWhole) {
  Fixture f;
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        auto r = store::in_write_transaction(*f.db, [&](store::UnitOfWork& uow) -> Result<void> {
          auto e = uow.audit().append(event("writer " + std::to_string(t)), kNow);
          if (!e) return e.error();
          return {};
        });
        ASSERT_TRUE(r) << r.error().message;
      }
    });
  for (auto& w : writers) w.join();
  auto verdict = store::verify_audit_chain(*f.db);
  ASSERT_TRUE(verdict);
  EXPECT_TRUE(verdict->ok) << verdict->reason;
  EXPECT_EQ(verdict->checked, 100);
}

TEST(UnitOfWork, ReadersWorkWhileAWriterIsOpen) {
  Fixture f;
  auto writer = f.db->begin(store::TxMode::write);
  ASSERT_TRUE(writer);
  ASSERT_TRUE((*writer)->org().create_site(f.org, "A", "Site A"));
  std::thread reader([&] {
    auto uow = f.db->begin(store::TxMode::read);
    ASSERT_TRUE(uow);
    EXPECT_TRUE((*uow)->org().load()->sites.empty()) << "uncommitted writes are invisible";
  });
  reader.join();
  ASSERT_TRUE((*writer)->commit());
}

}  // namespace
}  // namespace hqms::test
