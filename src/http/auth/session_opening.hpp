#pragma once
// Opening a session once a person has proven who they are: after the password, or after the password and
// then the second factor (routes/second_factor_sign_in.cpp).
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "http/auth/principal.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

// The session as sign-in and GET /auth/session answer it. A session that must enrol a second factor first
// lists no permissions: it holds none until it has.
nlohmann::json session_json(const Principal& p, const ServerConfig& config, Timestamp now);

// An audit event about a sign-in, a failed one or a sign-out, by `username` (who may not exist).
AuditEvent login_event(const Organisation& org, const std::optional<User>& user, const std::string& username,
                       std::string action, std::string summary);

// Stores a new session for `user`, records the sign-in with `summary` and answers the session with its
// cookie. `also` runs in the same transaction (clearing failure counters).
Result<Response> open_session(RequestContext& ctx, const Organisation& org, User user,
                              const std::string& summary,
                              const std::function<Result<void>(store::UnitOfWork&)>& also);

}  // namespace hqms::http
