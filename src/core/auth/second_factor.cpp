#include "core/auth/second_factor.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/auth/base32.hpp"
#include "core/auth/one_time_password.hpp"

namespace hqms {
namespace {

// RFC 3986 percent-encoding of everything but the unreserved characters (§2.3).
std::string percent_encoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

std::string random_secret_bytes(std::size_t count) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::string out(count, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string new_totp_secret() {
  return random_secret_bytes(kTotpSecretBytes);
}

bool needs_second_factor(const Grants& grants) {
  return std::any_of(grants.begin(), grants.end(), [](const Grant& g) {
    return g.role == Role::administrator || g.scope.type == ScopeType::organisation;
  });
}

std::string otp_issuer(std::string_view organisation) {
  // The label's issuer prefix ends at the first colon, so a colon in the name would cut it short.
  std::string name(organisation);
  std::replace(name.begin(), name.end(), ':', ' ');
  return name.empty() ? "HQMS" : "HQMS (" + name + ")";
}

std::string otpauth_uri(std::string_view secret, std::string_view account, std::string_view organisation) {
  const auto issuer = percent_encoded(otp_issuer(organisation));
  return "otpauth://totp/" + issuer + ":" + percent_encoded(account) + "?secret=" + base32_encode(secret) +
         "&issuer=" + issuer + "&algorithm=SHA1&digits=6&period=" + std::to_string(kTotpPeriod.count());
}

}  // namespace hqms
