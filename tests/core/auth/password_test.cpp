#include <gtest/gtest.h>

#include "core/auth/password_hash.hpp"
#include "core/auth/password_policy.hpp"

namespace hqms {
namespace {

TEST(PasswordPolicy, AcceptsALongUnguessablePassphrase) {
  EXPECT_FALSE(check_password({}, "correct horse battery", "nurse.ed"));
}

TEST(PasswordPolicy, RefusesWithAReason) {
  const PasswordPolicy policy;
  EXPECT_EQ(check_password(policy, "short", "x"), "must be at least 12 characters");
  EXPECT_EQ(check_password(policy, std::string(129, 'a') + "b", "x"), "must be at most 128 characters");
  EXPECT_EQ(check_password(policy, "my-Nurse.Ed-password", "nurse.ed"), "must not contain the username");
  EXPECT_EQ(check_password(policy, "aaaaaaaaaaaaaaa", "x"), "must not repeat a single character");
  EXPECT_EQ(check_password(policy, "Password1234", "x"), "is too common; choose another");
}

TEST(PasswordHash, VerifiesOnlyTheRightPassword) {
  const auto hash = hash_password("correct horse battery");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(hash, "correct horse batterY"));
  EXPECT_FALSE(verify_password("not a hash", "correct horse battery"));
  EXPECT_NE(hash, hash_password("correct horse battery")) << "salts must differ";
}

TEST(PasswordHash, DecoyMatchesNothingObvious) {
  EXPECT_FALSE(verify_password(decoy_password_hash(), ""));
  EXPECT_FALSE(verify_password(decoy_password_hash(), "password"));
}

}  // namespace
}  // namespace hqms
