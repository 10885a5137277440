#include "core/auth/second_factor.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/auth/base32.hpp"
#include "core/auth/recovery_codes.hpp"

namespace hqms {
namespace {

TEST(SecondFactor, NeededForAdministratorsAnywhereAndEveryOrganisationWideGrant) {
  const ScopeRef org{ScopeType::organisation, 1}, site{ScopeType::site, 2}, dept{ScopeType::department, 3};
  EXPECT_TRUE(needs_second_factor({{Role::administrator, dept}}));
  EXPECT_TRUE(needs_second_factor({{Role::administrator, site}}));
  EXPECT_TRUE(needs_second_factor({{Role::staff_reporter, dept}, {Role::auditor, org}}));
  EXPECT_TRUE(needs_second_factor({{Role::executive, org}}));
  EXPECT_FALSE(needs_second_factor({{Role::quality_manager, site}, {Role::staff_reporter, dept}}));
  EXPECT_FALSE(needs_second_factor({}));
}

TEST(SecondFactor, SecretsAre160RandomBits) {
  const auto a = new_totp_secret(), b = new_totp_secret();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_NE(a, b);
}

TEST(SecondFactor, KeyUriNamesTheIssuerAndEncodesTheLabel) {
  const std::string secret = "12345678901234567890";
  EXPECT_EQ(
      otpauth_uri(secret, "admin", "St Example: North"),
      "otpauth://totp/HQMS%20%28St%20Example%20%20North%29:admin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
      "&issuer=HQMS%20%28St%20Example%20%20North%29&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(otp_issuer(""), "HQMS");
}

TEST(RecoveryCodes, TenDistinctCodesOf120BitsInGroups) {
  const auto codes = new_recovery_codes();
  ASSERT_EQ(codes.size(), 10u);
  std::set<std::string> distinct(codes.begin(), codes.end());
  EXPECT_EQ(distinct.size(), 10u);
  for (const auto& code : codes) {
    EXPECT_EQ(code.size(), 29u) << code;  // 24 characters and 5 dashes
    EXPECT_TRUE(looks_like_recovery_code(code)) << code;
    EXPECT_EQ(base32_decode(normalised_recovery_code(code))->size(), 15u);
  }
}

TEST(RecoveryCodes, HashIgnoresCaseSpacesAndDashes) {
  const std::string code = "K7QF-2MZD-ABCD-EFGH-IJKL-MNOP";
  EXPECT_EQ(recovery_code_hash(code), recovery_code_hash("k7qf 2mzd abcd efgh ijkl mnop"));
  EXPECT_NE(recovery_code_hash(code), recovery_code_hash("K7QF-2MZD-ABCD-EFGH-IJKL-MNOQ"));
  EXPECT_EQ(recovery_code_hash(code).size(), 64u);
  EXPECT_FALSE(looks_like_recovery_code("123456"));
}

}  // namespace
}  // namespace hqms
