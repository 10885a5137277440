#include "core/auth/password_policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace hqms {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Passwords long enough to pass the length rule that still top breach lists.
constexpr std::array<std::string_view, 16> kCommon{
    "password1234", "123456789012", "qwertyuiop12",     "passwordpassword", "iloveyou1234", "administrator",
    "welcome12345", "letmein12345", "changeme1234",     "hospital1234",     "password123!", "qwerty123456",
    "abc123456789", "p@ssword1234", "trustno1trustno1", "1q2w3e4r5t6y"};

}  // namespace

std::optional<std::string> check_password(const PasswordPolicy& policy, std::string_view password,
                                          std::string_view username) {
  if (password.size() < policy.min_length)
    return "must be at least " + std::to_string(policy.min_length) + " characters";
  if (password.size() > policy.max_length)
    return "must be at most " + std::to_string(policy.max_length) + " characters";
  auto pw = lower(password);
  if (!username.empty() && pw.find(lower(username)) != std::string::npos)
    return "must not contain the username";
  if (std::all_of(pw.begin(), pw.end(), [&](char c) { return c == pw.front(); }))
    return "must not repeat a single character";
  if (std::find(kCommon.begin(), kCommon.end(), pw) != kCommon.end()) return "is too common; choose another";
  return std::nullopt;
}

}  // namespace hqms
