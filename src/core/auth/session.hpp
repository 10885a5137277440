#pragma once
#include <chrono>
#include <optional>
#include <string>

#include "core/common/timestamp.hpp"
#include "core/org/organisation.hpp"

namespace hqms {

// A signed-in browser. The cookie carries a random token; only its SHA-256 is stored, so a copy of the
// database does not let anyone sign in.
struct Session {
  std::string token_hash;
  Id user_id = 0;
  std::string csrf_token;
  Timestamp created_at{};
  Timestamp last_seen_at{};
};

struct SessionPolicy {
  std::chrono::seconds idle_timeout{15 * 60};
  std::chrono::hours absolute_lifetime{12};
  // last_seen_at is written at most this often: a write per request would serialise every read.
  std::chrono::seconds touch_interval{15};
};

enum class SessionState { active, idle_expired, lifetime_expired };

SessionState session_state(const Session& s, Timestamp now, const SessionPolicy& policy);
bool session_needs_touch(const Session& s, Timestamp now, const SessionPolicy& policy);

}  // namespace hqms
