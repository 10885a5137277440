#pragma once
#include "core/auth/session.hpp"
#include "core/org/organisation.hpp"
#include "core/users/user.hpp"

namespace hqms::http {

// Who is calling, with the organisation their grants are read against.
struct Principal {
  User user;
  Session session;
  Organisation org;
  // The organisation requires a second factor of this person, who has none yet: the session may only enrol
  // one (Access::enrolling).
  bool must_enrol_second_factor = false;
};

}  // namespace hqms::http
