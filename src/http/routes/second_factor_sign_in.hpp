#pragma once
// Sign-in with a second factor: the password step ends in a challenge, and POST
// /api/v1/auth/login/second-factor answers it with an authenticator or recovery code.
#include <optional>

#include "core/users/user.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

// After a correct password: when `user` has a confirmed authenticator, the answer that asks for it (a
// short-lived single-use challenge token and secondFactorRequired) instead of a session; nullopt otherwise.
Result<std::optional<Response>> challenge_second_factor(RequestContext& ctx, const Organisation& org,
                                                        const User& user);

// The account's sign-in throttle (core/auth/login_throttle.hpp): a wrong second-factor code, or a wrong
// proof when changing the second factor, counts like a wrong password. Seconds to wait, or nullopt.
Result<std::optional<int>> sign_in_retry_after(store::UnitOfWork& uow, const User& user, Timestamp now);
Result<void> count_failed_sign_in(store::UnitOfWork& uow, const User& user, Timestamp now,
                                  const ThrottlePolicy& policy);
Result<void> clear_failed_sign_ins(store::UnitOfWork& uow, const User& user);

}  // namespace hqms::http
