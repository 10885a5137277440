#pragma once
#include <string>

#include "core/common/result.hpp"
#include "http/app.hpp"
#include "http/auth/principal.hpp"

namespace hqms::http {

inline constexpr std::string_view kSessionCookie = "hqms_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// Resolves the session cookie to a signed-in person, ending sessions that have idled out (and recording
// that automatic sign-out in the audit trail).
Result<Principal> authenticate(App& app, const Request& req);
// State-changing requests must echo the session's CSRF token in a header a cross-site form cannot set.
bool csrf_token_matches(const Request& req, const Session& session);
bool is_state_changing(Method method);

std::string session_cookie(const std::string& token, const ServerConfig& config);
std::string expired_session_cookie(const ServerConfig& config);

}  // namespace hqms::http
