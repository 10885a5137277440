#include "core/auth/login_throttle.hpp"

#include <algorithm>

namespace hqms {

std::optional<int> throttle_retry_after(const ThrottleState& state, Timestamp now) {
  if (!state.locked_until || *state.locked_until <= now) return std::nullopt;
  auto wait = std::chrono::ceil<std::chrono::seconds>(*state.locked_until - now);
  return static_cast<int>(wait.count());
}

std::chrono::seconds throttle_delay(int failures, const ThrottlePolicy& policy) {
  const int past_free = failures - policy.free_failures;
  if (past_free <= 0) return std::chrono::seconds(0);
  // 2^(past_free-1) overflows long before it matters: stop doubling once the longest wait is reached.
  auto delay = policy.first_delay;
  for (int i = 1; i < past_free && delay < policy.longest_delay; ++i) delay *= 2;
  return std::min(delay, policy.longest_delay);
}

ThrottleState throttle_after_failure(const ThrottleState& state, Timestamp now,
                                     const ThrottlePolicy& policy) {
  ThrottleState next = state;
  if (state.failures > 0 && now - state.last_failure >= policy.forget_after) next = ThrottleState{};
  next.failures += 1;
  next.last_failure = now;
  const auto delay = throttle_delay(next.failures, policy);
  if (delay > std::chrono::seconds(0))
    next.locked_until = now + delay;
  else
    next.locked_until.reset();
  return next;
}

std::string account_throttle_key(const std::string& username) {
  return "user:" + username;
}

std::string pair_prefix(const std::string& username) {
  return "pair:" + username + " ";
}

ThrottleKeys throttle_keys(const std::string& username, const std::string& address) {
  return {pair_prefix(username) + address, account_throttle_key(username), "ip:" + address};
}

std::optional<int> sign_in_retry_after(const SignInThrottles& t, Timestamp now,
                                       const ThrottlePolicy& pair_policy) {
  const bool pair_has_failed = t.pair.failures > 0 && now - t.pair.last_failure < pair_policy.forget_after;
  if (!pair_has_failed) return std::nullopt;
  std::optional<int> wait;
  for (const auto* state : {&t.pair, &t.account, &t.address})
    if (auto w = throttle_retry_after(*state, now)) wait = std::max(wait.value_or(0), *w);
  return wait;
}

}  // namespace hqms
