#include "core/auth/login_throttle.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

using namespace std::chrono_literals;
const Timestamp t0 = *parse_iso("2026-11-26T08:00:00Z");
const ThrottlePolicy kPolicy{3, 30s, 15min, 24h};

ThrottleState failed(int times, Timestamp at, const ThrottlePolicy& policy = kPolicy) {
  ThrottleState s;
  for (int i = 0; i < times; ++i) s = throttle_after_failure(s, at, policy);
  return s;
}

TEST(LoginThrottle, FreeFailuresThenAWaitThatDoubles) {
  EXPECT_EQ(throttle_delay(0, kPolicy), 0s);
  EXPECT_EQ(throttle_delay(3, kPolicy), 0s);
  EXPECT_EQ(throttle_delay(4, kPolicy), 30s);
  EXPECT_EQ(throttle_delay(5, kPolicy), 60s);
  EXPECT_EQ(throttle_delay(6, kPolicy), 120s);
  EXPECT_EQ(throttle_delay(9, kPolicy), 900s) << "capped at the longest wait";
  EXPECT_EQ(throttle_delay(1'000'000, kPolicy), 900s) << "no overflow however many failures";
}

TEST(LoginThrottle, NoHardLockoutOnlyAWait) {
  auto s = failed(3, t0);
  EXPECT_FALSE(throttle_retry_after(s, t0));
  s = throttle_after_failure(s, t0, kPolicy);
  ASSERT_TRUE(throttle_retry_after(s, t0));
  EXPECT_EQ(*throttle_retry_after(s, t0), 30);
  EXPECT_EQ(*throttle_retry_after(s, t0 + 20s), 10);
  EXPECT_FALSE(throttle_retry_after(s, t0 + 30s)) << "after the wait the next attempt is checked";
  s = throttle_after_failure(s, t0 + 31s, kPolicy);
  EXPECT_EQ(*throttle_retry_after(s, t0 + 31s), 60);
}

TEST(LoginThrottle, FailuresAreForgottenAfterAQuietDay) {
  auto s = failed(6, t0);
  s = throttle_after_failure(s, t0 + 25h, kPolicy);
  EXPECT_EQ(s.failures, 1);
  EXPECT_FALSE(throttle_retry_after(s, t0 + 25h));
}

TEST(SignInThrottle, AFreshAddressIsNeverRefusedForSomebodyElsesFailures) {
  SignInThrottles t;
  t.account = failed(50, t0);  // the account is under attack from elsewhere
  t.address = failed(80, t0);  // and the shared proxy address has failed a lot
  EXPECT_FALSE(sign_in_retry_after(t, t0 + 1s, kPolicy)) << "this pair has not failed: check the password";
}

TEST(SignInThrottle, APairThatHasFailedWaitsForTheLongestOfItsKeys) {
  SignInThrottles t;
  t.pair = failed(1, t0);
  t.account = failed(7, t0);  // 240 s
  t.address = failed(5, t0);  // 60 s
  EXPECT_EQ(sign_in_retry_after(t, t0, kPolicy), 240);
  t.account = {};
  EXPECT_EQ(sign_in_retry_after(t, t0, kPolicy), 60);
  t.address = {};
  EXPECT_FALSE(sign_in_retry_after(t, t0, kPolicy)) << "one failure of its own is within the free ones";
}

TEST(SignInThrottle, APairFailingAloneIsSlowedByItsOwnCount) {
  SignInThrottles t;
  t.pair = failed(5, t0);
  EXPECT_EQ(sign_in_retry_after(t, t0, kPolicy), 60);
  EXPECT_FALSE(sign_in_retry_after(t, t0 + 25h, kPolicy)) << "a day later the pair is fresh again";
}

}  // namespace
}  // namespace hqms
