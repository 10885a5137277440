#include "core/incidents/follow_up_code.hpp"

#include <sodium.h>

#include <array>
#include <cctype>

namespace hqms {
namespace {
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kCharacters = 16;  // 16 x 5 bits = 80 bits
}  // namespace

std::string new_follow_up_code() {
  if (sodium_init() < 0) return {};
  std::array<unsigned char, 10> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      if (out.size() % 5 == 4) out += '-';
      out += kAlphabet[(buffer >> bits) & 31];
    }
  }
  return out;
}

std::optional<std::string> normalise_follow_up_code(std::string_view typed) {
  std::string chars;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    chars += c;
  }
  if (chars.size() != kCharacters) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (i && i % 4 == 0) out += '-';
    out += chars[i];
  }
  return out;
}

}  // namespace hqms
