#pragma once
// Who needs a second factor, and what an authenticator app is given to enrol.
#include <string>
#include <string_view>

#include "core/access/grant.hpp"

namespace hqms {

// Bytes from the OS CSPRNG (libsodium), for secrets that are not tokens.
std::string random_secret_bytes(std::size_t count);

// A new TOTP key: 160 bits, the length RFC 4226 §4 (R6) recommends and the HMAC-SHA1 block uses in full.
inline constexpr std::size_t kTotpSecretBytes = 20;
std::string new_totp_secret();

// A person needs a second factor when the organisation requires one for administrators and
// organisation-wide roles, and they hold an administrator grant at any scope or any grant at the
// organisation's scope: those accounts reach every site's records or can hand out access.
bool needs_second_factor(const Grants& grants);

// The key URI authenticator apps read from a QR code (the Google Authenticator "Key Uri Format", the de
// facto standard):
// otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30. The issuer is
// "HQMS" with the organisation's name, so that a person with accounts at two hospitals can tell the entries
// apart.
std::string otpauth_uri(std::string_view secret, std::string_view account, std::string_view organisation);
// The issuer shown in the app: "HQMS (St Example Hospital)".
std::string otp_issuer(std::string_view organisation);

}  // namespace hqms
