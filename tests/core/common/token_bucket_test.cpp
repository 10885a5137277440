#include "core/common/token_bucket.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

using namespace std::chrono_literals;
const Timestamp t0 = *parse_iso("2026-12-01T08:00:00Z");

TEST(TokenBucket, ABurstThenASteadyRate) {
  const BucketPolicy policy{3, 1.0 / 60};  // three at once, then one a minute
  TokenBucket b;
  EXPECT_FALSE(take_token(b, t0, policy));
  EXPECT_FALSE(take_token(b, t0, policy));
  EXPECT_FALSE(take_token(b, t0, policy));
  EXPECT_EQ(take_token(b, t0, policy), 60);
  EXPECT_EQ(take_token(b, t0 + 45s, policy), 15) << "a refused request takes nothing";
  EXPECT_FALSE(take_token(b, t0 + 60s, policy));
  EXPECT_EQ(take_token(b, t0 + 60s, policy), 60);
}

TEST(TokenBucket, RefillsNoHigherThanItsCapacity) {
  const BucketPolicy policy{2, 1};
  TokenBucket b;
  EXPECT_FALSE(take_token(b, t0, policy));
  EXPECT_FALSE(bucket_full_at(b, t0, policy));
  EXPECT_TRUE(bucket_full_at(b, t0 + 1h, policy));
  EXPECT_FALSE(take_token(b, t0 + 1h, policy));
  EXPECT_FALSE(take_token(b, t0 + 1h, policy));
  EXPECT_EQ(take_token(b, t0 + 1h, policy), 1);
}

TEST(TokenBucket, AClockThatStepsBackGivesNothingAway) {
  const BucketPolicy policy{1, 1.0 / 3600};
  TokenBucket b;
  EXPECT_FALSE(take_token(b, t0, policy));
  EXPECT_TRUE(take_token(b, t0 - 10h, policy));
}

}  // namespace
}  // namespace hqms
