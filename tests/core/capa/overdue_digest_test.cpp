#include "core/capa/overdue_digest.hpp"

#include <gtest/gtest.h>

#include "core/capa/capa_fixture.hpp"

namespace hqms {
namespace {

using namespace std::chrono;
using test::day;

const Date kToday = day(2027, 3, 10);

OverdueAction item(Id capa, Id action, std::optional<Id> owner, Id department, int days_late) {
  return OverdueAction{.capa_id = capa,
                       .capa_reference = "CAPA-2027-" + std::to_string(1000 + capa),
                       .capa_title = "CAPA " + std::to_string(capa),
                       .action_id = action,
                       .description = "Action " + std::to_string(action),
                       .due_on = kToday - days{days_late},
                       .owner_id = owner,
                       .department_id = department};
}

std::vector<Id> users(const std::vector<OverdueDigest>& digests) {
  std::vector<Id> out;
  for (const auto& d : digests) out.push_back(d.user_id);
  return out;
}

std::vector<Id> actions(const std::vector<OverdueAction>& items) {
  std::vector<Id> out;
  for (const auto& a : items) out.push_back(a.action_id);
  return out;
}

TEST(DigestOverdue, DaysOverdueCountsFromTheDueDate) {
  EXPECT_EQ(days_overdue(item(1, 1, 7, 100, 1), kToday), 1);
  EXPECT_EQ(days_overdue(item(1, 1, 7, 100, 45), kToday), 45);
  EXPECT_EQ(days_overdue(item(1, 1, 7, 100, 0), kToday), 0);
  EXPECT_EQ(days_overdue(item(1, 1, 7, 100, -3), kToday), 0);
}

TEST(DigestOverdue, NothingOverdueGivesNoDigests) {
  EXPECT_TRUE(overdue_digests({}, {{100, {50}}}, kToday).empty());
}

TEST(DigestOverdue, OwnersSeeTheirOwnAndManagersTheirDepartments) {
  const std::vector<OverdueAction> overdue{item(1, 11, 7, 100, 3), item(2, 21, 8, 200, 5)};
  const std::map<Id, std::vector<Id>> managers{{100, {50}}, {200, {60}}, {101, {70}}};
  const auto digests = overdue_digests(overdue, managers, kToday);
  // Users in ascending id; the manager of a department with nothing overdue hears nothing.
  ASSERT_EQ(users(digests), (std::vector<Id>{7, 8, 50, 60}));
  EXPECT_EQ(actions(digests[0].own), std::vector<Id>{11});
  EXPECT_TRUE(digests[0].team.empty());
  EXPECT_EQ(actions(digests[1].own), std::vector<Id>{21});
  EXPECT_TRUE(digests[2].own.empty());
  EXPECT_EQ(actions(digests[2].team), std::vector<Id>{11});
  EXPECT_EQ(actions(digests[3].team), std::vector<Id>{21});
  for (const auto& d : digests) EXPECT_EQ(d.day, kToday);
}

TEST(DigestOverdue, AnOwnerWhoManagesTheDepartmentSeesTheActionOnceAsOwn) {
  const std::vector<OverdueAction> overdue{item(1, 11, 50, 100, 3), item(1, 12, 7, 100, 4)};
  const std::map<Id, std::vector<Id>> managers{{100, {50, 51, 50}}};
  const auto digests = overdue_digests(overdue, managers, kToday);
  ASSERT_EQ(users(digests), (std::vector<Id>{7, 50, 51}));
  const auto& manager = digests[1];
  EXPECT_EQ(actions(manager.own), std::vector<Id>{11});
  EXPECT_EQ(actions(manager.team), std::vector<Id>{12});  // listed twice as a manager, told once
  EXPECT_EQ(manager.title, "2 overdue actions (1 yours)");
  EXPECT_EQ(actions(digests[2].team), (std::vector<Id>{12, 11}));
  EXPECT_TRUE(digests[2].own.empty());
}

TEST(DigestOverdue, AnActionWithoutAnOwnerStillReachesTheManagers) {
  const std::vector<OverdueAction> overdue{item(1, 11, std::nullopt, 100, 3)};
  const auto digests = overdue_digests(overdue, {{100, {50}}}, kToday);
  ASSERT_EQ(users(digests), std::vector<Id>{50});
  EXPECT_EQ(actions(digests[0].team), std::vector<Id>{11});
  EXPECT_TRUE(overdue_digests(overdue, {}, kToday).empty());
}

TEST(DigestOverdue, MostOverdueFirstThenByReference) {
  const std::vector<OverdueAction> overdue{item(3, 31, 7, 100, 2),  item(1, 11, 7, 100, 30),
                                           item(2, 21, 7, 100, 2),  item(2, 0, 7, 100, 9),
                                           item(4, 41, 8, 100, 60), item(5, 51, 8, 100, 1)};
  const auto digests = overdue_digests(overdue, {{100, {50}}}, kToday);
  ASSERT_EQ(users(digests), (std::vector<Id>{7, 8, 50}));
  EXPECT_EQ(actions(digests[0].own), (std::vector<Id>{11, 0, 21, 31}));
  EXPECT_EQ(actions(digests[1].own), (std::vector<Id>{41, 51}));
  EXPECT_EQ(actions(digests[2].team), (std::vector<Id>{41, 11, 0, 21, 31, 51}));
}

TEST(DigestOverdue, ItemsNotYetOverdueAreLeftOut) {
  const std::vector<OverdueAction> overdue{item(1, 11, 7, 100, 0), item(1, 12, 8, 100, -1)};
  EXPECT_TRUE(overdue_digests(overdue, {{100, {50}}}, kToday).empty());
}

TEST(DigestOverdue, TitlesCountAllAndYoursWithSingularForms) {
  const std::vector<OverdueAction> overdue{item(1, 11, 7, 100, 3), item(1, 12, 8, 100, 4),
                                           item(1, 13, 8, 100, 5), item(2, 21, 9, 200, 1)};
  const auto digests = overdue_digests(overdue, {{100, {7}}, {200, {9}}}, kToday);
  ASSERT_EQ(users(digests), (std::vector<Id>{7, 8, 9}));
  EXPECT_EQ(digests[0].title, "3 overdue actions (1 yours)");
  EXPECT_EQ(digests[1].title, "2 overdue actions (2 yours)");
  EXPECT_EQ(digests[2].title, "1 overdue action (1 yours)");
  const auto team_only =
      overdue_digests(std::vector<OverdueAction>{item(1, 11, 7, 100, 3)}, {{100, {50}}}, kToday);
  EXPECT_EQ(team_only[1].title, "1 overdue action (0 yours)");
}

TEST(DigestOverdue, BodyListsEachItemWithItsDaysOverdue) {
  auto check = item(2, 0, 7, 100, 1);
  check.description.clear();
  const std::vector<OverdueAction> overdue{item(1, 11, 7, 100, 12), check, item(3, 31, 8, 100, 2)};
  const auto digests = overdue_digests(overdue, {{100, {7}}}, kToday);
  ASSERT_EQ(users(digests), (std::vector<Id>{7, 8}));
  EXPECT_EQ(digests[0].body,
            "Yours:\n"
            "- CAPA-2027-1001 CAPA 1: Action 11 (due 2027-02-26, 12 days overdue)\n"
            "- CAPA-2027-1002 CAPA 2: Effectiveness check (due 2027-03-09, 1 day overdue)\n"
            "\n"
            "In departments you manage:\n"
            "- CAPA-2027-1003 CAPA 3: Action 31 (due 2027-03-08, 2 days overdue)\n");
  EXPECT_EQ(digests[1].body, "Yours:\n- CAPA-2027-1003 CAPA 3: Action 31 (due 2027-03-08, 2 days overdue)\n");
}

}  // namespace
}  // namespace hqms
