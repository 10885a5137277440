#include "core/auth/login_throttle.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

using namespace std::chrono_literals;
const Timestamp t0 = *parse_iso("2026-11-26T08:00:00Z");

TEST(LoginThrottle, LocksAfterTheLimitAndUnlocksLater) {
  const ThrottlePolicy policy{3, 15min, 10min};
  ThrottleState s;
  s = throttle_after_failure(s, t0, policy);
  s = throttle_after_failure(s, t0 + 1min, policy);
  EXPECT_FALSE(throttle_retry_after(s, t0 + 1min));
  s = throttle_after_failure(s, t0 + 2min, policy);
  ASSERT_TRUE(throttle_retry_after(s, t0 + 2min));
  EXPECT_EQ(*throttle_retry_after(s, t0 + 2min), 600);
  EXPECT_EQ(*throttle_retry_after(s, t0 + 11min + 30s), 30);
  EXPECT_FALSE(throttle_retry_after(s, t0 + 12min));
}

TEST(LoginThrottle, OldFailuresFallOutOfTheWindow) {
  const ThrottlePolicy policy{3, 15min, 10min};
  ThrottleState s;
  s = throttle_after_failure(s, t0, policy);
  s = throttle_after_failure(s, t0 + 1min, policy);
  s = throttle_after_failure(s, t0 + 20min, policy);
  EXPECT_EQ(s.failures, 1);
  EXPECT_FALSE(throttle_retry_after(s, t0 + 20min));
}

TEST(LoginThrottle, AFailureAfterALockoutStartsAFreshCount) {
  const ThrottlePolicy policy{2, 60min, 5min};
  ThrottleState s;
  s = throttle_after_failure(s, t0, policy);
  s = throttle_after_failure(s, t0, policy);
  ASSERT_TRUE(throttle_retry_after(s, t0));
  s = throttle_after_failure(s, t0 + 6min, policy);
  EXPECT_EQ(s.failures, 1);
  EXPECT_FALSE(throttle_retry_after(s, t0 + 6min));
}

}  // namespace
}  // namespace hqms
