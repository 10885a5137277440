#pragma once
// Slows password guessing: failures counted per key (a username, an address) in a sliding window, and a
// lockout once a key has failed too often.
#include <chrono>
#include <optional>

#include "core/common/timestamp.hpp"

namespace hqms {

struct ThrottlePolicy {
  int max_failures = 5;
  std::chrono::minutes window{15};
  std::chrono::minutes lockout{15};
};

struct ThrottleState {
  int failures = 0;
  Timestamp window_start{};
  std::optional<Timestamp> locked_until;
};

// Seconds until the key may try again, or nullopt when it may try now.
std::optional<int> throttle_retry_after(const ThrottleState& state, Timestamp now);
ThrottleState throttle_after_failure(const ThrottleState& state, Timestamp now, const ThrottlePolicy& policy);

}  // namespace hqms
