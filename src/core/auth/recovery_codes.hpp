#pragma once
// Recovery codes: single-use look-up secrets (NIST SP 800-63B §5.1.2) for when the authenticator is lost.
// Each carries 120 bits from the OS CSPRNG, so a plain SHA-256 is an acceptable way to keep it
// (§5.1.2.2: look-up secrets of at least 112 bits "SHALL be hashed with an approved one-way function"); the
// codes themselves are shown once and never stored.
#include <string>
#include <string_view>
#include <vector>

namespace hqms {

inline constexpr int kRecoveryCodeCount = 10;

// Ten new codes, each 24 base32 characters written in six groups of four: "K7QF-2MZD-…".
std::vector<std::string> new_recovery_codes();
// The form a typed code is compared in: upper case, without spaces or dashes.
std::string normalised_recovery_code(std::string_view typed);
// What is stored for a code: the SHA-256 of its normalised form, in hex.
std::string recovery_code_hash(std::string_view typed);
// Whether the text could be a recovery code at all (rather than a six-digit authenticator code).
bool looks_like_recovery_code(std::string_view typed);

}  // namespace hqms
