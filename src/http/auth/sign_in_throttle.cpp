#include "http/auth/sign_in_throttle.hpp"

#include <utility>

namespace hqms::http {

Result<std::optional<int>> sign_in_wait(store::UnitOfWork& uow, const ThrottleKeys& keys,
                                        const ServerConfig& config, Timestamp now) {
  SignInThrottles throttles;
  for (auto [key, state] :
       {std::pair{&keys.pair, &throttles.pair}, std::pair{&keys.account, &throttles.account},
        std::pair{&keys.address, &throttles.address}}) {
    auto stored = uow.throttle().get(*key);
    if (!stored) return stored.error();
    *state = *stored;
  }
  return sign_in_retry_after(throttles, now, config.pair_throttle);
}

Result<void> count_failed_sign_in(store::UnitOfWork& uow, const ThrottleKeys& keys,
                                  const ServerConfig& config, Timestamp now) {
  for (const auto& [key, policy] :
       {std::pair{&keys.pair, &config.pair_throttle}, std::pair{&keys.account, &config.account_throttle},
        std::pair{&keys.address, &config.address_throttle}}) {
    auto state = uow.throttle().get(*key);
    if (!state) return state.error();
    if (auto r = uow.throttle().put(*key, throttle_after_failure(*state, now, *policy)); !r) return r;
  }
  return {};
}

Result<void> clear_failed_sign_ins(store::UnitOfWork& uow, const ThrottleKeys& keys) {
  if (auto r = uow.throttle().clear(keys.pair); !r) return r;
  return uow.throttle().clear(keys.account);
}

}  // namespace hqms::http
