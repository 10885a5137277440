#pragma once
// NIST SP 800-63B style: length over composition rules, and no guessable passwords.
#include <optional>
#include <string>
#include <string_view>

namespace hqms {

struct PasswordPolicy {
  std::size_t min_length = 12;
  std::size_t max_length = 128;
};

// Why the password is refused, in words a person can act on; nullopt when it is acceptable.
std::optional<std::string> check_password(const PasswordPolicy& policy, std::string_view password,
                                          std::string_view username);

}  // namespace hqms
