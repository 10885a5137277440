#include "core/common/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace hqms {
namespace {

double level_at(const TokenBucket& bucket, Timestamp now, const BucketPolicy& policy) {
  if (bucket.fresh) return policy.capacity;
  const double elapsed = std::chrono::duration<double>(now - bucket.refilled_at).count();
  return std::min(policy.capacity, bucket.tokens + std::max(0.0, elapsed) * policy.per_second);
}

}  // namespace

std::optional<int> take_token(TokenBucket& bucket, Timestamp now, const BucketPolicy& policy) {
  const double level = level_at(bucket, now, policy);
  if (level < 1.0) {
    const double wait = (1.0 - level) / policy.per_second;
    return std::max(1, static_cast<int>(std::ceil(wait)));
  }
  bucket.tokens = level - 1.0;
  bucket.refilled_at = now;
  bucket.fresh = false;
  return std::nullopt;
}

bool bucket_full_at(const TokenBucket& bucket, Timestamp now, const BucketPolicy& policy) {
  return level_at(bucket, now, policy) >= policy.capacity;
}

}  // namespace hqms
