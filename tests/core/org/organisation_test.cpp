#include "core/org/organisation.hpp"

#include <gtest/gtest.h>

#include "core/org_fixture.hpp"

namespace hqms {
namespace {

TEST(Organisation, ContainmentFollowsTheTree) {
  const auto org = test::two_site_hospital();
  const ScopeRef whole{ScopeType::organisation, 1}, main{ScopeType::site, 10}, north{ScopeType::site, 20};
  const ScopeRef ed{ScopeType::department, 100}, icu{ScopeType::department, 101},
      ward{ScopeType::department, 200};
  EXPECT_TRUE(org.contains(whole, ward));
  EXPECT_TRUE(org.contains(main, ed));
  EXPECT_TRUE(org.contains(main, main));
  EXPECT_FALSE(org.contains(main, ward));
  EXPECT_FALSE(org.contains(north, ed));
  EXPECT_FALSE(org.contains(ed, icu));
  EXPECT_FALSE(org.contains(ed, main));
  EXPECT_TRUE(org.contains(ed, ed));
}

TEST(Organisation, UnknownScopesContainNothing) {
  const auto org = test::two_site_hospital();
  EXPECT_FALSE(org.contains({ScopeType::site, 99}, {ScopeType::department, 100}));
  EXPECT_FALSE(org.contains({ScopeType::organisation, 2}, {ScopeType::department, 100}));
  EXPECT_FALSE(org.contains({ScopeType::organisation, 1}, {ScopeType::department, 999}));
}

TEST(Organisation, NamesAndPlacement) {
  const auto org = test::two_site_hospital();
  EXPECT_EQ(org.name_of({ScopeType::department, 200}), "Medical Ward");
  EXPECT_FALSE(org.name_of({ScopeType::department, 5}));
  EXPECT_EQ(org.scope_of(10, 100), (ScopeRef{ScopeType::department, 100}));
  EXPECT_EQ(org.scope_of(10, std::nullopt), (ScopeRef{ScopeType::site, 10}));
  EXPECT_EQ(org.scope_of(std::nullopt, std::nullopt), (ScopeRef{ScopeType::organisation, 1}));
  EXPECT_EQ(scope_type_from_string("site"), ScopeType::site);
  EXPECT_FALSE(scope_type_from_string("ward"));
}

}  // namespace
}  // namespace hqms
