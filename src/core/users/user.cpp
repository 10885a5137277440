#include "core/users/user.hpp"

#include <algorithm>

namespace hqms {

std::vector<FieldError> check_username(const std::string& username) {
  if (username.size() < 3 || username.size() > 64) return {{"username", "must be 3 to 64 characters"}};
  auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  };
  if (!std::all_of(username.begin(), username.end(), allowed))
    return {{"username", "may contain only lower-case letters, digits, '.', '_' and '-'"}};
  return {};
}

std::vector<FieldError> check_profile(const std::string& display_name, const std::string& email) {
  std::vector<FieldError> errors;
  if (display_name.empty() || display_name.size() > 200)
    errors.push_back({"displayName", "must be 1 to 200 characters"});
  // Deliberately loose: the mail server is the real judge of an address; this catches typing slips.
  auto at = email.find('@');
  if (!email.empty() && (email.size() > 254 || at == std::string::npos || at == 0 ||
                         email.find('.', at) == std::string::npos || email.find(' ') != std::string::npos))
    errors.push_back({"email", "is not a valid e-mail address"});
  return errors;
}

std::vector<FieldError> check_placement(const Organisation& org, std::optional<Id> home_department_id,
                                        const Grants& grants) {
  std::vector<FieldError> errors;
  if (home_department_id && !org.department(*home_department_id))
    errors.push_back({"homeDepartmentId", "no such department"});
  for (std::size_t i = 0; i < grants.size(); ++i) {
    if (!org.exists(grants[i].scope))
      errors.push_back({"grants[" + std::to_string(i) + "].scope", "no such scope in this organisation"});
    for (std::size_t j = 0; j < i; ++j)
      if (grants[j] == grants[i]) errors.push_back({"grants[" + std::to_string(i) + "]", "is listed twice"});
  }
  return errors;
}

ScopeRef user_scope(const Organisation& org, const User& user) {
  if (user.home_department_id && org.department(*user.home_department_id))
    return {ScopeType::department, *user.home_department_id};
  return {ScopeType::organisation, org.id};
}

}  // namespace hqms
