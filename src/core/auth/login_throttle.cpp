#include "core/auth/login_throttle.hpp"

namespace hqms {

std::optional<int> throttle_retry_after(const ThrottleState& state, Timestamp now) {
  if (!state.locked_until || *state.locked_until <= now) return std::nullopt;
  auto wait = std::chrono::ceil<std::chrono::seconds>(*state.locked_until - now);
  return static_cast<int>(wait.count());
}

ThrottleState throttle_after_failure(const ThrottleState& state, Timestamp now,
                                     const ThrottlePolicy& policy) {
  ThrottleState next = state;
  const bool window_over = now - state.window_start >= policy.window;
  const bool lock_over = state.locked_until && *state.locked_until <= now;
  if (window_over || lock_over) next = ThrottleState{0, now, std::nullopt};
  next.failures += 1;
  if (next.failures >= policy.max_failures) next.locked_until = now + policy.lockout;
  return next;
}

}  // namespace hqms
