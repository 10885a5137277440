#pragma once
// One-time passwords for the second factor: HOTP (RFC 4226) and TOTP (RFC 6238), the codes authenticator
// apps show. HMAC comes from OpenSSL's libcrypto: libsodium has no HMAC-SHA1, and SHA-1 is what the apps use
// unless told otherwise (RFC 6238 §1.2 allows SHA-256 and SHA-512 too).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/timestamp.hpp"

namespace hqms {

enum class OtpHash { sha1, sha256, sha512 };

// RFC 4226 §5.3: HMAC of the 8-byte big-endian counter, dynamic truncation, the low `digits` decimal digits
// (zero-padded).
std::string hotp(std::string_view key, std::uint64_t counter, int digits = 6, OtpHash hash = OtpHash::sha1);

// RFC 6238 §4: time steps of 30 seconds from the Unix epoch (T0 = 0).
inline constexpr std::chrono::seconds kTotpPeriod{30};
std::int64_t totp_step(Timestamp at);
std::string totp(std::string_view key, std::int64_t step, int digits = 6, OtpHash hash = OtpHash::sha1);

// The step a typed code belongs to, trying the current step and one either side (RFC 6238 §5.2 allows one
// step of clock drift each way), and only steps after `last_accepted`: a code once accepted is never
// accepted again (§5.2, "MUST NOT accept the second attempt of the same OTP"). Spaces in the code are
// ignored; anything but six digits is no match. Compares in constant time.
std::optional<std::int64_t> match_totp(std::string_view key, std::string_view code, Timestamp now,
                                       std::optional<std::int64_t> last_accepted);

}  // namespace hqms
