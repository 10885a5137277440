#pragma once
// Reading, counting and clearing the sign-in throttle (core/auth/login_throttle.hpp) in a unit of work. The
// password step, the second-factor step and the proof asked before changing a second factor all go through
// here, so a wrong code counts exactly like a wrong password: under the account-and-address pair, the account
// and the address, with the policies the server was started with.
#include <optional>

#include "core/auth/login_throttle.hpp"
#include "http/app.hpp"
#include "store/database.hpp"

namespace hqms::http {

// Seconds the attempt under `keys` must wait, or nullopt when it may be checked now.
Result<std::optional<int>> sign_in_wait(store::UnitOfWork& uow, const ThrottleKeys& keys,
                                        const ServerConfig& config, Timestamp now);
// Counts one failed attempt under each of its keys.
Result<void> count_failed_sign_in(store::UnitOfWork& uow, const ThrottleKeys& keys,
                                  const ServerConfig& config, Timestamp now);
// A success ends the account's run of consecutive failures (NIST SP 800-63B §5.2.2) and this pair's; the
// address's count stays, so that one good account cannot launder a spray of guesses at others.
Result<void> clear_failed_sign_ins(store::UnitOfWork& uow, const ThrottleKeys& keys);

}  // namespace hqms::http
