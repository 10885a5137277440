#include "core/users/user.hpp"

#include <gtest/gtest.h>

#include "core/org_fixture.hpp"

namespace hqms {
namespace {

TEST(UserRules, Username) {
  EXPECT_TRUE(check_username("nurse.ed").empty());
  EXPECT_TRUE(check_username("a_b-c.9").empty());
  EXPECT_EQ(check_username("ab").front().field, "username");
  EXPECT_FALSE(check_username("Nurse").empty());
  EXPECT_FALSE(check_username("nurse ed").empty());
  EXPECT_FALSE(check_username(std::string(65, 'a')).empty());
}

TEST(UserRules, Profile) {
  EXPECT_TRUE(check_profile("Ana Silva", "ana@example.org").empty());
  EXPECT_TRUE(check_profile("Ana Silva", "").empty());
  auto errors = check_profile("", "ana.example.org");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "displayName");
  EXPECT_EQ(errors[1].field, "email");
}

TEST(UserRules, PlacementMustExistAndGrantsMustBeDistinct) {
  const auto org = test::two_site_hospital();
  const Grants ok{{Role::staff_reporter, {ScopeType::department, 100}}};
  EXPECT_TRUE(check_placement(org, 100, ok).empty());
  auto errors = check_placement(org, 999,
                                {{Role::staff_reporter, {ScopeType::site, 99}},
                                 {Role::auditor, {ScopeType::site, 10}},
                                 {Role::auditor, {ScopeType::site, 10}}});
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "homeDepartmentId");
  EXPECT_EQ(errors[1].field, "grants[0].scope");
  EXPECT_EQ(errors[2].field, "grants[2]");
}

TEST(UserRules, AccountScopeIsTheHomeDepartment) {
  const auto org = test::two_site_hospital();
  User u;
  u.home_department_id = 200;
  EXPECT_EQ(user_scope(org, u), (ScopeRef{ScopeType::department, 200}));
  u.home_department_id.reset();
  EXPECT_EQ(user_scope(org, u), (ScopeRef{ScopeType::organisation, 1}));
}

}  // namespace
}  // namespace hqms
