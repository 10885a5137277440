#pragma once
// Who may see and who may manage a person's account: the checks every route that touches another person's
// account (profile, roles, password, second factor) goes through.
#include <string_view>

#include "core/users/user.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

// The user, if the caller holds `permission` where the account lives (refusals are audited).
Result<User> load_user_in_scope(RequestContext& ctx, Id id, Permission permission, std::string_view what);
// The user, if the caller may manage them: users.manage where the account lives and over every grant the
// person holds (AccessPolicy::may_manage). A refusal is a 403, audited.
Result<User> load_manageable_user(RequestContext& ctx, Id id, std::string_view what);

}  // namespace hqms::http
