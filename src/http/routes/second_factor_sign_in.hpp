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

}  // namespace hqms::http
