#pragma once
// Thin wrappers over libsodium: hashing and randomness are pure computation, so they may live in core.
#include <optional>
#include <string>
#include <string_view>

namespace hqms {

std::string sha256_hex(std::string_view data);
// URL-safe random token carrying `bytes` bytes of entropy from the OS CSPRNG.
std::string random_token(std::size_t bytes = 32);
// Compares secrets without leaking their common prefix length through timing.
bool constant_time_equal(std::string_view a, std::string_view b);
// Standard base64 (RFC 4648, padded), for storing file bytes as text; decode gives nullopt on bad input.
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace hqms
