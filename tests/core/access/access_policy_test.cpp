#include "core/access/access_policy.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/org_fixture.hpp"

namespace hqms {
namespace {

const ScopeRef kOrg{ScopeType::organisation, 1}, kMain{ScopeType::site, 10}, kNorth{ScopeType::site, 20};
const ScopeRef kEd{ScopeType::department, 100}, kIcu{ScopeType::department, 101},
    kWard{ScopeType::department, 200};

TEST(AccessPolicy, PermissionReachesOnlyTheGrantScope) {
  const auto org = test::two_site_hospital();
  const Grants grants{{Role::administrator, kMain}};
  AccessPolicy policy(org, grants);
  EXPECT_TRUE(policy.allows(Permission::users_manage, kMain));
  EXPECT_TRUE(policy.allows(Permission::users_manage, kEd));
  EXPECT_FALSE(policy.allows(Permission::users_manage, kWard));
  EXPECT_FALSE(policy.allows(Permission::users_manage, kOrg));
  EXPECT_TRUE(policy.allows_somewhere(Permission::users_manage));
  EXPECT_FALSE(policy.allows_organisation_wide(Permission::audit_read));
}

TEST(AccessPolicy, RoleWithoutThePermissionIsRefusedEverywhere) {
  const auto org = test::two_site_hospital();
  const Grants grants{{Role::quality_manager, kOrg}, {Role::staff_reporter, kEd}};
  AccessPolicy policy(org, grants);
  EXPECT_FALSE(policy.allows(Permission::users_read, kEd));
  EXPECT_FALSE(policy.allows_somewhere(Permission::audit_read));
  EXPECT_TRUE(policy.allows(Permission::org_read, kWard));
  EXPECT_TRUE(policy.scope_filter(Permission::users_read).nothing());
}

TEST(AccessPolicy, ScopeFilterMergesGrantsAndDropsCoveredDepartments) {
  const auto org = test::two_site_hospital();
  const Grants grants{{Role::auditor, kMain}, {Role::auditor, kIcu}, {Role::auditor, kWard}};
  auto filter = AccessPolicy(org, grants).scope_filter(Permission::audit_read);
  EXPECT_FALSE(filter.everything);
  EXPECT_EQ(filter.site_ids, std::vector<Id>{10});
  EXPECT_EQ(filter.department_ids, std::vector<Id>{200});
  EXPECT_TRUE(filter.covers(10, 101));
  EXPECT_TRUE(filter.covers(20, 200));
  EXPECT_FALSE(filter.covers(20, std::nullopt));
  EXPECT_FALSE(filter.covers(std::nullopt, std::nullopt));
}

TEST(AccessPolicy, OrganisationGrantSeesEverything) {
  const auto org = test::two_site_hospital();
  const Grants grants{{Role::administrator, kOrg}, {Role::administrator, kEd}};
  auto filter = AccessPolicy(org, grants).scope_filter(Permission::users_read);
  EXPECT_TRUE(filter.everything);
  EXPECT_TRUE(filter.site_ids.empty());
  EXPECT_TRUE(filter.covers(std::nullopt, std::nullopt));
}

TEST(AccessPolicy, AdministratorsGrantOnlyInsideTheirScope) {
  const auto org = test::two_site_hospital();
  const Grants dept_admin{{Role::administrator, kEd}};
  AccessPolicy policy(org, dept_admin);
  EXPECT_TRUE(policy.may_grant({Role::quality_manager, kEd}));
  EXPECT_FALSE(policy.may_grant({Role::quality_manager, kMain}));
  EXPECT_FALSE(policy.may_grant({Role::administrator, kOrg}));
  EXPECT_FALSE(policy.may_grant({Role::staff_reporter, kIcu}));
}

TEST(AccessPolicy, AdministratorsManageOnlyPeopleWhoseEveryGrantIsInsideTheirScope) {
  const auto org = test::two_site_hospital();
  const Grants site_admin{{Role::administrator, kNorth}};
  AccessPolicy policy(org, site_admin);
  // Homed at North with North grants: theirs to manage.
  EXPECT_TRUE(policy.may_manage(kWard, {{Role::staff_reporter, kWard}, {Role::quality_manager, kNorth}}));
  EXPECT_TRUE(policy.may_manage(kWard, {}));
  // Homed at North but holding an organisation-wide role (issue 12, finding 2): not theirs.
  EXPECT_FALSE(policy.may_manage(kWard, {{Role::staff_reporter, kWard}, {Role::quality_manager, kOrg}}));
  // Homed at North, holding a role at Main Campus: not theirs either.
  EXPECT_FALSE(policy.may_manage(kWard, {{Role::auditor, kIcu}}));
  // Homed elsewhere: never.
  EXPECT_FALSE(policy.may_manage(kEd, {{Role::staff_reporter, kWard}}));
  const Grants org_admin{{Role::administrator, kOrg}};
  EXPECT_TRUE(AccessPolicy(org, org_admin).may_manage(kWard, {{Role::administrator, kOrg}}));
}

TEST(AccessPolicy, GrantsOnScopesThatNoLongerExistGiveNothing) {
  const auto org = test::two_site_hospital();
  const Grants grants{{Role::administrator, {ScopeType::site, 77}}};
  AccessPolicy policy(org, grants);
  EXPECT_FALSE(policy.allows_somewhere(Permission::users_read));
  EXPECT_TRUE(policy.permissions().empty());
}

TEST(Roles, EveryRoleHasAnIdLabelAndReadsTheOrganisation) {
  for (auto role : all_roles()) {
    EXPECT_EQ(role_from_string(to_string(role)), role);
    EXPECT_FALSE(label(role).empty());
    EXPECT_FALSE(description(role).empty());
    EXPECT_TRUE(role_has(role, Permission::org_read));
  }
  EXPECT_FALSE(role_from_string("superuser"));
  EXPECT_TRUE(role_has(Role::auditor, Permission::audit_read));
  EXPECT_FALSE(role_has(Role::auditor, Permission::users_manage));
  EXPECT_FALSE(role_has(Role::executive, Permission::audit_read));
}

TEST(Roles, EveryPermissionIsListedOnceWithItsOwnName) {
  std::set<std::string_view> names;
  for (auto p : all_permissions()) EXPECT_TRUE(names.insert(to_string(p)).second) << to_string(p);
  EXPECT_EQ(names.size(), static_cast<std::size_t>(Permission::data_import) + 1);
  for (auto name : {"capa.read", "capa.manage", "risks.read", "risks.manage", "risks.configure",
                    "indicators.read", "indicators.manage", "data.import"})
    EXPECT_TRUE(names.count(name)) << name;
}

TEST(Roles, CapaAndRiskPermissionsGoToTheRolesThatKeepTheWork) {
  using R = Role;
  const std::set<Role> readers{
      R::department_manager, R::patient_safety_officer, R::quality_manager, R::quality_analyst, R::auditor,
      R::executive};
  const std::set<Role> keepers{R::department_manager, R::patient_safety_officer, R::quality_manager};
  for (auto role : all_roles()) {
    EXPECT_EQ(role_has(role, Permission::capa_read), readers.count(role) == 1) << to_string(role);
    EXPECT_EQ(role_has(role, Permission::risks_read), readers.count(role) == 1) << to_string(role);
    EXPECT_EQ(role_has(role, Permission::capa_manage), keepers.count(role) == 1) << to_string(role);
    EXPECT_EQ(role_has(role, Permission::risks_manage), keepers.count(role) == 1) << to_string(role);
    // The bands change what every register escalates, so only quality managers set them.
    EXPECT_EQ(role_has(role, Permission::risks_configure), role == R::quality_manager) << to_string(role);
  }
}

TEST(Roles, IndicatorPermissionsGoToReadersAnalystsAndImporters) {
  using R = Role;
  const std::set<Role> readers{
      R::department_manager, R::patient_safety_officer, R::quality_manager, R::quality_analyst, R::auditor,
      R::executive};
  for (auto role : all_roles()) {
    EXPECT_EQ(role_has(role, Permission::indicators_read), readers.count(role) == 1) << to_string(role);
    EXPECT_EQ(role_has(role, Permission::indicators_manage),
              role == R::quality_manager || role == R::quality_analyst)
        << to_string(role);
    // EHR extracts hold every patient's stay: only analysts and administrators bring them in.
    EXPECT_EQ(role_has(role, Permission::data_import), role == R::quality_analyst || role == R::administrator)
        << to_string(role);
  }
}

}  // namespace
}  // namespace hqms
