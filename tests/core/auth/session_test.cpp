#include "core/auth/session.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

using namespace std::chrono_literals;
const Timestamp t0 = *parse_iso("2026-11-26T08:00:00Z");

TEST(Session, EndsAfterTheIdleTimeout) {
  const SessionPolicy policy{15min, 12h, 15s};
  Session s{"h", 1, "c", t0, t0};
  EXPECT_EQ(session_state(s, t0 + 14min + 59s, policy), SessionState::active);
  EXPECT_EQ(session_state(s, t0 + 15min, policy), SessionState::idle_expired);
  s.last_seen_at = t0 + 10min;
  EXPECT_EQ(session_state(s, t0 + 20min, policy), SessionState::active);
}

TEST(Session, EndsAfterItsAbsoluteLifetimeEvenWhenBusy) {
  const SessionPolicy policy{15min, 12h, 15s};
  Session s{"h", 1, "c", t0, t0 + 12h - 1s};
  EXPECT_EQ(session_state(s, t0 + 12h, policy), SessionState::lifetime_expired);
}

TEST(Session, TouchedOnlyAfterTheInterval) {
  const SessionPolicy policy{15min, 12h, 15s};
  Session s{"h", 1, "c", t0, t0};
  EXPECT_FALSE(session_needs_touch(s, t0 + 14s, policy));
  EXPECT_TRUE(session_needs_touch(s, t0 + 15s, policy));
}

}  // namespace
}  // namespace hqms
