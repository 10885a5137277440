#pragma once
// Whether a session is restricted to enrolling a second factor, read afresh on every request so that turning
// the organisation's setting on restricts sessions already open.
#include "core/users/user.hpp"
#include "http/problems/problem.hpp"
#include "store/database.hpp"

namespace hqms::http {

// The organisation requires a second factor of `user` (needs_second_factor) and they have not confirmed one.
Result<bool> must_enrol_second_factor(store::UnitOfWork& uow, const User& user);

// 403 for every route but enrolment and sign-out while the session must enrol first.
Problem second_factor_enrolment_required();

}  // namespace hqms::http
