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
};

}  // namespace hqms::http
