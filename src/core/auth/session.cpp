#include "core/auth/session.hpp"

namespace hqms {

SessionState session_state(const Session& s, Timestamp now, const SessionPolicy& policy) {
  if (now - s.created_at >= policy.absolute_lifetime) return SessionState::lifetime_expired;
  // last_seen_at lags by up to touch_interval, so a session can end that much early but never late.
  if (now - s.last_seen_at >= policy.idle_timeout) return SessionState::idle_expired;
  return SessionState::active;
}

bool session_needs_touch(const Session& s, Timestamp now, const SessionPolicy& policy) {
  return now - s.last_seen_at >= policy.touch_interval;
}

}  // namespace hqms
