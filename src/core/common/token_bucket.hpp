#pragma once
// A token bucket (the classic traffic-shaping meter, e.g. RFC 2697's single-rate meter without colours): a
// bucket holds up to `capacity` tokens, refills at `per_second`, and each admitted request takes one. It lets
// a burst through and then a steady rate, which suits people who file one report and then a follow-up.
#include <optional>

#include "core/common/timestamp.hpp"

namespace hqms {

struct BucketPolicy {
  double capacity = 1;
  double per_second = 1;
};

struct TokenBucket {
  double tokens = 0;
  Timestamp refilled_at{};
  bool fresh = true;  // never used: starts full
};

// Takes a token when one is there (nullopt) or leaves the bucket as it was and says how many whole seconds
// until one will be.
std::optional<int> take_token(TokenBucket& bucket, Timestamp now, const BucketPolicy& policy);
// Whether the bucket, left alone until `now`, would be full again (and so can be forgotten).
bool bucket_full_at(const TokenBucket& bucket, Timestamp now, const BucketPolicy& policy);

}  // namespace hqms
