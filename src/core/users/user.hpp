#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/access/grant.hpp"
#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"

namespace hqms {

struct User {
  Id id = 0;
  std::string username;
  std::string display_name;
  std::string email;
  std::optional<Id> home_department_id;
  bool active = true;
  std::optional<Timestamp> locked_until;
  Timestamp created_at{};
  std::optional<Timestamp> last_login_at;
  Grants grants;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string email;
  std::string password;
  std::optional<Id> home_department_id;
  Grants grants;
};

struct UserChanges {
  std::optional<std::string> display_name;
  std::optional<std::string> email;
  std::optional<std::optional<Id>> home_department_id;  // outer: changed at all; inner: null clears it
  std::optional<bool> active;
};

// Field rules shared by every way a user is created or changed.
std::vector<FieldError> check_username(const std::string& username);
std::vector<FieldError> check_profile(const std::string& display_name, const std::string& email);
std::vector<FieldError> check_placement(const Organisation& org, std::optional<Id> home_department_id,
                                        const Grants& grants);

// The scope a user account belongs to, for deciding which administrators may see and manage it.
ScopeRef user_scope(const Organisation& org, const User& user);

}  // namespace hqms
