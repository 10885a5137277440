#pragma once
// Base32 (RFC 4648 §6): how authenticator apps take a TOTP secret, typed or read from a QR code.
#include <optional>
#include <string>
#include <string_view>

namespace hqms {

// Upper-case RFC 4648 alphabet without '=' padding, as the otpauth:// key URI format expects.
std::string base32_encode(std::string_view bytes);
// Accepts either case, ignores spaces and '-' (people copy secrets in groups) and trailing '=' padding;
// nullopt for any other character or a length no encoder produces.
std::optional<std::string> base32_decode(std::string_view text);

}  // namespace hqms
