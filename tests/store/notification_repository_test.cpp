// In-app notifications: one digest per user and day (generating again replaces it), read marks that belong
// to their user, the record of daily runs, and who manages each department for escalation.
#include <gtest/gtest.h>

#include "register_hospital.hpp"

namespace hqms::test {
namespace {

store::Notification digest(Id user, const char* iso_day, const std::string& title) {
  store::Notification n;
  n.user_id = user;
  n.kind = "overdue_digest";
  n.day = day(iso_day);
  n.title = title;
  n.body = title + " body";
  n.payload = R"({"items":[]})";
  n.created_at = at((std::string(iso_day) + "T06:00:00Z").c_str());
  return n;
}

TEST(NotificationRepository, TheDaysDigestIsReplacedNotRepeated) {
  RegisterHospital h;
  auto put = [&](const store::Notification& n) {
    auto id = h.write([&](store::UnitOfWork& uow) { return uow.notifications().put(n); });
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : 0;
  };
  const Id first = put(digest(h.owner, "2026-05-10", "2 overdue actions"));
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) {
    return uow.notifications().mark_read(h.owner, first, at("2026-05-10T08:00:00Z"));
  }));
  const Id again = put(digest(h.owner, "2026-05-10", "3 overdue actions"));
  EXPECT_EQ(again, first);
  const Id next_day = put(digest(h.owner, "2026-05-11", "1 overdue action"));
  EXPECT_NE(next_day, first);
  put(digest(h.coordinator, "2026-05-11", "Someone else's"));

  auto mine = h.read()->notifications().for_user(h.owner, 20);
  ASSERT_TRUE(mine) << mine.error().message;
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].id, next_day) << "newest first";
  EXPECT_EQ((*mine)[1].title, "3 overdue actions");
  EXPECT_EQ((*mine)[1].body, "3 overdue actions body");
  EXPECT_EQ((*mine)[1].payload, R"({"items":[]})");
  EXPECT_EQ((*mine)[1].day, day("2026-05-10"));
  EXPECT_EQ((*mine)[1].kind, "overdue_digest");
  EXPECT_FALSE((*mine)[1].read_at) << "a replaced digest is new again";
  EXPECT_EQ(h.read()->notifications().for_user(h.owner, 1)->size(), 1u);
}

TEST(NotificationRepository, OnlyTheOwnerMarksANotificationRead) {
  RegisterHospital h;
  auto id = h.write([&](store::UnitOfWork& uow) {
    return uow.notifications().put(digest(h.owner, "2026-05-10", "2 overdue actions"));
  });
  ASSERT_TRUE(id);
  auto mark = [&](Id user, const char* when) {
    return h.write(
        [&](store::UnitOfWork& uow) { return uow.notifications().mark_read(user, *id, at(when)); });
  };
  auto refused = mark(h.coordinator, "2026-05-10T08:00:00Z");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::not_found);
  EXPECT_FALSE(h.read()->notifications().for_user(h.owner, 5)->at(0).read_at);
  ASSERT_TRUE(mark(h.owner, "2026-05-10T09:00:00Z"));
  ASSERT_TRUE(mark(h.owner, "2026-05-10T10:00:00Z"));
  EXPECT_EQ(h.read()->notifications().for_user(h.owner, 5)->at(0).read_at, at("2026-05-10T09:00:00Z"))
      << "read once is read: the first time stays";
}

TEST(NotificationRepository, ADayRanWhenRecordedOrWhenItsDigestsExist) {
  RegisterHospital h;
  auto ran = [&](const char* kind, const char* iso_day) {
    auto r = h.read()->notifications().ran_on(kind, day(iso_day));
    EXPECT_TRUE(r) << r.error().message;
    return r && *r;
  };
  EXPECT_FALSE(ran("overdue_digest", "2026-05-10"));
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) {
    return uow.notifications().record_run("overdue_digest", day("2026-05-10"), at("2026-05-10T06:00:00Z"));
  }));
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) {
    return uow.notifications().record_run("overdue_digest", day("2026-05-10"), at("2026-05-10T07:00:00Z"));
  })) << "recording the same run twice is harmless";
  EXPECT_TRUE(ran("overdue_digest", "2026-05-10"));
  EXPECT_FALSE(ran("overdue_digest", "2026-05-11"));
  EXPECT_FALSE(ran("other_job", "2026-05-10"));
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) {
    return uow.notifications().put(digest(h.owner, "2026-05-11", "1 overdue action"));
  }));
  EXPECT_TRUE(ran("overdue_digest", "2026-05-11"));
}

TEST(NotificationRepository, DepartmentManagersAreActiveHoldersOfADepartmentGrant) {
  RegisterHospital h;
  auto managers = h.read()->notifications().department_managers();
  ASSERT_TRUE(managers) << managers.error().message;
  const std::map<Id, std::vector<Id>> expected{{h.ed, {h.ed_manager}}, {h.ward, {h.ward_manager}}};
  EXPECT_EQ(*managers, expected) << "not the inactive one, not a site-wide grant, not other roles";
}

}  // namespace
}  // namespace hqms::test
