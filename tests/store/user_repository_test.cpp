#include <gtest/gtest.h>

#include "store/database.hpp"
#include "support/test_database.hpp"

namespace hqms::test {
namespace {

const Timestamp kNow = *parse_iso("2026-11-26T08:00:00Z");

struct Hospital {
  TestDatabase database;
  std::unique_ptr<store::Database> db = *store::open_database(database.location());
  Id ed = 0, ward = 0;

  Hospital() {
    auto r = store::in_write_transaction(*db, [&](store::UnitOfWork& uow) -> Result<void> {
      auto org = uow.org().create_organisation("H", kNow);
      auto main = uow.org().create_site(*org, "MAIN", "Main");
      auto north = uow.org().create_site(*org, "NORTH", "North");
      ed = uow.org().create_department(main->id, "ED", "Emergency")->id;
      ward = uow.org().create_department(north->id, "WARD", "Ward")->id;
      for (auto [name, dept, role] :
           {std::tuple{"ana", ed, Role::staff_reporter}, std::tuple{"ben", ed, Role::department_manager},
            std::tuple{"cara", ward, Role::staff_reporter}}) {
        NewUser u{name, std::string(name) + " Example",         std::string(name) + "@example.org", "",
                  dept, {{role, {ScopeType::department, dept}}}};
        if (auto id = uow.users().create(u, "hash-" + std::string(name), kNow); !id) return id.error();
      }
      return {};
    });
    EXPECT_TRUE(r) << r.error().message;
  }
};

TEST(UserRepository, UsernamesAreUnique) {
  Hospital h;
  auto r = store::in_write_transaction(*h.db, [&](store::UnitOfWork& uow) {
    return uow.users().create(NewUser{"ana", "Another Ana", "", "", std::nullopt, {}}, "h", kNow);
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::conflict);
}

TEST(UserRepository, ListsFilterSortAndRespectScope) {
  Hospital h;
  auto uow = h.db->begin(store::TxMode::read);
  store::UserQuery q;
  q.visible.everything = true;
  q.page.sort_field = "username";
  q.page.descending = true;
  auto all = (*uow)->users().list(q);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->total, 3);
  EXPECT_EQ(all->items.front().username, "cara");
  EXPECT_EQ(all->items.front().grants.size(), 1u);

  q.visible = ScopeFilter{false, {}, {h.ed}};
  EXPECT_EQ((*uow)->users().list(q)->total, 2);
  q.role = Role::department_manager;
  EXPECT_EQ((*uow)->users().list(q)->items.at(0).username, "ben");
  q.role.reset();
  q.text = "ANA";
  EXPECT_EQ((*uow)->users().list(q)->total, 1) << "search ignores case";
  q.text = "%";
  EXPECT_EQ((*uow)->users().list(q)->total, 0) << "LIKE wildcards are literal";
  q = store::UserQuery{};
  EXPECT_EQ((*uow)->users().list(q)->total, 0) << "an empty scope sees no one";
}

TEST(UserRepository, CredentialsAndGrantsRoundTrip) {
  Hospital h;
  auto r = store::in_write_transaction(*h.db, [&](store::UnitOfWork& uow) -> Result<void> {
    auto cred = uow.users().find_credentials("cara");
    if (!cred) return cred.error();
    EXPECT_EQ((*cred)->password_hash, "hash-cara");
    return uow.users().replace_grants(
        (*cred)->user.id,
        {{Role::auditor, {ScopeType::site, 1}}, {Role::staff_reporter, {ScopeType::department, h.ward}}});
  });
  ASSERT_TRUE(r);
  auto uow = h.db->begin(store::TxMode::read);
  auto cara = (*uow)->users().find_credentials("cara");
  ASSERT_EQ((*cara)->user.grants.size(), 2u);
  EXPECT_EQ((*cara)->user.grants[0].role, Role::auditor);
  EXPECT_FALSE(*(*uow)->users().find_credentials("nobody"));
  EXPECT_EQ((*uow)->users().get(999).error().kind, ErrorKind::not_found);
}

TEST(SessionRepository, CreateFindTouchAndSweep) {
  Hospital h;
  Session s{"token-hash", 1, "csrf", kNow, kNow};
  ASSERT_TRUE(
      store::in_write_transaction(*h.db, [&](store::UnitOfWork& uow) { return uow.sessions().create(s); }));
  ASSERT_TRUE(store::in_write_transaction(*h.db, [&](store::UnitOfWork& uow) {
    return uow.sessions().touch("token-hash", kNow + std::chrono::minutes(5));
  }));
  {
    auto uow = h.db->begin(store::TxMode::read);
    auto found = (*uow)->sessions().find("token-hash");
    ASSERT_TRUE(found && *found);
    EXPECT_EQ((*found)->last_seen_at, kNow + std::chrono::minutes(5));
  }
  auto removed = store::in_write_transaction(*h.db, [&](store::UnitOfWork& uow) {
    return uow.sessions().remove_idle_since(kNow + std::chrono::minutes(6));
  });
  EXPECT_EQ(*removed, 1);
}

TEST(ThrottleRepository, StoresAndClearsState) {
  Hospital h;
  ThrottleState state{3, kNow, kNow + std::chrono::minutes(15)};
  ASSERT_TRUE(store::in_write_transaction(
      *h.db, [&](store::UnitOfWork& uow) { return uow.throttle().put("user:ana", state); }));
  {
    auto uow = h.db->begin(store::TxMode::read);
    auto got = (*uow)->throttle().get("user:ana");
    EXPECT_EQ(got->failures, 3);
    EXPECT_EQ(got->locked_until, state.locked_until);
    EXPECT_EQ((*uow)->users().find_credentials("ana")->value().user.locked_until, state.locked_until);
  }
  ASSERT_TRUE(store::in_write_transaction(
      *h.db, [&](store::UnitOfWork& uow) { return uow.throttle().clear("user:ana"); }));
  auto uow = h.db->begin(store::TxMode::read);
  EXPECT_EQ((*uow)->throttle().get("user:ana")->failures, 0);
}

TEST(ThrottleRepository, ForgetsKeysThatHaveBeenQuiet) {
  Hospital h;
  ASSERT_TRUE(store::in_write_transaction(*h.db, [&](store::UnitOfWork& uow) -> Result<void> {
    if (auto r = uow.throttle().put("pair:10.0.0.1 ana", {2, kNow, std::nullopt}); !r) return r;
    return uow.throttle().put("pair:10.0.0.2 ana", {2, kNow + std::chrono::hours(30), std::nullopt});
  }));
  auto removed = store::in_write_transaction(*h.db, [&](store::UnitOfWork& uow) {
    return uow.throttle().remove_quiet_since(kNow + std::chrono::hours(1));
  });
  ASSERT_TRUE(removed);
  EXPECT_EQ(*removed, 1);
  auto uow = h.db->begin(store::TxMode::read);
  EXPECT_EQ((*uow)->throttle().get("pair:10.0.0.1 ana")->failures, 0);
  EXPECT_EQ((*uow)->throttle().get("pair:10.0.0.2 ana")->failures, 2);
}

}  // namespace
}  // namespace hqms::test
